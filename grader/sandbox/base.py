"""The sandbox interface: prepare a sandbox, hand it one job, read what its supervisor said.

A backend prepares sandboxes (a fresh container each, today; a warm pool may prepare them
ahead of time later); a prepared sandbox executes exactly one job and is then closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from grader.runner import protocol


@dataclass(frozen=True)
class SandboxLimits:
    """Limits of one sandbox, already capped by the server's maxima."""

    wall_seconds: float
    cpu_seconds: float
    memory_bytes: int
    processes: int
    output_bytes: int
    file_bytes: int
    workdir_bytes: int
    cpus: float
    harness_seconds: float
    truncate_output: bool = False

    def for_supervisor(self) -> protocol.Limits:
        return {
            "wall_seconds": self.wall_seconds,
            "cpu_seconds": self.cpu_seconds,
            "processes": self.processes,
            "output_bytes": self.output_bytes,
            "file_bytes": self.file_bytes,
            "truncate_output": self.truncate_output,
            "cpus": self.cpus,
        }


@dataclass(frozen=True)
class SandboxRun:
    """What came back from a sandbox: the supervisor's envelope, or why there is none."""

    envelope: protocol.Envelope | None
    error: str | None
    engine_oom_killed: bool
    image: str
    image_id: str
    wall_ms: int


class PreparedSandbox(Protocol):
    """A started sandbox waiting for its one job."""

    def execute(self, job: bytes) -> SandboxRun:
        """Send the job, wait for the supervisor, and return its report."""

    def close(self) -> None:
        """Remove the sandbox; safe to call more than once."""


class SandboxBackend(Protocol):
    """Something that can prepare sandboxes."""

    def prepare(self, limits: SandboxLimits) -> PreparedSandbox:
        """Start a sandbox with these limits, ready for one job."""

    def remove_leftovers(self) -> int:
        """Remove sandboxes left by a previous process that died; return how many."""
