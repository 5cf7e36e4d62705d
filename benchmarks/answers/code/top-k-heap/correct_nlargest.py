import heapq
from typing import Iterable, List


def top_k(stream: Iterable[float], k: int) -> List[float]:
    """Return the k largest values of stream, largest first.

    heapq.nlargest keeps a heap of size k internally: O(n log k).
    """
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    return heapq.nlargest(k, stream)


if __name__ == "__main__":
    print(top_k([4, 1, 7, 3, 9, 2], 3))  # [9, 7, 4]
    print(top_k([5, 1, 5, 3], 2))  # [5, 5]
