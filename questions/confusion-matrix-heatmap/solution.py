import matplotlib.pyplot as plt
import numpy as np

classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)

matrix = np.zeros((3, 3), dtype=int)
for true, predicted in zip(y_true, y_pred, strict=True):
    matrix[true, predicted] += 1

fig, ax = plt.subplots(figsize=(6, 5))
image = ax.imshow(matrix, cmap="Blues")
fig.colorbar(image, ax=ax, label="flowers")
ax.set_xticks(range(3), classes)
ax.set_yticks(range(3), classes)
ax.set_xlabel("Predicted class")
ax.set_ylabel("True class")
ax.set_title("Confusion matrix")
for i in range(3):
    for j in range(3):
        ax.text(j, i, str(matrix[i, j]), ha="center", va="center")
plt.show()
