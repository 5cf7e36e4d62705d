"""An attempt's score: per question (weighted, reviewer overrides counting), per skill, against
the assessment's requirements. Pure functions over what the stores hold.

Each question's weighted score counts for every skill the question is tagged with; a skill's
maximum is the weighted points of the questions tagged with it. A reviewer's score replaces
the automatic one, as the submission's `final_score` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from grader.bank.question import Question
from grader.results import SkillScore, sum_by_skill
from grader.store.reviews import Reviewed

AttemptStatus = Literal["open", "grading", "completed"]
# Requirement fractions are compared after rounding, so 0.6 of 10 points is met by 6.0.
_EPSILON = 1e-9


@dataclass(frozen=True)
class AssessedQuestion:
    """A question of an assessment at its pinned version, with its weight."""

    question: Question
    weight: float

    @property
    def max_score(self) -> float:
        return round(self.question.manifest.points * self.weight, 6)


@dataclass(frozen=True)
class AnswerScore:
    """One question of an attempt: its latest answer (if any) and what it earned, weighted."""

    question_id: str
    kind: str
    weight: float
    submission_id: str | None
    status: str  # the submission's status, or "unanswered"
    score: float
    max_score: float
    reviewed: bool
    needs_review: bool


@dataclass(frozen=True)
class AttemptScore:
    """An attempt's totals: score, per skill, requirements met or missed."""

    status: AttemptStatus
    score: float
    max_score: float
    skills: dict[str, SkillScore]
    meets_requirements: bool
    missing: list[str]
    answers: list[AnswerScore] = field(default_factory=list)


def skill_maxima(questions: Sequence[AssessedQuestion]) -> dict[str, float]:
    """The points each skill of the assessment is worth."""
    return {
        name: skill.max_score
        for name, skill in sum_by_skill(
            (skill, 0.0, q.max_score) for q in questions for skill in q.question.manifest.skills
        ).items()
    }


def answer_score(assessed: AssessedQuestion, reviewed: Reviewed | None) -> AnswerScore:
    """What the latest answer to a question earned, weighted; nothing when unanswered."""
    question = assessed.question
    if reviewed is None:
        return AnswerScore(
            question_id=question.id,
            kind=question.manifest.kind,
            weight=assessed.weight,
            max_score=assessed.max_score,
            submission_id=None,
            status="unanswered",
            score=0.0,
            reviewed=False,
            needs_review=False,
        )
    row = reviewed.submission
    earned = 0.0
    needs_review = False
    if row.status == "completed" and row.score is not None:
        earned = row.score
        needs_review = row.needs_review
    if reviewed.review is not None:
        earned = reviewed.review.score
        needs_review = False
    points = question.manifest.points
    fraction = min(1.0, max(0.0, earned / points)) if points else 0.0
    return AnswerScore(
        question_id=question.id,
        kind=question.manifest.kind,
        weight=assessed.weight,
        max_score=assessed.max_score,
        submission_id=row.id,
        status=row.status,
        score=round(fraction * assessed.max_score, 6),
        reviewed=reviewed.review is not None,
        needs_review=needs_review,
    )


def attempt_score(
    questions: Sequence[AssessedQuestion],
    answers: dict[str, Reviewed],
    *,
    submitted: bool,
    requirements: dict[str, float],
) -> AttemptScore:
    """Add up an attempt's latest answers (keyed by question id)."""
    scored = [answer_score(q, answers.get(q.question.id)) for q in questions]
    skills = sum_by_skill(
        (skill, a.score, a.max_score)
        for q, a in zip(questions, scored, strict=True)
        for skill in q.question.manifest.skills
    )
    missing = [
        skill
        for skill, minimum in sorted(requirements.items())
        if fraction_of(skills.get(skill)) + _EPSILON < minimum
    ]
    status: AttemptStatus = "open"
    if submitted:
        busy = any(a.status in ("queued", "running") for a in scored)
        status = "grading" if busy else "completed"
    return AttemptScore(
        status=status,
        score=round(sum(a.score for a in scored), 6),
        max_score=round(sum(a.max_score for a in scored), 6),
        skills=skills,
        meets_requirements=not missing,
        missing=missing,
        answers=scored,
    )


def fraction_of(skill: SkillScore | None) -> float:
    """The fraction of a skill's points earned; 0 for a skill worth nothing."""
    if skill is None or skill.max_score <= 0:
        return 0.0
    return skill.score / skill.max_score
