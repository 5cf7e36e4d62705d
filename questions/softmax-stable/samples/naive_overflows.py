import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("empty")
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)
