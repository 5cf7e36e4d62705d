class LRUCache:
    """A cache of at most `capacity` keys that evicts the least recently used one."""

    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.cache = {}  # dicts keep insertion order

    def get(self, key):
        return self.cache.get(key, -1)

    def put(self, key, value):
        if key in self.cache:
            del self.cache[key]
        self.cache[key] = value
        if len(self.cache) > self.capacity:
            oldest = next(iter(self.cache))
            del self.cache[oldest]


def replay(capacity, operations):
    """Apply ["put", key, value] and ["get", key] operations; return what each get returned."""
    cache = LRUCache(capacity)
    results = []
    for op in operations:
        if op[0] == "put":
            cache.put(op[1], op[2])
        else:
            results.append(cache.get(op[1]))
    return results
