import random

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)

from collections import Counter

counts = Counter(labels)
classes = sorted(counts)
plt.bar(classes, [counts[c] for c in classes], color="steelblue")
plt.xlabel("Class")
plt.ylabel("Number of images")
plt.title("Class balance of the training labels")
plt.tight_layout()
plt.show()
