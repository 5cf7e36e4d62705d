"""Hidden tests for leakage-cross-validation: 10 points on three hidden, seeded data sets.

The reference fits every step inside the folds (a pipeline given to cross_val_score); it runs
in the harness process on the same data and the same folds. A correct fix in any style (a
pipeline, or a loop over StratifiedKFold(5) fitting each step on the training rows) computes
the same fold accuracies, so it matches the reference up to the order of a sum.
"""

import numpy as np

from grader.authoring import Candidate, Fail, Reference, Score, test

_cache: dict = {}


def _data(seed: int):
    if "data" not in _cache:
        rng = np.random.default_rng(seed)
        # Pure noise with many more features than rows: choosing 20 of 2000 features on all
        # rows finds some that happen to follow the labels, in the test folds too (a 0.4 gain).
        noise = (rng.normal(size=(100, 2000)), rng.integers(0, 2, 100))
        # 20 features (so selecting 20 of them changes nothing), one of them informative, and
        # one corrupted value in the last row: a scaler fitted on all rows shrinks that feature
        # in every fold; fitted on the training rows, only the folds that hold the row suffer.
        labels = np.tile([0, 1], 100)
        features = rng.normal(size=(200, 20))
        features[:, 0] += 1.5 * (2 * labels - 1)
        clean = (features.copy(), labels)
        features[-1, 0] = 1000.0 * (2 * labels[-1] - 1)
        _cache["data"] = {"noise": noise, "clean": clean, "outlier": (features, labels)}
    return _cache["data"]


def _estimate(candidate: Candidate, X: np.ndarray, y: np.ndarray) -> float:
    candidate.timeout = 30.0
    value = candidate.cv_accuracy(X, y)
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise Fail(f"cv_accuracy() returned {type(value).__name__}, not an accuracy.") from None
    if not 0.0 <= value <= 1.0:
        raise Fail(f"cv_accuracy() returned {value}, not an accuracy between 0 and 1.")
    return value


@test(points=6, name="selection_in_folds", seconds=60, skills=("model-evaluation",))
def selection_in_folds(candidate: Candidate, reference: Reference, seed: int):
    data = _data(seed)
    # On clean informative data every version agrees; this keeps a hand-typed number (such as
    # the accuracy of chance) from passing the noise check below.
    got, want = _estimate(candidate, *data["clean"]), reference.cv_accuracy(*data["clean"])
    if abs(got - want) > 0.1:
        raise Fail(
            f"On hidden informative data cv_accuracy() returns {got:.3f}, far from the estimate."
        )
    # 100 rows: an accuracy's standard error is 0.05; 0.1 is two of them. Selecting on all rows
    # adds about 0.4 here, while scaling on all rows changes nothing (the noise has no outliers).
    got, want = _estimate(candidate, *data["noise"]), reference.cv_accuracy(*data["noise"])
    if abs(got - want) > 0.1:
        raise Fail(
            f"On hidden data where the labels are pure noise, cv_accuracy() returns {got:.3f}, "
            "far above what any model can do on new data: the features are chosen with the "
            "test folds' labels. Fit the selection on each training fold only."
        )
    return Score(1.0, "The feature selection sees only the training folds.")


@test(points=4, name="scaling_in_folds", seconds=60, skills=("model-evaluation",))
def scaling_in_folds(candidate: Candidate, reference: Reference, seed: int):
    X, y = _data(seed)["outlier"]
    got, want = _estimate(candidate, X, y), reference.cv_accuracy(X, y)
    # Fold accuracies are multiples of 1/40, so any other fit moves the mean by at least
    # 0.005; 1e-9 absorbs only the order of the sum.
    if abs(got - want) > 1e-9:
        raise Fail(
            f"On hidden data with an extreme value in one row, cv_accuracy() returns {got:.3f}, "
            "not the estimate that fits the scaler on each training fold: the scaler still "
            "sees the test folds."
        )
    return Score(1.0, "The scaling sees only the training folds.")
