"""What the reviewer's pages show, assembled from the services: no HTML here, only data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from grader.api import presenters
from grader.api.assessment_models import AssessmentPublic, RankingRow, SimilarityPair
from grader.api.models import ReviewPublic, RunPublic, SubmissionPublic
from grader.kinds.multiple_choice import parse_selection
from grader.results import ArtifactResult, GradingResult
from grader.services.application import Application
from grader.services.auth import Principal
from grader.services.similarity import THRESHOLD

PAGE_SIZE = 20
VIEWS = {
    "awaiting": "Awaiting review",
    "reviewed": "Reviewed",
    "all": "All submissions",
}


def age(moment: datetime, now: datetime) -> str:
    """How long ago, in the largest whole unit: '3 min', '2 h', '5 days'."""
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h"
    days = seconds // 86400
    return f"{days} day" if days == 1 else f"{days} days"


@dataclass(frozen=True)
class QueueRow:
    """One submission in the queue."""

    submission: SubmissionPublic
    title: str
    age: str


@dataclass(frozen=True)
class QueuePage:
    """A page of the queue, newest first."""

    view: str
    rows: list[QueueRow]
    count: int
    page: int
    pages: int


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def queue(app: Application, *, caller: Principal, view: str, page: int) -> QueuePage:
    """The queue for one view: awaiting review (the worklist), reviewed, or everything."""
    needs_review, reviewed = {
        "awaiting": (True, False),
        "reviewed": (None, True),
        "all": (None, None),
    }[view]
    page = max(1, page)
    found, count = app.submissions.page(
        tenant=caller.tenant,
        needs_review=needs_review,
        reviewed=reviewed,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        newest_first=True,
    )
    now = _now()
    titles: dict[str, str] = {}
    rows = []
    for reviewed_row in found:
        item = presenters.submission(reviewed_row)
        if item.question_id not in titles:
            titles[item.question_id] = app.submissions.title(item.question_id)
        rows.append(QueueRow(item, titles[item.question_id], age(_aware(item.created_at), now)))
    pages = max(1, -(-count // PAGE_SIZE))
    return QueuePage(view=view, rows=rows, count=count, page=page, pages=pages)


@dataclass(frozen=True)
class OptionView:
    """A multiple-choice option as the reviewer sees it: chosen or not, correct or not."""

    id: str
    text: str
    chosen: bool
    correct: bool


@dataclass(frozen=True)
class Figure:
    """An image on the page: where to load it and what it shows."""

    url: str
    alt: str


@dataclass
class SubmissionPage:
    """Everything the submission page shows."""

    submission: SubmissionPublic
    title: str
    kind: str
    code: str
    options: list[OptionView] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    reference: list[Figure] | None = field(default_factory=list)
    diffs: list[tuple[ArtifactResult, Figure]] = field(default_factory=list)
    runs: list[RunPublic] = field(default_factory=list)
    reviews: list[ReviewPublic] = field(default_factory=list)

    @property
    def result(self) -> GradingResult | None:
        return self.submission.result

    @property
    def code_lines(self) -> list[str]:
        return self.code.split("\n") if self.code else []


def submission(app: Application, *, caller: Principal, submission_id: str) -> SubmissionPage:
    """The submission page's data; another tenant's submission is SubmissionNotFound."""
    reviewed = app.submissions.get(tenant=caller.tenant, submission_id=submission_id)
    row = reviewed.submission
    shown = presenters.submission(reviewed)
    question = app.submissions.question(
        question_id=shown.question_id, version=shown.question_version
    )
    kind = question.manifest.kind if question is not None else "code"
    base = f"/review/submissions/{shown.id}/artifacts/"
    page = SubmissionPage(
        submission=shown,
        title=question.manifest.title if question is not None else shown.question_id,
        kind=kind,
        code=row.code,
        runs=presenters.run_list(
            app.submissions.runs(tenant=caller.tenant, submission_id=shown.id)
        ).data,
        reviews=presenters.review_list(
            app.reviews.history(tenant=caller.tenant, submission_id=shown.id)
        ).data,
    )
    if question is not None and question.manifest.multiple_choice is not None:
        chosen = set(parse_selection(row.code) or [])
        page.options = [
            OptionView(o.id, o.text, o.id in chosen, o.correct)
            for o in question.manifest.multiple_choice.options
        ]
    result = shown.result
    if result is not None:
        page.figures = [
            Figure(base + f.artifact, f"The candidate's figure {n}")
            for n, f in enumerate(result.figures, start=1)
            if f.artifact is not None
        ]
        page.diffs = [
            (a, Figure(base + a.name, f"Pixel difference attached by test {a.test}"))
            for a in result.artifacts
        ]
    if page.figures and question is not None:
        names = app.references.names(question)
        reference = f"/review/references/{question.id}/{question.version}/"
        page.reference = (
            None
            if names is None
            else [
                Figure(reference + name, f"The reference solution's figure {n}")
                for n, name in enumerate(names, start=1)
            ]
        )
    return page


@dataclass(frozen=True)
class AssessmentLink:
    """An assessment in the queue page's list."""

    id: str
    title: str
    questions: int
    created: str


def assessment_links(
    app: Application, *, caller: Principal, limit: int = 20
) -> list[AssessmentLink]:
    """The tenant's newest assessments, for the queue page."""
    views, _ = app.assessments.page(tenant=caller.tenant, limit=limit, offset=0)
    now = _now()
    return [
        AssessmentLink(
            id=v.row.id,
            title=v.row.title,
            questions=len(v.questions),
            created=age(_aware(v.row.created_at), now),
        )
        for v in views
    ]


@dataclass(frozen=True)
class AssessmentPage:
    """An assessment, its ranking and its near-copy pairs."""

    assessment: AssessmentPublic
    ranking: list[RankingRow]
    skills: list[str]
    pairs: list[SimilarityPair]
    threshold: float


def assessment(app: Application, *, caller: Principal, assessment_id: str) -> AssessmentPage:
    """The ranking of the tenant's assessment, best first."""
    view, rows = app.assessments.ranking(tenant=caller.tenant, assessment_id=assessment_id)
    matches = app.assessments.near_copies(tenant=caller.tenant, assessment_id=assessment_id)
    return AssessmentPage(
        assessment=presenters.assessment(view),
        ranking=presenters.ranking_list(rows, limit=len(rows) or 1, offset=0).data,
        skills=list(view.skills),
        pairs=presenters.similarity_list(matches, threshold=THRESHOLD).data,
        threshold=THRESHOLD,
    )
