import numpy as np
from sklearn.linear_model import LogisticRegression


class FraudModel:
    def __init__(self):
        self.model = LogisticRegression(class_weight="balanced", max_iter=1000)

    def fit(self, X, y):
        self.model.fit(X, y)
        return self

    def predict(self, X):
        # probability of fraud for each row
        return self.model.predict_proba(X)[:, 1]


def train(X, y):
    """Fit a classifier on imbalanced data and return it; it must have predict(X)."""
    return FraudModel().fit(X, y)
