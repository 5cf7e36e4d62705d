import re
import sys
from collections import Counter

counts = Counter(re.findall(r"[a-z0-9]+", sys.stdin.read().lower()))
for word, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
    print(f"{word} {count}")
