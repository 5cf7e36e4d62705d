import matplotlib.pyplot as plt
import numpy as np

classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)

cm = np.zeros((3, 3))
np.add.at(cm, (y_true, y_pred), 1)
plt.imshow(cm, cmap="viridis")
plt.colorbar()
plt.xticks([0, 1, 2], classes, rotation=45)
plt.yticks([0, 1, 2], classes)
plt.xlabel("Predicted")
plt.ylabel("Actual")
plt.title("Iris confusion matrix")
plt.tight_layout()
plt.show()
