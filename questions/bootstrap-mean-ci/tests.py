"""Hidden tests for bootstrap-mean-ci: 10 points, calling bootstrap_ci() with hidden samples.

Tolerance. Each endpoint is a quantile of B bootstrap means, a Monte Carlo estimate. With the
bootstrap distribution close to normal with standard deviation SE = s / sqrt(n), the standard
error of the q-quantile of B draws is sqrt(q (1 - q) / B) / phi(z_q) * SE (phi the normal
density), and candidate and reference draw independently, so their difference has sqrt(2)
times that. An endpoint passes within 5 of those standard deviations (at B = 10 000 and
q = 0.025: 0.19 SE). Measured with independent draws on 300 hidden samples, the largest
difference was 0.99 of the tolerance. The nearest wrong answers are farther: a 90 % interval
instead of 95 % moves each endpoint by 0.31 SE; the normal-theory interval misses by 1.5
tolerances on the starter's skewed sample (and on the hidden skewed sample at most seeds); the
interval of the data rather than of the mean is sqrt(n) times too wide.
"""

import math

import numpy as np

from grader.authoring import Candidate, Fail, Reference, Score, expect_raises, test

B = 10_000
SIGMAS = 5.0


def _phi(z: float) -> float:
    return math.exp(-z * z / 2) / math.sqrt(2 * math.pi)


def _z(q: float) -> float:
    """The standard normal quantile (bisection: the harness needs no SciPy for it)."""
    lo, hi = -10.0, 10.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if 0.5 * math.erfc(-mid / math.sqrt(2)) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def tolerance(data: np.ndarray, alpha: float, n_boot: int = B) -> float:
    """SIGMAS standard deviations of the difference of two independent bootstrap endpoints."""
    q = alpha / 2
    se = float(np.std(data, ddof=1)) / math.sqrt(data.size)
    return SIGMAS * math.sqrt(2) * math.sqrt(q * (1 - q) / n_boot) / _phi(_z(q)) * se


def _pair(got, what: str) -> tuple[float, float]:
    try:
        values = [float(v) for v in np.asarray(got, dtype=float).ravel()]
    except (TypeError, ValueError):
        raise Fail(f"bootstrap_ci({what}) did not return a pair of numbers.") from None
    if len(values) != 2 or not all(math.isfinite(v) for v in values):
        raise Fail(f"bootstrap_ci({what}) did not return a pair (low, high) of finite numbers.")
    return values[0], values[1]


def _interval(candidate: Candidate, reference: Reference, data, alpha: float, what: str) -> None:
    low, high = _pair(candidate.bootstrap_ci(data, B, alpha, 0), what)
    want_low, want_high = reference.bootstrap_ci(data, B, alpha, 0)
    tol = tolerance(np.asarray(data, dtype=float), alpha)
    if low > high:
        raise Fail(f"bootstrap_ci({what}) returned low > high.")
    if abs(low - want_low) > tol or abs(high - want_high) > tol:
        raise Fail(
            f"bootstrap_ci({what}) is farther from the percentile bootstrap interval of the "
            "mean than the bootstrap's random error allows."
        )


def _samples(seed: int) -> list[tuple[np.ndarray, str]]:
    rng = np.random.default_rng(seed)
    return [
        (np.round(rng.normal(50.0, 12.0, size=40), 2), "a hidden normal sample of 40"),
        (np.round(rng.lognormal(2.0, 1.4, size=50), 2), "a hidden skewed sample of 50"),
        (rng.integers(0, 2, size=120).astype(float), "a hidden sample of 120 zeros and ones"),
    ]


@test(points=4, name="interval")
def interval(candidate: Candidate, reference: Reference, seed: int):
    """95 % intervals of the starter's sample and of hidden ones, skewed among them."""
    latency = reference.value("latency_ms")
    _interval(candidate, reference, latency, 0.05, "the starter's latency_ms")
    for data, what in _samples(seed):
        _interval(candidate, reference, data, 0.05, what)
    return Score(1.0, "The 95 % percentile bootstrap intervals are right.")


@test(points=2, name="alpha")
def alpha_levels(candidate: Candidate, reference: Reference, seed: int):
    """Other confidence levels, 90 % and 99 %, on a hidden normal sample."""
    for data, what in _samples(seed + 1)[:1]:
        for alpha in (0.10, 0.01):
            _interval(candidate, reference, data, alpha, f"{what}, alpha={alpha:g}")
    return Score(1.0, "The interval follows alpha.")


@test(points=2, name="seeded")
def seeded(candidate: Candidate, seed: int):
    """The same seed gives the same interval; other seeds give other ones."""
    data, _ = _samples(seed + 2)[1]
    first = _pair(candidate.bootstrap_ci(data, 2000, 0.05, 3), "seed=3")
    again = _pair(candidate.bootstrap_ci(data, 2000, 0.05, 3), "seed=3")
    if first != again:
        raise Fail("bootstrap_ci gave different intervals for the same seed: draw from np.random.default_rng(seed).")
    others = {_pair(candidate.bootstrap_ci(data, 2000, 0.05, s), f"seed={s}") for s in (4, 5, 6)}
    if others == {first}:
        raise Fail("bootstrap_ci gave the same interval for every seed: draw from np.random.default_rng(seed).")
    return Score(1.0, "The interval is reproducible from its seed.")


@test(points=2, name="validation")
def validation(candidate: Candidate):
    """An empty sample, and alpha outside (0, 1), raise ValueError."""
    for args in (([], B, 0.05, 0), ([1.0, 2.0, 3.0], 100, 0.0, 0), ([1.0, 2.0, 3.0], 100, 1.5, 0)):
        result = expect_raises(ValueError, candidate.bootstrap_ci, *args)
        if result.fraction < 1.0:
            return result
    return Score(1.0, "Bad input raises ValueError.")
