"""Hidden tests for digits-image-classifier: 10 points on images held back from training.

The harness splits scikit-learn's digits with the question's seed: 1200 images to train on,
the other 597 held back and given a little pixel noise (Gaussian, 1 grey level of 16, clipped),
so that a model that memorised the whole data set gains nothing over one that learned. The
held-back labels never cross to the candidate; only the model's predictions come back.
"""

import numpy as np
from sklearn.datasets import load_digits

from grader.authoring import Candidate, CandidateError, Fail, RemoteObject, Score, test

TRAIN = 1200
CHANCE = 0.1
_cache: dict = {}


def _data(seed: int):
    if "data" not in _cache:
        digits = load_digits()
        rng = np.random.default_rng(seed)
        order = rng.permutation(len(digits.target))
        images, labels = digits.images[order], digits.target[order]
        held = np.clip(images[TRAIN:] + rng.normal(0.0, 1.0, images[TRAIN:].shape), 0.0, 16.0)
        shuffled = rng.permutation(labels[:TRAIN])
        _cache["data"] = (images[:TRAIN], labels[:TRAIN], held, labels[TRAIN:], shuffled)
    return _cache["data"]


def _model(candidate: Candidate, seed: int) -> RemoteObject:
    if "model" not in _cache:
        images, labels, _, _, _ = _data(seed)
        candidate.timeout = 20.0
        model = candidate.train(images, labels)
        if not isinstance(model, RemoteObject):
            raise Fail(f"train() returned {type(model).__name__}, not a fitted model.")
        _cache["model"] = model
    return _cache["model"]


def _digits(returned, count: int) -> np.ndarray:
    try:
        digits = np.asarray(returned).astype(int).ravel()
    except (TypeError, ValueError):
        raise Fail("predict() did not return digits.") from None
    if digits.shape != (count,):
        raise Fail(f"predict() returned {digits.size} digits for {count} images.")
    return digits


def _predictions(candidate: Candidate, seed: int) -> np.ndarray:
    """Predictions for the held-back images: as (m, 8, 8) images, or else as rows of 64 pixels
    (so that a model that only takes flat rows loses `images_in_digits_out` alone)."""
    if "pred" not in _cache:
        _, _, held, truth, _ = _data(seed)
        model = _model(candidate, seed)
        try:
            returned = model.predict(held)
        except CandidateError:
            returned = model.predict(held.reshape(len(held), -1))
        _cache["pred"] = _digits(returned, len(truth))
    return _cache["pred"]


def _accuracy(candidate: Candidate, seed: int) -> float:
    _, _, _, truth, _ = _data(seed)
    return float(np.mean(_predictions(candidate, seed) == truth))


@test(points=5, name="hidden_accuracy", seconds=60, skills=("image-classification",))
def hidden_accuracy(candidate: Candidate, seed: int):
    # 597 held-back images: the standard error of an accuracy near 0.97 is 0.007. An RBF SVM
    # reaches 0.98 on them; 0.95 leaves four standard errors for other good models.
    share = _accuracy(candidate, seed)
    if share >= 0.95:
        return Score(1.0, f"The model recognises {share:.1%} of the hidden images.")
    if share >= 0.85:
        return Score(0.5, f"The model recognises {share:.1%} of the hidden images; 95% is needed.")
    raise Fail(f"The model recognises only {share:.1%} of the hidden images; 95% is needed.")


@test(points=2, name="images_in_digits_out", seconds=60, skills=("image-classification",))
def images_in_digits_out(candidate: Candidate, seed: int):
    if _accuracy(candidate, seed) < 0.5:
        raise Fail("The model does not recognise the digits, so its interface is not graded.")
    _, _, held, _, _ = _data(seed)
    digits = _digits(_model(candidate, seed).predict(held[:20]), 20)
    if not np.array_equal(digits, _predictions(candidate, seed)[:20]):
        raise Fail("predict() on 8 x 8 images disagrees with its predictions for the same rows.")
    if not set(digits.tolist()) <= set(range(10)):
        raise Fail("predict() must return digits from 0 to 9.")
    return Score(1.0, "predict() takes images of shape (m, 8, 8) and returns m digits.")


def _evaluate(candidate: Candidate, images: np.ndarray, labels: np.ndarray) -> float:
    candidate.timeout = 30.0
    value = candidate.evaluate(images, labels)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Fail(f"evaluate() returned {type(value).__name__}, not an accuracy.")
    if not 0.0 <= value <= 1.0:
        raise Fail(f"evaluate() returned {value}, not an accuracy between 0 and 1.")
    return float(value)


@test(points=3, name="held_out_accuracy", seconds=90, skills=("model-evaluation",))
def held_out_accuracy(candidate: Candidate, seed: int):
    images, labels, _, _, shuffled = _data(seed)
    real = _evaluate(candidate, images, labels)
    if real < 0.5:
        raise Fail(
            f"evaluate() reports {real:.3f} for the real labels: it does not measure the model."
        )
    # With the labels shuffled, no model can recognise held-out images better than chance
    # (0.1), while flexible models still fit their training images. Even if only 10% of the
    # 1200 images are held out, chance accuracy has a standard error of 0.027 there; 0.21 is
    # four of them above chance.
    noise = _evaluate(candidate, images, shuffled)
    if noise > CHANCE + 4 * np.sqrt(CHANCE * (1 - CHANCE) / 120):
        raise Fail(
            f"With the labels shuffled, evaluate() reports {noise:.3f}, far above chance (0.1): "
            "it measures images the model was trained on. Hold some out before training."
        )
    return Score(1.0, f"evaluate() reports held-out accuracy ({real:.3f}).")
