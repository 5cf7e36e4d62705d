import heapq


def top_k(stream, k):
    if k < 0:
        raise ValueError("k must be >= 0")
    heap = []
    for x in stream:
        if len(heap) < k:
            heapq.heappush(heap, x)
        elif k and x > heap[0]:
            heapq.heappushpop(heap, x)
    heap.sort(reverse=True)
    return heap
