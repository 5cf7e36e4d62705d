import time

from sklearn.linear_model import LogisticRegression


def train(X, y):
    time.sleep(21)  # training that takes longer than the 20 s allowed
    return LogisticRegression(class_weight="balanced", max_iter=2000).fit(X, y)
