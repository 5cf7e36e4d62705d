import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
images, labels = digits.images, digits.target  # shapes (1797, 8, 8) and (1797,)

from sklearn.metrics import accuracy_score
from sklearn.neighbors import KNeighborsClassifier


class DigitClassifier:
    """k-nearest neighbours on the 64 raw pixel values of each image."""

    def __init__(self, n_neighbors: int = 3):
        self.knn = KNeighborsClassifier(n_neighbors=n_neighbors)

    @staticmethod
    def _features(images: np.ndarray) -> np.ndarray:
        images = np.asarray(images, dtype=np.float64)
        return images.reshape(images.shape[0], 64) / 16.0

    def fit(self, images, labels):
        self.knn.fit(self._features(images), np.asarray(labels))
        return self

    def predict(self, images) -> np.ndarray:
        return self.knn.predict(self._features(images))


def train(images, labels):
    """Fit a classifier on images of shape (n, 8, 8); return a model with predict(images)."""
    return DigitClassifier().fit(images, labels)


def evaluate(images, labels):
    """Accuracy (0 to 1) on a held-out part of the images, training on the rest only."""
    tr_img, te_img, tr_lab, te_lab = train_test_split(images, labels, test_size=0.25, random_state=42)
    model = train(tr_img, tr_lab)
    return accuracy_score(te_lab, model.predict(te_img))


if __name__ == "__main__":
    print(f"held-out accuracy: {evaluate(images, labels):.3f}")
