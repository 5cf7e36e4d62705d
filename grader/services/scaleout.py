"""Broker mode of an API process: tasks sent to the workers, the reconciler, shared limits."""

from __future__ import annotations

import redis
from sqlalchemy.engine import Engine

from grader.config import Settings
from grader.metrics import Metrics
from grader.ratelimit import RateLimiter, RedisRateLimiter
from grader.store.leases import LeaseStore, Reconciled
from grader.tasks.broker import TaskQueue, make_celery
from grader.tasks.reconciler import Reconciler

# How often `?wait=true` reads the database while a worker elsewhere grades.
POLL_SECONDS = 0.2


class ScaleOut:
    """The parts an API process has only when workers grade: the queue and the reconciler."""

    def __init__(self, settings: Settings, leases: LeaseStore, queue: TaskQueue) -> None:
        self._settings = settings
        self._queue = queue
        self._metrics: Metrics | None = None
        url = settings.redis_url or settings.broker_url
        assert url is not None
        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.reconciler = Reconciler(
            leases=leases,
            queue=queue,
            period=settings.reconcile_seconds,
            stale_after=settings.requeue_stale_seconds,
            max_attempts=settings.max_attempts,
            on_reconciled=self._count,
        )

    @classmethod
    def create(cls, settings: Settings, engine: Engine) -> ScaleOut:
        leases = LeaseStore(engine)
        queue = TaskQueue(make_celery(settings, publisher=True), on_sent=leases.mark_enqueued)
        return cls(settings, leases, queue)

    def limiter(self, fallback: RateLimiter) -> RedisRateLimiter:
        """Rate limits shared through Redis (the broker's server unless redis_url says)."""

        return RedisRateLimiter(
            self._redis,
            rate=self._settings.rate_limit_per_second,
            burst=self._settings.rate_limit_burst,
            fallback=fallback,
        )

    def ping(self) -> bool:
        """Whether the broker answers now (readiness is yes or no, so this never raises)."""
        try:
            return bool(self._redis.ping())
        except redis.RedisError:
            return False

    def send(self, submission_id: str) -> None:
        """Send the new submission's task; while the broker is down the reconciler will."""
        self._queue.send([submission_id])

    def start(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self.reconciler.start()

    def stop(self) -> None:
        self.reconciler.stop()
        self._queue.close()

    def _count(self, done: Reconciled) -> None:
        if self._metrics is not None:
            self._metrics.reconciled(expired=done.expired, failed=done.failed)
