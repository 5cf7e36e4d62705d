import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler


def cv_accuracy(X, y):
    """Mean 5-fold cross-validated accuracy of: standardise the features, keep the 20 with
    the highest ANOVA F-score, then a logistic regression."""
    X = np.asarray(X)
    y = np.asarray(y)
    folds = StratifiedKFold(n_splits=5)  # what cross_val_score(cv=5) uses for a classifier
    accuracies = []
    for train_idx, test_idx in folds.split(X, y):
        scaler = StandardScaler().fit(X[train_idx])
        X_train = scaler.transform(X[train_idx])
        X_test = scaler.transform(X[test_idx])

        selector = SelectKBest(f_classif, k=20).fit(X_train, y[train_idx])
        X_train = selector.transform(X_train)
        X_test = selector.transform(X_test)

        clf = LogisticRegression(max_iter=1000).fit(X_train, y[train_idx])
        accuracies.append(np.mean(clf.predict(X_test) == y[test_idx]))
    return float(np.mean(accuracies))
