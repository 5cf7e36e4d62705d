import matplotlib.pyplot as plt
import numpy as np

classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)

cm = np.zeros((3, 3), dtype=int)
for t, p in zip(y_true, y_pred):
    cm[p][t] += 1

plt.figure()
plt.imshow(cm, cmap="Oranges")
plt.colorbar()
plt.xticks(range(3), classes)
plt.yticks(range(3), classes)
plt.xlabel("Predicted")
plt.ylabel("True")
plt.title("Confusion matrix")
plt.show()
