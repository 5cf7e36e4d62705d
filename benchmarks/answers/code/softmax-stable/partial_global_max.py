import numpy as np


def softmax(x):
    """Return the softmax of x, computed in a numerically stable way."""
    x = np.array(x, dtype=float)
    if x.size == 0:
        raise ValueError("empty input")
    z = np.exp(x - x.max())   # subtract the max so exp never overflows
    return z / z.sum()
