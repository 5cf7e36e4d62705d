import numpy as np


def softmax(x):
    """Return the softmax of x, computed in a numerically stable way."""
    x = np.asarray(x, dtype=float)
    if len(x) == 0:
        raise ValueError("empty input")
    exps = np.exp(x)
    return exps / exps.sum()
