"""Assessments: questions pinned at creation with weights and per-skill requirements; their
candidates' ranking and the near-copies among their code answers.

Attempts (a candidate's answers) live in `grader.services.attempts`; scoring in
`grader.services.scoring`, ranking in `grader.services.ranking`, copies in
`grader.services.similarity`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from grader.bank.question import Bank, Question
from grader.errors import (
    AssessmentInvalid,
    QuestionNotFound,
    QuestionVersionNotFound,
    UnknownQuestion,
)
from grader.services import ranking as ranks
from grader.services import similarity as copies
from grader.services.scoring import AssessedQuestion, AttemptScore, attempt_score, skill_maxima
from grader.services.submissions import Submissions
from grader.store.assessments import AssessmentStore, PinnedQuestion, StoredAssessment
from grader.store.db import utcnow
from grader.store.questions import QuestionVersionStore
from grader.store.reviews import Reviewed
from grader.store.tables import AssessmentRow, AttemptRow

MAX_WEIGHT = 100.0


@dataclass(frozen=True)
class AssessmentSpec:
    """What an assessment is made from: by the API or a versioned definition file."""

    title: str
    questions: Sequence[tuple[str, float]]  # (question id, weight)
    requirements: dict[str, float]
    due_at: datetime | None = None
    time_budget_minutes: int | None = None
    definition: str | None = None  # "id@version" of the definition file


@dataclass(frozen=True)
class AssessmentView:
    """An assessment with its questions resolved at their pinned versions."""

    row: AssessmentRow
    questions: list[AssessedQuestion]
    requirements: dict[str, float]

    @property
    def skills(self) -> dict[str, float]:
        return skill_maxima(self.questions)

    @property
    def max_score(self) -> float:
        return round(sum(q.max_score for q in self.questions), 6)

    def question(self, question_id: str) -> AssessedQuestion:
        for assessed in self.questions:
            if assessed.question.id == question_id:
                return assessed
        raise QuestionNotFound(
            f"question {question_id!r} is not part of assessment {self.row.id!r}; its questions "
            f"are {', '.join(q.question.id for q in self.questions)}"
        )

    def past_due(self) -> bool:
        return self.row.due_at is not None and utcnow() >= self.row.due_at


@dataclass(frozen=True)
class Scored:
    """An attempt with its latest answers and its totals."""

    attempt: AttemptRow
    answers: dict[str, Reviewed]
    score: AttemptScore


class Assessments:
    """A tenant's assessments, their attempts' scores, ranking and near-copies."""

    def __init__(
        self,
        *,
        bank: Bank,
        versions: QuestionVersionStore,
        store: AssessmentStore,
        submissions: Submissions,
    ) -> None:
        self._bank = bank
        self._versions = versions
        self._store = store
        self._submissions = submissions
        self._fingerprints = copies.Fingerprints()

    def create(self, *, tenant: str, spec: AssessmentSpec) -> AssessmentView:
        """Pin the questions at their current versions and store the assessment."""
        questions = self._resolve(spec.questions)
        assessed = [
            AssessedQuestion(q, weight)
            for q, (_, weight) in zip(questions, spec.questions, strict=True)
        ]
        check_requirements(spec.requirements, skill_maxima(assessed))
        for question in questions:
            self._versions.remember(question)  # so the pinned version outlives the bank's
        stored = self._store.add(
            tenant=tenant,
            title=spec.title,
            questions=[
                PinnedQuestion(q.id, q.version, weight)
                for q, (_, weight) in zip(questions, spec.questions, strict=True)
            ],
            requirements=dict(sorted(spec.requirements.items())),
            due_at=spec.due_at,
            time_budget_minutes=spec.time_budget_minutes,
            definition=spec.definition,
        )
        return self._view(stored)

    def _resolve(self, wanted: Sequence[tuple[str, float]]) -> list[Question]:
        if not wanted:
            raise AssessmentInvalid("questions: give at least one question", field="questions")
        seen: set[str] = set()
        unknown = []
        found = []
        for index, (question_id, weight) in enumerate(wanted):
            if question_id in seen:
                raise AssessmentInvalid(
                    f"questions.{index}.question_id: {question_id!r} is listed twice; "
                    "list each question once and use its weight",
                    field=f"questions.{index}.question_id",
                )
            seen.add(question_id)
            if not (0 < weight <= MAX_WEIGHT) or not math.isfinite(weight):
                raise AssessmentInvalid(
                    f"questions.{index}.weight: {weight:g} must be more than 0 and at most "
                    f"{MAX_WEIGHT:g}",
                    field=f"questions.{index}.weight",
                )
            try:
                found.append(self._bank.get(question_id))
            except QuestionNotFound:
                unknown.append((index, question_id))
        if unknown:
            names = "; ".join(
                f"questions.{index}.question_id: there is no question {question_id!r} in the bank"
                for index, question_id in unknown
            )
            raise UnknownQuestion(names)
        return found

    def get(self, *, tenant: str, assessment_id: str) -> AssessmentView:
        return self._view(self._store.get(assessment_id, tenant=tenant))

    def page(self, *, tenant: str, limit: int, offset: int) -> tuple[list[AssessmentView], int]:
        """The tenant's assessments, newest first, and how many there are."""
        stored, count = self._store.page(tenant=tenant, limit=limit, offset=offset)
        return [self._view(s) for s in stored], count

    def _view(self, stored: StoredAssessment) -> AssessmentView:
        questions = []
        for pinned in stored.questions:
            question = self._submissions.question(
                question_id=pinned.question_id, version=pinned.question_version
            )
            if question is None:
                raise QuestionVersionNotFound(
                    f"question {pinned.question_id!r} at version {pinned.question_version!r} "
                    "is no longer stored"
                )
            questions.append(AssessedQuestion(question, pinned.weight))
        return AssessmentView(row=stored.row, questions=questions, requirements=stored.requirements)

    def scored(self, view: AssessmentView, attempts: Sequence[AttemptRow]) -> list[Scored]:
        """Each attempt with its latest answers and totals."""
        latest = self._store.latest_answers([a.id for a in attempts])
        found = []
        for attempt in attempts:
            answers = {
                question_id: self._submissions.get(
                    tenant=attempt.tenant, submission_id=submission_id
                )
                for question_id, submission_id in latest[attempt.id].items()
            }
            score = attempt_score(
                view.questions,
                answers,
                submitted=attempt.submitted_at is not None,
                requirements=view.requirements,
            )
            found.append(Scored(attempt=attempt, answers=answers, score=score))
        return found

    def similar(self, view: AssessmentView, *, involving: str | None = None) -> list[copies.Match]:
        """Near-copies among the latest code answers to each code question (with `involving`,
        only those of that attempt)."""
        code_questions = [q.question for q in view.questions if q.question.manifest.kind == "code"]
        found = self._store.latest_answer_texts(view.row.id, [q.id for q in code_questions])
        matches: list[copies.Match] = []
        for question in code_questions:
            answers = [
                copies.CodeAnswer(
                    attempt_id=attempt_id, candidate=candidate, submission_id=submission, code=code
                )
                for attempt_id, candidate, question_id, submission, code in found
                if question_id == question.id
            ]
            matches += copies.near_copies(
                question.id,
                answers,
                starter=question.starter,
                involving=involving,
                cache=self._fingerprints,
            )
        return matches

    def near_copies(self, *, tenant: str, assessment_id: str) -> list[copies.Match]:
        """Every near-copy pair among the assessment's code answers."""
        return self.similar(self.get(tenant=tenant, assessment_id=assessment_id))

    def ranking(
        self,
        *,
        tenant: str,
        assessment_id: str,
        meets_requirements: bool | None = None,
    ) -> tuple[AssessmentView, list[ranks.Ranked]]:
        """Every completed attempt ranked (the filter applies after ranking, so ranks hold)."""
        view = self.get(tenant=tenant, assessment_id=assessment_id)
        scored = self.scored(view, self._store.attempts(view.row.id))
        flagged = flagged_attempts(self.similar(view))
        entries = [
            ranks.Entry(
                attempt_id=s.attempt.id,
                candidate=s.attempt.candidate,
                score=s.score,
                flagged=s.attempt.id in flagged,
            )
            for s in scored
            if s.score.status == "completed"
        ]
        rows = ranks.rank(entries, view.requirements)
        if meets_requirements is not None:
            rows = [r for r in rows if r.meets_requirements is meets_requirements]
        return view, rows


def flagged_attempts(matches: Sequence[copies.Match]) -> set[str]:
    """The attempts involved in any near-copy."""
    return {m.first.attempt_id for m in matches} | {m.second.attempt_id for m in matches}


def check_requirements(requirements: dict[str, float], skills: dict[str, float]) -> None:
    """Every requirement names a skill of the assessment and a fraction from 0 to 1."""
    unknown = sorted(set(requirements) - set(skills))
    if unknown:
        raise AssessmentInvalid(
            f"requirements: the assessment's questions measure no skill "
            f"{', '.join(repr(s) for s in unknown)}; its skills are {', '.join(skills) or 'none'}",
            field=f"requirements.{unknown[0]}",
        )
    for skill, fraction in requirements.items():
        if not (0 <= fraction <= 1) or not math.isfinite(fraction):
            raise AssessmentInvalid(
                f"requirements.{skill}: {fraction:g} is not a fraction from 0 to 1",
                field=f"requirements.{skill}",
            )
