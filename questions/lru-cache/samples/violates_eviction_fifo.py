from collections import OrderedDict


class LRUCache:
    """Evicts the oldest inserted key: a get does not count as a use (FIFO, not LRU)."""

    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.items = OrderedDict()

    def get(self, key):
        return self.items.get(key, -1)

    def put(self, key, value):
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.capacity:
            self.items.popitem(last=False)


def replay(capacity, operations):
    cache = LRUCache(capacity)
    return [cache.get(op[1]) for op in operations if op[0] == "get" or cache.put(op[1], op[2])]
