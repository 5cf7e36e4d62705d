import heapq


def top_k(stream, k):
    """Rounds every value down to an int: right for integer streams only."""
    if k < 0:
        raise ValueError("k must not be negative")
    return heapq.nlargest(k, (int(v) for v in stream))
