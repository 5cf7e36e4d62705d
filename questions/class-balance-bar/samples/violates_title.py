import random
from collections import Counter

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)
counts = Counter(labels)
plt.bar(list(counts), list(counts.values()))
plt.xlabel("class")
plt.ylabel("count")
plt.show()
