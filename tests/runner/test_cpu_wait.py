"""The wait clock: what of a run's wall-clock time is forgiven as waiting for a CPU.

The clock's arithmetic is tested on given thread and cgroup readings; the kernel's own
readings are tested on real processes pinned to one CPU.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.runner import cpu_wait
from grader.runner.cpu_wait import SAMPLE_SECONDS, WaitClock
from grader.runner.processes import kill_uid, wait_for

UID = 99_918
NS = 1_000_000_000


class Readings:
    """Thread waits and container CPU that a test sets between samples."""

    def __init__(self) -> None:
        self.threads: dict[int, int] = {}
        self.cpu: int | None = 0

    def waits(self, uid: int) -> Iterable[tuple[int, int]]:
        assert uid == UID
        return list(self.threads.items())

    def cpu_ns(self) -> int | None:
        return self.cpu


def _clock(readings: Readings, cpus: float = 1.0, cap: float = 10.0) -> WaitClock:
    return WaitClock(UID, cpus, cap, 0.0, waits=readings.waits, cpu_ns=readings.cpu_ns)


def test_a_thread_that_waited_behind_others_is_forgiven_its_wait() -> None:
    readings = Readings()
    clock = _clock(readings)
    # One second: the thread ran 0.25 s and waited 0.75 s for a CPU another sandbox held.
    readings.threads = {101: 3 * NS // 4}
    readings.cpu = NS // 4
    clock.sample(1.0)
    assert clock.forgiven == pytest.approx(0.75)
    # The next second it ran alone.
    readings.cpu = NS // 4 + NS
    clock.sample(2.0)
    assert clock.forgiven == pytest.approx(0.75)
    assert clock.forgiven_ms == 750


def test_waiting_behind_the_programs_own_threads_within_its_share_is_not_forgiven() -> None:
    readings = Readings()
    clock = _clock(readings, cpus=1.0)
    # Four busy threads on a one-CPU share: each ran a quarter and waited three quarters, and
    # the container used its whole share.
    readings.threads = {tid: 3 * NS // 4 for tid in (1, 2, 3, 4)}
    readings.cpu = NS
    clock.sample(1.0)
    assert clock.forgiven == 0.0


def test_threads_waiting_at_once_are_forgiven_the_interval_at_most() -> None:
    readings = Readings()
    clock = _clock(readings, cpus=2.0)
    # Eight threads that each waited the whole second while the container got nothing.
    readings.threads = {tid: NS for tid in range(8)}
    clock.sample(1.0)
    assert clock.forgiven == pytest.approx(1.0)


def test_no_more_than_the_cap_is_forgiven_in_all() -> None:
    readings = Readings()
    clock = _clock(readings, cap=2.5)
    for second in range(1, 10):
        readings.threads = {7: second * NS}
        clock.sample(float(second))
    assert clock.forgiven == 2.5


def test_a_sleeping_program_is_forgiven_only_the_little_it_waited() -> None:
    readings = Readings()
    clock = _clock(readings)
    readings.threads = {5: NS // 1000}  # woke once, waited a millisecond
    clock.sample(5.0)
    assert clock.forgiven == pytest.approx(0.001)


def test_samples_closer_than_the_sampling_interval_are_skipped() -> None:
    readings = Readings()
    clock = _clock(readings)
    readings.threads = {9: NS // 10}
    clock.sample(SAMPLE_SECONDS / 2)
    assert clock.forgiven == 0.0
    clock.sample(SAMPLE_SECONDS)
    assert clock.forgiven == pytest.approx(0.1)


def test_a_tid_reused_by_a_new_thread_counts_from_zero() -> None:
    readings = Readings()
    clock = _clock(readings)
    readings.threads = {3: NS // 2}
    clock.sample(1.0)
    readings.threads = {3: NS // 10}  # the old thread ended; a new one got its tid
    clock.sample(2.0)
    assert clock.forgiven == pytest.approx(0.6)


def test_without_cgroup_readings_the_wait_alone_bounds_the_forgiveness() -> None:
    readings = Readings()
    readings.cpu = None
    clock = _clock(readings)
    readings.threads = {1: NS // 2}
    clock.sample(1.0)
    assert clock.forgiven == pytest.approx(0.5)


# One sample: seconds since the last, then each thread's total wait and the container's CPU
# used in the interval, in nanoseconds, as any reading could be.
SAMPLES = st.lists(
    st.tuples(
        st.floats(0.0, 5.0),
        st.dictionaries(st.integers(1, 50), st.integers(0, 100 * NS), max_size=8),
        st.one_of(st.none(), st.integers(0, 20 * NS)),
    ),
    max_size=30,
)


@given(SAMPLES, st.floats(0.1, 8.0), st.floats(0.0, 20.0))
def test_whatever_the_readings_the_forgiven_time_is_bounded_and_never_shrinks(
    samples: list[tuple[float, dict[int, int], int | None]], cpus: float, cap: float
) -> None:
    readings = Readings()
    clock = _clock(readings, cpus=cpus, cap=cap)
    now, cpu, before = 0.0, 0, 0.0
    for step, threads, used in samples:
        now += step
        readings.threads = threads
        cpu = cpu + used if used is not None else cpu
        readings.cpu = cpu if used is not None else None
        clock.sample(now)
        assert before <= clock.forgiven <= min(cap, now)
        before = clock.forgiven


def _busy_as(uid: int) -> int:
    """A child pinned to CPU 0 that becomes `uid` and spins."""
    pid = os.fork()
    if pid == 0:
        try:
            os.sched_setaffinity(0, {0})
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            while True:
                pass
        finally:
            os._exit(0)
    return pid


def test_the_kernel_reports_the_wait_of_threads_sharing_one_cpu() -> None:
    pids = [_busy_as(UID) for _ in range(3)]
    try:
        time.sleep(1.5)
        waits = dict(cpu_wait._thread_waits(UID))
    finally:
        kill_uid(UID)
        for pid in pids:
            wait_for(pid, block=True)
    assert sorted(waits) == sorted(pids)
    # Three spinning threads on one CPU: together they waited at least one CPU-second in the
    # 1.5 s (two of them wait while the third runs), however busy the rest of the host is.
    assert sum(waits.values()) >= NS
