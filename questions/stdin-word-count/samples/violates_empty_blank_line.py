import re
import sys
from collections import Counter

counts = Counter(re.findall(r"[a-z0-9]+", sys.stdin.read().lower()))
lines = [f"{w} {n}" for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
print("\n".join(lines))  # prints an empty line for an empty input
