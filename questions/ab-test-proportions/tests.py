"""Hidden tests for ab-test-proportions: 10 points, calling ab_test() with hidden counts.

Tolerance. The statistic and its p-value are a closed form of the counts, so every correct
method (math.erfc, scipy.stats.norm.sf, statsmodels' proportions_ztest, a chi-square test
without continuity correction) agrees with the reference to rounding error: relative 1e-6 and
absolute 1e-9 allow for that. The nearest wrong answers are far outside it on the hidden
counts of the question's seed: the unpooled standard error moves z by at least 2e-5 of its
value, Yates' continuity correction moves p by at least 0.2 %, and a one-sided p-value is half
the two-sided one.
"""

import math

import numpy as np

from grader.authoring import Candidate, Fail, Reference, Score, expect_raises, test

VISIBLE = (200, 2400, 260, 2400)
RTOL, ATOL = 1e-6, 1e-9


def _pair(got, what: str) -> tuple[float, float]:
    try:
        values = [float(v) for v in np.asarray(got, dtype=float).ravel()]
    except (TypeError, ValueError):
        raise Fail(f"ab_test({what}) did not return a pair of numbers.") from None
    if len(values) != 2:
        raise Fail(f"ab_test({what}) did not return a pair (z, p_value).")
    return values[0], values[1]


def _hidden(seed: int) -> list[tuple[int, int, int, int]]:
    """Counts of realistic tests: a few percent converting, a small lift or none, either way."""
    rng = np.random.default_rng(seed)
    cases = []
    for _ in range(6):
        n_a, n_b = (int(v) for v in rng.integers(500, 20_000, size=2))
        rate = float(rng.uniform(0.02, 0.3))
        lift = float(rng.choice([-1.0, 1.0])) * float(rng.uniform(0.0, 0.25))
        c_a = int(rng.binomial(n_a, rate))
        c_b = int(rng.binomial(n_b, min(rate * (1 + lift), 0.99)))
        cases.append((c_a, n_a, c_b, n_b))
    return cases


def _close(got: float, want: float) -> bool:
    return math.isfinite(got) and math.isclose(got, want, rel_tol=RTOL, abs_tol=ATOL)


@test(points=4, name="z_statistic")
def z_statistic(candidate: Candidate, reference: Reference, seed: int):
    """z of the example and of hidden counts, its sign saying which version converts better."""
    for counts in [VISIBLE, *_hidden(seed)]:
        what = ", ".join(str(c) for c in counts)
        z, _ = _pair(candidate.ab_test(*counts), what)
        want, _ = reference.ab_test(*counts)
        if _close(-z, want) and not _close(z, want):
            raise Fail(f"ab_test({what}) returned -z: z is positive when B converts better.")
        if not _close(z, want):
            raise Fail(f"ab_test({what}) returned the wrong z for the pooled two-proportion test.")
    return Score(1.0, "The z statistic is right.")


@test(points=4, name="p_value")
def p_value(candidate: Candidate, reference: Reference, seed: int):
    """The two-sided p-value of the example and of hidden counts."""
    for counts in [VISIBLE, *_hidden(seed + 1)]:
        what = ", ".join(str(c) for c in counts)
        _, p = _pair(candidate.ab_test(*counts), what)
        _, want = reference.ab_test(*counts)
        if not _close(p, want):
            if _close(2 * p, want):
                raise Fail(f"ab_test({what}) returned a one-sided p-value; the test is two-sided.")
            raise Fail(f"ab_test({what}) returned the wrong two-sided p-value.")
    return Score(1.0, "The p-value is right.")


@test(points=1, name="degenerate")
def degenerate(candidate: Candidate):
    """No conversions at all, or only conversions: (0, 1), not a division by zero."""
    for counts in ((0, 1500, 0, 900), (40, 40, 75, 75)):
        what = ", ".join(str(c) for c in counts)
        z, p = _pair(candidate.ab_test(*counts), what)
        if z != 0.0 or p != 1.0:
            raise Fail(f"ab_test({what}) should return (0.0, 1.0): the pooled proportion is 0 or 1.")
    return Score(1.0, "A pooled proportion of 0 or 1 gives (0, 1).")


@test(points=1, name="validation")
def validation(candidate: Candidate):
    """Visitors not positive, conversions negative or above visitors: ValueError."""
    for counts in ((10, 0, 5, 100), (-1, 100, 5, 100), (10, 100, 101, 100)):
        result = expect_raises(ValueError, candidate.ab_test, *counts)
        if result.fraction < 1.0:
            return result
    return Score(1.0, "Impossible counts raise ValueError.")
