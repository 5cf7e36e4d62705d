"""Prometheus metrics of one service process, in a registry of its own."""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class Metrics:
    """Request and grading latency, queue depth, verdicts and the failures operators watch."""

    def __init__(self, queue_depth: Callable[[], int], process: str = "grader") -> None:
        """`process` names this process in the metrics that differ between processes."""
        self.registry = CollectorRegistry()
        self.process = process
        Gauge(
            "grader_process_info",
            "Which process these metrics come from.",
            ["process"],
            registry=self.registry,
        ).labels(process=process).set(1)
        self.lease_expiries = Counter(
            "grader_lease_expiries",
            "Gradings whose worker stopped renewing its lease (found by this process).",
            ["process"],
            registry=self.registry,
        )
        self.retries = Counter(
            "grader_retries",
            "Submissions this process queued again for another attempt.",
            ["process"],
            registry=self.registry,
        )
        self.gave_up = Counter(
            "grader_attempts_exhausted",
            "Submissions failed because every attempt lost its worker.",
            ["process"],
            registry=self.registry,
        )
        self.request_seconds = Histogram(
            "grader_http_request_duration_seconds",
            "Time to answer an HTTP request.",
            ["method", "route", "status"],
            buckets=SECONDS,
            registry=self.registry,
        )
        self.grading_seconds = Histogram(
            "grader_grading_duration_seconds",
            "Time to grade one submission, sandbox included.",
            buckets=SECONDS,
            registry=self.registry,
        )
        self.queue_depth = Gauge(
            "grader_queue_depth", "Submissions waiting to be graded.", registry=self.registry
        )
        self.queue_depth.set_function(lambda: float(queue_depth()))
        self.verdicts = Counter(
            "grader_verdicts", "Graded submissions by verdict.", ["verdict"], registry=self.registry
        )
        self.sandbox_failures = Counter(
            "grader_sandbox_failures",
            "Gradings whose sandbox failed (verdict sandbox_error) or that could not be graded.",
            registry=self.registry,
        )
        self.webhook_failures = Counter(
            "grader_webhook_failures",
            "Webhook delivery attempts that failed.",
            registry=self.registry,
        )

    def graded(self, verdict: str | None, seconds: float) -> None:
        """Count one finished grading; `verdict` is None when it failed without a result."""
        self.grading_seconds.observe(seconds)
        if verdict is not None:
            self.verdicts.labels(verdict=verdict).inc()
        if verdict in (None, "sandbox_error"):
            self.sandbox_failures.inc()

    def reconciled(self, *, expired: int, failed: int) -> None:
        """Count what one reconciliation found: expired leases, of which `failed` are final."""
        if expired:
            self.lease_expiries.labels(process=self.process).inc(expired)
            self.retries.labels(process=self.process).inc(expired - failed)
        if failed:
            self.gave_up.labels(process=self.process).inc(failed)

    def render(self) -> bytes:
        return generate_latest(self.registry)
