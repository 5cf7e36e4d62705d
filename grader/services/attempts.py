"""Attempts: a candidate's answers to an assessment, graded as they come, then handed in.

Each answer is an ordinary submission, pinned to the question's version in the assessment;
the latest answer to a question counts. Once submitted, an attempt takes no more answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.errors import AttemptClosed
from grader.results import GradingResult
from grader.services.assessments import Assessments, AssessmentView, Scored, flagged_attempts
from grader.services.candidate_view import candidate_view
from grader.services.submissions import Submissions
from grader.store.assessments import AssessmentStore
from grader.store.db import SubmissionRow
from grader.store.tables import AttemptRow


@dataclass(frozen=True)
class AttemptReport:
    """An attempt, its assessment, its totals and whether it is part of a near-copy."""

    view: AssessmentView
    scored: Scored
    flagged: bool

    def result(self, question_id: str, *, candidate: bool) -> GradingResult | None:
        """The latest answer's result, in the candidate's view when asked."""
        reviewed = self.scored.answers.get(question_id)
        if reviewed is None or reviewed.submission.result_json is None:
            return None
        result = GradingResult.model_validate_json(reviewed.submission.result_json)
        return candidate_view(result, past_due=self.view.past_due()) if candidate else result


class Attempts:
    """Start attempts, record their answers, hand them in, read their scores."""

    def __init__(
        self, *, store: AssessmentStore, assessments: Assessments, submissions: Submissions
    ) -> None:
        self._store = store
        self._assessments = assessments
        self._submissions = submissions

    def start(
        self, *, tenant: str, assessment_id: str, candidate: str, metadata: dict[str, str]
    ) -> AttemptRow:
        return self._store.add_attempt(
            assessment_id=assessment_id, tenant=tenant, candidate=candidate, metadata=metadata
        )

    def answer(
        self,
        *,
        tenant: str,
        attempt_id: str,
        question_id: str,
        code: str | None,
        choices: list[str] | None,
        text: str | None,
    ) -> SubmissionRow:
        """Grade an answer to one of the assessment's questions; the latest answer counts."""
        attempt = self._store.attempt(attempt_id, tenant=tenant)
        if attempt.submitted_at is not None:
            raise _closed(attempt_id)
        view = self._assessments.get(tenant=tenant, assessment_id=attempt.assessment_id)
        assessed = view.question(question_id)
        row, _ = self._submissions.submit(
            tenant=tenant,
            question_id=question_id,
            code=code,
            choices=choices,
            text=text,
            metadata={"attempt": attempt.id, "candidate": attempt.candidate},
            callback_url=None,
            idempotency_key=None,
            pinned=assessed.question,
        )
        self._store.add_answer(attempt_id=attempt.id, question_id=question_id, submission_id=row.id)
        return row

    def submit(self, *, tenant: str, attempt_id: str) -> AttemptReport:
        """Hand the attempt in: it is scored once every answer is graded."""
        self._store.attempt(attempt_id, tenant=tenant)
        if not self._store.submit(attempt_id):
            raise _closed(attempt_id)
        return self.get(tenant=tenant, attempt_id=attempt_id)

    def get(self, *, tenant: str, attempt_id: str) -> AttemptReport:
        """The attempt with its totals, each answer's score, and its near-copy flag."""
        attempt = self._store.attempt(attempt_id, tenant=tenant)
        view = self._assessments.get(tenant=tenant, assessment_id=attempt.assessment_id)
        (mine,) = self._assessments.scored(view, [attempt])
        matches = self._assessments.similar(view, involving=attempt.id)
        flagged = attempt.id in flagged_attempts(matches)
        return AttemptReport(view=view, scored=mine, flagged=flagged)

    def past_due_of(self, *, tenant: str, submission_id: str) -> bool:
        """Whether the due time of the assessment a submission was given in has passed.

        A submission given outside any assessment has no due time: never past it.
        """
        attempt = self._store.attempt_of_submission(submission_id)
        if attempt is None or attempt.tenant != tenant:
            return False
        return self._assessments.get(tenant=tenant, assessment_id=attempt.assessment_id).past_due()


def _closed(attempt_id: str) -> AttemptClosed:
    return AttemptClosed(
        f"attempt {attempt_id!r} was submitted; its answers can no longer change. "
        "Start a new attempt to answer again"
    )
