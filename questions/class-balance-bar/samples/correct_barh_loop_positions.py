import random
from collections import Counter

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)
# Horizontal bars drawn one by one at numeric positions, named by set_yticks.
counts = Counter(labels).most_common()
for row, (name, count) in enumerate(counts):
    plt.barh(row, count, height=0.6)
plt.yticks(range(len(counts)), [name for name, _ in counts])
plt.xlabel("number of images")
plt.ylabel("class")
plt.title("Class balance")
plt.tight_layout()
plt.show()
