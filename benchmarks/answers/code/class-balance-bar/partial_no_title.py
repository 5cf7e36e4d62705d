import random

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)

counts = {}
for label in labels:
    counts[label] = counts.get(label, 0) + 1

fig, ax = plt.subplots()
ax.bar(list(counts.keys()), list(counts.values()))
ax.set_xlabel("Class")
ax.set_ylabel("Count")
plt.show()
