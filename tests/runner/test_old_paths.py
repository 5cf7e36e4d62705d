"""The runtime's module paths before `grader.runner` give the same objects as the new ones.

Code written against `grader.harness.protocol`, `grader.harness.wire`, `grader.harness.supervisor`
and the other runtime modules keeps working: every public name those modules had resolves, to
the very object the new package holds.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from typing import Any

import pytest

# Every public name each module had, as on the last revision before grader.runner, separated
# by white space.
OLD_NAMES: dict[str, str] = {
    "protocol": """
        ANSWER_PATH CALL_REQUEST_FD CALL_RESPONSE_FD CANDIDATE_DIR CANDIDATE_UID CAPTURE_FD
        DEFAULT_CALL_SECONDS FONT_CACHE_DIR HARNESS_DIR HARNESS_UID MAX_ARTISTS_PER_AXES
        MAX_CALL_BYTES MAX_CAPTURE_BYTES MAX_DONE_LINE_BYTES MAX_FIGURES MAX_FILE_BYTES
        MAX_IMAGES_PER_AXES MAX_IMAGE_SIDE MAX_PIXEL_CHECKS_PER_FIGURE MAX_POINTS_PER_ARTIST
        MAX_POLYGONS_PER_AXES MAX_RECTS_PER_AXES MAX_RENDER_PIXELS MAX_TEXTS MAX_TICKS
        MAX_TOTAL_ARTISTS MAX_TOTAL_POINTS MAX_VERTICES PROTOCOL_VERSION RENDER_DPI SUMMARY_POINTS
    """,
    "wire": """
        Handles MAX_ARRAY_BYTES MAX_DEPTH MAX_NDIM PLAIN_DTYPE_KINDS Resolve TAGS WireError
        decode encode
    """,
    "seccomp": """
        AUDIT_ARCH_X86_64 CLONE CLONE3 DENIED NAMESPACE_FLAGS PR_SET_NO_NEW_PRIVS PR_SET_SECCOMP
        RET_ALLOW RET_KILL_PROCESS SECCOMP_MODE_FILTER X32_SYSCALL_BIT install program
    """,
    "capture": "describe_figure flush install",
    "serve": "MAX_HANDLES Server reseed serve",
    "candidate_boot": "main run_answer",
    "supervisor": """
        CallPipes CandidateOutcome KEEP_OUTPUT_BYTES MAX_HARNESS_OUTPUT MAX_JOB_BYTES PYTHON
        Stream TERM_GRACE_SECONDS base_env cgroup_cpu_ns cgroup_peak_memory drop_to emit
        kill_uid main oom_kills read_files read_job reap renice_uid run_candidate run_harness
        run_reference seed_font_cache uid_pids wait_for
    """,
    "runner": "TestTimeout extra_fixtures load_tests main run_test",
}

# Where each name lives now: the first of these modules that has it holds the same object.
NEW_HOMES: dict[str, tuple[str, ...]] = {
    "protocol": ("grader.runner.protocol",),
    "wire": ("grader.runner.wire",),
    "seccomp": ("grader.runner.seccomp",),
    "capture": ("grader.runner.capture",),
    "serve": ("grader.runner.serve",),
    "candidate_boot": ("grader.runner.candidate_boot",),
    "supervisor": (
        "grader.runner.supervisor",
        "grader.runner.candidate_phase",
        "grader.runner.harness_phase",
        "grader.runner.written_files",
        "grader.runner.processes",
        "grader.runner.cgroup",
        "grader.runner.pipes",
        "grader.runner.environment",
    ),
    "runner": ("grader.runner.hidden_tests",),
}


def new_home(module: str, name: str) -> Any:
    for home in NEW_HOMES[module]:
        found = importlib.import_module(home)
        if hasattr(found, name):
            return getattr(found, name)
    raise AssertionError(f"{name} of grader.harness.{module} has no home in grader.runner")


@pytest.mark.parametrize("module", sorted(OLD_NAMES))
def test_every_public_name_of_an_old_runtime_module_is_the_new_packages_object(
    module: str,
) -> None:
    old = importlib.import_module(f"grader.harness.{module}")
    for name in OLD_NAMES[module].split():
        assert getattr(old, name) is new_home(module, name), f"grader.harness.{module}.{name}"


def test_the_old_supervisor_path_still_runs_as_a_module_and_answers_a_bad_job() -> None:
    ran = subprocess.run(
        [sys.executable, "-I", "-B", "-m", "grader.harness.supervisor"],
        input=b"{}",
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert ran.stdout == (
        b'{"protocol": 1, "error": "bad job: the job does not speak this supervisor\'s protocol"}\n'
    )
    assert ran.stderr == b""
