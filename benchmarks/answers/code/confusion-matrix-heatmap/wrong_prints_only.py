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

accuracy = np.trace(cm) / cm.sum()
print("Confusion matrix (rows = true, columns = predicted):")
print("            " + "  ".join(f"{c:>10}" for c in classes))
for name, row in zip(classes, cm):
    print(f"{name:>10}  " + "  ".join(f"{v:>10}" for v in row))
print(f"accuracy: {accuracy:.2%}")
