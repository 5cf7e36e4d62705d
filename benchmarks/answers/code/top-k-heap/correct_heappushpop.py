import heapq


def top_k(stream, k):
    """Return the k largest values of stream, largest first."""
    if k < 0:
        raise ValueError("k must be non-negative")
    if k == 0:
        return []
    heap = []  # min-heap holding the k largest values seen so far
    for value in stream:
        if len(heap) < k:
            heapq.heappush(heap, value)
        elif value > heap[0]:
            heapq.heapreplace(heap, value)
    return sorted(heap, reverse=True)


if __name__ == "__main__":
    print(top_k([4, 1, 7, 3, 9, 2], 3))  # [9, 7, 4]
