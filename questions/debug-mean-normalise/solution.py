def mean_normalise(values):
    """Rescale values to (x - mean) / (max - min); a new list of floats."""
    values = [float(v) for v in values]
    if not values:
        raise ValueError("mean_normalise needs at least one value")
    mean = sum(values) / len(values)
    spread = max(values) - min(values)
    if spread == 0:
        return [0.0 for _ in values]
    return [(v - mean) / spread for v in values]
