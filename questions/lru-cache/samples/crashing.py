from collections import OrderedDict

cache = OrderedDict()
cache.move_to_end("missing")  # KeyError at import: nothing is defined


class LRUCache:
    pass
