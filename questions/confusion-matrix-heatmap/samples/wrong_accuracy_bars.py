import matplotlib.pyplot as plt
import numpy as np

classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)

accuracy = [np.mean(y_pred[y_true == k] == k) for k in range(3)]
plt.bar(classes, accuracy)
plt.title("Per-class accuracy")
plt.show()
