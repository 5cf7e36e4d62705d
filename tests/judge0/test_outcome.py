"""Judge0 statuses from what the sandbox observed, and Judge0's output comparison."""

from __future__ import annotations

from typing import Any

import pytest

from grader.judge0 import wire
from grader.judge0.outcome import finished, output_matches
from grader.sandbox.fake import completed_envelope, envelope_run


def run_with(**candidate: Any) -> Any:
    return envelope_run(completed_envelope([], **candidate))


@pytest.mark.parametrize(
    ("stdout", "expected"),
    [
        ("3\n", "3"),
        ("3", "3\n"),
        ("3 \n", "3"),
        ("a \nb\n", "a\nb"),
        ("3\r\n", "3"),
        ("a\t\nb\n\n\n", "a\nb"),
        (None, ""),
        ("", "\n"),
    ],
)
def test_output_matches_ignores_trailing_whitespace_per_line_and_at_the_end(
    stdout: str | None, expected: str
) -> None:
    assert output_matches(stdout, expected)


@pytest.mark.parametrize(
    ("stdout", "expected"),
    [
        ("3", "4"),
        (" 3", "3"),
        ("a\n\nb", "a\nb"),
        ("A", "a"),
        ("3\u00a0", "3"),  # Ruby's rstrip leaves non-ASCII spaces alone
    ],
)
def test_output_matches_keeps_leading_space_blank_lines_case_and_unicode_spaces(
    stdout: str, expected: str
) -> None:
    assert not output_matches(stdout, expected)


def test_a_clean_exit_with_the_expected_output_is_accepted_in_judge0_units() -> None:
    result = finished(
        run_with(
            stdout="6\n", cpu_ms=42, wall_ms=57, peak_memory_bytes=10_240_000, stderr="warn\n"
        ),
        "6",
    )
    assert result.status_id == wire.ACCEPTED
    assert (result.stdout, result.stderr) == ("6\n", "warn\n")
    assert (result.time, result.wall_time, result.memory) == (0.042, 0.057, 10_000)
    assert (result.exit_code, result.exit_signal, result.message) == (0, None, None)


def test_other_output_is_a_wrong_answer_and_no_expected_output_is_accepted() -> None:
    assert finished(run_with(stdout="5\n"), "6").status_id == wire.WRONG_ANSWER
    assert finished(run_with(stdout="5\n"), None).status_id == wire.ACCEPTED


def test_empty_output_is_null_as_in_judge0() -> None:
    result = finished(run_with(stdout="", stderr=""), "")
    assert (result.stdout, result.stderr, result.status_id) == (None, None, wire.ACCEPTED)


@pytest.mark.parametrize(
    ("candidate", "status", "message"),
    [
        ({"timed_out": "cpu", "signal": 9, "exit_code": None}, 5, "Time limit exceeded"),
        ({"timed_out": "wall", "exit_code": 143}, 5, "Time limit exceeded"),
        ({"oom_killed": True, "signal": 9, "exit_code": None}, 12, "Memory limit exceeded"),
        ({"output_exceeded": True, "signal": 9, "exit_code": None}, 8, "Output limit exceeded"),
        ({"signal": 11, "exit_code": None}, 7, "Caught fatal signal 11"),
        ({"signal": 25, "exit_code": None}, 8, "Caught fatal signal 25"),
        ({"signal": 8, "exit_code": None}, 9, "Caught fatal signal 8"),
        ({"signal": 6, "exit_code": None}, 10, "Caught fatal signal 6"),
        ({"signal": 9, "exit_code": None}, 12, "Caught fatal signal 9"),
        ({"exit_code": 1, "stderr": "Traceback\n"}, 11, "Exited with error status 1"),
    ],
)
def test_how_the_run_ended_decides_the_status_before_the_output(
    candidate: dict[str, Any], status: int, message: str
) -> None:
    result = finished(run_with(stdout="6\n", **candidate), "6")
    assert (result.status_id, result.message) == (status, message)
    assert result.exit_signal == candidate.get("signal")


def test_a_killed_run_the_engine_saw_run_out_of_memory_is_a_memory_error() -> None:
    envelope = completed_envelope([], signal=9, exit_code=None)
    run = envelope_run(envelope)
    oom = type(run)(envelope, None, True, run.image, run.image_id, run.wall_ms)
    assert finished(oom, None).message == "Memory limit exceeded"


def test_a_supervisor_the_oom_killer_took_before_its_report_is_a_memory_error() -> None:
    lost = envelope_run(None, "the sandbox's supervisor ended (status 137) without a report", True)
    result = finished(lost, "6")
    assert (result.status_id, result.message) == (wire.OTHER, "Memory limit exceeded")


def test_a_sandbox_that_failed_is_an_internal_error_never_the_programs_fault() -> None:
    result = finished(envelope_run(None, "the container vanished"), "6")
    assert result.status_id == wire.INTERNAL_ERROR
    assert result.message == "The sandbox failed; the program was not judged. Try again."
    assert (result.stdout, result.time, result.memory) == (None, None, None)
