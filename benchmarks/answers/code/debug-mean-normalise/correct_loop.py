def mean_normalise(values):
    """Rescale values to (x - mean) / (max - min); a new list of floats."""
    values = list(values)  # copy: works for lists, tuples and arrays, input untouched
    if len(values) == 0:
        raise ValueError("mean_normalise() needs at least one value")
    total = 0
    for v in values:
        total += v
    mean = total / len(values)
    spread = max(values) - min(values)
    if spread == 0:
        return [0.0 for _ in values]
    return [float((v - mean) / spread) for v in values]
