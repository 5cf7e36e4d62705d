"""Request and response bodies of the HTTP API, version 1."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, WithJsonSchema, model_validator

from grader.bank.question import QuestionPublic
from grader.results import GradingResult, Provenance

SubmissionStatus = Literal["queued", "running", "completed", "failed"]


class SubmissionCreate(BaseModel):
    """A candidate's answer to a question in the bank."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "question_id": "matplotlib-linear-plot",
                    "code": "import matplotlib.pyplot as plt\nplt.plot([0, 10], [1, 21])\n",
                    "metadata": {"candidate": "c-123", "attempt": "1"},
                    "callback_url": "https://lms.example/grader-webhook",
                }
            ]
        },
    )

    question_id: str = Field(
        min_length=1, max_length=64, description="Id of a question in the bank."
    )
    code: str | None = Field(
        default=None,
        description="A code question's source code. Deprecated for other kinds: the text of "
        "any answer (a JSON list of option ids, or the text) is still accepted here.",
    )
    choices: list[str] | None = Field(
        default=None,
        max_length=26,
        description="A multiple-choice answer: the chosen option ids, each once.",
    )
    text: str | None = Field(default=None, description="A text question's answer.")
    metadata: dict[str, str] = Field(
        default_factory=dict, max_length=32, description="Caller's own labels, returned unchanged."
    )
    callback_url: HttpUrl | None = Field(
        default=None,
        description="Where to POST the graded submission (signed); else the tenant's default.",
    )

    @model_validator(mode="after")
    def _one_answer(self) -> SubmissionCreate:
        check_one_answer(self.code, self.choices, self.text)
        return self


def check_one_answer(code: str | None, choices: list[str] | None, text: str | None) -> None:
    """Exactly one of the answer fields is given."""
    given = [
        name
        for name, value in (("code", code), ("choices", choices), ("text", text))
        if value is not None
    ]
    if len(given) != 1:
        named = " and ".join(given) if given else "none of them"
        raise ValueError(f"give exactly one of code, choices and text, not {named}")


def url_text(url: HttpUrl | None) -> str | None:
    """A validated URL field as the text the services take."""
    return None if url is None else str(url)


class BatchItem(SubmissionCreate):
    """One submission of a batch, with its own optional idempotency key."""

    idempotency_key: str | None = Field(
        default=None,
        min_length=1,
        max_length=255,
        description="As the Idempotency-Key header of a single POST, for this item.",
    )


MAX_BATCH_ITEMS = 100

# Items are validated one by one so one bad item does not sink the others; the schema still
# tells clients what an item is.
_BatchItemJson = Annotated[Any, WithJsonSchema(BatchItem.model_json_schema())]


class BatchCreate(BaseModel):
    """Up to 100 submissions, each queued or refused on its own."""

    model_config = ConfigDict(extra="forbid")

    submissions: list[_BatchItemJson] = Field(min_length=1, max_length=MAX_BATCH_ITEMS)


class SubmissionAccepted(BaseModel):
    """A submission was queued for grading."""

    id: str
    status: SubmissionStatus


class ReviewCreate(BaseModel):
    """A reviewer's score for the submission's latest run, with a comment."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        json_schema_extra={
            "examples": [
                {
                    "score": 5,
                    "comment": "Explains the imbalance in other words than the rubric's.",
                    "reviewer": "j.doe@lms.example",
                }
            ]
        },
    )

    score: float = Field(ge=0, description="Points from 0 to the result's max_score.")
    comment: str = Field(max_length=10_000, description="Why; may be empty.")
    reviewer: str = Field(min_length=1, max_length=255, description="Who reviewed.")


class ReviewPublic(BaseModel):
    """A reviewer's score for one run, beside that run's automatic score."""

    id: str
    submission_id: str
    run_id: str = Field(description="The run that was reviewed.")
    automatic_score: float = Field(description="That run's automatic score.")
    score: float = Field(description="The reviewer's score, which overrides the automatic one.")
    comment: str
    reviewer: str
    created_at: datetime
    stale: bool = Field(
        description="True when the submission was graded again after this review: the "
        "latest run is not the one reviewed."
    )


class ReviewList(BaseModel):
    """A submission's reviews, oldest first; the last one is the effective review."""

    data: list[ReviewPublic]
    count: int


class SubmissionPublic(BaseModel):
    """A submission and, once graded, its result."""

    id: str
    status: SubmissionStatus
    question_id: str
    question_version: str
    metadata: dict[str, str]
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: GradingResult | None
    error: str | None = Field(description="Why grading failed, when status is failed.")
    callback_url: str | None = Field(
        default=None, description="The webhook URL given with the submission, if any."
    )
    run_id: str | None = Field(
        default=None, description="The latest run: the grading that produced `result`."
    )
    review: ReviewPublic | None = Field(
        default=None, description="The latest review, if any; `result` stays the automatic one."
    )
    final_score: float | None = Field(
        default=None,
        description="The latest review's score when there is a review, else the result's score.",
    )


class SubmissionList(BaseModel):
    """A page of the tenant's submissions, oldest first; `count` is how many match in all."""

    data: list[SubmissionPublic]
    count: int


class Problem(BaseModel):
    """An error, as application/problem+json (RFC 9457)."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, str]] | None = None


class BatchItemResult(BaseModel):
    """What became of one item of a batch: queued (202), or refused with a problem."""

    index: int = Field(description="Position of the item in the request, from 0.")
    status: int = Field(description="202 when queued, else the problem's HTTP status.")
    submission: SubmissionAccepted | None = None
    problem: Problem | None = None


class BatchResult(BaseModel):
    """Per-item answers of a batch, in the request's order."""

    data: list[BatchItemResult]
    count: int
    accepted: int


class RunPublic(BaseModel):
    """One grading of a submission; the first run and every regrade."""

    id: str
    submission_id: str
    question_version: str
    verdict: str
    score: float
    created_at: datetime
    provenance: Provenance
    result: GradingResult


class RunList(BaseModel):
    """A submission's runs, oldest first."""

    data: list[RunPublic]
    count: int


class DeliveryPublic(BaseModel):
    """One attempt to deliver a submission's webhook."""

    attempt: int = Field(description="1 for the first try of a delivery, then 2, 3, ...")
    url: str
    status_code: int | None = Field(description="The receiver's HTTP status, if it answered.")
    delivered: bool = Field(description="Whether the receiver answered 2xx.")
    error: str | None
    duration_ms: int
    created_at: datetime


class DeliveryList(BaseModel):
    """A submission's webhook delivery attempts, oldest first."""

    data: list[DeliveryPublic]
    count: int


class TenantPublic(BaseModel):
    """The caller's tenant and its webhook default (never its secret)."""

    name: str
    callback_url: str | None = Field(
        description="Where webhooks go for submissions that name no callback_url."
    )


class TenantUpdate(BaseModel):
    """Change the tenant's default webhook URL; null removes it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"callback_url": "https://lms.example/grader-webhook"}]},
    )

    callback_url: HttpUrl | None


class WebhookSecret(BaseModel):
    """A new webhook secret, shown once; the previous one stops signing at once."""

    webhook_secret: str


class RegradeCreate(BaseModel):
    """Options of a regrade; without a body, the question's current version is used."""

    model_config = ConfigDict(extra="forbid")

    question_version: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="Grade against this version of the question, one the service has stored.",
    )


class RegradeJobAccepted(BaseModel):
    """A question's finished submissions of this tenant were queued again, as a job."""

    job_id: str
    status: Literal["running", "completed"]
    total: int = Field(description="How many submissions were queued.")
    question_id: str
    question_version: str = Field(description="The version they will be graded against.")


class RegradeProgress(BaseModel):
    """How many of a job's submissions are graded again (or failed), of how many."""

    done: int
    total: int


RegradeDirection = Literal["up", "down", "unchanged", "changed_same_score", "error", "new"]


class RegradeChange(BaseModel):
    """How one submission's regrade differs from the result it had before."""

    submission_id: str
    direction: RegradeDirection = Field(
        description="up/down: the score moved; changed_same_score: another verdict or test "
        "outcome at the same score; error: the regrade failed or newly ended in a grader or "
        "sandbox error; new: the submission had no result before."
    )
    old_score: float | None
    new_score: float | None
    old_verdict: str | None
    new_verdict: str | None
    tests_changed: list[str]
    error: str | None = Field(default=None, description="Why the regrade failed, if it did.")


class RegradeSummary(BaseModel):
    """Counts of each kind of change, and every submission whose grading changed."""

    up: int
    down: int
    unchanged: int
    changed_same_score: int
    errors: int
    new: int
    changes: list[RegradeChange] = Field(
        description="Every covered submission except the unchanged ones, in the job's order."
    )


class RegradeJobPublic(BaseModel):
    """A question's regrade: its progress and, once finished, what changed."""

    id: str
    status: Literal["running", "completed"]
    question_id: str
    question_version: str = Field(description="The version the submissions are graded against.")
    pinned_version: str | None = Field(
        description="The version the regrade asked for; null for the question's current one."
    )
    created_at: datetime
    finished_at: datetime | None
    progress: RegradeProgress
    summary: RegradeSummary | None = Field(
        description="Set once every covered submission has a new run or failed."
    )


class RegradeJobList(BaseModel):
    """The tenant's regrade jobs, newest first."""

    data: list[RegradeJobPublic]
    count: int


class QuestionList(BaseModel):
    """The questions in the bank, public parts only."""

    data: list[QuestionPublic]
    count: int


class Health(BaseModel):
    """Liveness or readiness."""

    status: Literal["ok", "unavailable"]
    checks: dict[str, bool] = Field(default_factory=dict)
