from collections import OrderedDict


class LRUCache(OrderedDict):
    def __init__(self, capacity):
        super().__init__()
        if capacity < 1:
            raise ValueError("capacity must be positive")
        self.capacity = capacity

    def get(self, key):
        if key not in self:
            return -1
        self.move_to_end(key)
        return self[key]

    def put(self, key, value):
        if key in self:
            self.move_to_end(key)
        self[key] = value
        if len(self) > self.capacity:
            self.popitem(last=False)


def replay(capacity, operations):
    cache = LRUCache(capacity)
    out = []
    for name, *args in operations:
        result = getattr(cache, name)(*args)
        if name == "get":
            out.append(result)
    return out
