"""Answers written to attack the grader: each is contained, gets the right verdict, leaves nothing.

Every case asserts the exact verdict and score, a time bound, that no sandbox is left, and that
the reference solution graded right after it still gets full marks.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import docker
import pytest

from grader.bank.question import Question
from grader.results import Graded
from grader.runtime import Runtime
from tests.sandboxes import own_containers, run

pytestmark = pytest.mark.docker

FAST = {"max_wall_seconds": 4.0, "max_cpu_seconds": 4.0}


@dataclass(frozen=True)
class Attack:
    """One hostile answer and what grading it must give."""

    code: str
    verdict: str
    score: float = 0.0
    seconds: float = 15.0
    stdout: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)


CORRECT_PLOT = """
import matplotlib.pyplot as plt
plt.plot([0, 10], [1, 21]); plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
"""

ATTACKS: dict[str, Attack] = {
    # Exhaustion: processes, threads, memory, CPU.
    "fork-bomb": Attack(
        """
        import os
        while True:
            try:
                os.fork()
            except OSError:
                pass
        """,
        "time_limit_exceeded",
        settings=FAST,
    ),
    "thread-bomb": Attack(
        """
        import threading, time
        while True:
            try:
                threading.Thread(target=time.sleep, args=(100,), daemon=True).start()
            except RuntimeError:
                time.sleep(0.01)
        """,
        "time_limit_exceeded",
        settings=FAST,
    ),
    "numpy-memory-bomb": Attack(
        """
        import numpy as np
        keep = []
        while True:
            keep.append(np.ones(10_000_000))
        """,
        "memory_limit_exceeded",
    ),
    "python-memory-bomb": Attack(
        """
        keep = []
        while True:
            keep.append("x" * 10_000_000)
        """,
        "memory_limit_exceeded",
    ),
    "loop-ignoring-sigterm": Attack(
        """
        import signal, time
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        while True:
            time.sleep(0.05)
        """,
        "time_limit_exceeded",
        settings=FAST,
    ),
    "busy-loop-ignoring-sigxcpu": Attack(
        """
        import signal
        for sig in (signal.SIGXCPU, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        while True:
            pass
        """,
        "time_limit_exceeded",
        settings={"max_wall_seconds": 10.0, "max_cpu_seconds": 2.0},
    ),
    "cpu-hog-over-many-processes": Attack(
        """
        import multiprocessing as mp
        def spin():
            while True:
                pass
        if __name__ == "__main__":
            for _ in range(8):
                mp.Process(target=spin).start()
            spin()
        """,
        "time_limit_exceeded",
        settings={"max_wall_seconds": 10.0, "max_cpu_seconds": 2.0},
    ),
    # Disk and output.
    "fill-the-work-dir": Attack(
        """
        n = 0
        try:
            while True:
                with open(f"/work/f{n}", "wb") as handle:
                    handle.write(b"x" * 1_000_000)
                n += 1
        except OSError as exc:
            print("stopped", exc.errno)
        """,
        "failed",
        stdout="stopped 28\n",
    ),
    "fill-the-inodes": Attack(
        """
        n = 0
        try:
            while True:
                open(f"/tmp/i{n}", "w").close()
                n += 1
        except OSError as exc:
            print("stopped", exc.errno)
        """,
        "failed",
        stdout="stopped 28\n",
    ),
    "huge-single-file": Attack(
        """
        with open("/work/big", "wb") as handle:
            for _ in range(100):
                handle.write(b"x" * 1_000_000)
        """,
        "runtime_error",
    ),
    "stderr-flood": Attack(
        """
        import sys
        while True:
            sys.stderr.write("y" * 10000)
        """,
        "output_limit_exceeded",
    ),
    # Attacking the supervisor and harness.
    "signal-every-pid": Attack(
        """
        import os, signal
        killed = 0
        for pid in range(1, 4096):
            if pid == os.getpid():
                continue
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except (PermissionError, ProcessLookupError):
                pass
        print("killed", killed)
        """,
        "failed",
        stdout="killed 0\n",
    ),
    "kill-the-parent": Attack(
        """
        import os, signal
        try:
            os.kill(os.getppid(), signal.SIGKILL)
            print("killed")
        except PermissionError:
            print("denied")
        """,
        "failed",
        stdout="denied\n",
    ),
    "kill-everything-i-can": Attack(
        """
        import os, signal
        os.kill(-1, signal.SIGKILL)
        """,
        "runtime_error",
    ),
    "read-process-memory": Attack(
        """
        import glob
        results = []
        for path in sorted(glob.glob("/proc/[0-9]*/mem")) + ["/proc/1/environ", "/proc/1/root/."]:
            try:
                open(path, "rb").read(1)
                results.append("read")
            except OSError:
                results.append("denied")
        print(sorted(set(results)))
        """,
        "failed",
        stdout="['denied']\n",
    ),
    "forged-capture-flood": Attack(
        """
        import json, os
        tiny = {"kind": "line", "x": "", "y": ""}
        line = json.dumps({"type": "figure", "axes": [{"artists": [tiny] * 50_000}]}) + "\\n"
        deep = "[" * 1_000_000 + "\\n"
        payload = (deep + line * 30).encode()
        for _ in range(2):
            os.write(3, payload)
        """,
        "partial",
        score=1.0,
    ),
    "list-the-harness-dir": Attack(
        """
        import os
        try:
            print(os.listdir("/run/harness"))
        except PermissionError:
            print("denied")
        """,
        "failed",
        stdout="denied\n",
    ),
    # Outliving the run.
    "setsid-sleeper": Attack(
        """
        import subprocess
        subprocess.Popen(["sleep", "1000"], start_new_session=True)
        print("left a sleeper")
        """,
        "failed",
        seconds=10.0,
        stdout="left a sleeper\n",
    ),
    # Poisoning later runs or the harness.
    "poison-every-writable-dir": Attack(
        CORRECT_PLOT
        + """
import os, site
poison = "import os\\nos._exit(7)\\n"
for directory in ["/work", "/tmp", "/dev/shm", site.getusersitepackages()]:
    try:
        os.makedirs(directory, exist_ok=True)
        for name in ["sitecustomize.py", "usercustomize.py", "numpy.py", "json.py",
                     "matplotlib.py", "PIL.py", "grader.py", "evil.pth"]:
            with open(os.path.join(directory, name), "w") as handle:
                handle.write("import os; os._exit(7)\\n" if name.endswith(".pth") else poison)
    except OSError:
        pass
""",
        "passed",
        score=10.0,
    ),
    # Malformed answers.
    "deeply-nested-expression": Attack("x = " + "-" * 200_000 + "1\n", "syntax_error"),
    "too-many-parentheses": Attack("x = " + "(" * 500 + "1" + ")" * 500 + "\n", "syntax_error"),
    "byte-order-mark": Attack("\ufeff" + CORRECT_PLOT, "passed", score=10.0),
    "five-megabyte-source": Attack("#" * 5_000_000 + "\n" + CORRECT_PLOT, "passed", score=10.0),
}


def assert_contained(runtime: Runtime, linear: Question, started: float, seconds: float) -> None:
    """Bounded in time, no sandbox left, and the next answer graded normally."""
    assert time.monotonic() - started < seconds
    assert own_containers() == []
    after = run(runtime, linear, linear.solution)
    assert (after.result.verdict, after.result.score) == ("passed", 10.0)


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_is_contained(runtime: Runtime, linear: Question, name: str) -> None:
    attack = ATTACKS[name]
    started = time.monotonic()
    graded = run(runtime, linear, attack.code, **attack.settings)
    elapsed = time.monotonic() - started
    assert (graded.result.verdict, graded.result.score) == (attack.verdict, attack.score)
    assert graded.diagnostics == []
    assert elapsed < attack.seconds
    if attack.stdout is not None:
        assert graded.result.stdout.text == attack.stdout
    assert own_containers() == []
    after = run(runtime, linear, linear.solution)
    assert (after.result.verdict, after.result.score) == ("passed", 10.0)


def test_huge_file_stops_at_the_file_size_limit(runtime: Runtime, linear: Question) -> None:
    graded = run(runtime, linear, ATTACKS["huge-single-file"].code)
    # Python ignores SIGXFSZ, so the write fails with EFBIG and the program sees the error.
    assert graded.result.stderr.text.endswith("OSError: [Errno 27] File too large\n")


def test_os_exit_zero_is_scored_on_what_was_produced(runtime: Runtime, linear: Question) -> None:
    graded = run(
        runtime,
        linear,
        CORRECT_PLOT
        + "import matplotlib.pyplot as plt\nplt.close('all')\nimport os\nos._exit(0)\n",
    )
    assert (graded.result.verdict, graded.result.score) == ("failed", 0.0)


def test_output_past_the_limit_is_truncated_when_the_author_allows(
    runtime: Runtime, linear: Question, tmp_path: Any
) -> None:
    import shutil

    from grader.bank.question import load_question

    directory = tmp_path / linear.id
    shutil.copytree(linear.directory, directory)
    manifest = directory / "question.toml"
    manifest.write_text(
        manifest.read_text().replace("[limits]\n", "[limits]\ntruncate_output = true\n")
    )
    question = load_question(directory)
    graded = run(runtime, question, CORRECT_PLOT + "for _ in range(300):\n    print('z' * 10000)\n")
    assert (graded.result.verdict, graded.result.score) == ("passed", 10.0)
    assert graded.result.stdout.truncated is True
    assert graded.result.stdout.bytes == 300 * 10001


def test_no_network_reaches_outside_the_sandbox(
    runtime: Runtime, linear: Question, linear_each_image: Question
) -> None:
    client = docker.from_env()
    config = client.networks.get("bridge").attrs["IPAM"]["Config"][0]
    gateway = config.get("Gateway") or str(next(ipaddress.ip_network(config["Subnet"]).hosts()))
    started = time.monotonic()
    with socket.socket() as listener:
        # A port on this machine's docker bridge, as the service's own port would be.
        listener.bind(("0.0.0.0", 0))  # noqa: S104
        listener.listen()
        port = listener.getsockname()[1]
        graded = run(
            runtime,
            linear_each_image,
            f"""
            import os, socket
            results = []
            for host, port in [({gateway!r}, {port}), ("127.0.0.1", {port}), ("8.8.8.8", 53),
                               ("1.1.1.1", 443), ({gateway!r}, 2375)]:
                try:
                    socket.create_connection((host, port), timeout=1).close()
                    results.append("open")
                except OSError:
                    results.append("blocked")
            try:
                socket.getaddrinfo("example.com", 80)
                results.append("dns")
            except OSError:
                results.append("no-dns")
            results.append(str(os.path.exists("/var/run/docker.sock")))
            results.append(",".join(sorted(os.listdir("/sys/class/net"))))
            print(" ".join(results))
            """,
        )
    assert graded.result.stdout.text == "blocked blocked blocked blocked blocked no-dns False lo\n"
    assert graded.result.verdict == "failed"
    assert_contained(runtime, linear, started, 20)


SECCOMP_PROBE = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
calls = {
    "ptrace": (101, 16, 1, 0, 0),
    "mount": (165, b"none", b"/work", b"tmpfs", 0, 0),
    "keyctl": (250, 0, 0, 0, 0),
    "bpf": (321, 0, 0, 0),
    "perf_event_open": (298, 0, 0, -1, -1, 0),
    "unshare": (272, 0x10000000),
    "clone-newuser": (56, 0x10000000 | 17, 0, 0, 0, 0),
    "io_uring_setup": (425, 1, 0),
}
out = []
for name, (nr, *args) in calls.items():
    ctypes.set_errno(0)
    result = libc.syscall(nr, *args)
    if result == 0 and name == "clone-newuser":
        os._exit(0)
    out.append(f"{name}={result}/{os.strerror(ctypes.get_errno()) if result < 0 else 'ok'}")
print(" ".join(out))
"""


def test_seccomp_denies_dangerous_system_calls(
    runtime: Runtime, linear: Question, linear_each_image: Question
) -> None:
    started = time.monotonic()
    graded = run(runtime, linear_each_image, SECCOMP_PROBE)
    denied = "-1/Operation not permitted"
    names = [
        "ptrace",
        "mount",
        "keyctl",
        "bpf",
        "perf_event_open",
        "unshare",
        "clone-newuser",
        "io_uring_setup",
    ]
    assert graded.result.stdout.text == " ".join(f"{n}={denied}" for n in names) + "\n"
    assert graded.result.verdict == "failed"
    assert_contained(runtime, linear, started, 20)


def test_the_candidate_is_unprivileged_on_a_read_only_root(
    runtime: Runtime, linear: Question, linear_each_image: Question
) -> None:
    started = time.monotonic()
    graded = run(
        runtime,
        linear_each_image,
        """
        import errno, os, site
        status = dict(line.split(":", 1) for line in open("/proc/self/status"))
        print(os.getuid(), os.geteuid(), os.getgid(), status["CapEff"].strip())
        for directory in ["/", "/etc", "/opt/grader", site.getsitepackages()[0]]:
            try:
                open(os.path.join(directory, "planted"), "w").close()
                print(directory, "written")
            except OSError as exc:
                print(directory, errno.errorcode[exc.errno])
        """,
    )
    site_packages = "/opt/venv/lib/python3.11/site-packages"
    identity, rest = graded.result.stdout.text.split("\n", 1)
    uid, euid, gid, capabilities = identity.split()
    # The sandbox's own uid from the host-wide pool, with no capability at all.
    assert uid == euid == gid and int(uid) >= 100_000 and int(uid) % 2 == 0
    assert capabilities == "0000000000000000"
    assert rest == f"/ EROFS\n/etc EROFS\n/opt/grader EROFS\n{site_packages} EROFS\n"
    assert_contained(runtime, linear, started, 20)


def test_threads_and_subprocesses_still_work_under_seccomp(
    runtime: Runtime, linear: Question
) -> None:
    graded = run(
        runtime,
        linear,
        """
        import subprocess, threading
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(4) as pool:
            print(sum(pool.map(lambda v: v * v, range(10))))
        print(subprocess.run(["echo", "child"], capture_output=True, text=True).stdout.strip())
        """,
    )
    assert graded.result.stdout.text == "285\nchild\n"


def test_a_cpu_hog_does_not_make_a_concurrent_grading_fail(
    runtime: Runtime, linear: Question
) -> None:
    hog: dict[str, Graded] = {}

    def attack() -> None:
        hog["result"] = run(
            runtime,
            linear,
            ATTACKS["cpu-hog-over-many-processes"].code,
            max_wall_seconds=10.0,
            max_cpu_seconds=8.0,
        )

    thread = threading.Thread(target=attack)
    thread.start()
    time.sleep(1.0)
    honest = run(runtime, linear, linear.solution)
    thread.join()
    assert (honest.result.verdict, honest.result.score) == ("passed", 10.0)
    assert hog["result"].result.verdict == "time_limit_exceeded"
    assert honest.result.resources.cpu_ms < 5000


def test_output_floods_keep_the_service_memory_flat(runtime: Runtime, linear: Question) -> None:
    import resource

    run(runtime, linear, ATTACKS["stderr-flood"].code)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(3):
        graded = run(runtime, linear, "while True:\n    print('x' * 100000, flush=True)\n")
        assert graded.result.verdict == "output_limit_exceeded"
        assert len(graded.result.model_dump_json()) < 300_000
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 20 * 1024


def test_a_serving_candidate_spinning_processes_does_not_fail_the_harness(
    runtime: Runtime, bank: Any
) -> None:
    softmax = bank.get("softmax-stable")
    graded = run(
        runtime,
        softmax,
        softmax.solution
        + """
import os

for _ in range(8):
    if os.fork() == 0:
        while True:
            pass
""",
    )
    assert (graded.result.verdict, graded.result.score) == ("passed", 10.0)
    assert graded.diagnostics == []
    assert own_containers() == []
