"""An attempt over several questions: per-question results, totals and per-skill points."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.assessment import grade_assessment, read_assessment
from grader.bank.question import Bank, Question
from grader.cli import main
from grader.config import Settings
from grader.errors import GraderError
from grader.kinds import grade_answer
from grader.sandbox.base import SandboxBackend


def _no_sandbox(question: Question) -> SandboxBackend:
    raise AssertionError("data questions never need a sandbox")


def test_an_attempt_adds_up_per_question_and_per_skill(bank: Bank, tmp_path: Path) -> None:
    (tmp_path / "skew.txt").write_text(
        (bank.root / "sentiment-skew-reason" / "solution.md").read_text()
    )
    attempt = tmp_path / "attempt.json"
    attempt.write_text(
        json.dumps(
            {
                "answers": [
                    {"question_id": "ml-imbalance-remedies", "answer": "resample metrics"},
                    {"question_id": "sentiment-skew-reason", "file": "skew.txt"},
                ]
            }
        )
    )
    result = grade_assessment(
        bank,
        read_assessment(attempt),
        grade=lambda q, a: grade_answer(q, a, backend_for=_no_sandbox, settings=Settings()),
    )
    assert (result.score, result.max_score, result.needs_review) == (9.0, 10.0, False)
    assert [(o.question_id, o.result.verdict) for o in result.questions] == [
        ("ml-imbalance-remedies", "partial"),
        ("sentiment-skew-reason", "passed"),
    ]
    assert {k: (v.score, v.max_score) for k, v in result.skills.items()} == {
        "machine-learning": (9.0, 10.0),
        "model-evaluation": (2.0, 3.0),
        "statistical-analysis": (7.0, 7.0),
    }


def test_cli_assess_prints_one_json_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attempt = tmp_path / "attempt.json"
    attempt.write_text(
        json.dumps({"answers": [{"question_id": "sentiment-skew-reason", "answer": "no idea"}]})
    )
    assert main(["assess", str(attempt), "--json"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    result = json.loads(line)
    assert (result["score"], result["max_score"], result["needs_review"]) == (0.0, 7.0, True)
    assert result["skills"]["statistical-analysis"] == {"score": 0.0, "max_score": 7.0}


def test_a_malformed_attempt_names_the_file_and_field(tmp_path: Path) -> None:
    attempt = tmp_path / "attempt.json"
    attempt.write_text(json.dumps({"answers": [{"question_id": "x", "answr": "a"}]}))
    with pytest.raises(GraderError) as error:
        read_assessment(attempt)
    assert str(error.value).startswith(f"{attempt}: answers.0")
    assert "answr: Extra inputs are not permitted" in str(error.value)
