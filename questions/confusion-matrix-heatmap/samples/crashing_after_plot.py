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
fig.colorbar(ax.imshow(cm))
ax.set_xticks(range(3), classes)
ax.set_yticks(range(3), classes)
ax.set(xlabel="Predicted", ylabel="True", title="Confusion matrix")
accuracy = np.trace(cm) / cm.sum()
print(f"accuracy: {accuracy:.2f}")
raise SystemExit(f"done with accuracy {accuracy}")
