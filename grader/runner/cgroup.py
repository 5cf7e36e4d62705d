"""Readings of the container's own cgroup, v1 or v2: CPU time, peak memory and OOM kills.

The whole container is one cgroup, so these count every process in it; the supervisor takes a
reading before and after a run and attributes the difference to that run.
"""

from __future__ import annotations


def _read_cgroup(*candidates: str) -> str | None:
    for path in candidates:
        try:
            with open(path) as handle:
                return handle.read()
        except OSError:
            continue
    return None


def oom_kills() -> int:
    """OOM kills recorded by this container's memory cgroup (v1 or v2)."""
    text = _read_cgroup("/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events")
    for line in (text or "").splitlines():
        name, _, value = line.partition(" ")
        if name == "oom_kill":
            return int(value)
    return 0


def cgroup_cpu_ns() -> int | None:
    """CPU time used by the container so far, in nanoseconds; None when it cannot be read."""
    text = _read_cgroup(
        "/sys/fs/cgroup/cpuacct/cpuacct.usage", "/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage"
    )
    if text is not None:
        return int(text.strip())
    stat = _read_cgroup("/sys/fs/cgroup/cpu.stat")
    for line in (stat or "").splitlines():
        name, _, value = line.partition(" ")
        if name == "usage_usec":
            return int(value) * 1000
    return None


def cgroup_peak_memory() -> int | None:
    """The container's peak memory use in bytes; None when it cannot be read."""
    text = _read_cgroup(
        "/sys/fs/cgroup/memory/memory.max_usage_in_bytes", "/sys/fs/cgroup/memory.peak"
    )
    return int(text.strip()) if text else None
