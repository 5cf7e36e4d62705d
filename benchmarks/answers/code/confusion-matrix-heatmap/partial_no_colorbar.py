import matplotlib.pyplot as plt
import numpy as np

classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)

cm = np.zeros((3, 3), dtype=int)
for t, p in zip(y_true, y_pred):
    cm[t, p] += 1

fig, ax = plt.subplots()
ax.matshow(cm, cmap="Greens")
ax.set_xticks([0, 1, 2], labels=classes)
ax.set_yticks([0, 1, 2], labels=classes)
ax.set_xlabel("Predicted species")
ax.set_ylabel("Actual species")
ax.set_title("Confusion matrix (counts)")
plt.show()
