import heapq

raise RuntimeError("not finished")
