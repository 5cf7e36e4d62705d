def mean_normalise(values):
    values = sorted(values)  # a sorted copy: the input is safe, but the order is lost
    if not values:
        raise ValueError("empty input")
    mean = sum(values) / len(values)
    spread = values[-1] - values[0]
    if spread == 0:
        return [0.0] * len(values)
    return [(v - mean) / spread for v in values]
