class LRUCache:
    """A cache of at most `capacity` keys that evicts the least recently used one."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.cache = {}

    def get(self, key):
        return self.cache[key]

    def put(self, key, value):
        if len(self.cache) >= self.capacity:
            self.cache.pop(min(self.cache))
        self.cache[key] = value


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
