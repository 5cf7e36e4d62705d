"""Child processes of PID 1: start them under another uid, reap them, kill a uid's processes.

The supervisor is PID 1, so every orphan of the container becomes its child: statuses reaped
while waiting for something else are kept here until their owner asks for them.
"""

from __future__ import annotations

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


def uid_pids(uid: int) -> list[int]:
    """Every process of a uid in the container."""
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            if os.stat(f"/proc/{name}").st_uid == uid:
                pids.append(int(name))
        except OSError:
            continue
    return pids


def reap() -> None:
    """Collect every exited child (PID 1 inherits orphans), keeping each status."""
    while True:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _reaped[pid] = (status, usage)


def wait_for(pid: int, block: bool = False) -> tuple[int, resource.struct_rusage] | None:
    """The child's exit status and usage once it has exited; None while it runs."""
    if pid in _reaped:
        return _reaped.pop(pid)
    try:
        waited, status, usage = os.wait4(pid, 0 if block else os.WNOHANG)
    except ChildProcessError:
        return _reaped.pop(pid, None)
    return (status, usage) if waited == pid else None


def kill_uid(uid: int) -> None:
    """Kill every process of a uid, daemons and fork bombs included, and reap them."""
    for _ in range(200):
        if not uid_pids(uid):
            return
        killer = os.fork()
        if killer == 0:
            try:
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
                for _ in range(5):
                    try:
                        os.kill(-1, signal.SIGKILL)
                    except ProcessLookupError:
                        break
            finally:
                os._exit(0)
        wait_for(killer, block=True)
        reap()
        time.sleep(0.01)


def renice_uid(uid: int, niceness: int) -> None:
    """Lower the CPU priority of every process and thread of a uid (from a helper of that uid)."""
    helper = os.fork()
    if helper == 0:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            os.setpriority(os.PRIO_USER, uid, niceness)
        finally:
            os._exit(0)
    wait_for(helper, block=True)


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
