import math


def softmax(x):
    x = x.tolist() if hasattr(x, "tolist") else list(x)
    if not x:
        raise ValueError("empty input")
    if isinstance(x[0], list):
        return [softmax(row) for row in x]
    top = max(x)
    e = [math.exp(v - top) for v in x]
    total = sum(e)
    return [v / total for v in e]  # a list, not a NumPy array
