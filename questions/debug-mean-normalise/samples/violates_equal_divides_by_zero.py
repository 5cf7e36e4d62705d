def mean_normalise(values):
    values = list(values)
    if not values:
        raise ValueError("empty input")
    mean = sum(values) / len(values)
    spread = max(values) - min(values)
    return [(v - mean) / spread for v in values]
