import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
images, labels = digits.images, digits.target  # shapes (1797, 8, 8) and (1797,)


def train(images, labels):
    """Fit a classifier on images of shape (n, 8, 8); return a model with predict(images)."""
    # TODO: your code here
    raise NotImplementedError


def evaluate(images, labels):
    """Accuracy (0 to 1) on a held-out part of the images, training on the rest only."""
    # TODO: your code here
    raise NotImplementedError


if __name__ == "__main__":
    print(f"held-out accuracy: {evaluate(images, labels):.3f}")
