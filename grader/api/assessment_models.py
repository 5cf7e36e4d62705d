"""Request and response bodies of the hiring flow, version 1: assessments, attempts, ranking,
near-copies."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from grader.api.models import check_one_answer
from grader.results import GradingResult, SkillScore

QUESTION_ID = r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$"


class AssessmentQuestionCreate(BaseModel):
    """A question of the bank, and how much it counts (its points times the weight)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    question_id: str = Field(min_length=1, max_length=64)
    weight: float = Field(default=1.0, gt=0, le=100)


class AssessmentCreate(BaseModel):
    """An assessment: questions pinned at their current versions, per-skill requirements."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        json_schema_extra={
            "examples": [
                {
                    "title": "Machine Learning Engineer (screening)",
                    "questions": [
                        {"question_id": "ml-imbalance-remedies"},
                        {"question_id": "sentiment-skew-reason"},
                        {"question_id": "softmax-stable", "weight": 0.5},
                    ],
                    "requirements": {"machine-learning": 0.6},
                    "due_at": "2026-12-31T17:00:00Z",
                }
            ]
        },
    )

    title: str = Field(min_length=1, max_length=200)
    questions: list[AssessmentQuestionCreate] = Field(min_length=1, max_length=100)
    requirements: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(
        default_factory=dict,
        max_length=64,
        description="Minimum fraction (0 to 1) of each skill's points a candidate must earn.",
    )
    due_at: AwareDatetime | None = Field(
        default=None, description="After this time, tests marked after_due are shown to candidates."
    )


class AssessmentQuestionPublic(BaseModel):
    """A question of an assessment at the version it was pinned to."""

    question_id: str
    question_version: str
    kind: Literal["code", "multiple_choice", "text"]
    title: str
    weight: float
    points: float = Field(description="The question's own points.")
    max_score: float = Field(description="points times weight: what it counts in the assessment.")
    skills: list[str]


class AssessmentPublic(BaseModel):
    """An assessment, its skills and maximum score."""

    id: str
    title: str
    questions: list[AssessmentQuestionPublic]
    skills: dict[str, float] = Field(description="Each skill's maximum points.")
    max_score: float
    requirements: dict[str, float]
    due_at: datetime | None
    time_budget_minutes: int | None = None
    definition: str | None = Field(
        default=None, description="The versioned definition it was loaded from (id@version)."
    )
    created_at: datetime


class AssessmentList(BaseModel):
    """A page of the tenant's assessments, newest first."""

    data: list[AssessmentPublic]
    count: int


class AttemptCreate(BaseModel):
    """A candidate starting an assessment."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"candidate": "ana@example.com", "metadata": {"req": "7"}}]
        },
    )

    candidate: str = Field(min_length=1, max_length=255, description="Who answers (your id).")
    metadata: dict[str, str] = Field(default_factory=dict, max_length=32)


class AnswerPut(BaseModel):
    """A typed answer: exactly one of code, choices or text, of the question's kind."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"choices": ["resample", "class-weights", "metrics"]},
                {"text": "The classes are imbalanced: most reviews are positive..."},
                {"code": "import numpy as np\n\ndef softmax(x): ..."},
            ]
        },
    )

    code: str | None = Field(default=None, description="A code question's source code.")
    choices: list[str] | None = Field(
        default=None, max_length=26, description="A multiple-choice answer's option ids."
    )
    text: str | None = Field(default=None, description="A text question's answer.")

    @model_validator(mode="after")
    def _one_answer(self) -> AnswerPut:
        check_one_answer(self.code, self.choices, self.text)
        return self


class AnswerAccepted(BaseModel):
    """An answer was queued for grading as a submission."""

    attempt_id: str
    question_id: str
    submission_id: str
    status: Literal["queued", "running", "completed", "failed"]


class AttemptAnswerPublic(BaseModel):
    """One question of an attempt and its latest answer's score, weighted."""

    question_id: str
    kind: str
    submission_id: str | None = Field(description="The latest answer's submission; None if none.")
    status: str = Field(description="That submission's status, or `unanswered`.")
    score: float = Field(description="Weighted; a reviewer's score replaces the automatic one.")
    max_score: float
    reviewed: bool
    needs_review: bool
    result: GradingResult | None = Field(
        default=None, description="The latest answer's result (the candidate's view if asked)."
    )


class AttemptPublic(BaseModel):
    """An attempt: its status, totals per skill, requirements and answers."""

    id: str
    assessment_id: str
    candidate: str
    metadata: dict[str, str]
    status: Literal["open", "grading", "completed"]
    created_at: datetime
    submitted_at: datetime | None
    score: float
    max_score: float
    skills: dict[str, SkillScore]
    meets_requirements: bool | None = Field(
        description="Whether every requirement is met; None in the candidate's view."
    )
    missing: list[str] = Field(description="The skills below their requirement.")
    flagged: bool | None = Field(
        description="Part of a near-copy pair (see the assessment's similarity); None in the "
        "candidate's view."
    )
    answers: list[AttemptAnswerPublic]


class RankingRow(BaseModel):
    """A completed attempt's place in the cohort."""

    rank: int = Field(description="1 is best; tied scores share a rank (1, 1, 3).")
    attempt_id: str
    candidate: str
    score: float
    max_score: float
    percentile: float = Field(description="% of the other completed attempts scoring less.")
    skills: dict[str, SkillScore]
    skill_percentiles: dict[str, float]
    meets_requirements: bool
    missing: list[str]
    interview_focus: list[str] = Field(
        description="Skills to probe: those below requirement, else the weakest vs the cohort."
    )
    flagged: bool = Field(description="Part of a near-copy pair.")


class RankingList(BaseModel):
    """A page of the ranking, best first; count is how many rows match in all."""

    data: list[RankingRow]
    count: int


class SpanPublic(BaseModel):
    """A matching region of an answer: characters [start, end), lines first to last (from 1)."""

    start: int
    end: int
    first_line: int
    last_line: int


class SimilarAnswer(BaseModel):
    """One side of a near-copy pair."""

    attempt_id: str
    candidate: str
    submission_id: str
    spans: list[SpanPublic]


class SimilarityPair(BaseModel):
    """Two code answers to one question that are near copies."""

    question_id: str
    similarity: float = Field(description="0 to 1: the larger share of either answer matched.")
    first: SimilarAnswer
    second: SimilarAnswer


class SimilarityList(BaseModel):
    """Every near-copy pair at or above the threshold, most similar first."""

    threshold: float
    data: list[SimilarityPair]
    count: int
