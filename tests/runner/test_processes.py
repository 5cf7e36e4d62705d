"""Child-process plumbing that runs without a container: fd placement, killing a uid's
processes without any helper, bounded waits."""

from __future__ import annotations

import ast
import os
import signal
import time
from collections.abc import Callable, Iterator

import pytest

from grader.runner.pipes import CallPipes
from grader.runner.processes import (
    KILL_SECONDS,
    REAP_SECONDS,
    kill_uid,
    place_fds,
    renice_uid,
    uid_pids,
    wait_for,
)


def test_placed_fds_survive_and_every_other_fd_is_closed() -> None:
    pipes = CallPipes.open()
    out_r, out_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports which fds it still has, then leaves
        try:
            place_fds({1: out_w, 4: pipes.request_w, 5: pipes.response_r})
            open_fds = sorted(int(n) for n in os.listdir("/proc/self/fd"))
            os.write(1, repr(open_fds).encode())
        finally:
            os._exit(0)
    os.close(out_w)
    report = b""
    while chunk := os.read(out_r, 4096):
        report += chunk
    os.waitpid(pid, 0)
    for fd in (out_r, pipes.request_r, pipes.request_w, pipes.response_r, pipes.response_w):
        os.close(fd)
    # 0 and 2 are inherited; 3 is the descriptor listdir opened on /proc/self/fd.
    assert ast.literal_eval(report.decode()) == [0, 1, 2, 3, 4, 5]


# A uid no process on the host uses: the tests below start processes under it (they run as
# root, as the supervisor does) and end them.
STRANGER = 99_917


def _start_as_stranger(body: str) -> int:
    """A child that becomes STRANGER in its own session and runs the Python code `body`."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            os.setgroups([])
            os.setgid(STRANGER)
            os.setuid(STRANGER)
            exec(body, {})  # noqa: S102  (the test's own code, in a forked child)
        finally:
            os._exit(0)
    return pid


def _wait_until(predicate: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.02)


HOSTILE_FAMILY = """
import os, signal, time
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGCONT):
    signal.signal(sig, signal.SIG_IGN)
for n in range(5):
    if os.fork() == 0:
        os.setsid()
        if n % 2:
            os.kill(os.getpid(), signal.SIGSTOP)  # a stopped process
        while True:
            time.sleep(1)
for _ in range(5):
    if os.fork() == 0:
        os._exit(0)  # zombies nobody waits for
if os.fork() == 0:
    while True:  # last, a stopper of every other process of the uid
        for name in os.listdir("/proc"):
            if name.isdigit() and int(name) != os.getpid():
                try:
                    if os.stat("/proc/" + name).st_uid == os.getuid():
                        os.kill(int(name), signal.SIGSTOP)
                except OSError:
                    pass
time.sleep(1000)
"""


@pytest.fixture(autouse=True)
def _no_stranger_left() -> Iterator[None]:
    yield
    assert kill_uid(STRANGER) is True


def test_kill_uid_ends_stopped_stoppers_and_daemons_of_a_uid_itself() -> None:
    leader = _start_as_stranger(HOSTILE_FAMILY)
    _wait_until(lambda: len(uid_pids(STRANGER)) >= 7)
    started = time.monotonic()
    assert kill_uid(STRANGER) is True
    assert time.monotonic() - started < KILL_SECONDS
    assert uid_pids(STRANGER) == []
    status = wait_for(leader, block=True)
    assert status is not None and os.WTERMSIG(status[0]) == signal.SIGKILL


def test_kill_uid_keeps_the_processes_it_is_told_to() -> None:
    server = _start_as_stranger("import time; time.sleep(1000)")
    other = _start_as_stranger("import time; time.sleep(1000)")
    _wait_until(lambda: set(uid_pids(STRANGER)) == {server, other})
    assert kill_uid(STRANGER, keep=frozenset({server})) is True
    assert uid_pids(STRANGER) == [server]
    assert kill_uid(STRANGER) is True
    for pid in (server, other):
        wait_for(pid, block=True)


def test_a_blocking_wait_for_a_child_that_never_exits_is_bounded() -> None:
    child = _start_as_stranger(
        "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(1000)"
    )
    started = time.monotonic()
    status = wait_for(child, block=True)
    assert time.monotonic() - started < 2 * REAP_SECONDS + 1
    assert status is not None and os.WTERMSIG(status[0]) == signal.SIGKILL


def test_renice_uid_needs_no_helper_and_gives_root_back() -> None:
    child = _start_as_stranger("import time; time.sleep(1000)")
    _wait_until(lambda: uid_pids(STRANGER) == [child])
    renice_uid(STRANGER, 19)
    assert (os.geteuid(), os.getuid()) == (0, 0)
    assert os.getpriority(os.PRIO_PROCESS, child) == 19
    kill_uid(STRANGER)
    wait_for(child, block=True)


def test_this_family_runs_on_one_worker_in_its_group(request: pytest.FixtureRequest) -> None:
    # Under `--dist loadgroup` (scripts/test) the group is part of the test's id; a pytest or
    # pytest-xdist version that drops it would spread these tests over the workers again.
    if os.environ.get("PYTEST_XDIST_WORKER") and request.config.getoption("loadgroup", False):
        assert request.node.nodeid.endswith("@stranger-uid")
