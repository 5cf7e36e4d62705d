"""Every error the grader raises on purpose, in one hierarchy.

GraderError                      base: a message written for the person who reads it
├── QuestionNotFound             no question with that id or directory
├── QuestionInvalid              a manifest or question file is malformed
├── QuestionVersionNotFound      no stored snapshot of that version of a question
├── UnknownQuestion              a submission or regrade names a question the bank lacks
├── AnswerUnreadable             the answer file cannot be read
├── AnswerTooLarge               an answer's code is larger than the service accepts
├── ReplayFileInvalid            an export to replay cannot be read, or a line of it is malformed
├── SubmissionNotFound           no submission with that id (or not the caller's tenant's)
├── SubmissionBusy               a submission is queued or running and cannot be regraded now
├── SubmissionNotGraded          a submission has no result yet (or is not completed, for a review)
├── ReviewInvalid                a review's score is outside the question's points
├── AnswerInvalid                a typed answer does not fit its question's kind or options
├── AssessmentInvalid            an assessment names unknown questions or skills, or is malformed
├── AssessmentNotFound           no assessment with that id (or not the caller's tenant's)
├── AttemptNotFound              no attempt with that id (or not the caller's tenant's)
├── AttemptClosed                an attempt was submitted and its answers can no longer change
├── Judge0SubmissionNotFound     no Judge0 submission with that token (or not the caller's tenant's)
├── Judge0RequestInvalid         a Judge0 request field is invalid or asks for what is not supported
├── Judge0NeedsBase64            a Judge0 submission's text is not UTF-8 and must be read as base64
├── RegradeJobNotFound           no regrade job with that id (or not the caller's tenant's)
├── ArtifactNotFound             no artifact with that name
├── IdempotencyConflict          an Idempotency-Key was used before for a different request
├── CallbackRefused              a webhook URL points at a loopback, private or link-local address
├── TenantInvalid                a tenant name or its settings are not acceptable
├── ApiKeyNotFound               no API key with that id
├── Unauthenticated              no API key, or one that is unknown or revoked
├── CsrfRejected                 a reviewer's form came without its token, or from another site
├── PermissionDenied             the API key lacks the scope an operation needs
├── Throttled                    come back later (carries `retry_after` seconds)
│   ├── RateLimited              the API key sent more requests than its rate allows
│   └── QueueFull                too many submissions are waiting to be graded
├── EngineUnavailable            the Docker engine cannot be reached
├── ImageBuildFailed             a runner image could not be built
└── SandboxFailed                a sandbox could not be created, run or read

The HTTP API maps each to a problem+json response in one place, `grader/api/problems.py`; an
error it does not map is answered as an internal error, without its message.
"""

from __future__ import annotations


class GraderError(Exception):
    """Base of every deliberate error; `str(error)` is the message for the user."""


class QuestionNotFound(GraderError):
    """No question with that id or directory."""


class QuestionInvalid(GraderError):
    """A manifest or question file is malformed."""


class QuestionVersionNotFound(GraderError):
    """No stored snapshot of that version of a question."""


class UnknownQuestion(GraderError):
    """A submission or regrade names a question that is not in the bank.

    Apart from QuestionNotFound: a request that names no such question is invalid (422), where
    reading a missing question is not found (404).
    """


class AnswerUnreadable(GraderError):
    """The answer file cannot be read."""


class AnswerTooLarge(GraderError):
    """An answer's code is larger than the service accepts."""


class ReplayFileInvalid(GraderError):
    """An export to replay cannot be read, or a line of it is malformed."""


class SubmissionNotFound(GraderError):
    """No submission with that id, or one that belongs to another tenant."""


class SubmissionBusy(GraderError):
    """A submission is queued or running and cannot be regraded now."""


class SubmissionNotGraded(GraderError):
    """A submission has no result yet."""


class ReviewInvalid(GraderError):
    """A review's score is outside the range the question's points allow; `field` names it."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class AnswerInvalid(GraderError):
    """A typed answer does not fit its question's kind or options; `field` names the field."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class AssessmentInvalid(GraderError):
    """An assessment names unknown questions or skills, or its definition is malformed."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class AssessmentNotFound(GraderError):
    """No assessment with that id, or one that belongs to another tenant."""


class AttemptNotFound(GraderError):
    """No attempt with that id, or one that belongs to another tenant."""


class AttemptClosed(GraderError):
    """An attempt was submitted: its answers can no longer change."""


class Judge0SubmissionNotFound(GraderError):
    """No Judge0 submission with that token, or one that belongs to another tenant."""


class Judge0RequestInvalid(GraderError):
    """A Judge0 request field is invalid or asks for what is not supported; `field` names it."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class Judge0NeedsBase64(GraderError):
    """A Judge0 submission's text is not valid UTF-8: it can only be read base64-encoded."""


class RegradeJobNotFound(GraderError):
    """No regrade job with that id, or one that belongs to another tenant."""


class ArtifactNotFound(GraderError):
    """No artifact with that name."""


class IdempotencyConflict(GraderError):
    """An Idempotency-Key was used before for a different request."""


class CallbackRefused(GraderError):
    """A webhook URL points at a loopback, private or link-local address."""


class TenantInvalid(GraderError):
    """A tenant name or its settings are not acceptable."""


class ApiKeyNotFound(GraderError):
    """No API key with that id."""


class Unauthenticated(GraderError):
    """No API key, or one that is unknown or revoked."""


class CsrfRejected(GraderError):
    """A reviewer's form came without its security token, or from another site."""


class PermissionDenied(GraderError):
    """The API key lacks the scope an operation needs."""


class Throttled(GraderError):
    """Come back later: `retry_after` says in how many seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RateLimited(Throttled):
    """The API key sent more requests than its rate allows."""


class QueueFull(Throttled):
    """Too many submissions are waiting to be graded."""


class EngineUnavailable(GraderError):
    """The Docker engine cannot be reached."""


class ImageBuildFailed(GraderError):
    """A runner image could not be built."""


class SandboxFailed(GraderError):
    """A sandbox could not be created, run or read."""
