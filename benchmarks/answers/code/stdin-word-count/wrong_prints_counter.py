import sys
from collections import Counter

text = sys.stdin.read()
words = text.split()
print(Counter(words).most_common())
