import math

import numpy as np


def _logsumexp(row):
    m = max(row)
    return m + math.log(sum(math.exp(v - m) for v in row))


def softmax(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("softmax needs at least one value")
    if x.ndim == 1:
        return np.exp(x - _logsumexp(x.tolist()))
    return np.vstack([softmax(row) for row in x])


if __name__ == "__main__":
    print(softmax([1, 2, 3]))
