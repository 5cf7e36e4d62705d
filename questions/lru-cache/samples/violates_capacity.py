from collections import OrderedDict


class LRUCache:
    """No check of the capacity: LRUCache(0) is accepted."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.items = OrderedDict()

    def get(self, key):
        if key not in self.items:
            return -1
        self.items.move_to_end(key)
        return self.items[key]

    def put(self, key, value):
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.capacity:
            self.items.popitem(last=False)


def replay(capacity, operations):
    cache = LRUCache(capacity)
    return [cache.get(op[1]) for op in operations if op[0] == "get" or cache.put(op[1], op[2])]
