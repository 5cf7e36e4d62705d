import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
images, labels = digits.images, digits.target  # shapes (1797, 8, 8) and (1797,)

from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import SVC


def train(images, labels):
    """Fit a classifier on images of shape (n, 8, 8); return a model with predict(images)."""
    model = Pipeline([
        ("flatten", FunctionTransformer(lambda imgs: np.asarray(imgs).reshape(len(imgs), -1))),
        ("svc", SVC(gamma=0.001, C=10)),
    ])
    model.fit(images, labels)
    return model


def evaluate(images, labels):
    """Accuracy (0 to 1) on a held-out part of the images, training on the rest only."""
    model = train(images, labels)
    X_train, X_test, y_train, y_test = train_test_split(images, labels, test_size=0.25, random_state=0)
    predictions = model.predict(X_test)
    return float((predictions == y_test).mean())


if __name__ == "__main__":
    print(f"held-out accuracy: {evaluate(images, labels):.3f}")
