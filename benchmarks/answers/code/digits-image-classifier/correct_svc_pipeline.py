import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
images, labels = digits.images, digits.target  # shapes (1797, 8, 8) and (1797,)

from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import SVC


def _flatten(batch):
    batch = np.asarray(batch, dtype=float)
    return batch.reshape(len(batch), -1) / 16.0  # grey levels 0..16 -> 0..1


def train(images, labels):
    """Fit a classifier on images of shape (n, 8, 8); return a model with predict(images)."""
    model = make_pipeline(
        FunctionTransformer(_flatten),
        SVC(kernel="rbf", C=10, gamma="scale"),
    )
    return model.fit(images, labels)


def evaluate(images, labels):
    """Accuracy (0 to 1) on a held-out part of the images, training on the rest only."""
    X_train, X_test, y_train, y_test = train_test_split(
        images, labels, test_size=0.25, random_state=0, stratify=labels
    )
    model = train(X_train, y_train)
    return float(np.mean(model.predict(X_test) == y_test))


if __name__ == "__main__":
    print(f"held-out accuracy: {evaluate(images, labels):.3f}")
