"""Verdicts and fault attribution, from supervisor reports given by a fake sandbox."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from grader.bank.question import Question
from grader.config import Settings
from grader.grading import grade
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run


def rubric(scores: dict[str, float]) -> list[dict[str, Any]]:
    points = {"runs": 1, "line": 2, "data": 3, "visible": 1, "xlabel": 1, "ylabel": 1, "title": 1}
    tests = []
    for name, max_score in points.items():
        score = scores.get(name, max_score)
        status = "passed" if score == max_score else "failed" if score == 0 else "partial"
        tests.append(
            {
                "name": name,
                "score": score,
                "max_score": max_score,
                "status": status,
                "message": "m",
                "visibility": "visible",
                "skills": [],
            }
        )
    return tests


def run(
    linear: Question,
    settings: Settings,
    envelope: Mapping[str, object] | None,
    error: str | None = None,
    engine_oom: bool = False,
) -> Any:
    backend = FakeBackend(lambda job: envelope_run(envelope, error, engine_oom))
    graded = grade(linear, "print(1)", backend=backend, settings=settings)
    assert all(s.closed for s in backend.sandboxes)
    return graded


def test_full_marks_pass(linear: Question, settings: Settings) -> None:
    graded = run(linear, settings, completed_envelope(rubric({})))
    assert (graded.result.score, graded.result.verdict) == (10.0, "passed")


def test_some_marks_are_partial_and_none_failed(linear: Question, settings: Settings) -> None:
    partial = run(linear, settings, completed_envelope(rubric({"data": 1.0})))
    failed = run(
        linear,
        settings,
        completed_envelope(
            rubric(
                {k: 0.0 for k in ("runs", "line", "data", "visible", "xlabel", "ylabel", "title")}
            )
        ),
    )
    assert (partial.result.score, partial.result.verdict) == (8.0, "partial")
    assert (failed.result.score, failed.result.verdict) == (0.0, "failed")


@pytest.mark.parametrize(
    ("candidate", "verdict", "feedback"),
    [
        (
            {"exit_code": 1},
            "runtime_error",
            "The program ended with an error (exit status 1); see stderr.",
        ),
        (
            {"exit_code": None, "signal": 24, "timed_out": "cpu"},
            "time_limit_exceeded",
            "The program used more than its CPU-time limit of 10 s and was stopped.",
        ),
        (
            {"exit_code": None, "signal": 9, "timed_out": "wall"},
            "time_limit_exceeded",
            "The program ran longer than its wall-clock limit of 10 s and was stopped.",
        ),
        (
            {"exit_code": None, "signal": 9, "oom_killed": True},
            "memory_limit_exceeded",
            "The program used more than its memory limit of 512 MiB and was stopped.",
        ),
        (
            {"exit_code": None, "signal": 9, "output_exceeded": True},
            "output_limit_exceeded",
            "The program wrote more than 1024 KiB of output and was stopped.",
        ),
    ],
)
def test_limits_and_crashes_set_the_verdict_but_keep_the_score(
    linear: Question, settings: Settings, candidate: dict[str, Any], verdict: str, feedback: str
) -> None:
    graded = run(linear, settings, completed_envelope(rubric({"runs": 0.0}), **candidate))
    assert (graded.result.score, graded.result.verdict, graded.result.feedback) == (
        9.0,
        verdict,
        feedback,
    )


def test_a_crashing_hidden_test_is_a_grader_error_not_the_candidates(
    linear: Question, settings: Settings
) -> None:
    tests = rubric({"data": 0.0})
    tests[2].update(status="error", error="test 'data' raised KeyError: 'x'")
    graded = run(linear, settings, completed_envelope(tests, exit_code=1))
    assert graded.result.verdict == "grader_error"
    assert graded.diagnostics == ["test 'data' raised KeyError: 'x'"]
    assert "KeyError" not in graded.result.model_dump_json()


def test_tests_worth_other_than_the_manifest_points_are_a_grader_error(
    linear: Question, settings: Settings
) -> None:
    graded = run(linear, settings, completed_envelope(rubric({})[:-1]))
    assert graded.result.verdict == "grader_error"
    assert graded.diagnostics == ["the hidden tests are worth 9 points but the manifest says 10"]


def test_a_harness_that_did_not_finish_is_a_grader_error(
    linear: Question, settings: Settings
) -> None:
    envelope = completed_envelope([])
    envelope["harness"] = {"ok": False, "error": "the hidden tests did not finish within 60 s"}
    graded = run(linear, settings, envelope)
    assert (graded.result.verdict, graded.result.score) == ("grader_error", 0.0)


def test_no_report_from_the_sandbox_is_a_sandbox_error(
    linear: Question, settings: Settings
) -> None:
    graded = run(linear, settings, None, "the sandbox did not finish within 95 s and was killed")
    assert graded.result.verdict == "sandbox_error"
    assert (
        graded.result.feedback
        == "The sandbox failed on its side; this answer was not graded and is not at fault."
    )
    assert graded.diagnostics == ["the sandbox did not finish within 95 s and was killed"]


MEMORY_FEEDBACK = "The program used more than its memory limit of 512 MiB and was stopped."


def test_a_supervisor_the_oom_killer_took_before_its_report_is_the_candidates_memory(
    linear: Question, settings: Settings
) -> None:
    lost = "the sandbox's supervisor ended (status 137) without a report"
    graded = run(linear, settings, None, lost, engine_oom=True)
    assert (graded.result.verdict, graded.result.score) == ("memory_limit_exceeded", 0.0)
    assert graded.result.feedback == MEMORY_FEEDBACK
    assert graded.diagnostics == [lost]


def test_a_harness_the_oom_killer_took_is_the_candidates_memory_not_a_grader_error(
    linear: Question, settings: Settings
) -> None:
    envelope = completed_envelope([])
    envelope["harness"] = {
        "ok": False,
        "error": "the harness exited with status 9",
        "oom_killed": True,
    }
    graded = run(linear, settings, envelope)
    assert (graded.result.verdict, graded.result.score) == ("memory_limit_exceeded", 0.0)
    assert graded.result.feedback == MEMORY_FEEDBACK


def test_an_oom_kill_while_the_tests_ran_keeps_their_score_with_the_memory_verdict(
    linear: Question, settings: Settings
) -> None:
    envelope = completed_envelope(rubric({"data": 0.0}))
    envelope["harness"]["oom_killed"] = True
    graded = run(linear, settings, envelope)
    assert (graded.result.verdict, graded.result.score) == ("memory_limit_exceeded", 7.0)


def test_syntax_error_outranks_the_exit_status(linear: Question, settings: Settings) -> None:
    envelope = completed_envelope(
        rubric({k: 0.0 for k in ("runs", "line", "data", "visible", "xlabel", "ylabel", "title")}),
        exit_code=1,
    )
    envelope["harness"]["result"]["syntax_error"] = "'(' was never closed (line 2)"
    graded = run(linear, settings, envelope)
    assert graded.result.verdict == "syntax_error"
    assert (
        graded.result.feedback == "The answer is not valid Python: '(' was never closed (line 2)."
    )


def test_the_job_carries_capped_limits_and_no_service_settings(
    linear: Question, tmp_path: Any
) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path}/g.db", max_wall_seconds=3.0, max_memory_mb=256
    )
    backend = FakeBackend(lambda job: envelope_run(completed_envelope(rubric({}))))
    grade(linear, "x = 1", backend=backend, settings=settings)
    (job,) = backend.jobs
    assert job["limits"] == {
        "wall_seconds": 3.0,
        "cpu_seconds": 10.0,
        "processes": 64,
        "output_bytes": 1024 * 1024,
        "file_bytes": 10240 * 1024,
        "truncate_output": False,
        "cpus": 1.0,
    }
    assert set(job) == {
        "protocol",
        "code",
        "tests",
        "solution",
        "question",
        "limits",
        "harness_seconds",
        "seed",
        "serve_calls",
        "stdin_cases",
        "files",
        "file_bytes",
    }
    assert "sqlite" not in str(job)


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def test_test_artifacts_are_stored_as_check_pngs_and_bad_ones_dropped(
    linear: Question, settings: Settings
) -> None:
    import base64

    envelope = completed_envelope(rubric({}))
    envelope["harness"]["result"]["artifacts"] = [
        {"name": "diff.png", "test": "pixels", "png": base64.b64encode(PNG).decode()},
        {"name": "../evil.png", "test": "pixels", "png": base64.b64encode(PNG).decode()},
        {"name": "fake.png", "test": "pixels", "png": base64.b64encode(b"GIF89a").decode()},
    ]
    graded = run(linear, settings, envelope)
    assert [(a.name, a.test, a.visibility, a.bytes) for a in graded.result.artifacts] == [
        ("check-diff.png", "pixels", "hidden", len(PNG))
    ]
    assert graded.artifacts["check-diff.png"] == PNG and len(graded.diagnostics) == 2
    assert graded.result.verdict == "passed"


def test_the_reference_is_sent_only_when_a_test_asks_for_its_figures() -> None:
    from grader.grading import needs_reference_figures

    assert needs_reference_figures("def looks(figures, reference_figures, artifacts):\n    pass\n")
    assert not needs_reference_figures("def calls(candidate, reference):\n    pass\n")
    assert not needs_reference_figures("def line(figures):\n    reference_figures = 1\n")
    assert not needs_reference_figures("def broken(:\n")
