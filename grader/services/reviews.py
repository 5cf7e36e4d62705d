"""Reviews: a person's score for a graded submission's latest run, kept beside the automatic one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from grader.errors import ReviewInvalid, SubmissionNotGraded
from grader.results import GradingResult
from grader.store.db import SubmissionStore
from grader.store.reviews import Reviewed, ReviewStore
from grader.store.tables import ReviewRow


@dataclass(frozen=True)
class ReviewHistory:
    """A submission's reviews, oldest first, and its latest run, to tell which are stale."""

    reviews: Sequence[ReviewRow]
    latest_run_id: str | None


class Reviews:
    """Record reviews and read them back, for one tenant at a time."""

    def __init__(
        self,
        *,
        store: SubmissionStore,
        reviews: ReviewStore,
        on_reviewed: Callable[[str], None],
    ) -> None:
        self._store = store
        self._reviews = reviews
        # Called with the submission's id once a review is recorded: its webhook is due.
        self._on_reviewed = on_reviewed

    def review(
        self,
        *,
        tenant: str,
        api_key_id: str,
        submission_id: str,
        score: float,
        comment: str,
        reviewer: str,
    ) -> Reviewed:
        """Record a reviewer's score for the latest run; returns the reviewed submission."""
        row = self._store.get(submission_id, tenant=tenant)
        if row.status != "completed" or row.result_json is None:
            raise SubmissionNotGraded(
                f"submission {submission_id!r} is {row.status}; "
                "review it once its status is completed"
            )
        max_score = GradingResult.model_validate_json(row.result_json).max_score
        if score > max_score:
            raise ReviewInvalid(
                f"score: {score:g} is more than the {max_score:g} points available; "
                f"give a score from 0 to {max_score:g}",
                field="score",
            )
        self._reviews.add(
            submission=row, score=score, comment=comment, reviewer=reviewer, api_key_id=api_key_id
        )
        self._on_reviewed(submission_id)
        return self._reviews.reviewed(self._store.get(submission_id, tenant=tenant))

    def history(self, *, tenant: str, submission_id: str) -> ReviewHistory:
        """Every review of the tenant's submission, and the run they are measured against."""
        row = self._store.get(submission_id, tenant=tenant)
        latest_run_id = self._reviews.reviewed(row).latest_run_id
        return ReviewHistory(reviews=self._reviews.of(submission_id), latest_run_id=latest_run_id)
