from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import SVC

digits = load_digits()
images, labels = digits.images, digits.target


def _flatten(images):
    return images.reshape(len(images), -1)


def train(images, labels):
    """An RBF support-vector machine on the 64 pixels; flattening is part of the model."""
    model = make_pipeline(FunctionTransformer(_flatten), SVC())
    return model.fit(images, labels)


def evaluate(images, labels):
    X_train, X_test, y_train, y_test = train_test_split(
        images, labels, test_size=0.25, random_state=0, stratify=labels
    )
    return float(train(X_train, y_train).score(X_test, y_test))


if __name__ == "__main__":
    print(f"held-out accuracy: {evaluate(images, labels):.3f}")
