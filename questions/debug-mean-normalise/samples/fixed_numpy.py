import numpy as np


def mean_normalise(values):
    a = np.asarray(values, dtype=float)
    if a.size == 0:
        raise ValueError("mean_normalise() of an empty sequence")
    spread = np.ptp(a)
    if spread == 0:
        return np.zeros_like(a).tolist()
    return ((a - a.mean()) / spread).tolist()
