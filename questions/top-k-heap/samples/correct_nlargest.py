"""heapq.nlargest keeps a heap of k values internally: O(n log k)."""
from heapq import nlargest


def top_k(stream, k):
    if k < 0:
        raise ValueError(f"k must not be negative, got {k}")
    return nlargest(k, stream)


if __name__ == "__main__":
    print(top_k([4, 1, 7, 3, 9, 2], 3))
