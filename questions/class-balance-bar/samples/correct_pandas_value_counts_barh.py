import random

import matplotlib.pyplot as plt
import pandas as pd

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)

counts = pd.Series(labels).value_counts()
ax = counts.plot.barh(color="seagreen")
ax.set_xlabel("images")
ax.set_ylabel("label")
ax.set_title("How many images per class")
ax.invert_yaxis()
plt.tight_layout()
plt.show()
