import numpy as np


def top_k(stream, k):
    """np.partition finds the k largest in O(n); they come back as an array, largest first."""
    if k < 0:
        raise ValueError("k must not be negative")
    values = np.fromiter(stream, dtype=float)
    if k == 0 or values.size == 0:
        return []
    k = min(k, values.size)
    largest = np.partition(values, values.size - k)[values.size - k:]
    return np.sort(largest)[::-1]
