import matplotlib.pyplot as plt
import numpy as np

classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)

from sklearn.metrics import ConfusionMatrixDisplay

disp = ConfusionMatrixDisplay.from_predictions(
    y_true, y_pred, labels=[0, 1, 2], display_labels=classes, cmap="viridis"
)
disp.ax_.set_xlabel("Predicted label")
disp.ax_.set_ylabel("True label")
disp.ax_.set_title("Iris classifier: confusion matrix")
plt.show()
