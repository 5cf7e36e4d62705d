import matplotlib.pyplot as plt
import numpy as np

classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)

# Counted with a dict, drawn with pcolormesh, row 0 at the top, ticks at the cell centres.
counts = {}
for t, p in zip(y_true, y_pred):
    counts[(t, p)] = counts.get((t, p), 0) + 1
cm = [[counts.get((i, j), 0) for j in range(3)] for i in range(3)]
fig, ax = plt.subplots(figsize=(5, 4))
mesh = ax.pcolormesh(cm, cmap="Blues", edgecolors="white")
ax.invert_yaxis()
ax.set_xticks([0.5, 1.5, 2.5], classes)
ax.set_yticks([0.5, 1.5, 2.5], classes)
ax.set_xlabel("Predicted class")
ax.set_ylabel("True class")
ax.set_title("Confusion matrix (counts)")
fig.colorbar(mesh, ax=ax, label="flowers")
fig.savefig("cm.png")
