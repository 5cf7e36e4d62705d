import random

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)

from collections import Counter

counts = Counter(labels)
plt.bar(counts.keys(), counts.values)
plt.xlabel("Class")
plt.ylabel("Count")
plt.title("Class balance")
plt.show()
