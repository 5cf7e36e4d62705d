def mean_normalise(values):
    # Fixed the sum and the constant case, but still sorts a list in place and fails on empty.
    total = 0
    for v in values:
        total += v
    mean = total / len(values)
    values.sort()
    spread = max(values) - min(values)
    if spread == 0:
        return [0.0 for _ in values]
    return [(v - mean) / spread for v in values]
