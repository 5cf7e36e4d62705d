"""Hidden tests for softmax-stable: 10 points, calling the answer's softmax() with hidden inputs."""

import numpy as np

from grader.authoring import Candidate, Fail, Reference, Score, expect_raises, test

SMALL = np.array([1.0, 2.0, 3.0])
LARGE = np.array([1000.0, 1001.0, 1002.0])
VERY_NEGATIVE = np.array([-1000.0, -1001.0, -1002.0])
# Large and very negative values together: only subtracting the maximum keeps this finite
# (subtracting the minimum overflows on the 1000).
WIDE = np.array([-1000.0, 0.0, 1000.0])


def _check(candidate: Candidate, reference: Reference, x, what: str):
    got = candidate.softmax(x)
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise Fail(f"softmax({what}) did not return numbers.") from None
    want = reference.softmax(x)
    if got.shape != want.shape:
        raise Fail(f"softmax({what}) returned shape {got.shape}, expected {want.shape}.")
    if not np.all(np.isfinite(got)):
        raise Fail(f"softmax({what}) returned inf or nan: it is not numerically stable.")
    if not np.allclose(got, want, rtol=1e-6, atol=1e-9):
        raise Fail(f"softmax({what}) returned wrong values.")
    return Score(1.0, f"softmax({what}) is correct.")


@test(points=2, name="small_values", skills=("numpy",))
def small_values(candidate: Candidate, reference: Reference):
    result = _check(candidate, reference, SMALL, "[1, 2, 3]")
    if not isinstance(candidate.softmax(SMALL), np.ndarray):
        return Score(0.5, "softmax([1, 2, 3]) has the right values but is not a NumPy array.")
    return result


@test(points=3, name="large_values", skills=("numerical-computing",))
def large_values(candidate: Candidate, reference: Reference):
    _check(candidate, reference, LARGE, "large values")
    return _check(candidate, reference, WIDE, "large and very negative values together")


@test(points=1, name="very_negative_values", skills=("numerical-computing",))
def very_negative_values(candidate: Candidate, reference: Reference):
    return _check(candidate, reference, VERY_NEGATIVE, "very negative values")


@test(points=2, name="properties", visibility="hidden", skills=("numpy",))
def properties(candidate: Candidate, reference: Reference, seed: int):
    """Random inputs: sums to one, order kept, invariant to a shift, matches the reference."""
    rng = np.random.default_rng(seed)
    for round_ in range(5):
        x = rng.normal(0, 50, size=int(rng.integers(1, 40)))
        # One input of the five is a list: "a 1-D NumPy array (or a list)".
        got = np.asarray(candidate.softmax(x.tolist() if round_ == 0 else x), dtype=float)
        if got.shape != x.shape or not np.isclose(got.sum(), 1.0):
            raise Fail("The function softmax does not sum to 1 on random inputs.")
        if not np.array_equal(np.argsort(got, kind="stable"), np.argsort(reference.softmax(x), kind="stable")):
            raise Fail("The function softmax does not keep the order of its inputs.")
        shifted = np.asarray(candidate.softmax(x + 123.0), dtype=float)
        if not np.allclose(shifted, got, atol=1e-9):
            raise Fail("softmax(x + c) differs from softmax(x).")
    return Score(1.0, "The function softmax keeps its properties on random inputs.")


@test(points=1, name="empty_input_raises", skills=("numpy",))
def empty_input_raises(candidate: Candidate):
    return expect_raises(ValueError, candidate.softmax, np.array([]))


@test(points=1, name="rows_of_a_matrix", visibility="after_due", skills=("numpy",))
def rows_of_a_matrix(candidate: Candidate, reference: Reference):
    x = np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, 1000.0]])
    return _check(candidate, reference, x, "a 2-D array")
