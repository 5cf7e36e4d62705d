"""PID 1 of a runner container: run the candidate, then the harness, and report on stdout.

The supervisor runs as root with only CAP_SETUID, CAP_SETGID and CAP_KILL. It reads one job
from stdin, runs the answer under the candidate uid with rlimits and a wall-clock deadline,
kills every candidate process afterwards, then runs the hidden tests under the harness uid.
Only this process writes to the container's stdout, so the one JSON line it prints there is
the only channel a result can take out of the sandbox.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import fcntl
import json
import os
import resource
import select
import selectors
import signal
import stat
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from grader.harness import protocol, seccomp

PYTHON = sys.executable
MAX_JOB_BYTES = 64 * 1024 * 1024
KEEP_OUTPUT_BYTES = 64 * 1024
TERM_GRACE_SECONDS = 2.0
MAX_HARNESS_OUTPUT = 96 * 1024 * 1024


@dataclass
class Stream:
    """Bytes read from one candidate pipe, keeping a bounded prefix."""

    keep: int
    data: bytearray = field(default_factory=bytearray)
    total: int = 0

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        room = self.keep - len(self.data)
        if room > 0:
            self.data += chunk[:room]

    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")


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
    text = _read_cgroup(
        "/sys/fs/cgroup/memory/memory.max_usage_in_bytes", "/sys/fs/cgroup/memory.peak"
    )
    return int(text.strip()) if text else None


def uid_pids(uid: int) -> list[int]:
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


# Exit statuses of children reaped while waiting for something else, by pid.
_reaped: dict[int, tuple[int, resource.struct_rusage]] = {}


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
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    os.chdir(home)


def seed_font_cache(config_dir: str) -> None:
    os.makedirs(config_dir, exist_ok=True)
    try:
        names = os.listdir(protocol.FONT_CACHE_DIR)
    except OSError:
        return
    for name in names:
        if name.startswith("fontlist") and name.endswith(".json"):
            with open(os.path.join(protocol.FONT_CACHE_DIR, name), "rb") as src:
                data = src.read()
            with open(os.path.join(config_dir, name), "wb") as dst:
                dst.write(data)


def thread_count(limits: dict[str, Any]) -> int:
    """Threads each numeric library may run: the sandbox's whole CPUs, at least one.

    OpenMP (PyTorch's intra-op pool), MKL and OpenBLAS size their pools from these variables,
    not from the container's CPU quota: left alone they start one thread per host core, and
    the quota then throttles all of them.
    """
    return max(1, int(float(limits["cpus"])))


def base_env(home: str, threads: int) -> dict[str, str]:
    return {
        "PATH": "/opt/venv/bin:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home if home == protocol.HARNESS_DIR else "/tmp",  # noqa: S108  (a private tmpfs)
        "LANG": "C.UTF-8",
        "MPLBACKEND": "agg",
        "MPLCONFIGDIR": os.path.join(home, ".matplotlib"),
        "MATPLOTLIBRC": "/opt/grader/matplotlibrc",
        "PYTHONHASHSEED": "0",
        "OPENBLAS_NUM_THREADS": str(threads),
        "OMP_NUM_THREADS": str(threads),
        "MKL_NUM_THREADS": str(threads),
    }


@dataclass
class CandidateOutcome:
    """What the supervisor itself observed of the candidate's run."""

    exit_code: int | None = None
    signal: int | None = None
    timed_out: str | None = None
    oom_killed: bool = False
    output_exceeded: bool = False
    wall_ms: int = 0
    cpu_ms: int = 0
    peak_memory_bytes: int | None = None
    stdout: Stream = field(default_factory=lambda: Stream(KEEP_OUTPUT_BYTES))
    stderr: Stream = field(default_factory=lambda: Stream(KEEP_OUTPUT_BYTES))
    capture: Stream = field(default_factory=lambda: Stream(protocol.MAX_CAPTURE_BYTES))

    def public(self) -> dict[str, Any]:
        return {
            "exit_code": self.exit_code,
            "signal": self.signal,
            "timed_out": self.timed_out,
            "oom_killed": self.oom_killed,
            "output_exceeded": self.output_exceeded,
            "wall_ms": self.wall_ms,
            "cpu_ms": self.cpu_ms,
            "peak_memory_bytes": self.peak_memory_bytes,
            "stdout": self.stdout.text(),
            "stdout_bytes": self.stdout.total,
            "stderr": self.stderr.text(),
            "stderr_bytes": self.stderr.total,
            "capture_bytes": self.capture.total,
            "capture_truncated": self.capture.total > self.capture.keep,
        }


@dataclass
class CallPipes:
    """The two pipes between the harness and a candidate that serves calls."""

    request_r: int
    request_w: int
    response_r: int
    response_w: int

    @classmethod
    def open(cls) -> CallPipes:
        request_r, request_w = os.pipe()
        response_r, response_w = os.pipe()
        return cls(request_r, request_w, response_r, response_w)


def _place_fds(mapping: dict[int, int]) -> None:
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


def _done_status(line: bytes) -> int | None:
    """The exit status in a candidate's `done` line, or None when it is not one."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    status = value.get("done") if isinstance(value, dict) else None
    if isinstance(status, int) and not isinstance(status, bool) and 0 <= status <= 255:
        return status
    return None


def run_candidate(
    code: str,
    limits: dict[str, Any],
    *,
    stdin_data: bytes | None = None,
    seed: int = 0,
    calls: CallPipes | None = None,
) -> CandidateOutcome:
    """Run the answer once; with `calls`, return as soon as it says its program has finished."""
    wall = float(limits["wall_seconds"])
    cpu = float(limits["cpu_seconds"])
    output_cap = int(limits["output_bytes"])
    truncate_output = bool(limits.get("truncate_output", False))
    file_cap = int(limits["file_bytes"])
    nproc = int(limits["processes"])
    outcome = CandidateOutcome()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    cap_r, cap_w = os.pipe()
    in_r, in_w = os.pipe() if stdin_data is not None else (-1, -1)
    source = code.encode("utf-8", errors="surrogateescape")
    ooms_before = oom_kills()
    cpu_before = cgroup_cpu_ns()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the candidate, until exec
        try:
            os.setsid()
            with open("/proc/self/oom_score_adj", "w") as handle:
                handle.write("1000")
            drop_to(protocol.CANDIDATE_UID, protocol.CANDIDATE_DIR)
            with open(protocol.ANSWER_PATH, "wb") as handle:
                handle.write(source)
            env = base_env(protocol.CANDIDATE_DIR, thread_count(limits))
            seed_font_cache(env["MPLCONFIGDIR"])
            cpu_soft = max(1, int(cpu + 0.999))
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_soft + 1))
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_cap, file_cap))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
            resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
            seccomp.install()  # last: fails closed, the answer never runs unconfined
            stdin_fd = in_r if stdin_data is not None else os.open(os.devnull, os.O_RDONLY)
            fds = {0: stdin_fd, 1: out_w, 2: err_w, protocol.CAPTURE_FD: cap_w}
            argv = [PYTHON, "-I", "-B", "-m", "grader.harness.candidate_boot"]
            argv += [protocol.ANSWER_PATH, "--seed", str(seed)]
            if calls is not None:
                fds[protocol.CALL_REQUEST_FD] = calls.request_r
                fds[protocol.CALL_RESPONSE_FD] = calls.response_w
                argv.append("--serve")
            _place_fds(fds)
            os.execve(PYTHON, argv, env)
        except BaseException as exc:  # noqa: BLE001  (report and leave; never return into PID 1)
            os.write(2, f"supervisor: cannot start the candidate: {exc}\n".encode())
        finally:
            os._exit(127)
    for fd in (out_w, err_w, cap_w):
        os.close(fd)
    if calls is not None:
        # Only the candidate keeps these ends, so the harness sees end-of-file when it dies.
        os.close(calls.request_r)
        os.close(calls.response_w)
    streams = {out_r: outcome.stdout, err_r: outcome.stderr, cap_r: outcome.capture}
    selector = selectors.DefaultSelector()
    for fd in streams:
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ)
    pending_stdin = memoryview(stdin_data or b"")
    if stdin_data is not None:
        os.close(in_r)
        os.set_blocking(in_w, False)
        selector.register(in_w, selectors.EVENT_WRITE)
    done_line = bytearray()
    if calls is not None:
        selector.register(calls.response_r, selectors.EVENT_READ)
    served = False
    status: int | None = None
    rusage: resource.struct_rusage | None = None
    term_sent_at: float | None = None
    deadline = started + wall
    while status is None and not served:
        now = time.monotonic()
        for key, _ in selector.select(timeout=0.05):
            fd = int(key.fd)
            if fd == in_w:
                try:
                    pending_stdin = pending_stdin[os.write(in_w, pending_stdin[:65536]) :]
                except BlockingIOError:
                    continue
                except OSError:  # the program closed its stdin: the rest is not wanted
                    pending_stdin = pending_stdin[len(pending_stdin) :]
                if not pending_stdin:
                    selector.unregister(in_w)
                    os.close(in_w)
                    in_w = -1
                continue
            if calls is not None and fd == calls.response_r:
                # One byte at a time up to the newline: what follows is for the harness.
                byte = os.read(fd, 1)
                if not byte or len(done_line) > protocol.MAX_DONE_LINE_BYTES:
                    selector.unregister(fd)
                elif byte == b"\n":
                    selector.unregister(fd)
                    served = _done_status(bytes(done_line)) is not None
                else:
                    done_line += byte
                continue
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                selector.unregister(fd)
                continue
            streams[fd].feed(chunk)
        flooded = outcome.stdout.total + outcome.stderr.total > output_cap
        if flooded and not truncate_output and not outcome.output_exceeded:
            outcome.output_exceeded = True
            kill_uid(protocol.CANDIDATE_UID)
        cpu_now = cgroup_cpu_ns()
        if (
            outcome.timed_out is None
            and cpu_before is not None
            and cpu_now is not None
            and (cpu_now - cpu_before) / 1e9 > cpu + 0.5
        ):
            outcome.timed_out = "cpu"
            kill_uid(protocol.CANDIDATE_UID)
        if outcome.timed_out is None and now >= deadline:
            outcome.timed_out = "wall"
            term_sent_at = now
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        if term_sent_at is not None and now - term_sent_at > TERM_GRACE_SECONDS:
            kill_uid(protocol.CANDIDATE_UID)
        exited = wait_for(pid)
        if exited is not None:
            status, rusage = exited
    outcome.wall_ms = int((time.monotonic() - started) * 1000)
    if in_w >= 0:
        selector.unregister(in_w)
        os.close(in_w)
    if calls is not None and calls.response_r in selector.get_map():
        selector.unregister(calls.response_r)
    if not served:
        kill_uid(protocol.CANDIDATE_UID)
    drain_until = time.monotonic() + 1.0
    while selector.get_map() and time.monotonic() < drain_until:
        for key, _ in selector.select(timeout=0.05):
            fd = int(key.fd)
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if chunk:
                streams[fd].feed(chunk)
            else:
                selector.unregister(fd)
    for fd in streams:
        os.close(fd)
    if served:
        # The program finished and its process now waits for calls: its own status counts.
        outcome.exit_code = _done_status(bytes(done_line))
    elif status is not None and os.WIFEXITED(status):
        outcome.exit_code = os.WEXITSTATUS(status)
    elif status is not None and os.WIFSIGNALED(status):
        outcome.signal = os.WTERMSIG(status)
    cpu_after = cgroup_cpu_ns()
    if cpu_before is not None and cpu_after is not None:
        outcome.cpu_ms = int((cpu_after - cpu_before) / 1e6)
    elif rusage is not None:
        outcome.cpu_ms = int((rusage.ru_utime + rusage.ru_stime) * 1000)
    if outcome.signal == signal.SIGKILL and oom_kills() > ooms_before:
        outcome.oom_killed = True
    if outcome.timed_out is None and not outcome.oom_killed:
        # SIGXCPU comes from RLIMIT_CPU's soft limit; SIGKILL from its hard limit when the
        # program ignored SIGXCPU.
        used = rusage.ru_utime + rusage.ru_stime if rusage is not None else 0.0
        if outcome.signal == signal.SIGXCPU or (
            outcome.signal == signal.SIGKILL and used >= int(cpu + 0.999) - 0.5
        ):
            outcome.timed_out = "cpu"
    peak = cgroup_peak_memory()
    outcome.peak_memory_bytes = (
        peak if peak is not None else (rusage.ru_maxrss * 1024 if rusage else None)
    )
    if outcome.stdout.total + outcome.stderr.total > output_cap and not truncate_output:
        outcome.output_exceeded = True
    return outcome


def run_reference(code: str, limits: dict[str, Any]) -> bytes:
    """Render the question's reference solution and return its figure capture.

    It runs through the same candidate boot, so its figures are drawn exactly as the
    candidate's, but under the harness uid in the harness's private directory: the candidate
    has ended by then and can never read it. Its output is discarded.
    """
    directory = os.path.join(protocol.HARNESS_DIR, "reference")
    path = os.path.join(directory, "solution.py")
    capture = Stream(protocol.MAX_CAPTURE_BYTES)
    cap_r, cap_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            drop_to(protocol.HARNESS_UID, protocol.HARNESS_DIR)
            os.makedirs(directory, exist_ok=True)
            os.chdir(directory)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(code)
            env = base_env(protocol.HARNESS_DIR, thread_count(limits))
            seed_font_cache(env["MPLCONFIGDIR"])
            cpu = max(1, int(float(limits["cpu_seconds"]) + 0.999))
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            os.dup2(cap_w, protocol.CAPTURE_FD)
            os.closerange(protocol.CAPTURE_FD + 1, 65536)
            os.execve(
                PYTHON, [PYTHON, "-I", "-B", "-m", "grader.harness.candidate_boot", path], env
            )
        except BaseException as exc:  # noqa: BLE001  (report and leave; never return into PID 1)
            os.write(2, f"supervisor: cannot start the reference: {exc}\n".encode())
        finally:
            os._exit(127)
    os.close(cap_w)
    deadline = time.monotonic() + float(limits["wall_seconds"])
    selector = selectors.DefaultSelector()
    selector.register(cap_r, selectors.EVENT_READ)
    while time.monotonic() < deadline and selector.get_map():
        for key, _ in selector.select(timeout=0.05):
            chunk = os.read(int(key.fd), 65536)
            if chunk:
                capture.feed(chunk)
            else:
                selector.unregister(key.fd)
    os.close(cap_r)
    kill_uid(protocol.HARNESS_UID)
    wait_for(pid, block=True)
    return bytes(capture.data)


def _read_one_file(directory: int, name: str, cap: int) -> dict[str, Any]:
    # O_NOFOLLOW: a symlink the program planted (to a hidden path, say) is not followed;
    # O_NONBLOCK: a FIFO does not hang the reader; only regular files are read.
    try:
        fd = os.open(
            name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY, dir_fd=directory
        )
    except FileNotFoundError:
        return {"error": "missing"}
    except OSError as exc:
        return {"error": "symlink" if exc.errno == errno.ELOOP else "unreadable"}
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return {"error": "not a regular file"}
        data = bytearray()
        while len(data) <= cap:
            chunk = os.read(fd, min(65536, cap + 1 - len(data)))
            if not chunk:
                break
            data += chunk
    finally:
        os.close(fd)
    return {
        "data": base64.b64encode(bytes(data[:cap])).decode("ascii"),
        "truncated": len(data) > cap,
    }


def read_files(names: list[str], cap: int) -> dict[str, Any]:
    """Read files the program wrote in its work directory, as the candidate's uid, with caps."""
    names = [n for n in names if n and "/" not in n and n not in (".", "..")][:16]
    cap = max(0, min(cap, protocol.MAX_FILE_BYTES))
    if not names:
        return {}
    out_r, out_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            # As the candidate's uid, nothing hidden is readable; setuid also makes this
            # process non-dumpable, so the candidate's processes cannot trace it.
            drop_to(protocol.CANDIDATE_UID, "/")
            _place_fds({3: out_w})
            directory = os.open(
                protocol.CANDIDATE_DIR, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
            )
            found = {name: _read_one_file(directory, name, cap) for name in names}
            data = json.dumps(found).encode()
            view = memoryview(data)
            while view:
                view = view[os.write(3, view) :]
        except BaseException:  # noqa: BLE001  (never return into PID 1)
            os._exit(1)
        finally:
            os._exit(0)
    os.close(out_w)
    limit = len(names) * (cap * 4 // 3 + 1024) + 1024
    output = bytearray()
    deadline = time.monotonic() + 10.0
    os.set_blocking(out_r, False)
    while time.monotonic() < deadline and len(output) <= limit:
        ready, _, _ = select.select([out_r], [], [], 0.1)
        if not ready:
            continue
        chunk = os.read(out_r, 65536)
        if not chunk:
            break
        output += chunk
    os.close(out_r)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    wait_for(pid, block=True)
    try:
        parsed: Any = json.loads(output)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        return {name: {"error": "unreadable"} for name in names}
    return parsed


def run_harness(
    payload: bytes, seconds: float, threads: int, calls: CallPipes | None = None
) -> dict[str, Any]:
    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            drop_to(protocol.HARNESS_UID, protocol.HARNESS_DIR)
            env = base_env(protocol.HARNESS_DIR, threads)
            seed_font_cache(env["MPLCONFIGDIR"])
            fds = {0: in_r, 1: out_w}
            if calls is not None:
                fds[protocol.CALL_REQUEST_FD] = calls.request_w
                fds[protocol.CALL_RESPONSE_FD] = calls.response_r
            _place_fds(fds)
            os.execve(PYTHON, [PYTHON, "-I", "-B", "-m", "grader.harness.runner"], env)
        except BaseException as exc:  # noqa: BLE001  (report and leave; never return into PID 1)
            os.write(2, f"supervisor: cannot start the harness: {exc}\n".encode())
        finally:
            os._exit(127)
    os.close(in_r)
    os.close(out_w)
    if calls is not None:
        os.close(calls.request_w)
        os.close(calls.response_r)
    deadline = time.monotonic() + seconds
    output = bytearray()
    view = memoryview(payload)
    os.set_blocking(in_w, False)
    os.set_blocking(out_r, False)
    selector = selectors.DefaultSelector()
    selector.register(out_r, selectors.EVENT_READ)
    selector.register(in_w, selectors.EVENT_WRITE)
    writing = True
    timed_out = False
    while True:
        if time.monotonic() > deadline:
            timed_out = True
            break
        events = selector.select(timeout=0.1)
        finished = False
        for key, _ in events:
            if key.fd == in_w:
                try:
                    sent = os.write(in_w, view[:65536])
                    view = view[sent:]
                except BrokenPipeError:
                    view = view[len(view) :]
                if not view and writing:
                    selector.unregister(in_w)
                    os.close(in_w)
                    writing = False
            else:
                chunk = os.read(out_r, 65536)
                if not chunk:
                    finished = True
                    break
                output += chunk
                if len(output) > MAX_HARNESS_OUTPUT:
                    finished = True
                    break
        if finished:
            break
    if writing:
        os.close(in_w)
    os.close(out_r)
    if timed_out:
        kill_uid(protocol.HARNESS_UID)
    exited = wait_for(pid, block=True)
    kill_uid(protocol.HARNESS_UID)
    status = exited[0] if exited is not None else -1
    if timed_out:
        return {"ok": False, "error": f"the hidden tests did not finish within {seconds:g} s"}
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        return {"ok": False, "error": f"the harness exited with status {status}"}
    try:
        return {"ok": True, "result": json.loads(output)}
    except ValueError as exc:
        return {"ok": False, "error": f"the harness wrote an unreadable result: {exc}"}


def read_job() -> dict[str, Any]:
    data = sys.stdin.buffer.read(MAX_JOB_BYTES + 1)
    if len(data) > MAX_JOB_BYTES:
        raise ValueError("the job is larger than the supervisor accepts")
    job = json.loads(data)
    if not isinstance(job, dict) or job.get("protocol") != protocol.PROTOCOL_VERSION:
        raise ValueError("the job does not speak this supervisor's protocol")
    return job


def emit(envelope: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(envelope) + "\n")
    sys.stdout.flush()


def main() -> int:
    started = time.monotonic()
    try:
        job = read_job()
    except (ValueError, OSError) as exc:
        emit({"protocol": protocol.PROTOCOL_VERSION, "error": f"bad job: {exc}"})
        return 0
    seed = int(job.get("seed", 0))
    cases = []
    for case in job.get("stdin_cases", []):
        # Each case is a run of its own, before the main run, whose process may stay to serve.
        ran = run_candidate(
            job["code"], job["limits"], stdin_data=str(case["stdin"]).encode(), seed=seed
        )
        cases.append({**case, "outcome": ran.public()})
    calls = CallPipes.open() if job.get("serve_calls") else None
    candidate = run_candidate(job["code"], job["limits"], seed=seed, calls=calls)
    if calls is not None:
        # The process that serves calls lives on beside the harness: it may not starve it.
        renice_uid(protocol.CANDIDATE_UID, 19)
    files = read_files(list(job.get("files", [])), int(job.get("file_bytes", 0)))
    reference = b""
    if job.get("render_reference"):  # only when a hidden test asks for the reference's figures
        reference = run_reference(str(job.get("solution", "")), job["limits"])
    harness_input = (
        json.dumps(
            {
                "code": job["code"],
                "tests": job["tests"],
                "question": job["question"],
                "candidate": candidate.public(),
                "reference_capture": base64.b64encode(reference).decode("ascii"),
                "solution": job.get("solution", ""),
                "seed": seed,
                "serve_calls": calls is not None,
                "stdin_cases": cases,
                "files": files,
            }
        ).encode("utf-8")
        + b"\n"
        + bytes(candidate.capture.data)
    )
    candidate.capture.data = bytearray()
    harness_started = time.monotonic()
    threads = thread_count(job["limits"])
    harness = run_harness(harness_input, float(job["harness_seconds"]), threads, calls)
    if calls is not None:
        kill_uid(protocol.CANDIDATE_UID)
    emit(
        {
            "protocol": protocol.PROTOCOL_VERSION,
            "candidate": candidate.public(),
            "harness": harness,
            "harness_ms": int((time.monotonic() - harness_started) * 1000),
            "supervisor_ms": int((time.monotonic() - started) * 1000),
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
