import re
import sys
from collections import Counter

text = sys.stdin.read()
counts = Counter(w.lower() for w in re.findall(r"[A-Za-z]+", text))
for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{word} {n}")
