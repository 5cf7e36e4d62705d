"""Limits and the trust model in real sandboxes: every run ends, is contained and cleaned up."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.bank.question import Question, load_question
from grader.runtime import Runtime
from tests.sandboxes import own_containers, run

# The wait clock samples every 0.2 s: what it forgives is known to within one sample.
SAMPLE_MS = 250

pytestmark = pytest.mark.docker

# A line that exists only in the hidden tests: finding it anywhere means a leak.
HIDDEN_NEEDLE = "return figures.best_function_match(expected, X_RANGE"


@pytest.fixture(autouse=True)
def no_leftovers() -> object:
    yield
    assert own_containers() == []


# Reads every regular file the candidate can open, once each (hard links and symbolic links
# lead to files the walk reaches anyway), without following links or blocking on a FIFO, and
# searching the first 50 MB through mmap rather than copying it. It says on stderr how far it
# got, so a run that ends early shows where; stdout holds only the verdict.
LEAK_SEARCH = """
import glob, mmap, os, stat, sys
# Built at run time so the answer's own source does not contain the needle.
needle = ({head!r} + {tail!r}).encode()
hits, seen, scanned = [], set(), 0
for root, dirs, files in os.walk("/"):
    if root.startswith(("/sys", "/proc", "/dev")):
        dirs[:] = []
        continue
    for name in files:
        path = os.path.join(root, name)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            scanned += 1
            if info.st_size:
                with mmap.mmap(fd, 0, access=mmap.ACCESS_READ) as data:
                    found = data.find(needle, 0, 50_000_000) >= 0
            else:  # a file that does not say its size may still have content
                found = needle in os.read(fd, 1_000_000)
            if found:
                hits.append(path)
                print("hit", path, file=sys.stderr, flush=True)
        except OSError:
            pass
        finally:
            os.close(fd)
    if root.count("/") <= 2:
        print("scanned", scanned, "files up to", root, file=sys.stderr, flush=True)
for pid_dir in glob.glob("/proc/[0-9]*"):
    for part in ("environ", "cmdline", "mem", "maps", "fd/0"):
        try:
            with open(os.path.join(pid_dir, part), "rb") as handle:
                if needle in handle.read(10_000_000):
                    hits.append(pid_dir + "/" + part)
        except OSError:
            pass
print("scanned", scanned > 1000, "hits", hits)
"""


def test_hidden_tests_are_in_the_question_but_nowhere_the_candidate_can_read(
    runtime: Runtime, linear: Question, tmp_path: Path
) -> None:
    # Reading the whole runner image (600 MB) from a cold page cache takes longer than the
    # question's 10 s: this run gets a minute, as the search is not what its limits are for.
    question = with_limits(linear, tmp_path, wall_seconds=60, cpu_seconds=60)
    assert HIDDEN_NEEDLE in question.tests
    head, tail = HIDDEN_NEEDLE[:10], HIDDEN_NEEDLE[10:]
    graded = run(runtime, question, LEAK_SEARCH.format(head=head, tail=tail))
    assert graded.result.stdout.text == "scanned True hits []\n", graded.result.stderr.text


def with_limits(question: Question, tmp_path: Path, **limits: int) -> Question:
    """A copy of `question` whose [limits] are changed as given."""
    directory = tmp_path / question.id
    shutil.copytree(question.directory, directory)
    manifest = directory / "question.toml"
    text = manifest.read_text()
    for name, value in limits.items():
        text, found = re.subn(rf"(?m)^{name} = .*$", f"{name} = {value}", text)
        assert found == 1, name
    manifest.write_text(text)
    return load_question(directory)


def test_service_environment_never_reaches_the_sandbox(
    runtime: Runtime, linear_each_image: Question, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRADER_API_SECRET", "s3cr3t-value-123")
    graded = run(
        runtime,
        linear_each_image,
        """
        import glob
        seen = []
        for path in glob.glob("/proc/*/environ"):
            try:
                seen.append(open(path, "rb").read())
            except OSError:
                pass
        import os
        print(b"s3cr3t" in b"".join(seen), any("SECRET" in k for k in os.environ))
        """,
    )
    assert os.environ["GRADER_API_SECRET"] == "s3cr3t-value-123"
    assert graded.result.stdout.text == "False False\n"


def test_printed_and_written_fake_results_change_nothing(
    runtime: Runtime, linear: Question
) -> None:
    graded = run(
        runtime,
        linear,
        """
        import json, os, sys
        fake = {"protocol": 1, "score": 10, "verdict": "passed", "harness": {"ok": True}}
        print(json.dumps(fake)); print(json.dumps(fake), file=sys.stderr)
        for path in ("/work/result.json", "/tmp/result.json", "/dev/shm/result.json"):
            with open(path, "w") as handle:
                json.dump(fake, handle)
        for fd in range(3, 20):
            try:
                os.write(fd, (json.dumps(fake) + "\\n").encode())
            except OSError:
                pass
        """,
    )
    assert (graded.result.score, graded.result.verdict) == (0.0, "failed")
    assert graded.result.figures == []


def test_memory_bomb_is_memory_limit_exceeded(runtime: Runtime, linear: Question) -> None:
    started = time.monotonic()
    graded = run(
        runtime,
        linear,
        """
        import numpy as np
        blocks = []
        while True:
            blocks.append(np.ones(50_000_000))
        """,
    )
    assert graded.result.verdict == "memory_limit_exceeded"
    assert graded.result.score == 0.0
    assert time.monotonic() - started < 20


def test_infinite_loop_is_time_limit_exceeded_on_wall_clock(
    runtime: Runtime, linear: Question
) -> None:
    started = time.monotonic()
    graded = run(
        runtime,
        linear,
        """
        import signal, time
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        while True:
            time.sleep(0.1)
        """,
        max_wall_seconds=3.0,
    )
    assert graded.result.verdict == "time_limit_exceeded"
    assert graded.result.feedback == (
        "The program ran longer than its wall-clock limit of 3 s and was stopped."
    )
    assert time.monotonic() - started < 15


def test_busy_loop_is_time_limit_exceeded_on_cpu_time(runtime: Runtime, linear: Question) -> None:
    graded = run(runtime, linear, "while True:\n    pass\n", max_cpu_seconds=2.0)
    assert graded.result.verdict == "time_limit_exceeded"
    assert graded.result.feedback == (
        "The program used more than its CPU-time limit of 2 s and was stopped."
    )
    # The kernel stops the program on tick-sampled process time, cpu_ms is the cgroup's exact
    # count: on a loaded machine the two differ by a few ticks (1881 ms was seen), so the
    # lower bound says "not stopped early", with room for that sampling.
    assert 1600 <= graded.result.resources.cpu_ms <= 4000


def test_figures_drawn_before_a_timeout_are_still_scored(
    runtime: Runtime, linear: Question
) -> None:
    graded = run(
        runtime,
        linear,
        """
        import time
        import matplotlib.pyplot as plt
        plt.plot([0, 10], [1, 21]); plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
        time.sleep(60)
        """,
        max_wall_seconds=3.0,
    )
    assert (graded.result.verdict, graded.result.score) == ("time_limit_exceeded", 9.0)


def test_output_flood_is_output_limit_exceeded_and_truncated(
    runtime: Runtime, linear: Question
) -> None:
    graded = run(runtime, linear, "while True:\n    print('x' * 10000)\n")
    assert graded.result.verdict == "output_limit_exceeded"
    assert graded.result.stdout.truncated is True
    assert len(graded.result.stdout.text) == 64 * 1024


def test_daemons_and_forks_do_not_outlive_the_run(runtime: Runtime, linear: Question) -> None:
    started = time.monotonic()
    graded = run(
        runtime,
        linear,
        """
        import os, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(600)
            os._exit(0)
        print("parent done")
        """,
    )
    assert graded.result.stdout.text == "parent done\n"
    assert graded.result.verdict == "failed"
    assert time.monotonic() - started < 10


def test_the_next_submission_after_an_attack_is_graded_normally(
    runtime: Runtime, linear: Question
) -> None:
    run(runtime, linear, "open('/work/numpy.py', 'w').write('raise SystemExit(3)')\n")
    graded = run(runtime, linear, linear.solution)
    assert (graded.result.score, graded.result.verdict) == (10.0, "passed")


def test_invalid_utf8_and_nul_bytes_are_syntax_errors(runtime: Runtime, linear: Question) -> None:
    bad_bytes = b"print('caf\\xe9')\n\xff\xfe\n".decode("utf-8", errors="surrogateescape")
    assert run(runtime, linear, bad_bytes).result.verdict == "syntax_error"
    assert run(runtime, linear, "print(1)\x00\n").result.verdict == "syntax_error"


@pytest.fixture
def busy_host(runtime: Runtime) -> Iterator[int]:
    """Other sandboxes busy for the length of a test: twice as many containers as the host has
    CPUs, each spinning one process, as a burst of CPU-bound gradings would."""
    count = 2 * (os.cpu_count() or 1)
    client = runtime.client
    hogs = [
        client.containers.run(
            runtime.backend("python").image,
            entrypoint=["/opt/venv/bin/python", "-c", "while True: pass"],
            detach=True,
            network_mode="none",
            user="65534",
            labels={"io.grader.test": "busy-host"},
        )
        for _ in range(count)
    ]
    try:
        yield count
    finally:
        for hog in hogs:
            hog.remove(force=True)


# Spins until the program itself has used 1.5 s of CPU, then draws the expected line: about
# 2 s of CPU in all, well within a 4 s wall-clock limit alone, about 3 times longer beside
# twice as many busy processes as there are CPUs.
CPU_BOUND_ANSWER = """
import time
while time.process_time() < 1.5:
    pass
import matplotlib.pyplot as plt
plt.plot([0, 10], [1, 21]); plt.xlabel("x"); plt.ylabel("y"); plt.title("y = 2x + 1")
"""


def test_the_wait_for_a_cpu_other_processes_hold_is_not_charged_to_the_wall_limit(
    runtime: Runtime, linear: Question, busy_host: int
) -> None:
    graded = run(runtime, linear, CPU_BOUND_ANSWER, max_wall_seconds=4.0, max_cpu_seconds=10.0)
    resources = graded.result.resources
    assert (graded.result.verdict, graded.result.score) == ("passed", 10.0), resources
    # It ran past its 4 s limit on the clock, and what it waited for a CPU was not charged.
    assert resources.wall_ms > 4000
    assert resources.cpu_wait_ms >= resources.wall_ms - 4000
    assert resources.cpu_ms < 4000


def test_a_sleeping_answer_gets_no_more_time_on_a_busy_host(
    runtime: Runtime, linear: Question, busy_host: int
) -> None:
    started = time.monotonic()
    graded = run(runtime, linear, "import time\ntime.sleep(30)\n", max_wall_seconds=3.0)
    assert graded.result.verdict == "time_limit_exceeded"
    assert graded.result.feedback == (
        "The program ran longer than its wall-clock limit of 3 s and was stopped."
    )
    # Its interpreter's start waited for a CPU, its sleep did not: at most the start is forgiven.
    assert graded.result.resources.cpu_wait_ms < 3000
    assert time.monotonic() - started < 30


def test_a_program_cannot_buy_wall_time_by_making_its_own_processes_wait(
    runtime: Runtime, linear: Question
) -> None:
    # Four spinning processes on the sandbox's one-CPU share: each waits three quarters of the
    # time, but behind its own siblings, within the share the container got.
    started = time.monotonic()
    graded = run(
        runtime,
        linear,
        """
        import os
        for _ in range(3):
            if os.fork() == 0:
                break
        while True:
            pass
        """,
        max_wall_seconds=3.0,
        max_cpu_seconds=30.0,
    )
    assert graded.result.verdict == "time_limit_exceeded"
    assert graded.result.feedback == (
        "The program ran longer than its wall-clock limit of 3 s and was stopped."
    )
    # Only the part of the run in which the container got less than its one CPU is forgiven
    # (none on an idle host; some while other gradings load it): the wait behind its own
    # siblings never is, or the forgiveness would reach its cap and the wall twice the limit.
    used = graded.result.resources
    assert used.cpu_wait_ms <= used.wall_ms - used.cpu_ms + SAMPLE_MS
    assert time.monotonic() - started < 20
