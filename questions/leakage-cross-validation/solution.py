from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def cv_accuracy(X, y):
    """Every step inside the pipeline, so cross_val_score fits them on each training fold."""
    model = make_pipeline(
        StandardScaler(), SelectKBest(f_classif, k=20), LogisticRegression(max_iter=1000)
    )
    return float(cross_val_score(model, X, y, cv=5).mean())
