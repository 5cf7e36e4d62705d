"""Per-key token buckets, in memory or shared in Redis: a steady rate with a burst allowance."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import redis


class Limiter(Protocol):
    """Answers 0 when `key` may make a request now, else whole seconds to wait."""

    def take(self, key: str) -> int: ...


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """One token bucket per key; `take` answers 0 when allowed, else seconds until it would be."""

    def __init__(
        self,
        *,
        rate: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> int:
        """Spend one token of `key`; 0 when there was one, else whole seconds to wait (>= 1)."""
        if self._rate <= 0:
            return 0
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self._max_keys:
                    self._buckets.clear()  # a bound on memory; forgetting only makes us lenient
                bucket = self._buckets[key] = _Bucket(tokens=self._burst, updated=now)
            bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0
            return max(1, math.ceil((1.0 - bucket.tokens) / self._rate))


# A token bucket kept in one Redis hash per key, updated atomically by the server; it answers
# 0 (allowed) or the whole seconds to wait. Time comes from the server, so API processes on
# hosts with skewed clocks share one bucket.
_TAKE = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1]) or burst
local updated = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - updated) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) / rate))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 60)
return wait
"""


class RedisRateLimiter:
    """The same token buckets shared by every API process through Redis.

    While Redis cannot be reached, each process falls back to its own buckets (`fallback`):
    limits loosen for a while rather than the service refusing every request.
    """

    def __init__(
        self, client: redis.Redis, *, rate: float, burst: int, fallback: RateLimiter
    ) -> None:
        self._client = client
        self._rate = rate
        self._burst = burst
        self._fallback = fallback
        self._script = client.register_script(_TAKE)

    def take(self, key: str) -> int:
        if self._rate <= 0:
            return 0
        try:
            wait = self._script(keys=[f"grader:rate:{key}"], args=[self._rate, self._burst])
        except redis.RedisError:
            return self._fallback.take(key)
        return int(wait)
