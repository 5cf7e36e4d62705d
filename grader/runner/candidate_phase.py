"""The candidate phase: run the answer under the candidate uid, within its limits, and watch it.

Each run forks a child that drops to the candidate uid, writes the answer, sets rlimits,
installs the seccomp filter and execs the candidate boot. The supervisor feeds its stdin,
reads its stdout, stderr and figure capture with caps, and enforces the wall-clock, CPU and
output limits; once the run is over every candidate process is killed, except the one that
stays to serve calls. What it observed is a `CandidateOutcome`.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import selectors
import signal
import time
from dataclasses import dataclass, field

from grader.runner import cgroup, protocol, seccomp
from grader.runner.cpu_wait import WaitClock
from grader.runner.environment import base_env, seed_font_cache, thread_count
from grader.runner.pipes import CallPipes, Stream
from grader.runner.processes import (
    drop_to,
    exec_python,
    fork_child,
    kill_uid,
    place_fds,
    renice_uid,
    wait_for,
)
from grader.runner.written_files import read_files

BOOT_MODULE = "grader.runner.candidate_boot"
KEEP_OUTPUT_BYTES = 64 * 1024
TERM_GRACE_SECONDS = 2.0
# How long the pipes are still read after the run ended, for what is left in them.
DRAIN_SECONDS = 1.0
POLL_SECONDS = 0.05
CHUNK_BYTES = 65536


@dataclass
class CandidateOutcome:
    """What the supervisor itself observed of the candidate's run."""

    exit_code: int | None = None
    signal: int | None = None
    timed_out: str | None = None
    oom_killed: bool = False
    output_exceeded: bool = False
    wall_ms: int = 0
    cpu_wait_ms: int = 0
    cpu_ms: int = 0
    peak_memory_bytes: int | None = None
    stdout: Stream = field(default_factory=lambda: Stream(KEEP_OUTPUT_BYTES))
    stderr: Stream = field(default_factory=lambda: Stream(KEEP_OUTPUT_BYTES))
    capture: Stream = field(default_factory=lambda: Stream(protocol.MAX_CAPTURE_BYTES))

    def public(self) -> protocol.CandidateReport:
        return {
            "exit_code": self.exit_code,
            "signal": self.signal,
            "timed_out": self.timed_out,
            "oom_killed": self.oom_killed,
            "output_exceeded": self.output_exceeded,
            "wall_ms": self.wall_ms,
            "cpu_wait_ms": self.cpu_wait_ms,
            "cpu_ms": self.cpu_ms,
            "peak_memory_bytes": self.peak_memory_bytes,
            "stdout": self.stdout.text(),
            "stdout_bytes": self.stdout.total,
            "stderr": self.stderr.text(),
            "stderr_bytes": self.stderr.total,
            "capture_bytes": self.capture.total,
            "capture_truncated": self.capture.total > self.capture.keep,
        }


@dataclass(frozen=True)
class RunLimits:
    """The job's limits as one candidate run applies them."""

    wall: float
    cpu: float
    cpus: float
    output_cap: int
    truncate_output: bool
    file_cap: int
    nproc: int
    threads: int

    @classmethod
    def of(cls, limits: protocol.Limits) -> RunLimits:
        return cls(
            wall=float(limits["wall_seconds"]),
            cpu=float(limits["cpu_seconds"]),
            cpus=float(limits.get("cpus", 1.0)),
            output_cap=int(limits["output_bytes"]),
            truncate_output=bool(limits.get("truncate_output", False)),
            file_cap=int(limits["file_bytes"]),
            nproc=int(limits["processes"]),
            threads=thread_count(limits),
        )

    @property
    def cpu_rlimit(self) -> int:
        """RLIMIT_CPU's soft limit: whole seconds, rounded up, at least one."""
        return max(1, int(self.cpu + 0.999))


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


@dataclass(frozen=True)
class _ChildFds:
    """The candidate's ends of its pipes, as the supervisor opened them."""

    stdin_r: int | None
    stdout_w: int
    stderr_w: int
    capture_w: int


def _start_candidate(
    source: bytes, limits: RunLimits, fds: _ChildFds, seed: int, calls: CallPipes | None, uid: int
) -> None:
    """In the child: confine this process to the candidate's uid and limits, then exec the boot."""
    os.setsid()
    with open("/proc/self/oom_score_adj", "w") as handle:
        handle.write("1000")
    drop_to(uid, protocol.CANDIDATE_DIR)
    with open(protocol.ANSWER_PATH, "wb") as handle:
        handle.write(source)
    env = base_env(protocol.CANDIDATE_DIR, limits.threads)
    seed_font_cache(env["MPLCONFIGDIR"])
    cpu_soft = limits.cpu_rlimit
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_soft + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_cap, limits.file_cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits.nproc, limits.nproc))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    seccomp.install()  # last: fails closed, the answer never runs unconfined
    stdin_fd = fds.stdin_r if fds.stdin_r is not None else os.open(os.devnull, os.O_RDONLY)
    mapping = {0: stdin_fd, 1: fds.stdout_w, 2: fds.stderr_w, protocol.CAPTURE_FD: fds.capture_w}
    args = [protocol.ANSWER_PATH, "--seed", str(seed)]
    if calls is not None:
        mapping[protocol.CALL_REQUEST_FD] = calls.request_r
        mapping[protocol.CALL_RESPONSE_FD] = calls.response_w
        args.append("--serve")
    place_fds(mapping)
    exec_python(BOOT_MODULE, args, env)


class _Watch:
    """The supervisor's side of one candidate run: feed stdin, read the pipes, enforce limits."""

    def __init__(
        self,
        pid: int,
        limits: RunLimits,
        outcome: CandidateOutcome,
        streams: dict[int, Stream],
        stdin: tuple[int, bytes] | None,
        calls: CallPipes | None,
        uid: int,
    ) -> None:
        self.pid = pid
        self.uid = uid
        self.limits = limits
        self.outcome = outcome
        self.streams = streams
        self.calls = calls
        self.selector = selectors.DefaultSelector()
        for fd in streams:
            os.set_blocking(fd, False)
            self.selector.register(fd, selectors.EVENT_READ)
        self.stdin_w = -1
        self.pending_stdin = memoryview(b"")
        if stdin is not None:
            self.stdin_w, data = stdin
            self.pending_stdin = memoryview(data)
            os.set_blocking(self.stdin_w, False)
            self.selector.register(self.stdin_w, selectors.EVENT_WRITE)
        self.done_line = bytearray()
        if calls is not None:
            self.selector.register(calls.response_r, selectors.EVENT_READ)
        self.served = False
        self.status: int | None = None
        self.rusage: resource.struct_rusage | None = None
        self.term_sent_at: float | None = None

    def watch(self, started: float, cpu_before: int | None) -> None:
        """Until the program exits, or says it has finished and now serves calls.

        The wall-clock limit does not count the time the program waited for a CPU that other
        sandboxes held (at most the limit again): see `cpu_wait`.
        """
        deadline = started + self.limits.wall
        clock = WaitClock(self.uid, self.limits.cpus, self.limits.wall, started)
        while self.status is None and not self.served:
            now = time.monotonic()
            for key, _ in self.selector.select(timeout=POLL_SECONDS):
                self._ready(int(key.fd))
            self._enforce_output()
            self._enforce_cpu(cpu_before)
            clock.sample(now)
            self.outcome.cpu_wait_ms = clock.forgiven_ms
            self._enforce_wall(now, deadline + clock.forgiven)
            exited = wait_for(self.pid)
            if exited is not None:
                self.status, self.rusage = exited

    def _ready(self, fd: int) -> None:
        if fd == self.stdin_w:
            self._feed_stdin()
        elif self.calls is not None and fd == self.calls.response_r:
            self._read_done_line(fd)
        else:
            self._read(fd)

    def _feed_stdin(self) -> None:
        try:
            written = os.write(self.stdin_w, self.pending_stdin[:CHUNK_BYTES])
            self.pending_stdin = self.pending_stdin[written:]
        except BlockingIOError:
            return
        except OSError:  # the program closed its stdin: the rest is not wanted
            self.pending_stdin = self.pending_stdin[len(self.pending_stdin) :]
        if not self.pending_stdin:
            self.selector.unregister(self.stdin_w)
            os.close(self.stdin_w)
            self.stdin_w = -1

    def _read_done_line(self, fd: int) -> None:
        # One byte at a time up to the newline: what follows is for the harness.
        byte = os.read(fd, 1)
        if not byte or len(self.done_line) > protocol.MAX_DONE_LINE_BYTES:
            self.selector.unregister(fd)
        elif byte == b"\n":
            self.selector.unregister(fd)
            self.served = _done_status(bytes(self.done_line)) is not None
        else:
            self.done_line += byte

    def _read(self, fd: int) -> None:
        try:
            chunk = os.read(fd, CHUNK_BYTES)
        except BlockingIOError:
            return
        if not chunk:
            self.selector.unregister(fd)
            return
        self.streams[fd].feed(chunk)

    def _flooded(self) -> bool:
        """The program wrote more than its output limit, and the limit stops it."""
        written = self.outcome.stdout.total + self.outcome.stderr.total
        return written > self.limits.output_cap and not self.limits.truncate_output

    def _enforce_output(self) -> None:
        if self._flooded() and not self.outcome.output_exceeded:
            self.outcome.output_exceeded = True
            kill_uid(self.uid)

    def _enforce_cpu(self, cpu_before: int | None) -> None:
        # The cgroup counts the whole process tree, which RLIMIT_CPU (per process) does not.
        if self.outcome.timed_out is not None or cpu_before is None:
            return
        cpu_now = cgroup.cgroup_cpu_ns()
        if cpu_now is not None and (cpu_now - cpu_before) / 1e9 > self.limits.cpu + 0.5:
            self.outcome.timed_out = "cpu"
            kill_uid(self.uid)

    def _enforce_wall(self, now: float, deadline: float) -> None:
        if self.outcome.timed_out is None and now >= deadline:
            self.outcome.timed_out = "wall"
            self.term_sent_at = now
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
        if self.term_sent_at is not None and now - self.term_sent_at > TERM_GRACE_SECONDS:
            kill_uid(self.uid)

    def stop(self) -> None:
        """End the run: close stdin, kill what is left, read what is still in the pipes."""
        if self.stdin_w >= 0:
            self.selector.unregister(self.stdin_w)
            os.close(self.stdin_w)
        if self.calls is not None and self.calls.response_r in self.selector.get_map():
            self.selector.unregister(self.calls.response_r)
        # Everything of the uid ends here but the process that stays to serve calls.
        kill_uid(self.uid, keep=frozenset({self.pid}) if self.served else frozenset())
        drain_until = time.monotonic() + DRAIN_SECONDS
        while self.selector.get_map() and time.monotonic() < drain_until:
            for key, _ in self.selector.select(timeout=POLL_SECONDS):
                self._drain(int(key.fd))
        for fd in self.streams:
            os.close(fd)

    def _drain(self, fd: int) -> None:
        try:
            chunk = os.read(fd, CHUNK_BYTES)
        except BlockingIOError:
            return
        if chunk:
            self.streams[fd].feed(chunk)
        else:
            self.selector.unregister(fd)

    def record_exit(self) -> None:
        """The program's exit status, or the signal that ended it."""
        status = self.status
        if self.served:
            # The program finished and its process now waits for calls: its own status counts.
            self.outcome.exit_code = _done_status(bytes(self.done_line))
        elif status is not None and os.WIFEXITED(status):
            self.outcome.exit_code = os.WEXITSTATUS(status)
        elif status is not None and os.WIFSIGNALED(status):
            self.outcome.signal = os.WTERMSIG(status)

    def record_usage(self, cpu_before: int | None, ooms_before: int) -> None:
        """CPU time, OOM kill, a CPU limit the kernel enforced, peak memory, output flood."""
        outcome, rusage = self.outcome, self.rusage
        cpu_after = cgroup.cgroup_cpu_ns()
        if cpu_before is not None and cpu_after is not None:
            outcome.cpu_ms = int((cpu_after - cpu_before) / 1e6)
        elif rusage is not None:
            outcome.cpu_ms = int((rusage.ru_utime + rusage.ru_stime) * 1000)
        # Any OOM kill during the run is the program's: it may spread its memory over many
        # processes (and undo its OOM priority) so that the kernel picks another one of them.
        if cgroup.oom_kills() > ooms_before:
            outcome.oom_killed = True
        if outcome.timed_out is None and not outcome.oom_killed and self._killed_by_rlimit_cpu():
            outcome.timed_out = "cpu"
        peak = cgroup.cgroup_peak_memory()
        outcome.peak_memory_bytes = (
            peak if peak is not None else (rusage.ru_maxrss * 1024 if rusage else None)
        )
        if self._flooded():
            outcome.output_exceeded = True

    def _killed_by_rlimit_cpu(self) -> bool:
        # SIGXCPU comes from RLIMIT_CPU's soft limit; SIGKILL from its hard limit when the
        # program ignored SIGXCPU.
        rusage = self.rusage
        used = rusage.ru_utime + rusage.ru_stime if rusage is not None else 0.0
        return self.outcome.signal == signal.SIGXCPU or (
            self.outcome.signal == signal.SIGKILL and used >= int(self.limits.cpu + 0.999) - 0.5
        )


def run_candidate(
    code: str,
    limits: protocol.Limits,
    *,
    stdin_data: bytes | None = None,
    seed: int = 0,
    calls: CallPipes | None = None,
    uid: int = protocol.CANDIDATE_UID,
) -> CandidateOutcome:
    """Run the answer once; with `calls`, return as soon as it says its program has finished."""
    run_limits = RunLimits.of(limits)
    outcome = CandidateOutcome()
    if "keep_output_bytes" in limits:  # a plain program's whole output is its result
        keep = int(limits["keep_output_bytes"])
        outcome.stdout, outcome.stderr = Stream(keep), Stream(keep)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    cap_r, cap_w = os.pipe()
    in_r, in_w = os.pipe() if stdin_data is not None else (-1, -1)
    source = code.encode("utf-8", errors="surrogateescape")
    ooms_before = cgroup.oom_kills()
    cpu_before = cgroup.cgroup_cpu_ns()
    started = time.monotonic()
    child_fds = _ChildFds(in_r if stdin_data is not None else None, out_w, err_w, cap_w)
    pid = fork_child(
        "the candidate", lambda: _start_candidate(source, run_limits, child_fds, seed, calls, uid)
    )
    for fd in (out_w, err_w, cap_w):
        os.close(fd)
    if calls is not None:
        # Only the candidate keeps these ends, so the harness sees end-of-file when it dies.
        os.close(calls.request_r)
        os.close(calls.response_w)
    streams = {out_r: outcome.stdout, err_r: outcome.stderr, cap_r: outcome.capture}
    stdin = None
    if stdin_data is not None:
        os.close(in_r)
        stdin = (in_w, stdin_data)
    watch = _Watch(pid, run_limits, outcome, streams, stdin, calls, uid)
    watch.watch(started, cpu_before)
    outcome.wall_ms = int((time.monotonic() - started) * 1000)
    watch.stop()
    watch.record_exit()
    watch.record_usage(cpu_before, ooms_before)
    return outcome


@dataclass
class CandidatePhase:
    """Everything the candidate phase leaves for the harness."""

    candidate: CandidateOutcome
    cases: list[protocol.CaseReport]
    calls: CallPipes | None
    files: dict[str, protocol.FileReport]


def run_phase(job: protocol.Job) -> CandidatePhase:
    """Run each stdin case, then the main run (which may stay to serve calls), then read files."""
    seed = int(job.get("seed", 0))
    uid, _ = protocol.job_uids(job)
    cases: list[protocol.CaseReport] = []
    for case in job.get("stdin_cases", []):
        # Each case is a run of its own, before the main run, whose process may stay to serve.
        ran = run_candidate(
            job["code"], job["limits"], stdin_data=str(case["stdin"]).encode(), seed=seed, uid=uid
        )
        cases.append({**case, "outcome": ran.public()})
    calls = CallPipes.open() if job.get("serve_calls") else None
    stdin = job.get("stdin")
    stdin_data = stdin.encode("utf-8", "surrogateescape") if isinstance(stdin, str) else None
    candidate = run_candidate(
        job["code"], job["limits"], stdin_data=stdin_data, seed=seed, calls=calls, uid=uid
    )
    if calls is not None:
        # The process that serves calls lives on beside the harness: it may not starve it.
        renice_uid(uid, 19)
    files = read_files(list(job.get("files", [])), int(job.get("file_bytes", 0)), uid)
    return CandidatePhase(candidate, cases, calls, files)
