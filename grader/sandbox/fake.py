"""A fake sandbox backend for unit tests of the layers above the sandbox."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, cast

from grader.runner import protocol
from grader.sandbox.base import SandboxLimits, SandboxRun

Script = Callable[[dict[str, Any]], SandboxRun]


def completed_envelope(tests: list[dict[str, Any]], **candidate: Any) -> protocol.Envelope:
    """An envelope as the supervisor writes it for a program that ran, with these test results.

    `tests` and the candidate's fields are taken as given, malformed or not, so that tests can
    prove how the service reads what it did not expect.
    """
    base: protocol.CandidateReport = {
        "exit_code": 0,
        "signal": None,
        "timed_out": None,
        "oom_killed": False,
        "output_exceeded": False,
        "wall_ms": 100,
        "cpu_ms": 90,
        "peak_memory_bytes": 50_000_000,
        "stdout": "",
        "stdout_bytes": 0,
        "stderr": "",
        "stderr_bytes": 0,
        "capture_bytes": 0,
        "capture_truncated": False,
    }
    report = cast(protocol.CandidateReport, {**base, **candidate})
    reports = cast(list[protocol.HiddenTestReport], tests)
    return {
        "protocol": 1,
        "candidate": report,
        "harness": {"ok": True, "result": {"syntax_error": None, "tests": reports, "figures": []}},
    }


class FakeSandbox:
    """Answers one job with whatever the script returns for it."""

    def __init__(self, script: Script, log: list[dict[str, Any]]) -> None:
        self._script = script
        self._log = log
        self.closed = False

    def execute(self, job: bytes) -> SandboxRun:
        decoded: dict[str, Any] = json.loads(job)
        self._log.append(decoded)
        return self._script(decoded)

    def close(self) -> None:
        self.closed = True


class FakeBackend:
    """Prepares fake sandboxes and records every job they were given."""

    def __init__(self, script: Script) -> None:
        self._script = script
        self.jobs: list[dict[str, Any]] = []
        self.sandboxes: list[FakeSandbox] = []

    def prepare(self, limits: SandboxLimits) -> FakeSandbox:
        sandbox = FakeSandbox(self._script, self.jobs)
        self.sandboxes.append(sandbox)
        return sandbox

    def remove_leftovers(self) -> int:
        return 0


def envelope_run(
    envelope: Mapping[str, object] | None, error: str | None = None, engine_oom: bool = False
) -> SandboxRun:
    """A run whose supervisor wrote `envelope`, well-formed or not, or failed with `error`;
    `engine_oom` when the engine saw the OOM killer in the container."""
    written = cast(protocol.Envelope | None, envelope)
    return SandboxRun(written, error, engine_oom, "fake-runner:1", "sha256:fake", 120)
