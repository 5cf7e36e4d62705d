import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import ConfusionMatrixDisplay

classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)

display = ConfusionMatrixDisplay.from_predictions(
    y_true, y_pred, display_labels=classes, cmap="Blues"
)
display.ax_.set_title("Confusion matrix")
plt.show()
