import numpy as np


def softmax(x):
    """Return the softmax of x, computed in a numerically stable way."""
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("softmax of an empty input is undefined")
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)
