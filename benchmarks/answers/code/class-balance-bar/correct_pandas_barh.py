import random

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)

import pandas as pd

counts = pd.Series(labels).value_counts()
print(counts)

fig, ax = plt.subplots(figsize=(6, 4))
counts.plot(kind="barh", ax=ax, color="tab:orange")
ax.set_xlabel("Count")
ax.set_ylabel("Class")
ax.set_title("Training label distribution")
fig.tight_layout()
plt.show()
