import re
import sys
from collections import Counter

# Most frequent first, but ties stay in the order the words first appeared.
counts = Counter(re.findall(r"[a-z0-9]+", sys.stdin.read().lower()))
for word, n in counts.most_common():
    print(word, n)
