class Node:
    __slots__ = ("key", "value", "prev", "next")

    def __init__(self, key=None, value=None):
        self.key, self.value = key, value
        self.prev = self.next = None


class LRUCache:
    """A dict of nodes in a doubly linked list, most recently used at the head."""

    def __init__(self, capacity: int):
        if capacity <= 0:
            raise ValueError(f"capacity must be >= 1, not {capacity}")
        self.capacity = capacity
        self.nodes = {}
        self.head, self.tail = Node(), Node()
        self.head.next, self.tail.prev = self.tail, self.head

    def _unlink(self, node):
        node.prev.next, node.next.prev = node.next, node.prev

    def _push_front(self, node):
        node.prev, node.next = self.head, self.head.next
        self.head.next.prev = node
        self.head.next = node

    def get(self, key: int) -> int:
        node = self.nodes.get(key)
        if node is None:
            return -1
        self._unlink(node)
        self._push_front(node)
        return node.value

    def put(self, key: int, value: int) -> None:
        node = self.nodes.get(key)
        if node is not None:
            node.value = value
            self._unlink(node)
        else:
            node = Node(key, value)
            self.nodes[key] = node
            if len(self.nodes) > self.capacity:
                lru = self.tail.prev
                self._unlink(lru)
                del self.nodes[lru.key]
        self._push_front(node)


def replay(capacity, operations):
    cache = LRUCache(capacity)
    results = []
    for op in operations:
        if op[0] == "put":
            cache.put(op[1], op[2])
        elif op[0] == "get":
            results.append(cache.get(op[1]))
    return results
