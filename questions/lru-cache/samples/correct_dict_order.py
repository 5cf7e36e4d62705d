class LRUCache:
    """A plain dict keeps insertion order: re-inserting a key moves it to the end."""

    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity < 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        if key not in self.data:
            return -1
        value = self.data.pop(key)
        self.data[key] = value
        return value

    def put(self, key, value):
        self.data.pop(key, None)
        self.data[key] = value
        if len(self.data) > self.capacity:
            del self.data[next(iter(self.data))]


def replay(capacity, operations):
    cache = LRUCache(capacity)
    return [cache.get(op[1]) for op in operations if op[0] == "get" or cache.put(*op[1:])]
