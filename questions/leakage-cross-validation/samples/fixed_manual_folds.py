import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler


def cv_accuracy(X, y):
    X, y = np.asarray(X), np.asarray(y)
    scores = []
    for train, test in StratifiedKFold(n_splits=5).split(X, y):
        scaler = StandardScaler().fit(X[train])
        selector = SelectKBest(f_classif, k=20).fit(scaler.transform(X[train]), y[train])
        features = selector.transform(scaler.transform(X[train]))
        model = LogisticRegression(max_iter=1000).fit(features, y[train])
        held_out = selector.transform(scaler.transform(X[test]))
        scores.append(np.mean(model.predict(held_out) == y[test]))
    return float(np.mean(scores))
