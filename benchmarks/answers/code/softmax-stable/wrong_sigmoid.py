import numpy as np


def softmax(x):
    """Return the softmax of x, computed in a numerically stable way."""
    x = np.asarray(x, dtype=float)
    return 1.0 / (1.0 + np.exp(-x))
