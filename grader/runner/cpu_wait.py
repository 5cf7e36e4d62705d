"""The time a uid's threads were ready to run but waited for a CPU others held: not charged.

On a loaded host a program can be runnable and still wait for a CPU that other sandboxes
hold. Charging that wait to its wall-clock limit would score one answer differently by the
host's load: an answer that takes 1 s alone could exceed a 10 s limit beside a burst of
gradings. The kernel counts each thread's wait in `/proc/<pid>/task/<tid>/schedstat` (the
second field, in nanoseconds), on cgroup v1 and v2 alike. A `WaitClock` samples every thread
of a uid and, for each interval between two samples, forgives the least of:

- what the threads waited in it, summed (what the kernel saw);
- the interval itself: threads that wait at the same time wait once;
- the part of the interval in which the container did not get its CPU share, the interval
  less `used / cpus`: a program that waits behind its own threads within its own quota has
  had its share, and its wait is its own.

It forgives at most `cap` seconds in all, so a run ends within its wall limit plus `cap`
whatever it does. What a thread waited after its last sample, before it exited, is not
counted: the clock errs towards the limit, never past it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from grader.runner import cgroup
from grader.runner.processes import uid_pids

# How often the threads are sampled: reading them is a few syscalls per thread.
SAMPLE_SECONDS = 0.2


def _thread_waits(uid: int) -> Iterable[tuple[int, int]]:
    """(tid, nanoseconds waited on a run queue) for every thread of the uid's live processes."""
    for pid in uid_pids(uid):
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat", "rb") as handle:
                    fields = handle.read(256).split()
                yield int(tid), int(fields[1])
            except (OSError, ValueError, IndexError):
                continue


class WaitClock:
    """How much of a run's wall-clock time is forgiven as waiting for a CPU, within `cap` s."""

    def __init__(
        self,
        uid: int,
        cpus: float,
        cap: float,
        now: float,
        *,
        waits: Callable[[int], Iterable[tuple[int, int]]] = _thread_waits,
        cpu_ns: Callable[[], int | None] = cgroup.cgroup_cpu_ns,
    ) -> None:
        self.uid = uid
        # A quota above the host's CPUs is a share the container can never get.
        self.cpus = max(min(cpus, float(os.cpu_count() or 1)), 0.01)
        self.cap = max(cap, 0.0)
        self.forgiven = 0.0
        self._waits = waits
        self._cpu_ns = cpu_ns
        self._seen: dict[int, int] = {}
        self._last = now
        self._last_cpu = cpu_ns()

    def sample(self, now: float) -> None:
        """Read the threads again if SAMPLE_SECONDS have passed, and forgive what is due."""
        interval = now - self._last
        if interval < SAMPLE_SECONDS or self.forgiven >= self.cap:
            return
        waited = 0
        seen: dict[int, int] = {}
        for tid, total in self._waits(self.uid):
            before = self._seen.get(tid, 0)
            # A tid reused by a new thread starts again from zero.
            waited += total - before if total >= before else total
            seen[tid] = total
        self._seen = seen
        due = min(waited / 1e9, interval)
        cpu = self._cpu_ns()
        if cpu is not None and self._last_cpu is not None:
            due = min(due, max(0.0, interval - (cpu - self._last_cpu) / 1e9 / self.cpus))
        self._last, self._last_cpu = now, cpu
        self.forgiven = min(self.cap, self.forgiven + due)

    @property
    def forgiven_ms(self) -> int:
        return int(self.forgiven * 1000)
