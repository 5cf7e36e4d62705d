class LRUCache:
    """A cache of at most `capacity` keys that evicts the least recently used one."""

    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.values = {}
        self.order = []  # least recently used first

    def _touch(self, key):
        if key in self.order:
            self.order.remove(key)
        self.order.append(key)

    def get(self, key):
        if key not in self.values:
            return -1
        self._touch(key)
        return self.values[key]

    def put(self, key, value):
        self.values[key] = value
        self._touch(key)
        if len(self.values) > self.capacity:
            oldest = self.order.pop(0)
            del self.values[oldest]


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
