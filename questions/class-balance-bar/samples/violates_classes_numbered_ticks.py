import random
from collections import Counter

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)
# The right heights, but the ticks are numbers, not the class names.
counts = Counter(labels)
plt.bar(range(len(counts)), list(counts.values()))
plt.xlabel("class")
plt.ylabel("count")
plt.title("Class balance")
plt.show()
