"""Replay: comparing a replayed result with the stored one, and the `grader replay` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from grader.bank.question import Question
from grader.cli import main
from grader.config import Settings
from grader.errors import ReplayFileInvalid
from grader.kinds import grade_answer
from grader.replay import (
    Change,
    ExportedSubmission,
    compare,
    format_report,
    read_export,
    summarise,
)
from grader.results import Graded, GradingResult
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run

POINTS = {"runs": 1, "line": 2, "data": 3, "visible": 1, "xlabel": 1, "ylabel": 1, "title": 1}


def script(job: dict[str, Any]) -> SandboxRun:
    """Full marks, except the tests named in the answer (`fail: line data`); `crash` breaks."""
    code: str = job["code"]
    if "crash" in code:
        return envelope_run(None, error="the sandbox vanished")
    failing = code.removeprefix("fail:").split() if code.startswith("fail:") else []
    tests: list[dict[str, Any]] = [
        {
            "name": name,
            "score": 0 if name in failing else points,
            "max_score": points,
            "status": "failed" if name in failing else "passed",
            "message": "ok",
            "visibility": "visible",
            "skills": [],
        }
        for name, points in POINTS.items()
    ]
    return envelope_run(completed_envelope(tests))


@pytest.fixture
def grade_fake(tmp_path: Path) -> Any:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'g.db'}")
    backend = FakeBackend(script)

    def grade(question: Question, code: str) -> Graded:
        return grade_answer(question, code, backend_for=lambda q: backend, settings=settings)

    return grade


def result(grade_fake: Any, linear: Question, code: str) -> GradingResult:
    graded: Graded = grade_fake(linear, code)
    return graded.result


def test_compare_classifies_up_down_unchanged_changed_errored_and_new(
    grade_fake: Any, linear: Question
) -> None:
    full = result(grade_fake, linear, "ok")
    no_line = result(grade_fake, linear, "fail: line")
    no_data = result(grade_fake, linear, "fail: data")
    broken = result(grade_fake, linear, "crash")

    def direction(old: GradingResult | None, new: GradingResult) -> tuple[str, list[str]]:
        found = compare(submission_id="s", question_id=linear.id, old=old, new=new)
        return found.direction, found.tests_changed

    assert direction(no_line, full) == ("up", ["line"])
    assert direction(full, no_data) == ("down", ["data"])
    assert direction(full, full) == ("unchanged", [])
    assert direction(full, broken)[0] == "errored"
    assert direction(broken, broken) == ("unchanged", [])
    assert direction(None, full) == ("new", [])
    # Same score, another test failing: listed as changed.
    swapped = no_line.model_copy(
        update={
            "tests": [
                t.model_copy(update={"status": "failed", "score": 0.0})
                if t.name in ("runs", "visible")
                else t.model_copy(update={"status": "passed", "score": t.max_score})
                for t in no_line.tests
            ]
        }
    )
    assert direction(no_line, swapped) == ("changed", ["runs", "line", "visible"])


def test_the_report_counts_and_lists_each_changed_submission() -> None:
    def change(id: str, direction: Any, old: float | None, new: float) -> Change:
        return Change(
            id=id,
            question_id="q",
            direction=direction,
            old_score=old,
            new_score=new,
            max_score=10,
            old_verdict=None if old is None else "partial",
            new_verdict="passed" if new == 10 else "partial",
            tests_changed=["line"] if old is not None and old != new else [],
        )

    report = summarise(
        [change("a", "up", 8, 10), change("b", "unchanged", 8, 8), change("c", "new", None, 10)]
    )
    assert (report.total, report.up, report.unchanged, report.new, report.down) == (3, 1, 1, 1, 0)
    assert [c.id for c in report.changes] == ["a", "c"]
    assert format_report(report).splitlines() == [
        "3 submissions replayed: 1 up, 0 down, 1 unchanged, 0 changed at the same score, "
        "0 newly failing with grader or sandbox errors, 1 without a previous result",
        "a  8/10 -> 10/10  partial -> passed  line",
        "c  - -> 10/10  - -> passed  -",
    ]


def write_export(path: Path, lines: list[ExportedSubmission]) -> Path:
    path.write_text("".join(json.dumps(x.model_dump(mode="json")) + "\n" for x in lines))
    return path


@pytest.fixture
def bank_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRADER_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")


def test_grader_replay_prints_the_change_report(
    bank_env: None,
    grade_fake: Any,
    linear: Question,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old = result(grade_fake, linear, "ok")
    export = write_export(
        tmp_path / "export.jsonl",
        [
            ExportedSubmission(id="s1", question_id=linear.id, code="ok", result=old),
            ExportedSubmission(id="s2", question_id=linear.id, code="fail: line data", result=old),
            ExportedSubmission(id="s3", question_id=linear.id, code="crash", result=old),
            ExportedSubmission(id="s4", question_id="gone", code="ok", result=old),
        ],
    )
    assert main(["replay", str(export), "--workers", "2"], grade=grade_fake) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "4 submissions replayed: 0 up, 1 down, 1 unchanged, 0 changed at the same score, "
        "2 newly failing with grader or sandbox errors, 0 without a previous result"
    )
    assert lines[1] == "s2  10/10 -> 5/10  passed -> partial  line, data"
    assert lines[2].startswith("s3  10/10 -> 0/10  passed -> sandbox_error  ")
    assert lines[3].startswith(
        "s4  10/10 -> 0/10  passed -> grader_error  -  (there is no question"
    )
    assert len(lines) == 4


def test_grader_replay_json_prints_one_report(
    bank_env: None,
    grade_fake: Any,
    linear: Question,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    export = write_export(
        tmp_path / "export.jsonl",
        [ExportedSubmission(id="s1", question_id=linear.id, code="ok\ud800", result=None)],
    )
    assert main(["replay", str(export), "--json"], grade=grade_fake) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["total"], report["new"]) == (1, 1)
    assert report["changes"][0]["new_score"] == 10.0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"id": "a", "question_id": "q", "code": ""}\n{"id": "b"\n', "2: not JSON"),
        (
            '\n{"id": "a", "question_id": "q"}\n',
            "2: not an exported submission (code: Field required)",
        ),
        ("[1]\n", "1: not an exported submission ((line): Input should be"),
    ],
)
def test_a_malformed_line_exits_2_naming_its_number(
    bank_env: None,
    grade_fake: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    reason: str,
) -> None:
    export = tmp_path / "bad.jsonl"
    export.write_text(content)
    assert main(["replay", str(export)], grade=grade_fake) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"grader: {export}:{reason}")
    assert err.count("\n") == 1


def test_a_missing_file_exits_2(
    bank_env: None, grade_fake: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", str(tmp_path / "nope.jsonl")], grade=grade_fake) == 2
    assert capsys.readouterr().err == (
        f"grader: cannot read {tmp_path / 'nope.jsonl'}: No such file or directory\n"
    )


def test_read_export_reads_lone_surrogates_back(tmp_path: Path) -> None:
    item = ExportedSubmission(id="a", question_id="q", code="x\ud800\x00")
    (back,) = read_export(write_export(tmp_path / "e.jsonl", [item]))
    assert back == item
    with pytest.raises(ReplayFileInvalid):
        read_export(tmp_path)
