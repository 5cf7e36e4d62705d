import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("empty input")
    e = np.exp(x - x.max())
    return e / e.sum()  # a 2-D input is normalised as a whole, not row by row
