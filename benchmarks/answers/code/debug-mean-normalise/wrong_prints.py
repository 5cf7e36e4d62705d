def mean_normalise(values):
    """Rescale values to (x - mean) / (max - min); a new list of floats."""
    total = 0
    for v in values:
        total += v
    mean = total / len(values)
    spread = max(values) - min(values)
    for v in values:
        print((v - mean) / spread)
