import matplotlib.pyplot as plt
import numpy as np

classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)

n = len(classes)
cm = np.zeros((n, n), dtype=int)
np.add.at(cm, (y_true, y_pred), 1)
print(cm)

fig, ax = plt.subplots(figsize=(5, 4))
im = ax.imshow(cm, cmap="Blues")
fig.colorbar(im, ax=ax, label="Count")
ax.set_xticks(range(n))
ax.set_xticklabels(classes)
ax.set_yticks(range(n))
ax.set_yticklabels(classes)
for i in range(n):
    for j in range(n):
        ax.text(j, i, cm[i, j], ha="center", va="center",
                color="white" if cm[i, j] > cm.max() / 2 else "black")
ax.set_xlabel("Predicted class")
ax.set_ylabel("True class")
ax.set_title("Confusion matrix")
fig.tight_layout()
plt.show()
