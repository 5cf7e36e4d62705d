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
import json
import os
import resource
import selectors
import signal
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


def base_env(home: str) -> dict[str, str]:
    return {
        "PATH": "/opt/venv/bin:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home if home == protocol.HARNESS_DIR else "/tmp",  # noqa: S108  (a private tmpfs)
        "LANG": "C.UTF-8",
        "MPLBACKEND": "agg",
        "MPLCONFIGDIR": os.path.join(home, ".matplotlib"),
        "MATPLOTLIBRC": "/opt/grader/matplotlibrc",
        "PYTHONHASHSEED": "0",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
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


def run_candidate(code: str, limits: dict[str, Any]) -> CandidateOutcome:
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
            env = base_env(protocol.CANDIDATE_DIR)
            seed_font_cache(env["MPLCONFIGDIR"])
            cpu_soft = max(1, int(cpu + 0.999))
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_soft + 1))
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_cap, file_cap))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
            resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
            seccomp.install()  # last: fails closed, the answer never runs unconfined
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            os.dup2(cap_w, protocol.CAPTURE_FD)
            os.closerange(protocol.CAPTURE_FD + 1, 65536)
            os.execve(
                PYTHON,
                [PYTHON, "-I", "-B", "-m", "grader.harness.candidate_boot", protocol.ANSWER_PATH],
                env,
            )
        except BaseException as exc:  # noqa: BLE001  (report and leave; never return into PID 1)
            os.write(2, f"supervisor: cannot start the candidate: {exc}\n".encode())
        finally:
            os._exit(127)
    for fd in (out_w, err_w, cap_w):
        os.close(fd)
    streams = {out_r: outcome.stdout, err_r: outcome.stderr, cap_r: outcome.capture}
    selector = selectors.DefaultSelector()
    for fd in streams:
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ)
    status: int | None = None
    rusage: resource.struct_rusage | None = None
    term_sent_at: float | None = None
    deadline = started + wall
    while status is None:
        now = time.monotonic()
        for key, _ in selector.select(timeout=0.05):
            fd = int(key.fd)
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
    kill_uid(protocol.CANDIDATE_UID)
    drain_until = time.monotonic() + 1.0
    while selector.get_map() and time.monotonic() < drain_until:
        for key, _ in selector.select(timeout=0.05):
            fd = int(key.fd)
            chunk = os.read(fd, 65536)
            if chunk:
                streams[fd].feed(chunk)
            else:
                selector.unregister(fd)
    for fd in streams:
        os.close(fd)
    if os.WIFEXITED(status):
        outcome.exit_code = os.WEXITSTATUS(status)
    elif os.WIFSIGNALED(status):
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
            env = base_env(protocol.HARNESS_DIR)
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


def run_harness(payload: bytes, seconds: float) -> dict[str, Any]:
    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            drop_to(protocol.HARNESS_UID, protocol.HARNESS_DIR)
            env = base_env(protocol.HARNESS_DIR)
            seed_font_cache(env["MPLCONFIGDIR"])
            os.dup2(in_r, 0)
            os.dup2(out_w, 1)
            os.closerange(3, 65536)
            os.execve(PYTHON, [PYTHON, "-I", "-B", "-m", "grader.harness.runner"], env)
        except BaseException as exc:  # noqa: BLE001  (report and leave; never return into PID 1)
            os.write(2, f"supervisor: cannot start the harness: {exc}\n".encode())
        finally:
            os._exit(127)
    os.close(in_r)
    os.close(out_w)
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
    candidate = run_candidate(job["code"], job["limits"])
    reference = b""
    if isinstance(job.get("reference"), str):  # only when a hidden test asks for its figures
        reference = run_reference(job["reference"], job["limits"])
    harness_input = (
        json.dumps(
            {
                "code": job["code"],
                "tests": job["tests"],
                "question": job["question"],
                "candidate": candidate.public(),
                "reference_capture": base64.b64encode(reference).decode("ascii"),
            }
        ).encode("utf-8")
        + b"\n"
        + bytes(candidate.capture.data)
    )
    candidate.capture.data = bytearray()
    harness_started = time.monotonic()
    harness = run_harness(harness_input, float(job["harness_seconds"]))
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
