import heapq


def top_k(stream, k):
    """Keeps distinct values only: repeats are lost."""
    if k < 0:
        raise ValueError("k must not be negative")
    return heapq.nlargest(k, set(stream))
