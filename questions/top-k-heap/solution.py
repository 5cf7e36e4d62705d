import heapq


def top_k(stream, k):
    """Return the k largest values of stream, largest first: a min-heap of the k best so far."""
    if k < 0:
        raise ValueError("k must not be negative")
    if k == 0:
        return []
    heap = []
    for value in stream:
        if len(heap) < k:
            heapq.heappush(heap, value)
        elif value > heap[0]:
            heapq.heapreplace(heap, value)
    return sorted(heap, reverse=True)
