"""Child processes of PID 1: start them under another uid, reap them, kill a uid's processes.

Every wait here is bounded, and ending a uid's processes needs no process of that uid.

The supervisor is PID 1, so every orphan of the container becomes its child: statuses reaped
while waiting for something else are kept here until their owner asks for them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import resource
import signal
import sys
import time
from collections.abc import Callable

PYTHON = sys.executable

# Exit statuses of children reaped while waiting for something else, by pid.
_reaped: dict[int, tuple[int, resource.struct_rusage]] = {}


# How long one clean-up of a uid may take before the supervisor gives up on stragglers. The
# kernel ends a SIGKILLed process at once unless it sleeps uninterruptibly, so this is a bound
# for the supervisor, not a time it is expected to take.
KILL_SECONDS = 2.0
# How long a child that was sent SIGKILL may take to be reaped.
REAP_SECONDS = 2.0
# At most this many statuses are collected by one reap(), so a stream of exiting orphans cannot
# hold PID 1 in it.
MAX_REAPS = 4096


def _state(pid: str) -> str:
    """The one-letter state of a process ('Z' for a zombie), or '' when it has gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            text = handle.read(4096)
    except OSError:
        return ""
    _, _, rest = text.rpartition(b")")
    return rest[1:2].decode("ascii", "replace")


def uid_pids(uid: int) -> list[int]:
    """Every live (not zombie) process of a uid in the container."""
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            if os.stat(f"/proc/{name}").st_uid != uid:
                continue
        except OSError:
            continue
        if _state(name) not in ("", "Z"):
            pids.append(int(name))
    return pids


def reap() -> None:
    """Collect exited children (PID 1 inherits orphans), keeping each status."""
    for _ in range(MAX_REAPS):
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _reaped[pid] = (status, usage)


def wait_for(
    pid: int, block: bool = False, seconds: float = REAP_SECONDS
) -> tuple[int, resource.struct_rusage] | None:
    """The child's exit status and usage once it has exited; None while it runs.

    With `block`, wait at most `seconds`, then SIGKILL it and wait REAP_SECONDS more: no wait
    of PID 1 is unbounded. None means the child could not be reaped in that time.
    """
    deadline = time.monotonic() + (seconds + REAP_SECONDS if block else 0.0)
    killed = False
    while True:
        if pid in _reaped:
            return _reaped.pop(pid)
        try:
            waited, status, usage = os.wait4(pid, os.WNOHANG)
        except ChildProcessError:
            return _reaped.pop(pid, None)
        if waited == pid:
            return status, usage
        now = time.monotonic()
        if now >= deadline:
            return None
        if not killed and now >= deadline - REAP_SECONDS:
            killed = True
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.005)


def kill_uid(uid: int, keep: frozenset[int] = frozenset(), seconds: float = KILL_SECONDS) -> bool:
    """SIGKILL every process of a uid but those in `keep`, and reap them; False if some survive.

    PID 1 signals each process itself (it holds CAP_KILL): no helper process is involved that
    the candidate could stop, trace or outlive. Each pass first stops every process it finds,
    so a fork bomb cannot outrun the scan, then kills them; the container's process limit
    bounds how many there can be, and `seconds` bounds the whole clean-up.
    """
    deadline = time.monotonic() + seconds
    while True:
        pids = [pid for pid in uid_pids(uid) if pid not in keep]
        if not pids:
            reap()
            return True
        for sig in (signal.SIGSTOP, signal.SIGKILL):
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, sig)
        reap()
        if time.monotonic() >= deadline:
            return not [pid for pid in uid_pids(uid) if pid not in keep]
        time.sleep(0.002)


def renice_uid(uid: int, niceness: int) -> None:
    """Lower the CPU priority of every process and thread of a uid.

    PID 1 takes the uid as its effective uid for the one call (the kernel allows renicing
    one's own processes) and takes root back at once: no helper process, nothing to wait for.
    Signals and tracing from the candidate still see real and saved uid 0, so it cannot reach
    PID 1 meanwhile.
    """
    os.seteuid(uid)
    try:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_USER, uid, niceness)
    finally:
        os.seteuid(0)


def drop_to(uid: int, home: str) -> None:
    """In a child: become `uid`, with no supplementary groups, in `home`."""
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    os.chdir(home)


def place_fds(mapping: dict[int, int]) -> None:
    """In a child: put each source fd on its target number, then close every other fd >= 3."""
    moved = {target: fcntl.fcntl(source, fcntl.F_DUPFD, 64) for target, source in mapping.items()}
    for target, source in moved.items():
        os.dup2(source, target)
    low = 3
    for target in sorted(t for t in mapping if t >= 3):
        # closerange with high < low would close everything: it becomes close_range(low, ~0).
        if target > low:
            os.closerange(low, target)
        low = target + 1
    os.closerange(low, 65536)


def exec_python(module: str, args: list[str], env: dict[str, str]) -> None:
    """In a child: become `python -I -B -m module args...` with exactly this environment."""
    os.execve(PYTHON, [PYTHON, "-I", "-B", "-m", module, *args], env)


def fork_child(what: str, start: Callable[[], None]) -> int:
    """Fork a child that runs `start` (which ends in an exec); the child's pid.

    If `start` fails, the child says so on stderr and exits with 127: it never returns into
    PID 1's code.
    """
    pid = os.fork()
    if pid == 0:
        try:
            start()
        except BaseException as exc:  # noqa: BLE001  (report and leave; never return into PID 1)
            os.write(2, f"supervisor: cannot start {what}: {exc}\n".encode())
        finally:
            os._exit(127)
    return pid
