def mean_normalise(values):
    """Rescale values to (x - mean) / (max - min); a new list of floats."""
    if len(values) == 0:
        raise ValueError("values is empty")
    values = list(values)
    mean = sum(values) / len(values)
    spread = max(values) - min(values)
    return [float((v - mean) / spread) for v in values]
