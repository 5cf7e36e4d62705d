"""Hidden tests for debug-mean-normalise: 10 points over the starter's bugs."""

import math

import numpy as np

from grader.authoring import Candidate, Fail, Reference, Score, expect_raises, test


def _close(got, want) -> bool:
    try:
        got = [float(v) for v in got]
    except (TypeError, ValueError):
        return False
    return len(got) == len(want) and all(
        math.isclose(g, w, rel_tol=1e-9, abs_tol=1e-12) for g, w in zip(got, want)
    )


def _check(candidate: Candidate, reference: Reference, values, what: str) -> Score:
    got = candidate.mean_normalise(values)
    if not _close(got, reference.mean_normalise(values)):
        raise Fail(f"mean_normalise({what}) returns wrong values.")
    return Score(1.0, f"mean_normalise({what}) is right.")


@test(points=2, name="mean_is_right", skills=("debugging",))
def mean_is_right(candidate: Candidate, reference: Reference):
    return _check(candidate, reference, [1, 2, 3, 4], "[1, 2, 3, 4]")


@test(points=1, name="returns_list", skills=("python",))
def returns_list(candidate: Candidate):
    got = candidate.mean_normalise([2.0, 4.0, 9.0])
    if not isinstance(got, list) or not all(isinstance(v, float) for v in got):
        raise Fail(f"mean_normalise() must return a list of floats, not a {type(got).__name__}.")
    return Score(1.0, "mean_normalise() returns a list of floats.")


@test(points=2, name="order_is_kept", skills=("debugging",))
def order_is_kept(candidate: Candidate, reference: Reference):
    return _check(candidate, reference, [3.0, -1.5, 10.0, 2.0], "unsorted values")


@test(points=2, name="equal_values_give_zeros", skills=("data-preprocessing",))
def equal_values_give_zeros(candidate: Candidate):
    got = candidate.mean_normalise([5, 5, 5])
    if not _close(got, [0.0, 0.0, 0.0]):
        raise Fail("mean_normalise([5, 5, 5]) must return [0.0, 0.0, 0.0].")
    return Score(1.0, "mean_normalise([5, 5, 5]) returns zeros.")


@test(points=1, name="empty_raises", skills=("python",))
def empty_raises(candidate: Candidate):
    return expect_raises(ValueError, candidate.mean_normalise, [])


@test(points=2, name="tuples_and_arrays", visibility="hidden", skills=("python",))
def tuples_and_arrays(candidate: Candidate, reference: Reference):
    right = 0
    # Already in order, so that this test is about the types (order_is_kept is about order).
    for values in [(4, 6, 8), np.array([0.25, 0.5, 1.0])]:
        try:
            right += _check(candidate, reference, values, "a tuple or array").fraction == 1.0
        except Fail:
            pass
    return Score(
        right / 2, f"The results for {right} of 2 inputs (a tuple and a NumPy array) are right."
    )
