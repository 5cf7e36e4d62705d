import numpy as np
from sklearn.linear_model import LogisticRegression


def train(X, y):
    """Fit a classifier on imbalanced data and return it; it must have predict(X)."""
    model = LogisticRegression(class_weight="balanced", max_iter=1000)
    model.fit(X, y)
    return model.predict(X)
