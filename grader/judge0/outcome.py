"""What the sandbox observed of one run, as Judge0 reports it: status, output, time, memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.judge0 import wire
from grader.runner import protocol
from grader.sandbox.base import SandboxRun

# Ruby's String#rstrip, which Judge0 uses: ASCII whitespace and NUL, nothing else.
_RUBY_SPACE = " \t\n\v\f\r\0"
# Signals Judge0 names; any other one is "Runtime Error (Other)".
_SIGNAL_STATUS = {11: wire.SIGSEGV, 25: wire.SIGXFSZ, 8: wire.SIGFPE, 6: wire.SIGABRT}


def _strip(text: str) -> str:
    return "\n".join(line.rstrip(_RUBY_SPACE) for line in text.split("\n")).rstrip(_RUBY_SPACE)


def output_matches(stdout: str | None, expected: str) -> bool:
    """Judge0's comparison: right-strip every line, then the whole text, then compare exactly."""
    return _strip(stdout or "") == _strip(expected)


@dataclass(frozen=True)
class Finished:
    """A finished run in Judge0's terms (time and wall time in seconds, memory in kilobytes)."""

    status_id: int
    stdout: str | None
    stderr: str | None
    exit_code: int | None
    exit_signal: int | None
    message: str | None
    time: float | None
    wall_time: float | None
    memory: int | None


def internal_error(message: str) -> Finished:
    """Our fault, never the program's: Judge0's Internal Error with a message for operators."""
    return Finished(wire.INTERNAL_ERROR, None, None, None, None, message, None, None, None)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def finished(run: SandboxRun, expected_output: str | None) -> Finished:
    """The Judge0 result of a sandbox run; a sandbox that failed is an Internal Error."""
    candidate = run.envelope.get("candidate") if run.envelope is not None else None
    if run.engine_oom_killed and not isinstance(candidate, dict):
        # The OOM killer took the supervisor before its report: the program's memory ran out.
        return Finished(
            wire.OTHER, None, None, None, None, "Memory limit exceeded", None, None, None
        )
    if run.error or not isinstance(candidate, dict):
        return internal_error("The sandbox failed; the program was not judged. Try again.")
    stdout = _text(candidate.get("stdout"))
    stderr = _text(candidate.get("stderr"))
    exit_code = _int(candidate.get("exit_code"))
    signal = _int(candidate.get("signal"))
    cpu_ms, wall_ms = _int(candidate.get("cpu_ms")), _int(candidate.get("wall_ms"))
    peak = _int(candidate.get("peak_memory_bytes"))
    status, message = _status(candidate, exit_code, signal, run.engine_oom_killed)
    if status is None:
        matched = expected_output is None or output_matches(stdout, expected_output)
        status = wire.ACCEPTED if matched else wire.WRONG_ANSWER
    return Finished(
        status_id=status,
        stdout=stdout,
        stderr=stderr,
        exit_code=exit_code,
        exit_signal=signal,
        message=message,
        time=cpu_ms / 1000 if cpu_ms is not None else None,
        wall_time=wall_ms / 1000 if wall_ms is not None else None,
        memory=peak // 1024 if peak is not None else None,
    )


def _status(
    candidate: protocol.CandidateReport,
    exit_code: int | None,
    signal: int | None,
    engine_oom: bool,
) -> tuple[int | None, str | None]:
    """A status decided by how the run ended, or None when it exited normally."""
    if candidate.get("timed_out") in ("cpu", "wall"):
        return wire.TIME_LIMIT_EXCEEDED, "Time limit exceeded"
    if candidate.get("oom_killed") or (engine_oom and signal == 9):
        return wire.OTHER, "Memory limit exceeded"
    if candidate.get("output_exceeded"):
        return wire.SIGXFSZ, "Output limit exceeded"
    if signal is not None:
        return _SIGNAL_STATUS.get(signal, wire.OTHER), f"Caught fatal signal {signal}"
    if exit_code != 0:
        return wire.NZEC, f"Exited with error status {exit_code}"
    return None, None
