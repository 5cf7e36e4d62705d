import random
from collections import Counter

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)
# Counts of the first 100 labels only: the bars are labelled but not the class counts.
counts = Counter(labels[:100])
plt.bar(list(counts), list(counts.values()))
plt.xlabel("class")
plt.ylabel("count")
plt.title("Class balance")
plt.show()
