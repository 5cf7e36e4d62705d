from sklearn.linear_model import LogisticRegression


def train(X, y):
    return LogisticRegression(class_weight="balanced", max_iter=2000).fit(X, y)
