"""`run_worker` starts the Celery worker again when it stops on an error of its own (kombu's
Redis transport can raise outside what Celery recovers from after a Redis restart), and stops
on a signal or after failing repeatedly right after each start."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import cast

import pytest

from grader.tasks import worker
from grader.tasks.worker import GradingWorker, run_worker


@dataclass
class FakeGradingWorker:
    events: list[str] = field(default_factory=list)

    def start(self) -> None:
        self.events.append("dispatcher started")

    def stop(self) -> None:
        self.events.append("dispatcher stopped")


@dataclass
class FakeCeleryWorker:
    exitcode: int | None
    runs_for: float
    clock: list[float]
    events: list[str]

    def start(self) -> None:
        self.events.append(f"celery ran, exit {self.exitcode}")
        self.clock[0] += self.runs_for


@dataclass
class Run:
    exit: int
    events: list[str]
    waits: list[float]


def run(
    exits: Sequence[int | None],
    *,
    runs_for: float = 1.0,
    signal_after_run: bool = False,
    signal_in_wait: bool = False,
) -> Run:
    """run_worker over Celery workers that end with these exit codes, each after `runs_for`
    seconds; a shutdown signal arrives during the first run or during the first wait."""
    grading = FakeGradingWorker()
    clock = [0.0]
    waits: list[float] = []
    codes: Iterator[int | None] = iter(exits)
    signalled = [False]

    def make() -> FakeCeleryWorker:
        signalled[0] = signalled[0] or signal_after_run
        return FakeCeleryWorker(next(codes), runs_for, clock, grading.events)

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        signalled[0] = signalled[0] or signal_in_wait

    code = run_worker(
        cast(GradingWorker, grading),
        concurrency=2,
        make=make,
        stopping=lambda: signalled[0],
        sleep=sleep,
        clock=lambda: clock[0],
    )
    return Run(code, grading.events, waits)


def test_a_worker_stopped_by_a_signal_is_not_started_again() -> None:
    result = run([0])
    assert result == Run(0, ["dispatcher started", "celery ran, exit 0", "dispatcher stopped"], [])


def test_a_cold_shutdown_exits_with_failure_yet_is_not_started_again() -> None:
    # Celery gives a cold shutdown (a second SIGTERM) the failure exit code.
    result = run([1], signal_after_run=True)
    assert (result.exit, result.waits) == (0, [])
    assert result.events.count("celery ran, exit 1") == 1


def test_a_worker_that_failed_on_its_own_is_started_again_after_a_second() -> None:
    result = run([1, 0])
    assert result == Run(
        0,
        [
            "dispatcher started",
            "celery ran, exit 1",
            "celery ran, exit 0",
            "dispatcher stopped",
        ],
        [1.0],
    )


def test_failing_right_after_every_start_doubles_the_wait_then_exits_1() -> None:
    result = run([1] * 10)
    assert (result.exit, result.waits) == (1, [1.0, 2.0, 4.0, 8.0])
    assert result.events.count("celery ran, exit 1") == 5
    assert result.events[-1] == "dispatcher stopped"


def test_failures_a_minute_or_more_apart_each_wait_a_second_and_never_give_up() -> None:
    result = run([1] * 8 + [0], runs_for=60.0)
    assert (result.exit, result.waits) == (0, [1.0] * 8)


def test_the_wait_is_capped_at_30_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "RESTART_LIMIT", 9)
    result = run([1] * 9)
    assert (result.exit, result.waits) == (1, [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0])


def test_a_signal_during_the_wait_stops_it_without_another_start() -> None:
    result = run([1, 0], signal_in_wait=True)
    assert (result.exit, result.waits) == (0, [1.0])
    assert result.events.count("celery ran, exit 1") == 1
    assert "celery ran, exit 0" not in result.events
