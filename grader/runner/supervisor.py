"""PID 1 of a runner container: run the candidate, then the harness, and report on stdout.

The supervisor runs as root with only CAP_SETUID, CAP_SETGID and CAP_KILL. It reads one job
from stdin, runs the answer under the candidate uid with rlimits and a wall-clock deadline,
kills every candidate process afterwards, then runs the hidden tests under the harness uid.
Only this process writes to the container's stdout, so the one JSON line it prints there is
the only channel a result can take out of the sandbox.
"""

from __future__ import annotations

import sys
import time

from grader.runner import candidate_phase, harness_phase, protocol

MAX_JOB_BYTES = 64 * 1024 * 1024


def read_job() -> protocol.Job:
    """The job on stdin; ValueError when it is too large or not of this protocol."""
    data = sys.stdin.buffer.read(MAX_JOB_BYTES + 1)
    if len(data) > MAX_JOB_BYTES:
        raise ValueError("the job is larger than the supervisor accepts")
    job = protocol.decode_job(data)
    protocol.job_uids(job)  # fails here, before anything runs, when they are not usable
    return job


def emit(envelope: protocol.Envelope) -> None:
    """Write the envelope, the container's one result, as the last line of stdout."""
    sys.stdout.write(protocol.encode_envelope(envelope))
    sys.stdout.flush()


def main() -> int:
    started = time.monotonic()
    try:
        job = read_job()
    except (ValueError, OSError) as exc:
        emit({"protocol": protocol.PROTOCOL_VERSION, "error": f"bad job: {exc}"})
        return 0
    candidate = candidate_phase.run_phase(job)
    if job.get("harness") is False:
        # A plain program run (no tests, no reference): what the supervisor saw is the report.
        emit(
            {
                "protocol": protocol.PROTOCOL_VERSION,
                "candidate": candidate.candidate.public(),
                "supervisor_ms": int((time.monotonic() - started) * 1000),
            }
        )
        return 0
    harness, harness_ms = harness_phase.run_phase(job, candidate)
    emit(
        {
            "protocol": protocol.PROTOCOL_VERSION,
            "candidate": candidate.candidate.public(),
            "harness": harness,
            "harness_ms": harness_ms,
            "supervisor_ms": int((time.monotonic() - started) * 1000),
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
