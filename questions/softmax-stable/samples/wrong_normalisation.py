import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    return x / x.sum()
