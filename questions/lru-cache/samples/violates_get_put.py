from collections import OrderedDict


class LRUCache:
    """put ignores a key it already has, so a replaced value is lost.

    replay() uses its own correct cache, so only the direct get/put test sees the bug.
    """

    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.items = OrderedDict()

    def get(self, key):
        if key not in self.items:
            return -1
        self.items.move_to_end(key)
        return self.items[key]

    def put(self, key, value):
        if key in self.items:
            return
        self.items[key] = value
        if len(self.items) > self.capacity:
            self.items.popitem(last=False)


def replay(capacity, operations):
    if capacity < 1:
        raise ValueError("capacity must be at least 1")
    items = OrderedDict()
    out = []
    for op in operations:
        key = op[1]
        if op[0] == "put":
            items[key] = op[2]
            items.move_to_end(key)
            if len(items) > capacity:
                items.popitem(last=False)
        else:
            if key in items:
                items.move_to_end(key)
            out.append(items.get(key, -1))
    return out
