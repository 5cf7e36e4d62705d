def mean_normalise(values):
    """Rescale values to (x - mean) / (max - min); a new list of floats."""
    values = list(values)
    total = 0
    for v in values:
        total += v
    mean = total / len(values)
    spread = max(values) - min(values)
    if spread == 0:
        return [0.0] * len(values)
    return [(v - mean) / spread for v in values]
