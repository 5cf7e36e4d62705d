from collections import OrderedDict


class LRUCache:
    """A cache of at most `capacity` keys that evicts the least recently used one."""

    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._data = OrderedDict()

    def get(self, key):
        if key not in self._data:
            return -1
        self._data.move_to_end(key)
        return self._data[key]

    def put(self, key, value):
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)


def replay(capacity, operations):
    """Apply ["put", key, value] and ["get", key] operations; return what each get returned."""
    cache = LRUCache(capacity)
    results = []
    for op in operations:
        if op[0] == "put":
            cache.put(op[1], op[2])
        elif op[0] == "get":
            results.append(cache.get(op[1]))
        else:
            raise ValueError(f"unknown operation {op[0]!r}")
    return results
