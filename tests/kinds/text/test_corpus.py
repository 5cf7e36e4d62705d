"""Agreement with a careful human on the corpus of sentiment-skew-reason answers.

The targets: exact agreement of at least 90 %, no answer two or more points above the human's
score without a review flag, and every answer more than a point off flagged. The development
answers meet them. The held-out answers (never tuned on; the review confidences are measured on
them) and the two fresh sets (each written and scored before the grader read it, never tuned
on) have no answer more than a point off without review, but do not reach 90 % exact
agreement: the floors below are what they measure, so that the grader cannot get worse
unnoticed; raising them is the work that remains.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.bank.question import Question
from grader.kinds.text import grade

CORPUS = Path(__file__).parent / "corpus" / "sentiment-skew-reason.jsonl"
CONCEPTS = {
    "class imbalance": 2,
    "how the data was collected": 2,
    "labelling": 1,
    "effect on the model": 1,
    "remedy": 1,
}


@dataclass(frozen=True)
class Agreement:
    answers: int
    exact: int
    inflated_unflagged: int
    far_unflagged: int


def rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def agreement(question: Question, split: str) -> Agreement:
    section = question.manifest.text
    assert section is not None
    exact = inflated = far = answers = 0
    for row in rows():
        if row["split"] != split:
            continue
        result = grade(question, section, str(row["answer"]))
        off = result.score - float(row["score"])  # type: ignore[arg-type]
        answers += 1
        exact += off == 0
        inflated += off >= 2 and not result.needs_review
        far += abs(off) > 1 and not result.needs_review
    return Agreement(answers, exact, inflated, far)


def test_every_row_is_well_formed() -> None:
    ids = set()
    for row in rows():
        assert row["split"] in ("dev", "held_out", "fresh_1", "fresh_2")
        assert row["id"] not in ids
        ids.add(row["id"])
        concepts = row["concepts"]
        assert isinstance(concepts, list) and set(concepts) <= set(CONCEPTS)
        assert row["score"] == sum(CONCEPTS[str(c)] for c in concepts)


def test_the_development_half_meets_the_targets(skew: Question) -> None:
    found = agreement(skew, "dev")
    assert found.answers == 330
    assert found.exact / found.answers >= 0.9
    assert (found.inflated_unflagged, found.far_unflagged) == (0, 0)


@pytest.mark.parametrize(
    ("split", "answers", "floor"),
    [("held_out", 115, 0.73), ("fresh_1", 30, 0.8), ("fresh_2", 38, 0.81)],
)
def test_the_unseen_answers_stay_at_their_measured_floor(
    skew: Question, split: str, answers: int, floor: float
) -> None:
    found = agreement(skew, split)
    assert found.answers == answers
    assert found.exact / found.answers >= floor
    assert (found.inflated_unflagged, found.far_unflagged) == (0, 0)
