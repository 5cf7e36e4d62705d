"""Hidden tests for top-k-heap: 10 points, calling the answer's top_k() with hidden streams."""

import time

import numpy as np

from grader.authoring import CallTimedOut, Candidate, Fail, Reference, Score, expect_raises, test

VISIBLE = [4, 1, 7, 3, 9, 2]


def _values(got, what: str) -> list[float]:
    if isinstance(got, np.ndarray) and got.ndim == 1:
        got = got.tolist()
    if not isinstance(got, list | tuple):
        raise Fail(f"top_k({what}) returned {type(got).__name__}, not a list.")
    try:
        return [float(v) for v in got]
    except (TypeError, ValueError):
        raise Fail(f"top_k({what}) did not return a list of numbers.") from None


def _same(candidate: Candidate, reference: Reference, stream, k: int, what: str) -> None:
    got = _values(candidate.top_k(stream, k), what)
    want = [float(v) for v in reference.top_k(stream, k)]
    if len(got) != len(want):
        raise Fail(f"top_k({what}) returned {len(got)} values, expected {len(want)}.")
    if got != want:
        if sorted(got, reverse=True) == want:
            raise Fail(f"top_k({what}) has the right values but not in descending order.")
        raise Fail(f"top_k({what}) returned the wrong values.")


@test(points=3, name="largest_values")
def largest_values(candidate: Candidate, reference: Reference, seed: int):
    """The visible example and hidden random streams of distinct ints and floats."""
    rng = np.random.default_rng(seed)
    _same(candidate, reference, VISIBLE, 3, "[4, 1, 7, 3, 9, 2], 3")
    for i in range(4):
        n = int(rng.integers(20, 300))
        k = int(rng.integers(1, 15))
        ints = [int(v) for v in rng.permutation(np.arange(-500, 500))[:n]]
        _same(candidate, reference, ints, k, f"a hidden stream of {n} integers, k={k}")
        floats = [float(v) for v in rng.normal(0.0, 10.0, size=n)]
        _same(candidate, reference, floats, k, f"a hidden stream of {n} floats, k={k}")
    return Score(1.0, "top_k returns the k largest values, largest first.")


@test(points=2, name="duplicates")
def duplicates(candidate: Candidate, reference: Reference):
    _same(candidate, reference, [5, 1, 5, 3], 2, "[5, 1, 5, 3], 2")
    _same(candidate, reference, [2, 2, 2, 2, 1, 1], 3, "[2, 2, 2, 2, 1, 1], 3")
    _same(candidate, reference, [7, 3, 7, 9, 9, 3, 1], 5, "a stream with repeats, k=5")
    return Score(1.0, "Repeated values count as often as they occur.")


@test(points=2, name="edge_cases")
def edge_cases(candidate: Candidate, reference: Reference):
    """Fewer values than k, an empty stream, k = 0 and a negative k."""
    _same(candidate, reference, [3, 1, 2], 10, "[3, 1, 2], 10")
    _same(candidate, reference, [], 4, "[], 4")
    _same(candidate, reference, [1, 2, 3], 0, "[1, 2, 3], 0")
    return expect_raises(ValueError, candidate.top_k, [1, 2, 3], -1)


# The reference runs in this process, the candidate's call in its own (its time includes
# sending the stream over the pipe); both are timed by the wall clock, in turns, best of three,
# so load on a shared machine slows both sides of the ratio alike. An O(n log k) answer stays
# within a few times the reference; an O(n k) one (rescanning the kept values for each new
# value) is more than a hundred times slower at n = 100 000, k = 5 000. The floor covers the
# transfer of the stream.
RATIO = 20.0
FLOOR_SECONDS = 1.0
# One message for a call past the bound and a call that timed out (which of the two a slow
# answer hits depends on the machine's load), stating the bound, not the measured times: the
# same answer graded twice gets the same result.
TOO_SLOW = (
    f"top_k took more than {RATIO:g} times as long as the O(n log k) reference (plus "
    f"{FLOOR_SECONDS:g} s) on 100000 values with k = 5000, or did not finish: keep a heap of the "
    "k largest values instead of rescanning them."
)


@test(points=3, name="performance", seconds=60)
def performance(candidate: Candidate, reference: Reference, seed: int):
    """O(n log k): timed against the reference on the same stream, as a ratio."""
    rng = np.random.default_rng(seed + 1)
    # Distinct values, so the values checked here are the largest alone (repeats are charged
    # by the duplicates test only).
    stream = [int(v) for v in rng.choice(10**9, size=100_000, replace=False)]
    k = 5_000
    ref_best = cand_best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        want = reference.top_k(stream, k)
        ref_best = min(ref_best, time.perf_counter() - start)
        start = time.perf_counter()
        try:
            got = candidate.top_k(stream, k)
        except CallTimedOut:
            raise Fail(TOO_SLOW) from None
        cand_best = min(cand_best, time.perf_counter() - start)
        if cand_best > 2 * (RATIO * ref_best + FLOOR_SECONDS):
            break  # clearly too slow: repeating it would only cost the machine time
    limit = RATIO * ref_best + FLOOR_SECONDS
    if _values(got, "a stream of 100000 values") != [float(v) for v in want]:
        raise Fail("top_k returned the wrong values on a long stream.")
    if cand_best > limit:
        raise Fail(TOO_SLOW)
    return Score(1.0, "top_k runs in O(n log k) time.")
