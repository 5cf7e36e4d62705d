"""What the services return, as the API's public models: one function per model."""

from __future__ import annotations

import json
from collections.abc import Sequence

from grader.api.assessment_models import (
    AssessmentList,
    AssessmentPublic,
    AssessmentQuestionPublic,
    AttemptAnswerPublic,
    AttemptPublic,
    RankingList,
    RankingRow,
    SimilarAnswer,
    SimilarityList,
    SimilarityPair,
    SpanPublic,
)
from grader.api.models import (
    DeliveryList,
    DeliveryPublic,
    RegradeChange,
    RegradeDirection,
    RegradeJobAccepted,
    RegradeJobList,
    RegradeJobPublic,
    RegradeProgress,
    RegradeSummary,
    ReviewList,
    ReviewPublic,
    RunList,
    RunPublic,
    SubmissionAccepted,
    SubmissionList,
    SubmissionPublic,
    TenantPublic,
)
from grader.replay import Change, Direction, ReplayReport
from grader.results import GradingResult, Provenance
from grader.services.assessments import AssessmentView
from grader.services.attempts import AttemptReport
from grader.services.ranking import Ranked
from grader.services.regrades import JobProgress
from grader.services.reviews import ReviewHistory
from grader.services.similarity import Match, Span
from grader.store.db import SubmissionRow
from grader.store.reviews import Reviewed
from grader.store.tables import DeliveryRow, RegradeJobRow, ReviewRow, RunRow, TenantRow


def accepted(row: SubmissionRow) -> SubmissionAccepted:
    return SubmissionAccepted(id=row.id, status=row.status)  # type: ignore[arg-type]  # stored


def submission(reviewed: Reviewed) -> SubmissionPublic:
    """The submission with its result, its latest run's id, its latest review and final score."""
    row = reviewed.submission
    result = GradingResult.model_validate_json(row.result_json) if row.result_json else None
    shown = (
        None
        if reviewed.review is None
        else review(reviewed.review, latest_run_id=reviewed.latest_run_id)
    )
    automatic = result.score if result is not None else None
    return SubmissionPublic(
        id=row.id,
        status=row.status,  # type: ignore[arg-type]  # constrained by the store's writes
        question_id=row.question_id,
        question_version=row.question_version,
        metadata=json.loads(row.metadata_json or "{}"),
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        result=result,
        error=row.error,
        callback_url=row.callback_url,
        run_id=reviewed.latest_run_id,
        review=shown,
        final_score=shown.score if shown is not None else automatic,
    )


def submission_list(page: Sequence[Reviewed], count: int) -> SubmissionList:
    return SubmissionList(data=[submission(reviewed) for reviewed in page], count=count)


def webhook_body(reviewed: Reviewed) -> bytes:
    """What a submission's webhook POSTs: the submission as GET shows it."""
    return submission(reviewed).model_dump_json().encode()


def review(row: ReviewRow, *, latest_run_id: str | None) -> ReviewPublic:
    return ReviewPublic(
        id=row.id,
        submission_id=row.submission_id,
        run_id=row.run_id,
        automatic_score=row.automatic_score,
        score=row.score,
        comment=row.comment,
        reviewer=row.reviewer,
        created_at=row.created_at,
        stale=row.run_id != latest_run_id,
    )


def review_list(history: ReviewHistory) -> ReviewList:
    data = [review(r, latest_run_id=history.latest_run_id) for r in history.reviews]
    return ReviewList(data=data, count=len(data))


def run_list(rows: Sequence[RunRow]) -> RunList:
    data = [
        RunPublic(
            id=row.id,
            submission_id=row.submission_id,
            question_version=row.question_version,
            verdict=row.verdict,
            score=row.score,
            created_at=row.created_at,
            provenance=Provenance.model_validate_json(row.provenance_json),
            result=GradingResult.model_validate_json(row.result_json),
        )
        for row in rows
    ]
    return RunList(data=data, count=len(data))


def delivery_list(rows: Sequence[DeliveryRow]) -> DeliveryList:
    data = [
        DeliveryPublic(
            attempt=row.attempt,
            url=row.url,
            status_code=row.status_code,
            delivered=row.delivered,
            error=row.error,
            duration_ms=row.duration_ms,
            created_at=row.created_at,
        )
        for row in rows
    ]
    return DeliveryList(data=data, count=len(data))


def tenant(row: TenantRow) -> TenantPublic:
    return TenantPublic(name=row.name, callback_url=row.callback_url)


def regrade_accepted(job: RegradeJobRow) -> RegradeJobAccepted:
    return RegradeJobAccepted(
        job_id=job.id,
        status="running" if job.finished_at is None else "completed",
        total=job.total,
        question_id=job.question_id,
        question_version=job.question_version,
    )


def regrade_job(progress: JobProgress) -> RegradeJobPublic:
    job = progress.job
    summary = None if progress.summary is None else regrade_summary(progress.summary)
    return RegradeJobPublic(
        id=job.id,
        status="completed" if summary is not None else "running",
        question_id=job.question_id,
        question_version=job.question_version,
        pinned_version=job.pinned_version,
        created_at=job.created_at,
        finished_at=progress.finished_at,
        progress=RegradeProgress(done=progress.done, total=progress.total),
        summary=summary,
    )


def regrade_job_list(jobs: Sequence[JobProgress]) -> RegradeJobList:
    data = [regrade_job(progress) for progress in jobs]
    return RegradeJobList(data=data, count=len(data))


# Replay's directions, named as a regrade job's summary counts them.
_DIRECTIONS: dict[Direction, RegradeDirection] = {
    "up": "up",
    "down": "down",
    "unchanged": "unchanged",
    "changed": "changed_same_score",
    "errored": "error",
    "new": "new",
}


def regrade_summary(report: ReplayReport) -> RegradeSummary:
    return RegradeSummary(
        up=report.up,
        down=report.down,
        unchanged=report.unchanged,
        changed_same_score=report.changed,
        errors=report.errored,
        new=report.new,
        changes=[regrade_change(change) for change in report.changes],
    )


def regrade_change(change: Change) -> RegradeChange:
    return RegradeChange(
        submission_id=change.id,
        direction=_DIRECTIONS[change.direction],
        old_score=change.old_score,
        new_score=change.new_score,
        old_verdict=change.old_verdict,
        new_verdict=change.new_verdict,
        tests_changed=change.tests_changed,
        error=change.error,
    )


def assessment(view: AssessmentView) -> AssessmentPublic:
    row = view.row
    return AssessmentPublic(
        id=row.id,
        title=row.title,
        questions=[
            AssessmentQuestionPublic(
                question_id=q.question.id,
                question_version=q.question.version,
                kind=q.question.manifest.kind,
                title=q.question.manifest.title,
                weight=q.weight,
                points=q.question.manifest.points,
                max_score=q.max_score,
                skills=list(q.question.manifest.skills),
            )
            for q in view.questions
        ],
        skills=view.skills,
        max_score=view.max_score,
        requirements=view.requirements,
        due_at=row.due_at,
        time_budget_minutes=row.time_budget_minutes,
        definition=row.definition,
        created_at=row.created_at,
    )


def assessment_list(views: Sequence[AssessmentView], count: int) -> AssessmentList:
    return AssessmentList(data=[assessment(v) for v in views], count=count)


def attempt(report: AttemptReport, *, candidate: bool = False) -> AttemptPublic:
    """The attempt; the candidate's view folds hidden tests and drops the hiring signals."""
    row = report.scored.attempt
    score = report.scored.score
    return AttemptPublic(
        id=row.id,
        assessment_id=row.assessment_id,
        candidate=row.candidate,
        metadata=json.loads(row.metadata_json or "{}"),
        status=score.status,
        created_at=row.created_at,
        submitted_at=row.submitted_at,
        score=score.score,
        max_score=score.max_score,
        skills=score.skills,
        meets_requirements=None if candidate else score.meets_requirements,
        missing=[] if candidate else score.missing,
        flagged=None if candidate else report.flagged,
        answers=[
            AttemptAnswerPublic(
                question_id=a.question_id,
                kind=a.kind,
                submission_id=a.submission_id,
                status=a.status,
                score=a.score,
                max_score=a.max_score,
                reviewed=a.reviewed,
                needs_review=a.needs_review,
                result=report.result(a.question_id, candidate=candidate),
            )
            for a in score.answers
        ],
    )


def ranking_row(row: Ranked) -> RankingRow:
    return RankingRow(
        rank=row.rank,
        attempt_id=row.attempt_id,
        candidate=row.candidate,
        score=row.score,
        max_score=row.max_score,
        percentile=row.percentile,
        skills=row.skills,
        skill_percentiles=row.skill_percentiles,
        meets_requirements=row.meets_requirements,
        missing=row.missing,
        interview_focus=row.interview_focus,
        flagged=row.flagged,
    )


def ranking_list(rows: Sequence[Ranked], *, limit: int, offset: int) -> RankingList:
    return RankingList(
        data=[ranking_row(r) for r in rows[offset : offset + limit]], count=len(rows)
    )


def _spans(spans: Sequence[Span]) -> list[SpanPublic]:
    return [
        SpanPublic(start=s.start, end=s.end, first_line=s.first_line, last_line=s.last_line)
        for s in spans
    ]


def similarity_list(matches: Sequence[Match], *, threshold: float) -> SimilarityList:
    data = [
        SimilarityPair(
            question_id=m.question_id,
            similarity=m.similarity,
            first=SimilarAnswer(
                attempt_id=m.first.attempt_id,
                candidate=m.first.candidate,
                submission_id=m.first.submission_id,
                spans=_spans(m.first_spans),
            ),
            second=SimilarAnswer(
                attempt_id=m.second.attempt_id,
                candidate=m.second.candidate,
                submission_id=m.second.submission_id,
                spans=_spans(m.second_spans),
            ),
        )
        for m in matches
    ]
    return SimilarityList(threshold=threshold, data=data, count=len(data))
