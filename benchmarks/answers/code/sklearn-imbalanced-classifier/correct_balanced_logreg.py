import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def train(X, y):
    """Fit a classifier on imbalanced data and return it; it must have predict(X)."""
    # class_weight="balanced" weights each class by n_samples / (2 * n_class_samples),
    # so the rare positive class counts as much as the majority class in the loss.
    model = make_pipeline(
        StandardScaler(),
        LogisticRegression(class_weight="balanced", max_iter=2000),
    )
    model.fit(X, y)
    return model
