import random

import matplotlib.pyplot as plt
import numpy as np

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)


def main():
    names, counts = np.unique(labels, return_counts=True)
    order = np.argsort(-counts)
    fig, ax = plt.subplots(figsize=(6, 4))
    positions = np.arange(len(names))
    ax.bar(positions, counts[order], width=0.6)
    ax.set_xticks(positions)
    ax.set_xticklabels(names[order], rotation=30)
    ax.set(xlabel="class", ylabel="frequency", title="Label counts")
    for x, c in zip(positions, counts[order]):
        ax.annotate(str(c), (x, c), ha="center", va="bottom")
    fig.savefig("balance.png")


if __name__ == "__main__":
    main()
