import heapq


def top_k(stream, k):
    """Return the k largest values of stream, largest first."""
    if k <= 0:
        raise ValueError("k must be a positive integer")
    heap = []
    for x in stream:
        if len(heap) < k:
            heapq.heappush(heap, x)
        else:
            heapq.heappushpop(heap, x)
    heap.sort(reverse=True)
    return heap


if __name__ == "__main__":
    print(top_k([4, 1, 7, 3, 9, 2], 3))  # [9, 7, 4]
