"""The per-key token bucket."""

from __future__ import annotations

from grader.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_the_steady_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=2.0, burst=3, clock=clock)
    assert [limiter.take("k") for _ in range(4)] == [0, 0, 0, 1]
    clock.now = 0.5
    assert [limiter.take("k"), limiter.take("k")] == [0, 1]


def test_keys_have_their_own_buckets() -> None:
    limiter = RateLimiter(rate=0.1, burst=1, clock=Clock())
    assert [limiter.take("a"), limiter.take("a"), limiter.take("b")] == [0, 10, 0]


def test_a_zero_rate_turns_limiting_off() -> None:
    limiter = RateLimiter(rate=0.0, burst=1, clock=Clock())
    assert {limiter.take("k") for _ in range(100)} == {0}
