"""Hidden tests for debug-torch-training: 10 points, 5 for each of the starter's two bugs.

The data is made here with the question's seed. The intended code (the reference solution)
trains in the harness process on the same data: same image, same seed, one thread, so the same
operations give the same numbers, and any correct fix of the gradient bug (zeroing before
backward() or after step(), optimiser.zero_grad() or model.zero_grad()) gives the intended
losses to rounding.
"""

import numpy as np
from sklearn.datasets import make_classification

from grader.authoring import Candidate, Fail, Reference, RemoteObject, Score, test

LEARNED = 0.65
_cache: dict = {}


def _plain(value):
    """A returned tensor crosses as a handle (the wire carries NumPy arrays, not tensors):
    ask the candidate's process for its values, as `tensor.tolist()` and `tensor.item()`."""
    if isinstance(value, RemoteObject):
        value = value.tolist()
    if isinstance(value, (list, tuple)) and any(isinstance(v, RemoteObject) for v in value):
        value = [v.item() if isinstance(v, RemoteObject) else v for v in value]
    return value


def _data(seed: int):
    if "data" not in _cache:
        X, y = make_classification(
            n_samples=800, n_features=10, n_informative=6, class_sep=1.2, random_state=seed
        )
        X = X.astype(np.float32)
        _cache["data"] = (X[:500], y[:500], X[500:], y[500:])
    return _cache["data"]


def _losses(candidate: Candidate, seed: int) -> np.ndarray:
    if "losses" not in _cache:
        X, y, _, _ = _data(seed)
        candidate.timeout = 30.0
        returned = _plain(candidate.train(X, y))
        try:
            _cache["losses"] = np.asarray(returned, dtype=float).ravel()
        except (TypeError, ValueError):
            raise Fail("train() must return a list of numbers, one loss per epoch.") from None
    return _cache["losses"]


def _labels(candidate: Candidate, X: np.ndarray) -> np.ndarray:
    try:
        labels = np.asarray(_plain(candidate.predict(X))).astype(int).ravel()
    except (TypeError, ValueError):
        raise Fail("predict() did not return labels.") from None
    if labels.shape != (len(X),):
        raise Fail(f"predict() returned {labels.size} labels for {len(X)} rows.")
    return labels


@test(points=5, name="loss_curve", seconds=60, skills=("debugging", "deep-learning"))
def loss_curve(candidate: Candidate, reference: Reference, seed: int):
    X, y, _, _ = _data(seed)
    got = _losses(candidate, seed)
    intended = np.asarray(reference.train(X, y), dtype=float)
    if got.shape != intended.shape:
        raise Fail(
            f"train() returned {got.size} losses, not one per epoch ({intended.size}); keep "
            "the number of epochs."
        )
    # Float32 arithmetic in the same order gives the same bits; 1e-5 absorbs only rounding.
    close = np.isclose(got, intended, rtol=1e-5, atol=1e-7)
    if close.all():
        return Score(1.0, "The training losses are the intended ones, epoch by epoch.")
    first = int(np.argmin(close))
    raise Fail(
        f"The training loss differs from the intended run from epoch {first + 1} on: the "
        "gradients of one step should not carry over into the next."
    )


@test(points=5, name="evaluation_mode", seconds=60, skills=("debugging", "pytorch"))
def evaluation_mode(candidate: Candidate, seed: int):
    _losses(candidate, seed)
    _, _, X_test, y_test = _data(seed)
    first = _labels(candidate, X_test)
    # Chance is 50% (standard error 0.03 on 300 rows); a network trained with the gradient
    # bug still reaches 79% here and 0.65 is five standard errors above chance, so this
    # gate only keeps a constant or random predict() from earning these points.
    if np.mean(first == y_test) < LEARNED:
        raise Fail("predict() is barely better than chance on hidden rows; it is not graded.")
    again = _labels(candidate, X_test)
    half = len(X_test) // 2
    in_parts = np.concatenate(
        [_labels(candidate, X_test[:half]), _labels(candidate, X_test[half:])]
    )
    if not np.array_equal(first, again):
        raise Fail(
            f"predict() changed its answer for {int(np.sum(first != again))} of "
            f"{len(X_test)} rows when called again: the network still uses dropout."
        )
    if not np.array_equal(first, in_parts):
        raise Fail("predict() answers differently for rows called in smaller batches.")
    return Score(1.0, "predict() gives the same answer for every row, every time.")
