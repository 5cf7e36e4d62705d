"""Hidden tests for torch-train-moons: 10 points on hidden, seeded half-moon data sets.

The data is made here, in the harness, with the question's seed; only the features and the
training labels cross to the candidate's process, never the test labels. The network stays in
the candidate's process: only its losses and predictions come back.

Every test but `accuracy` is gated on the network having learned something (75% on the hidden
points, where chance is 50%): hand-typed losses or an untrained network earn nothing there.
"""

import ast

import numpy as np
from sklearn.datasets import make_moons

from grader.authoring import Candidate, Fail, RemoteObject, Score, test

NOISE = 0.25
LEARNED = 0.75
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
        _cache["data"] = (
            make_moons(n_samples=600, noise=NOISE, random_state=seed),
            make_moons(n_samples=1000, noise=NOISE, random_state=seed + 1),
        )
    return _cache["data"]


def _losses(candidate: Candidate, seed: int):
    """What the first train() call on the hidden training set returned."""
    if "losses" not in _cache:
        (X, y), _ = _data(seed)
        candidate.timeout = 30.0
        _cache["losses"] = _plain(candidate.train(X.astype(np.float32), y))
    return _cache["losses"]


def _predicted(candidate: Candidate, seed: int) -> np.ndarray:
    """What predict() returned for the hidden points, as one number per point."""
    if "predicted" not in _cache:
        _losses(candidate, seed)
        _, (X_test, y_test) = _data(seed)
        try:
            returned = _plain(candidate.predict(X_test.astype(np.float32)))
            values = np.asarray(returned, dtype=float).ravel()
        except (TypeError, ValueError):
            raise Fail("predict() did not return labels.") from None
        if values.shape != y_test.shape:
            raise Fail(f"predict() returned {values.size} labels for {y_test.size} points.")
        _cache["predicted"] = values
    return _cache["predicted"]


def _probabilities(values: np.ndarray) -> bool:
    """Whether predict() returned probabilities (numbers in [0, 1], not all 0 or 1)."""
    finite = bool(np.all(np.isfinite(values)))
    return finite and bool(np.all((values >= 0) & (values <= 1))) and not np.all(values % 1 == 0)


def _accuracy(candidate: Candidate, seed: int) -> float:
    """The share of hidden points whose label predict() got right (labels, as asked)."""
    values = _predicted(candidate, seed)
    _, (_, y_test) = _data(seed)
    return float(np.mean(values == y_test))


def _learned(candidate: Candidate, seed: int) -> None:
    """The gate of every test but `accuracy`: the network learned the moons. Probabilities
    returned instead of labels fail `accuracy` but say as well whether it learned: here they
    are read at 0.5."""
    values = _predicted(candidate, seed)
    _, (_, y_test) = _data(seed)
    if _probabilities(values):
        values = (values >= 0.5).astype(float)
    if float(np.mean(values == y_test)) < LEARNED:
        raise Fail(
            "The network predicts the hidden points barely better than chance, so this part "
            "is not graded; make train() fit the data first."
        )


def _as_floats(losses) -> np.ndarray:
    if not isinstance(losses, (list, tuple, np.ndarray)):
        raise Fail(f"train() returned {type(losses).__name__}, not a list of per-epoch losses.")
    try:
        values = np.asarray(losses, dtype=float).ravel()
    except (TypeError, ValueError):
        raise Fail("train() must return a list of numbers, one loss per epoch.") from None
    if values.size != len(losses) or not np.all(np.isfinite(values)):
        raise Fail("train() must return one finite number per epoch.")
    return values


def _numbers(returned) -> np.ndarray:
    """What train() returned as numbers, whatever its shape: reproducibility is judged apart
    from whether it is a proper loss curve (that is `losses_per_epoch`)."""
    try:
        values = np.asarray(returned, dtype=float).ravel()
    except (TypeError, ValueError):
        raise Fail("train() must return numbers, one loss per epoch.") from None
    if not np.all(np.isfinite(values)):
        raise Fail("train() returned losses that are not finite.")
    return values


@test(points=4, name="accuracy", seconds=60, skills=("deep-learning",))
def accuracy(candidate: Candidate, seed: int):
    # 1000 hidden points: the standard error of an accuracy near 0.93 is 0.008. The reference
    # reaches 0.938 (the noise makes about 5% of points ambiguous); 0.90 is four standard
    # errors below it. A linear model, which cannot bend around the moons, reaches about 0.85.
    share = _accuracy(candidate, seed)
    if _probabilities(_predicted(candidate, seed)):
        raise Fail(
            "predict() returned probabilities, not labels: return 0 or 1 for each point "
            "(for example, the probability thresholded at 0.5)."
        )
    if share >= 0.90:
        return Score(1.0, f"predict() is right on {share:.1%} of the hidden points.")
    if share >= 0.80:
        return Score(0.5, f"predict() is right on {share:.1%} of the hidden points; 90% is needed.")
    raise Fail(f"predict() is right on only {share:.1%} of the hidden points; 90% is needed.")


@test(points=1, name="losses_per_epoch", seconds=60, skills=("pytorch",))
def losses_per_epoch(candidate: Candidate, seed: int):
    values = _as_floats(_losses(candidate, seed))
    _learned(candidate, seed)
    if values.size < 10:
        raise Fail(f"train() returned {values.size} losses; train for at least 10 epochs.")
    return Score(1.0, f"train() returned {values.size} per-epoch losses.")


@test(points=2, name="loss_falls", seconds=60, skills=("deep-learning",))
def loss_falls(candidate: Candidate, seed: int):
    values = _as_floats(_losses(candidate, seed))
    _learned(candidate, seed)
    if values.size < 10:
        raise Fail("There are too few losses to judge the curve; train for at least 10 epochs.")
    quarter = values.size // 4
    if not values[-1] < 0.5 * values[0]:
        raise Fail(
            f"The last loss ({values[-1]:.3g}) is not below half of the first ({values[0]:.3g})."
        )
    if not values[-quarter:].mean() < values[:quarter].mean():
        raise Fail("The loss does not fall overall: the last quarter of the epochs is not lower.")
    return Score(1.0, "The training loss falls to below half of its first value.")


@test(points=2, name="reproducible", seconds=60, skills=("pytorch",))
def reproducible(candidate: Candidate, seed: int):
    first = _numbers(_losses(candidate, seed))
    _learned(candidate, seed)
    (X, y), _ = _data(seed)
    again = _numbers(_plain(candidate.train(X.astype(np.float32), y)))
    # Same seed, same data, same single thread: the same operations give the same numbers.
    if again.shape == first.shape and np.allclose(again, first, rtol=1e-6, atol=1e-9):
        return Score(1.0, "Two trainings on the same data give the same losses.")
    raise Fail(
        "Two trainings on the same data gave different losses; call torch.manual_seed(...) "
        "at the start of train()."
    )


def _uses_torch_training(code: str) -> bool:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    imports_torch = backward = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports_torch |= any(a.name.split(".")[0] == "torch" for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imports_torch |= node.module.split(".")[0] == "torch"
        elif isinstance(node, ast.Attribute) and node.attr == "backward":
            backward = True
    return imports_torch and backward


@test(points=1, name="framework", seconds=60, skills=("pytorch",))
def framework(candidate: Candidate, seed: int, code: str):
    _learned(candidate, seed)
    if not _uses_torch_training(code):
        raise Fail(
            "The answer does not train with PyTorch: import torch and call loss.backward() "
            "in your own training loop."
        )
    return Score(1.0, "The network is trained with PyTorch.")
