def mean_normalise(values):
    values = list(values)
    mean = sum(values) / len(values)  # ZeroDivisionError, not ValueError, when empty
    spread = max(values) - min(values)
    if spread == 0:
        return [0.0] * len(values)
    return [(v - mean) / spread for v in values]
