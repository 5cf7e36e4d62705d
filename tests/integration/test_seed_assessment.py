"""The seed's assessment (multiple choice, text, and the linear plot) graded as one attempt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.assessment import grade_assessment, read_assessment
from grader.bank.question import Bank
from grader.config import Settings
from grader.kinds import grade_answer
from grader.runtime import Runtime

pytestmark = pytest.mark.docker


def test_the_seeds_three_questions_give_per_skill_totals(
    bank: Bank, runtime: Runtime, tmp_path: Path
) -> None:
    linear = bank.root / "matplotlib-linear-plot"
    (tmp_path / "plot.py").write_text((linear / "samples" / "crashing_after_plot.py").read_text())
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
                    {"question_id": "matplotlib-linear-plot", "file": "plot.py"},
                ]
            }
        )
    )
    result = grade_assessment(
        bank,
        read_assessment(attempt),
        grade=lambda q, a: grade_answer(q, a, backend_for=runtime.backend_for, settings=Settings()),
    )
    assert [(o.question_id, o.result.verdict, o.result.score) for o in result.questions] == [
        ("ml-imbalance-remedies", "partial", 2.0),
        ("sentiment-skew-reason", "passed", 7.0),
        ("matplotlib-linear-plot", "runtime_error", 9.0),
    ]
    assert (result.score, result.max_score) == (18.0, 20.0)
    assert {k: (v.score, v.max_score) for k, v in result.skills.items()} == {
        "data-visualisation": (9.0, 10.0),
        "machine-learning": (9.0, 10.0),
        "matplotlib": (9.0, 10.0),
        "model-evaluation": (2.0, 3.0),
        "statistical-analysis": (7.0, 7.0),
    }
