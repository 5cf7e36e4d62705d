"""Run one plain program in a fresh sandbox: its source on disk, its stdin on fd 0, no tests.

The job speaks the supervisor's protocol with no hidden tests, no reference and the harness
turned off: the supervisor runs the program once with `stdin` and reports what it observed.
"""

from __future__ import annotations

import logging

from grader.errors import GraderError
from grader.judge0.outcome import Finished, finished, internal_error
from grader.runner import protocol
from grader.sandbox.base import SandboxBackend, SandboxLimits

log = logging.getLogger(__name__)


def build_job(source_code: str, stdin: str | None, limits: SandboxLimits) -> bytes:
    """The supervisor's job for a program run once with `stdin` (empty when None)."""
    supervisor_limits = limits.for_supervisor()
    # Keep all the output the limit lets through: it is the result, compared as a whole.
    supervisor_limits["keep_output_bytes"] = limits.output_bytes
    job: protocol.Job = {
        "protocol": protocol.PROTOCOL_VERSION,
        "code": source_code,
        "stdin": stdin or "",
        "harness": False,
        "tests": "",
        "solution": "",
        "question": {"id": "judge0", "points": 0},
        "limits": supervisor_limits,
        "harness_seconds": limits.harness_seconds,
        "seed": 0,
        "serve_calls": False,
        "stdin_cases": [],
        "files": [],
        "file_bytes": 0,
    }
    # ASCII JSON: text the request decoded with surrogateescape travels as \udcXX escapes.
    return protocol.encode_job(job)


def run_program(
    backend: SandboxBackend,
    *,
    source_code: str,
    stdin: str | None,
    expected_output: str | None,
    limits: SandboxLimits,
) -> Finished:
    """Run the program and judge it as Judge0 would; our failures are an Internal Error."""
    try:
        job = build_job(source_code, stdin, limits)
        sandbox = backend.prepare(limits)
        try:
            run = sandbox.execute(job)
        finally:
            sandbox.close()
    except GraderError as exc:
        log.warning("judge0 run failed in the sandbox: %s", exc)
        return internal_error("The sandbox is not available; the program was not run. Try again.")
    if run.error:
        log.warning("judge0 run: %s", run.error)
    return finished(run, expected_output)
