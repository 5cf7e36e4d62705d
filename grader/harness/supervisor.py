"""Old import path of the supervisor, now split across `grader.runner`; re-exports its names."""

import runpy

from grader.runner.candidate_phase import (
    KEEP_OUTPUT_BYTES,
    TERM_GRACE_SECONDS,
    CandidateOutcome,
    run_candidate,
)
from grader.runner.cgroup import cgroup_cpu_ns, cgroup_peak_memory, oom_kills
from grader.runner.environment import base_env, seed_font_cache
from grader.runner.harness_phase import MAX_HARNESS_OUTPUT, run_harness, run_reference
from grader.runner.pipes import CallPipes, Stream
from grader.runner.processes import PYTHON, drop_to, kill_uid, reap, renice_uid, uid_pids, wait_for
from grader.runner.written_files import read_files

__all__ = [
    "KEEP_OUTPUT_BYTES",
    "MAX_HARNESS_OUTPUT",
    "MAX_JOB_BYTES",
    "PYTHON",
    "TERM_GRACE_SECONDS",
    "CallPipes",
    "CandidateOutcome",
    "Stream",
    "base_env",
    "cgroup_cpu_ns",
    "cgroup_peak_memory",
    "drop_to",
    "emit",
    "kill_uid",
    "main",
    "oom_kills",
    "read_files",
    "read_job",
    "reap",
    "renice_uid",
    "run_candidate",
    "run_harness",
    "run_reference",
    "seed_font_cache",
    "uid_pids",
    "wait_for",
]

if __name__ == "__main__":  # `python -m grader.harness.supervisor` runs the new entry point
    runpy.run_module("grader.runner.supervisor", run_name="__main__", alter_sys=True)
else:  # imported only here, so that runpy above finds the entry point not yet imported
    from grader.runner.supervisor import MAX_JOB_BYTES, emit, main, read_job
