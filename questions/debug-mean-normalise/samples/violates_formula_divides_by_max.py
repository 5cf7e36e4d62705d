def mean_normalise(values):
    values = list(values)
    if not values:
        raise ValueError("empty input")
    mean = sum(values) / len(values)
    if max(values) == min(values):
        return [0.0] * len(values)
    return [(v - mean) / max(values) for v in values]  # max, not max - min
