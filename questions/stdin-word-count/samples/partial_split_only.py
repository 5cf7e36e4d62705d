import sys
from collections import Counter

# Splits on whitespace only and keeps the case: punctuation and capitals break it.
counts = Counter(sys.stdin.read().split())
for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(word, n)
