from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

# The pipeline is built once at import, with a keyword scikit-learn does not have.
MODEL = make_pipeline(
    StandardScaler(), SelectKBest(f_classif, k=20), LogisticRegression(max_iter=1000), steps=3
)


def cv_accuracy(X, y):
    return cross_val_score(MODEL, X, y, cv=5).mean()
