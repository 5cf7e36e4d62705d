import re
import sys
from collections import Counter

# Letters only: digits are taken as separators.
counts = Counter(re.findall(r"[a-z]+", sys.stdin.read().lower()))
for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(word, n)
