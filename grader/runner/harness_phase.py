"""The harness phase: render the reference if asked, then run the hidden tests as the harness.

Both run after every candidate process but the one serving calls is gone, under the harness
uid in the harness's private directory, which the candidate uid can never read. The harness
gets the job, the supervisor's observations and the candidate's raw capture on stdin and
writes one JSON result on stdout, which the supervisor reads with a size cap and a deadline.
"""

from __future__ import annotations

import base64
import os
import resource
import selectors
import time

from grader.runner import cgroup, protocol
from grader.runner.candidate_phase import BOOT_MODULE, CandidatePhase
from grader.runner.cpu_wait import WaitClock
from grader.runner.environment import base_env, seed_font_cache, thread_count
from grader.runner.pipes import CallPipes, Stream
from grader.runner.processes import (
    REAP_SECONDS,
    drop_to,
    exec_python,
    fork_child,
    kill_uid,
    place_fds,
    wait_for,
)

HARNESS_MODULE = "grader.runner.hidden_tests"
MAX_HARNESS_OUTPUT = 96 * 1024 * 1024
POLL_SECONDS = 0.1
CHUNK_BYTES = 65536


def _start_reference(code: str, limits: protocol.Limits, capture_w: int, uid: int) -> None:
    """In the child: write the solution where only the harness uid can read it, exec the boot."""
    directory = os.path.join(protocol.HARNESS_DIR, "reference")
    path = os.path.join(directory, "solution.py")
    os.setsid()
    drop_to(uid, protocol.HARNESS_DIR)
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
    os.dup2(capture_w, protocol.CAPTURE_FD)
    os.closerange(protocol.CAPTURE_FD + 1, 65536)
    exec_python(BOOT_MODULE, [path], env)


def run_reference(code: str, limits: protocol.Limits, uid: int = protocol.HARNESS_UID) -> bytes:
    """Render the question's reference solution and return its figure capture.

    It runs through the same candidate boot, so its figures are drawn exactly as the
    candidate's, but under the harness uid in the harness's private directory: the candidate
    has ended by then and can never read it. Its output is discarded.
    """
    capture = Stream(protocol.MAX_CAPTURE_BYTES)
    cap_r, cap_w = os.pipe()
    pid = fork_child("the reference", lambda: _start_reference(code, limits, cap_w, uid))
    os.close(cap_w)
    started = time.monotonic()
    wall = float(limits["wall_seconds"])
    clock = WaitClock(uid, float(limits.get("cpus", 1.0)), wall, started)
    selector = selectors.DefaultSelector()
    selector.register(cap_r, selectors.EVENT_READ)
    while selector.get_map():
        now = time.monotonic()
        clock.sample(now)
        if now >= started + wall + clock.forgiven:
            break
        for key, _ in selector.select(timeout=0.05):
            chunk = os.read(int(key.fd), CHUNK_BYTES)
            if chunk:
                capture.feed(chunk)
            else:
                selector.unregister(key.fd)
    os.close(cap_r)
    kill_uid(uid)
    wait_for(pid, block=True)
    return bytes(capture.data)


def harness_input(job: protocol.Job, phase: CandidatePhase, reference: bytes) -> bytes:
    """The first line of the harness's stdin, what it needs; the candidate's raw capture follows.

    The capture is written after it from the supervisor's own buffer, never copied, so the
    supervisor holds at most one copy of what the candidate sent.
    """
    header: protocol.HarnessInput = {
        "code": job["code"],
        "tests": job["tests"],
        "question": job["question"],
        "candidate": phase.candidate.public(),
        "reference_capture": base64.b64encode(reference).decode("ascii"),
        "solution": job.get("solution", ""),
        "seed": int(job.get("seed", 0)),
        "serve_calls": phase.calls is not None,
        "stdin_cases": phase.cases,
        "files": phase.files,
    }
    return protocol.encode_harness_input(header, b"")


def _start_harness(
    stdin_r: int, stdout_w: int, threads: int, calls: CallPipes | None, uid: int
) -> None:
    """In the child: become the harness uid in its own directory and exec the hidden-test runner."""
    os.setsid()
    drop_to(uid, protocol.HARNESS_DIR)
    env = base_env(protocol.HARNESS_DIR, threads)
    seed_font_cache(env["MPLCONFIGDIR"])
    fds = {0: stdin_r, 1: stdout_w}
    if calls is not None:
        fds[protocol.CALL_REQUEST_FD] = calls.request_w
        fds[protocol.CALL_RESPONSE_FD] = calls.response_r
    place_fds(fds)
    exec_python(HARNESS_MODULE, [], env)


class _Exchange:
    """Write the payload to the harness's stdin while reading its stdout, both non-blocking."""

    def __init__(self, in_w: int, out_r: int, payload: list[bytes | bytearray]) -> None:
        self.in_w = in_w
        self.out_r = out_r
        self.parts = [memoryview(part) for part in payload if part]
        self.view = self.parts.pop(0) if self.parts else memoryview(b"")
        self.output = bytearray()
        self.writing = True
        os.set_blocking(in_w, False)
        os.set_blocking(out_r, False)
        self.selector = selectors.DefaultSelector()
        self.selector.register(out_r, selectors.EVENT_READ)
        self.selector.register(in_w, selectors.EVENT_WRITE)

    def run(self, deadline: float, clock: WaitClock) -> bool:
        """Until the harness closes its stdout or writes too much; False if time ran out.

        The time the harness waited for a CPU other sandboxes held moves the deadline on.
        """
        while True:
            now = time.monotonic()
            clock.sample(now)
            if now > deadline + clock.forgiven:
                return False
            for key, _ in self.selector.select(timeout=POLL_SECONDS):
                if key.fd == self.in_w:
                    self._write()
                elif self._read_finished():
                    return True
        return False

    def _write(self) -> None:
        try:
            sent = os.write(self.in_w, self.view[:CHUNK_BYTES])
            self.view = self.view[sent:]
        except BrokenPipeError:
            self.view, self.parts = memoryview(b""), []
        if not self.view and self.parts:
            self.view = self.parts.pop(0)
        if not self.view and self.writing:
            self.selector.unregister(self.in_w)
            os.close(self.in_w)
            self.writing = False

    def _read_finished(self) -> bool:
        chunk = os.read(self.out_r, CHUNK_BYTES)
        if not chunk:
            return True
        self.output += chunk
        return len(self.output) > MAX_HARNESS_OUTPUT

    def close(self) -> None:
        if self.writing:
            os.close(self.in_w)
        os.close(self.out_r)


def run_harness(
    payload: list[bytes | bytearray],
    seconds: float,
    threads: int,
    calls: CallPipes | None = None,
    uid: int = protocol.HARNESS_UID,
    cpus: float = 1.0,
) -> protocol.HarnessReport:
    """Run the hidden tests on `payload` within `seconds`; the harness's report for the envelope.

    An OOM kill in the container meanwhile (of the harness, or of the candidate's process
    serving calls) is reported as `oom_killed`: the memory was the candidate's to exhaust.
    """
    ooms_before = cgroup.oom_kills()
    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    pid = fork_child("the harness", lambda: _start_harness(in_r, out_w, threads, calls, uid))
    os.close(in_r)
    os.close(out_w)
    if calls is not None:
        os.close(calls.request_w)
        os.close(calls.response_r)
    exchange = _Exchange(in_w, out_r, payload)
    started = time.monotonic()
    clock = WaitClock(uid, cpus, seconds, started)
    timed_out = not exchange.run(started + seconds, clock)
    exchange.close()
    if timed_out:
        kill_uid(uid)
    # A harness that has written its result may take the rest of its time to exit.
    deadline = started + seconds + clock.forgiven
    exited = wait_for(pid, block=True, seconds=max(REAP_SECONDS, deadline - time.monotonic()))
    kill_uid(uid)
    status = exited[0] if exited is not None else -1
    report = _harness_report(exchange.output, status, timed_out, seconds)
    if cgroup.oom_kills() > ooms_before:
        report["oom_killed"] = True
    return report


def _harness_report(
    output: bytearray, status: int, timed_out: bool, seconds: float
) -> protocol.HarnessReport:
    if timed_out:
        return {"ok": False, "error": f"the hidden tests did not finish within {seconds:g} s"}
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        return {"ok": False, "error": f"the harness exited with status {status}"}
    try:
        return {"ok": True, "result": protocol.decode_harness_result(output)}
    except ValueError as exc:
        return {"ok": False, "error": f"the harness wrote an unreadable result: {exc}"}


def run_phase(job: protocol.Job, phase: CandidatePhase) -> tuple[protocol.HarnessReport, int]:
    """Render the reference if a test asks for it, run the harness, end the candidate's server.

    Returns the harness's report and how long the harness ran, in milliseconds.
    """
    candidate_uid, harness_uid = protocol.job_uids(job)
    reference = b""
    if job.get("render_reference"):  # only when a hidden test asks for the reference's figures
        reference = run_reference(str(job.get("solution", "")), job["limits"], harness_uid)
    header = harness_input(job, phase, reference)
    del reference
    capture, phase.candidate.capture.data = phase.candidate.capture.data, bytearray()
    started = time.monotonic()
    threads = thread_count(job["limits"])
    seconds = float(job["harness_seconds"])
    cpus = float(job["limits"].get("cpus", 1.0))
    report = run_harness([header, capture], seconds, threads, phase.calls, harness_uid, cpus)
    del capture
    if phase.calls is not None:
        kill_uid(candidate_uid)  # the process that served the calls
    return report, int((time.monotonic() - started) * 1000)
