class LRUCache:
    """A cache of at most `capacity` keys that evicts the least recently used one."""

    def __init__(self, capacity):
        # TODO: your code here
        raise NotImplementedError

    def get(self, key):
        # TODO: your code here
        raise NotImplementedError

    def put(self, key, value):
        # TODO: your code here
        raise NotImplementedError


def replay(capacity, operations):
    """Apply ["put", key, value] and ["get", key] operations; return what each get returned."""
    # TODO: your code here
    raise NotImplementedError
