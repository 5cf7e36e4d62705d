import heapq


def top_k(stream, k):
    """Return the k largest values of stream, largest first."""
    if k < 0:
        raise ValueError("k must be non-negative")
    best = []
    for value in stream:
        if len(best) < k:
            best.append(value)
        elif k > 0:
            smallest = min(best)
            if value > smallest:
                best[best.index(smallest)] = value
    return sorted(best, reverse=True)


if __name__ == "__main__":
    print(top_k([4, 1, 7, 3, 9, 2], 3))  # [9, 7, 4]
