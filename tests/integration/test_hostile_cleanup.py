"""Answers that attack the clean-up, move memory pressure onto the grader, or starve a neighbour.

Each family gets its exact verdict and score within its limits plus the documented margin
(docs/security.md), leaves no sandbox behind, and the reference graded right after it still
gets full marks.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from grader.bank.question import Question
from grader.results import Graded
from grader.runtime import Runtime
from tests.integration.test_adversarial import ATTACKS, CORRECT_PLOT, Attack
from tests.sandboxes import own_containers, run

pytestmark = pytest.mark.docker

FAST = {"max_wall_seconds": 4.0, "max_cpu_seconds": 4.0}

CLEANUP: dict[str, Attack] = {
    # Stop every other process of the uid, as a helper of that uid would be stopped: the
    # supervisor kills them itself, so nothing of its clean-up can be stopped.
    "stop-every-process-of-my-uid": Attack(
        """
        import os, signal, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                me, uid = os.getpid(), os.getuid()
                for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                    signal.signal(sig, signal.SIG_IGN)
                while True:
                    for name in os.listdir("/proc"):
                        if name.isdigit() and int(name) != me:
                            try:
                                if os.stat(f"/proc/{name}").st_uid == uid:
                                    os.kill(int(name), signal.SIGSTOP)
                            except OSError:
                                pass
            os._exit(0)
        time.sleep(1000)
        """,
        "time_limit_exceeded",
        seconds=20.0,
        settings=FAST,
    ),
    # Thousands of stopped processes, and a parent that keeps forking.
    "fork-bomb-of-stopped-children": Attack(
        """
        import os, signal
        while True:
            try:
                pid = os.fork()
            except OSError:
                continue
            if pid == 0:
                os.kill(os.getpid(), signal.SIGSTOP)
                os._exit(0)
        """,
        "time_limit_exceeded",
        seconds=20.0,
        settings=FAST,
    ),
    # Children that exited and were never waited for, under a parent that outlives its limit.
    "zombie-farm": Attack(
        """
        import os, time
        for _ in range(40):
            if os.fork() == 0:
                os._exit(0)
        time.sleep(1000)
        """,
        "time_limit_exceeded",
        seconds=20.0,
        settings=FAST,
    ),
    # A daemon that ignores every signal it can and, once the program has ended, forges a
    # wrong figure and writes to stdout: it is gone before the harness reads anything. It waits
    # 2 s, well past the end of the program even on a loaded machine (with 0.5 s, the figure
    # capture at the program's end outlasted the wait under a full suite's load).
    "daemon-that-writes-after-the-run": Attack(
        CORRECT_PLOT
        + """
import json, os, signal, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        for sig in range(1, 32):
            try:
                signal.signal(sig, signal.SIG_IGN)
            except (OSError, ValueError):
                pass
        time.sleep(2.0)
        line = {"kind": "line", "x": [0, 1], "y": [5, 5]}
        wrong = {"type": "figure", "axes": [{"artists": [line]}]}
        for _ in range(100):
            os.write(1, b"late\\n")
            os.write(3, (json.dumps(wrong) + "\\n").encode())
            time.sleep(0.05)
    os._exit(0)
""",
        "passed",
        score=10.0,
        stdout="",
        seconds=20.0,
    ),
    "stop-the-supervisor": Attack(
        """
        import os, signal
        for sig in (signal.SIGSTOP, signal.SIGKILL, signal.SIGTERM):
            try:
                os.kill(1, sig)
                print("sent")
            except PermissionError:
                print("denied")
        """,
        "failed",
        stdout="denied\ndenied\ndenied\n",
    ),
}

MEMORY: dict[str, Attack] = {
    # Undo the OOM priority and spread the memory over many processes, each smaller than the
    # whole: whichever the kernel picks, the memory was the candidate's.
    "spread-memory-over-processes-at-normal-priority": Attack(
        """
        import os, time
        for _ in range(60):
            try:
                pid = os.fork()
            except OSError:
                break
            if pid == 0:
                with open("/proc/self/oom_score_adj", "w") as handle:
                    handle.write("0")
                block = bytearray(12 * 1024 * 1024)
                for i in range(0, len(block), 4096):
                    block[i] = 1
                time.sleep(1000)
        time.sleep(1000)
        """,
        "memory_limit_exceeded",
        seconds=25.0,
        settings={"max_wall_seconds": 6.0, "max_cpu_seconds": 6.0},
    ),
    # Make the supervisor the largest process: fill its capture buffer, then exhaust memory
    # from small fresh interpreters at normal priority while the program itself shrinks.
    "make-the-supervisor-the-largest-process": Attack(
        """
        import os, subprocess, sys
        chunk = b"x" * (1024 * 1024)
        for _ in range(48):
            os.write(3, chunk)
        grab = (
            "import time\\n"
            "open('/proc/self/oom_score_adj', 'w').write('0')\\n"
            "b = bytearray(9 * 1024 * 1024)\\n"
            "for i in range(0, len(b), 4096): b[i] = 1\\n"
            "time.sleep(1000)\\n"
        )
        for _ in range(55):
            try:
                subprocess.Popen([sys.executable, "-I", "-S", "-c", grab])
            except OSError:
                break
        with open("/proc/self/oom_score_adj", "w") as handle:
            handle.write("0")
        os.execv("/bin/sleep", ["sleep", "1000"])
        """,
        "memory_limit_exceeded",
        seconds=30.0,
        settings={"max_wall_seconds": 10.0, "max_cpu_seconds": 10.0},
    ),
}


def _assert_family_case(runtime: Runtime, linear: Question, attack: Attack) -> Graded:
    started = time.monotonic()
    graded = run(runtime, linear, attack.code, **attack.settings)
    elapsed = time.monotonic() - started
    assert (graded.result.verdict, graded.result.score) == (attack.verdict, attack.score)
    assert elapsed < attack.seconds
    if attack.stdout is not None:
        assert graded.result.stdout.text == attack.stdout
    assert own_containers() == []
    after = run(runtime, linear, linear.solution)
    assert (after.result.verdict, after.result.score) == ("passed", 10.0)
    return graded


@pytest.mark.parametrize("name", list(CLEANUP))
def test_the_clean_up_cannot_be_stalled(runtime: Runtime, linear: Question, name: str) -> None:
    graded = _assert_family_case(runtime, linear, CLEANUP[name])
    assert graded.diagnostics == []


@pytest.mark.parametrize("name", list(MEMORY))
def test_memory_exhausted_however_arranged_is_the_candidates(
    runtime: Runtime, linear: Question, name: str
) -> None:
    graded = _assert_family_case(runtime, linear, MEMORY[name])
    assert "memory limit of 512 MiB" in graded.result.feedback


def _concurrently(
    runtime: Runtime, linear: Question, first: str, second: str, **first_settings: Any
) -> tuple[Graded, Graded]:
    done: dict[str, Graded] = {}

    def grade_first() -> None:
        done["first"] = run(runtime, linear, first, **first_settings)

    thread = threading.Thread(target=grade_first)
    thread.start()
    time.sleep(1.0)
    done["second"] = run(runtime, linear, second)
    thread.join()
    return done["first"], done["second"]


def test_a_fork_bomb_beside_an_honest_grading_leaves_it_passing(
    runtime: Runtime, linear: Question
) -> None:
    honest_forking = linear.solution + (
        "\nimport subprocess\nprint(subprocess.run(['echo', 'forked'], capture_output=True,"
        " text=True).stdout.strip())\n"
    )
    bomb, honest = _concurrently(runtime, linear, ATTACKS["fork-bomb"].code, honest_forking, **FAST)
    assert (bomb.result.verdict, bomb.result.score) == ("time_limit_exceeded", 0.0)
    assert (honest.result.verdict, honest.result.score) == ("passed", 10.0)
    assert honest.result.stdout.text == "forked\n"
    assert honest.diagnostics == []
    assert own_containers() == []


def test_concurrent_sandboxes_run_under_their_own_uids(runtime: Runtime, linear: Question) -> None:
    probe = linear.solution + "\nimport os, time\nprint(os.getuid(), os.getgid())\ntime.sleep(2)\n"
    first, second = _concurrently(runtime, linear, probe, probe)
    uids = []
    for graded in (first, second):
        assert (graded.result.verdict, graded.result.score) == ("passed", 10.0)
        uid, gid = (int(v) for v in graded.result.stdout.text.split())
        assert uid == gid and uid >= 100_000 and uid % 2 == 0
        uids.append(uid)
    assert uids[0] != uids[1]
    assert own_containers() == []


def test_a_function_that_exhausts_memory_when_called_is_the_candidates(
    runtime: Runtime, bank: Any
) -> None:
    softmax = bank.get("softmax-stable")
    started = time.monotonic()
    graded = run(
        runtime,
        softmax,
        """
        def softmax(x):
            with open("/proc/self/oom_score_adj", "w") as handle:
                handle.write("0")
            keep = []
            while True:
                keep.append(bytearray(16 * 1024 * 1024))
                keep[-1][::4096] = b"x" * len(keep[-1][::4096])
        """,
    )
    assert (graded.result.verdict, graded.result.score) == ("memory_limit_exceeded", 0.0)
    assert time.monotonic() - started < 60.0
    assert own_containers() == []
    after = run(runtime, softmax, softmax.solution)
    assert (after.result.verdict, after.result.score) == ("passed", 10.0)
