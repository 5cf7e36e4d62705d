import heapq


def top_k(stream, k):
    """Return the k largest values of stream, largest first."""
    return heapq.nlargest(stream, k)


if __name__ == "__main__":
    print(top_k([4, 1, 7, 3, 9, 2], 3))  # [9, 7, 4]
