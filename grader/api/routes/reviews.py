"""Reviews: a person's score for a graded submission, stored beside the automatic one."""

from __future__ import annotations

from fastapi import APIRouter

from grader.api import presenters
from grader.api.deps import ReadCaller, ReviewCaller, ReviewsDep
from grader.api.models import ReviewCreate, ReviewList, SubmissionPublic
from grader.api.problems import documented

router = APIRouter(prefix="/v1/submissions", tags=["reviews"])


@router.post(
    "/{submission_id}/review",
    response_model=SubmissionPublic,
    responses=documented(
        400,
        404,
        409,
        422,
        notes={
            409: "Not completed: queued, running (a regrade too) or failed.",
            422: "A field is missing, unknown or invalid, or the score exceeds max_score.",
        },
    ),
)
def review_submission(
    submission_id: str, body: ReviewCreate, caller: ReviewCaller, reviews: ReviewsDep
) -> SubmissionPublic:
    reviewed = reviews.review(
        tenant=caller.tenant,
        api_key_id=caller.key_id,
        submission_id=submission_id,
        score=body.score,
        comment=body.comment,
        reviewer=body.reviewer,
    )
    return presenters.submission(reviewed)


@router.get("/{submission_id}/reviews", response_model=ReviewList, responses=documented(404))
def list_reviews(submission_id: str, caller: ReadCaller, reviews: ReviewsDep) -> ReviewList:
    history = reviews.history(tenant=caller.tenant, submission_id=submission_id)
    return presenters.review_list(history)
