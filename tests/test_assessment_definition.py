"""Assessment definitions: loading, weights, unanswered questions and skill requirements."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.assessment import AssessmentResult, grade_assessment, load_definition
from grader.bank.question import Bank, Question
from grader.bank.skill_map import load_profile
from grader.cli import main
from grader.config import Settings
from grader.errors import GraderError
from grader.kinds import grade_answer
from grader.sandbox.base import SandboxBackend

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED = PROJECT_ROOT / "assessments" / "ml-engineer-mid.toml"

# Two data questions (no sandbox): the multiple choice worth 3 (machine-learning,
# model-evaluation), the text worth 7 (statistical-analysis, machine-learning).
DEFINITION = """
format = 1
id = "mini"
version = 3
title = "Mini"
time_budget_minutes = 20

[requirements]
"machine-learning" = 0.6
"statistical-analysis" = 0.5

[[questions]]
id = "ml-imbalance-remedies"
weight = 2.0

[[questions]]
id = "sentiment-skew-reason"
weight = 1.0
"""


def _no_sandbox(question: Question) -> SandboxBackend:
    raise AssertionError("data questions never need a sandbox")


def _grade(question: Question, answer: str):  # type: ignore[no-untyped-def]
    return grade_answer(question, answer, backend_for=_no_sandbox, settings=Settings())


def _definition(tmp_path: Path, text: str = DEFINITION) -> Path:
    path = tmp_path / "mini.toml"
    path.write_text(text)
    return path


def _assess(bank: Bank, tmp_path: Path, answers: list[tuple[str, str]]) -> AssessmentResult:
    definition = load_definition(_definition(tmp_path), bank)
    return grade_assessment(bank, answers, grade=_grade, definition=definition)


def test_weights_multiply_scores_and_skills(bank: Bank, tmp_path: Path) -> None:
    model = (bank.root / "sentiment-skew-reason" / "solution.md").read_text()
    result = _assess(
        bank,
        tmp_path,
        [("ml-imbalance-remedies", "resample metrics"), ("sentiment-skew-reason", model)],
    )
    # 2 x 2/3 + 1 x 7/7
    assert (result.score, result.max_score) == (11.0, 13.0)
    assert {k: (v.score, v.max_score) for k, v in result.skills.items()} == {
        "machine-learning": (11.0, 13.0),
        "model-evaluation": (4.0, 6.0),
        "statistical-analysis": (7.0, 7.0),
    }
    assert [(o.question_id, o.weight) for o in result.questions] == [
        ("ml-imbalance-remedies", 2.0),
        ("sentiment-skew-reason", 1.0),
    ]
    assert [(r.skill, r.required, r.achieved, r.met) for r in result.requirements] == [
        ("machine-learning", 0.6, round(11 / 13, 6), True),
        ("statistical-analysis", 0.5, 1.0, True),
    ]
    assert result.meets_requirements is True
    assert result.assessment is not None
    assert (result.assessment.id, result.assessment.version) == ("mini", 3)
    assert result.assessment.time_budget_minutes == 20
    assert result.unanswered == []


def test_an_unanswered_question_counts_zero_of_its_weighted_points(
    bank: Bank, tmp_path: Path
) -> None:
    result = _assess(
        bank, tmp_path, [("ml-imbalance-remedies", '["resample", "class-weights", "metrics"]')]
    )
    assert (result.score, result.max_score) == (6.0, 13.0)
    assert result.unanswered == ["sentiment-skew-reason"]
    assert {k: (v.score, v.max_score) for k, v in result.skills.items()} == {
        "machine-learning": (6.0, 13.0),
        "model-evaluation": (6.0, 6.0),
        "statistical-analysis": (0.0, 7.0),
    }
    assert [(r.skill, r.achieved, r.met) for r in result.requirements] == [
        ("machine-learning", round(6 / 13, 6), False),
        ("statistical-analysis", 0.0, False),
    ]
    assert result.meets_requirements is False


def test_a_requirement_at_exactly_its_share_is_met(bank: Bank, tmp_path: Path) -> None:
    text = DEFINITION.replace('"machine-learning" = 0.6', '"machine-learning" = 1.0').replace(
        '"statistical-analysis" = 0.5\n', ""
    )
    definition = load_definition(_definition(tmp_path, text), bank)
    model = (bank.root / "sentiment-skew-reason" / "solution.md").read_text()
    answers = [
        ("ml-imbalance-remedies", "resample class-weights metrics"),
        ("sentiment-skew-reason", model),
    ]
    result = grade_assessment(bank, answers, grade=_grade, definition=definition)
    assert [(r.skill, r.achieved, r.met) for r in result.requirements] == [
        ("machine-learning", 1.0, True)
    ]


def test_answers_outside_the_definition_are_refused(bank: Bank, tmp_path: Path) -> None:
    with pytest.raises(
        GraderError, match="answers softmax-stable, which is not a question of the assessment mini"
    ):
        _assess(bank, tmp_path, [("softmax-stable", "print(1)")])
    with pytest.raises(GraderError, match="answers ml-imbalance-remedies more than once"):
        _assess(bank, tmp_path, [("ml-imbalance-remedies", "a"), ("ml-imbalance-remedies", "b")])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("weight = 2.0", "weight = 0.0"), "questions.0.weight: Input should be greater than 0"),
        (
            ('"machine-learning" = 0.6', '"machine-learning" = 1.5'),
            "the minimum of machine-learning must lie in (0, 1]",
        ),
        (("format = 1", "format = 2"), "format: Input should be 1"),
        (
            ("time_budget_minutes = 20", "time_budget = 20"),
            "time_budget: Extra inputs are not permitted",
        ),
        (
            ('id = "sentiment-skew-reason"', 'id = "ml-imbalance-remedies"'),
            "lists ml-imbalance-remedies more than once",
        ),
        (('id = "sentiment-skew-reason"', 'id = "no-such-question"'), "questions not in the bank"),
        (
            ('"statistical-analysis" = 0.5', '"deep-learning" = 0.5'),
            "requirements on skills no question of the assessment lists: deep-learning",
        ),
        (("[[questions]]", "[[questions"), "is not valid TOML"),
    ],
)
def test_a_bad_definition_says_what_is_wrong(
    bank: Bank, tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = _definition(tmp_path, DEFINITION.replace(*change, 1))
    with pytest.raises(GraderError) as error:
        load_definition(path, bank)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_a_missing_definition_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GraderError, match="cannot read the assessment"):
        load_definition(tmp_path / "nothing.toml")


def test_the_shipped_assessment_loads_and_covers_the_profile(bank: Bank) -> None:
    definition = load_definition(SHIPPED, bank)
    assert (definition.id, definition.version, definition.time_budget_minutes) == (
        "ml-engineer-mid",
        1,
        90,
    )
    profile = {s.id for s in load_profile(bank.root).skill}
    assert set(definition.requirements) == profile
    kinds = {bank.get(q.id).kind for q in definition.questions}
    assert kinds == {"code", "multiple_choice", "text"}
    # The seed's three sample questions are in it.
    ids = {q.id for q in definition.questions}
    assert {"ml-imbalance-remedies", "sentiment-skew-reason", "matplotlib-linear-plot"} <= ids


def test_cli_assess_with_a_definition(
    bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    definition = _definition(tmp_path)
    attempt = tmp_path / "attempt.json"
    attempt.write_text(
        json.dumps(
            {"answers": [{"question_id": "ml-imbalance-remedies", "answer": "resample metrics"}]}
        )
    )
    assert main(["assess", str(attempt), "--assessment", str(definition), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["score"], result["max_score"], result["meets_requirements"]) == (
        4.0,
        13.0,
        False,
    )
    assert result["unanswered"] == ["sentiment-skew-reason"]
    assert main(["assess", str(attempt), "--assessment", str(definition)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Mini (mini v3, 20 minutes)",
        "assessment: 4/13",
        "  ml-imbalance-remedies x2: 2/3 partial",
        "  sentiment-skew-reason: not answered",
        "skills:",
        "  machine-learning: 4/13",
        "  model-evaluation: 4/6",
        "  statistical-analysis: 0/7",
        "requirements:",
        "  machine-learning: 31% of at least 60% (NOT met)",
        "  statistical-analysis: 0% of at least 50% (NOT met)",
        "misses a requirement",
    ]


def test_cli_assess_names_a_bad_definition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attempt = tmp_path / "attempt.json"
    attempt.write_text(
        json.dumps({"answers": [{"question_id": "ml-imbalance-remedies", "answer": "a"}]})
    )
    bad = _definition(tmp_path, DEFINITION.replace('id = "sentiment-skew-reason"', 'id = "nope"'))
    assert main(["assess", str(attempt), "--assessment", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"grader: {bad}: questions not in the bank")
    assert "nope" in err
