import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
images, labels = digits.images, digits.target  # shapes (1797, 8, 8) and (1797,)

from sklearn.linear_model import LogisticRegression


def train(images, labels):
    """Fit a classifier on images of shape (n, 8, 8); return a model with predict(images)."""
    X = images.reshape(len(images), -1)
    clf = LogisticRegression(max_iter=5000)
    clf.fit(X, labels)
    return clf


def evaluate(images, labels):
    """Accuracy (0 to 1) on a held-out part of the images, training on the rest only."""
    X_train, X_test, y_train, y_test = train_test_split(images, labels, test_size=0.25, random_state=0)
    model = train(X_train, y_train)
    return model.score(X_test.reshape(len(X_test), -1), y_test)


if __name__ == "__main__":
    print(f"held-out accuracy: {evaluate(images, labels):.3f}")
