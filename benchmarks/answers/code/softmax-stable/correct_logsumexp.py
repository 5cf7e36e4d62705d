import numpy as np


def _logsumexp(a: np.ndarray) -> np.ndarray:
    """log(sum(exp(a))) along the last axis, without overflow."""
    m = a.max(axis=-1, keepdims=True)
    return m + np.log(np.exp(a - m).sum(axis=-1, keepdims=True))


def softmax(x) -> np.ndarray:
    """Return the softmax of x, computed in a numerically stable way.

    Works on a 1-D sequence or row by row on a 2-D array.
    """
    arr = np.array(x, dtype=np.float64)
    if arr.size == 0:
        raise ValueError("empty input")
    return np.exp(arr - _logsumexp(arr))


if __name__ == "__main__":
    print(softmax([1000, 1001, 1002]))
    print(softmax([[1, 2, 3], [-1000, 0, 1000]]))
