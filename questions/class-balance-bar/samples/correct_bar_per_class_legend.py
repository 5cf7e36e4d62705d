import random
from collections import Counter

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)
# One bar() per class, each in its own colour with a legend entry.
fig, ax = plt.subplots()
colours = {"cat": "tab:blue", "dog": "tab:orange", "bird": "tab:green", "fish": "tab:red"}
for name in sorted(set(labels)):
    ax.bar(name, labels.count(name), color=colours[name], label=name)
ax.set_xlabel("class")
ax.set_ylabel("images")
ax.set_title("Training labels per class")
ax.legend()
fig.savefig("balance.png")
