import re
import sys
from collections import Counter

text = sys.stdin.read()
counts = Counter(re.findall(r"[a-z0-9]+", text.lower()))
for word, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
    print(word, n)
