import re
import sys
from collections import Counter

counts = Counter(re.findall(r"[a-z0-9]+", sys.stdin.read().lower()))
print(dict(counts))
