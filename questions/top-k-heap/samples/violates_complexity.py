def top_k(stream, k):
    """Right answers, but each new value rescans the k kept ones: O(n k)."""
    if k < 0:
        raise ValueError("k must not be negative")
    kept = []
    for value in stream:
        if len(kept) < k:
            kept.append(value)
        elif k:
            smallest = min(kept)
            if value > smallest:
                kept.remove(smallest)
                kept.append(value)
    return sorted(kept, reverse=True)
