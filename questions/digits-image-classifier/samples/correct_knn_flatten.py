import numpy as np
from sklearn.datasets import load_digits
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier


class DigitModel:
    """k-nearest neighbours on the flattened pixels."""

    def __init__(self, k=3):
        self.knn = KNeighborsClassifier(n_neighbors=k)

    def fit(self, images, labels):
        self.knn.fit(np.asarray(images).reshape(len(images), -1), labels)
        return self

    def predict(self, images):
        images = np.asarray(images)
        return self.knn.predict(images.reshape(len(images), -1))


def train(images, labels):
    return DigitModel().fit(images, labels)


def evaluate(images, labels):
    X_train, X_test, y_train, y_test = train_test_split(
        images, labels, test_size=0.2, random_state=1
    )
    model = train(X_train, y_train)
    return accuracy_score(y_test, model.predict(X_test))


if __name__ == "__main__":
    digits = load_digits()
    print(evaluate(digits.images, digits.target))
