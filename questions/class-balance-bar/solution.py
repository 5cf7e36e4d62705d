import random
from collections import Counter

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)

counts = Counter(labels)
classes = sorted(counts)

fig, ax = plt.subplots()
ax.bar(classes, [counts[c] for c in classes], color="tab:blue")
ax.set_xlabel("class")
ax.set_ylabel("number of images")
ax.set_title("Class balance of the training labels")
plt.show()
