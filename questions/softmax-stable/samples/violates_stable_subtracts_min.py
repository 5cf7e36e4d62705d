import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("empty input")
    e = np.exp(x - x.min(axis=-1, keepdims=True))  # the minimum, not the maximum
    return e / e.sum(axis=-1, keepdims=True)
