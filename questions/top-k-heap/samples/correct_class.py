import heapq


class TopK:
    """A bounded min-heap of the k largest values seen."""

    def __init__(self, k):
        if k < 0:
            raise ValueError("negative k")
        self.k = k
        self.heap = []

    def add(self, value):
        if self.k == 0:
            return
        if len(self.heap) < self.k:
            heapq.heappush(self.heap, value)
        elif value > self.heap[0]:
            heapq.heapreplace(self.heap, value)

    def result(self):
        return sorted(self.heap, reverse=True)


def top_k(stream, k):
    best = TopK(k)
    for value in stream:
        best.add(value)
    return best.result()
