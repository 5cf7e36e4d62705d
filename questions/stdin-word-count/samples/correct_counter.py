import re
import sys
from collections import Counter

words = re.findall(r"[a-z0-9]+", sys.stdin.read().lower())
for word, n in sorted(Counter(words).items(), key=lambda kv: (-kv[1], kv[0])):
    print(word, n)
