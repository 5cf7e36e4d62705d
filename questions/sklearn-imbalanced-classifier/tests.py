"""Hidden tests for sklearn-imbalanced-classifier: 10 points on a hidden, seeded data set.

The data is generated here, in the harness, with the question's seed; only the features cross
to the candidate's process (when used); the test labels never do. The fitted model stays in
the candidate's process: only its predictions come back.
"""

import numpy as np
from sklearn.datasets import make_classification
from sklearn.metrics import balanced_accuracy_score, recall_score
from sklearn.model_selection import train_test_split

from grader.authoring import Candidate, Fail, RemoteObject, Score, test

_cache: dict = {}


def _data(seed: int):
    if "data" not in _cache:
        X, y = make_classification(
            n_samples=4000,
            n_features=12,
            n_informative=5,
            n_redundant=2,
            weights=[0.95, 0.05],
            class_sep=1.5,
            flip_y=0.01,
            random_state=seed,
        )
        _cache["data"] = train_test_split(X, y, test_size=0.4, stratify=y, random_state=seed)
    return _cache["data"]


def _model(candidate: Candidate, seed: int) -> RemoteObject:
    if "model" not in _cache:
        X_train, _, y_train, _ = _data(seed)
        candidate.timeout = 20.0  # "Training must take less than 20 s."
        model = candidate.train(X_train, y_train)
        if not isinstance(model, RemoteObject):
            raise Fail(
                f"train() returned an object of type {type(model).__name__}, not a fitted model."
            )
        _cache["model"] = model
    return _cache["model"]


def _predictions(candidate: Candidate, seed: int) -> np.ndarray:
    if "pred" not in _cache:
        _, X_test, _, y_test = _data(seed)
        raw = _model(candidate, seed).predict(X_test)
        try:
            values = np.asarray(raw, dtype=float).ravel()
        except (TypeError, ValueError):
            raise Fail("predict() did not return labels.") from None
        # Labels, not scores: probabilities are not truncated into labels.
        if values.shape != y_test.shape or not np.isin(values, (0.0, 1.0)).all():
            raise Fail("predict() must return one label, 0 or 1, per row.")
        pred = values.astype(int)
        _cache["pred"] = pred
    return _cache["pred"]


@test(points=1, name="returns_a_model", seconds=40, skills=("scikit-learn",))
def returns_a_model(candidate: Candidate, seed: int):
    _, X_test, _, _ = _data(seed)
    labels = np.asarray(_model(candidate, seed).predict(X_test[:5]))
    if labels.shape != (5,):
        raise Fail("predict() on 5 rows did not return 5 labels.")
    return Score(1.0, "train() returns a model with predict().")


@test(points=1, name="predictions_are_labels", seconds=40, skills=("scikit-learn",))
def predictions_are_labels(candidate: Candidate, seed: int):
    _predictions(candidate, seed)
    return Score(1.0, "predict() returns one label per row.")


@test(points=6, name="balanced_accuracy", seconds=40, skills=("machine-learning",))
def balanced_accuracy(candidate: Candidate, seed: int):
    _, _, _, y_test = _data(seed)
    score = balanced_accuracy_score(y_test, _predictions(candidate, seed))
    if score >= 0.84:
        return Score(1.0, f"Balanced accuracy {score:.3f} reaches 0.84.")
    if score >= 0.75:
        return Score(0.5, f"Balanced accuracy {score:.3f} is below 0.84.")
    raise Fail(f"Balanced accuracy {score:.3f} is far below 0.84: handle the class imbalance.")


@test(points=2, name="minority_recall", seconds=40, skills=("model-evaluation",))
def minority_recall(candidate: Candidate, seed: int):
    _, _, _, y_test = _data(seed)
    recall = recall_score(y_test, _predictions(candidate, seed))
    if recall >= 0.75:
        return Score(1.0, f"The positive class is recalled at {recall:.3f}.")
    if recall >= 0.5:
        return Score(0.5, f"The positive class is recalled at {recall:.3f}, below 0.75.")
    raise Fail(f"The positive class is recalled at only {recall:.3f}.")
