"""Agreement with a careful human on the corpora of the bank's text questions.

The targets: exact agreement of at least 90 %, no answer two or more points above the human's
score without a review flag, and every answer more than a point off flagged. Each split is held
at what it measures (FLOORS), so that the grader cannot get worse unnoticed: exact agreement at
its floor, and the answers finalised far from the human's score exactly as many as now (none,
but for two answers of fresh_5 and one of fresh_6). Most splits are below 90 % exact; raising
them is the work that remains. How each split was written, and which were read while tuning:
corpus/README.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.bank.question import Bank, Question
from grader.kinds.text import grade

CORPORA = Path(__file__).parent / "corpus"
QUESTIONS = sorted(p.stem for p in CORPORA.glob("*.jsonl"))


@dataclass(frozen=True)
class Agreement:
    answers: int
    exact: int
    inflated_unflagged: int
    far_unflagged: int


def rows(question_id: str) -> list[dict[str, object]]:
    text = (CORPORA / f"{question_id}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def agreement(question: Question, split: str) -> Agreement:
    section = question.manifest.text
    assert section is not None
    exact = inflated = far = answers = 0
    for row in rows(question.id):
        if row["split"] != split:
            continue
        result = grade(question, section, str(row["answer"]))
        off = result.score - float(row["score"])  # type: ignore[arg-type]
        answers += 1
        exact += off == 0
        inflated += off >= 2 and not result.needs_review
        far += abs(off) > 1 and not result.needs_review
    return Agreement(answers, exact, inflated, far)


def test_every_bank_text_question_has_a_corpus(bank: Bank) -> None:
    text_questions = sorted(q.id for q in bank.all() if q.manifest.text is not None)
    assert text_questions == QUESTIONS


@pytest.mark.parametrize("question_id", QUESTIONS)
def test_every_row_is_well_formed(bank: Bank, question_id: str) -> None:
    section = bank.get(question_id).manifest.text
    assert section is not None
    points = {c.name: c.points for c in section.concepts}
    ids = set()
    for row in rows(question_id):
        assert row["split"] in ("dev", "held_out", *(f"fresh_{n}" for n in range(1, 7)))
        assert row["id"] not in ids
        ids.add(row["id"])
        concepts = row["concepts"]
        assert isinstance(concepts, list) and set(concepts) <= set(points)
        assert row["score"] == sum(points[str(c)] for c in concepts)


# (question, split): answers, the exact agreement measured (the floor), and how many answers
# were two or more points high, and more than a point off, without review (the target is 0;
# in fresh_5 they are a stratified split read as the imbalance it keeps, and a set used only to
# sort, both scored by the human as look-alikes; fresh_6 has never been read).
FLOORS = {
    ("augmentation-unseen-images", "fresh_3"): (22, 0.86, 0, 0),
    ("augmentation-unseen-images", "fresh_4"): (20, 0.85, 0, 0),
    ("augmentation-unseen-images", "fresh_5"): (20, 0.85, 0, 0),
    ("augmentation-unseen-images", "fresh_6"): (20, 0.6, 0, 0),
    ("large-log-one-pass", "fresh_3"): (22, 0.77, 0, 0),
    ("large-log-one-pass", "fresh_4"): (20, 0.8, 0, 0),
    ("large-log-one-pass", "fresh_5"): (20, 0.7, 0, 0),
    ("large-log-one-pass", "fresh_6"): (20, 0.7, 0, 0),
    ("list-dedupe-complexity", "fresh_3"): (22, 0.95, 0, 0),
    ("list-dedupe-complexity", "fresh_4"): (20, 0.75, 0, 0),
    ("list-dedupe-complexity", "fresh_5"): (20, 0.75, 1, 1),
    ("list-dedupe-complexity", "fresh_6"): (20, 0.85, 0, 0),
    ("p-value-meaning", "fresh_3"): (22, 0.86, 0, 0),
    ("p-value-meaning", "fresh_4"): (20, 0.65, 0, 0),
    ("p-value-meaning", "fresh_5"): (20, 0.7, 0, 0),
    ("p-value-meaning", "fresh_6"): (20, 0.45, 0, 0),
    ("sentiment-skew-reason", "dev"): (330, 0.95, 0, 0),
    ("sentiment-skew-reason", "held_out"): (115, 0.73, 0, 0),
    ("sentiment-skew-reason", "fresh_1"): (30, 0.8, 0, 0),
    ("sentiment-skew-reason", "fresh_2"): (38, 0.81, 0, 0),
    ("sentiment-skew-reason", "fresh_3"): (22, 0.86, 0, 0),
    ("sentiment-skew-reason", "fresh_4"): (20, 0.9, 0, 0),
    ("sentiment-skew-reason", "fresh_5"): (20, 0.85, 1, 1),
    ("sentiment-skew-reason", "fresh_6"): (20, 0.8, 0, 0),
    ("training-curves-reading", "fresh_3"): (22, 0.9, 0, 0),
    ("training-curves-reading", "fresh_4"): (20, 0.95, 0, 0),
    ("training-curves-reading", "fresh_5"): (20, 0.95, 0, 0),
    ("training-curves-reading", "fresh_6"): (20, 0.8, 1, 1),
}


@pytest.mark.parametrize(("question_id", "split"), sorted(FLOORS))
def test_each_split_stays_at_its_floor_and_sends_far_answers_to_review(
    bank: Bank, question_id: str, split: str
) -> None:
    answers, floor, inflated, far = FLOORS[(question_id, split)]
    found = agreement(bank.get(question_id), split)
    assert found.answers == answers
    assert found.exact / found.answers >= floor
    assert (found.inflated_unflagged, found.far_unflagged) == (inflated, far)


def test_every_split_has_a_floor() -> None:
    splits = {(q, str(row["split"])) for q in QUESTIONS for row in rows(q)}
    assert splits == set(FLOORS)
