"""`grader replay` end to end: two exported answers to the linear plot, graded in Docker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.bank.question import Question
from grader.cli import main
from grader.replay import ExportedSubmission
from grader.runtime import Runtime

pytestmark = pytest.mark.docker


def test_replay_grades_each_line_in_a_sandbox_and_reports_it(
    runtime: Runtime, linear: Question, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        ExportedSubmission(id="reference", question_id=linear.id, code=linear.solution),
        ExportedSubmission(id="starter", question_id=linear.id, code=linear.starter),
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(x.model_dump(mode="json")) + "\n" for x in lines))
    assert main(["replay", str(export), "--json", "--workers", "2"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["total"], report["new"], report["errored"]) == (2, 2, 0)
    scores = {c["id"]: (c["new_score"], c["new_verdict"]) for c in report["changes"]}
    assert scores["reference"] == (10.0, "passed")
    assert scores["starter"][0] < 10.0
