import re
import sys
from collections import Counter

text = sys.stdin.read()
words = re.findall(r"[a-z0-9]+", text.lower())
if not words:
    print("No words found.")
else:
    counts = Counter(words)
    for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{w} {c}")
