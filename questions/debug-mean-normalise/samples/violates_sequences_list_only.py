def mean_normalise(values):
    values = values.copy()  # lists and arrays have copy(); tuples do not
    if len(values) == 0:
        raise ValueError("empty input")
    mean = sum(values) / len(values)
    spread = max(values) - min(values)
    if spread == 0:
        return [0.0] * len(values)
    return [float((v - mean) / spread) for v in values]
