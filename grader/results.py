"""The grading result, schema version 1: what every caller receives for a graded answer.

Verdicts, from most to least specific:

- `grader_error`: the hidden tests or harness failed; the score must not be trusted.
- `sandbox_error`: the sandbox could not run or report; nothing is known of the answer.
- `syntax_error`: the answer is not valid Python.
- `memory_limit_exceeded`, `time_limit_exceeded`, `output_limit_exceeded`: the program was
  stopped at a limit; the tests still score what it produced before that.
- `runtime_error`: the program ended with an uncaught exception or a non-zero status.
- `passed` (full marks), `partial` (some marks), `failed` (no marks): the program completed.

`Graded` is what grading an answer gives the service: the result, the artifacts it names and
diagnostics for operators; `provenance_of` stamps every result, of every kind, the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from grader import __version__

if TYPE_CHECKING:
    from grader.bank.question import Question

SCHEMA_VERSION: Literal["1"] = "1"

Verdict = Literal[
    "passed",
    "partial",
    "failed",
    "syntax_error",
    "runtime_error",
    "time_limit_exceeded",
    "memory_limit_exceeded",
    "output_limit_exceeded",
    "grader_error",
    "sandbox_error",
]
TestStatus = Literal["passed", "partial", "failed", "error"]
Visibility = Literal["visible", "hidden", "after_due"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TestResult(_Model):
    """One hidden test's outcome."""

    name: str
    score: float
    max_score: float
    status: TestStatus
    message: str = Field(description="Feedback written for the candidate.")
    visibility: Visibility = "visible"
    skills: list[str] = Field(default_factory=list)


class Output(_Model):
    """The start of what the program wrote to one stream."""

    text: str
    truncated: bool
    bytes: int = Field(description="How many bytes the program wrote in all.")


class ArtistSummary(_Model):
    """A line or collection on an axes, with the first points of its data."""

    kind: Literal["line", "scatter", "collection"]
    type: str
    label: str
    visible: bool
    alpha: float | None
    color: str | None
    points: int
    x: list[float | None]
    y: list[float | None]
    pixels: int | None = Field(description="Pixels this artist contributes to the render.")
    linestyle: str | None = None
    drawstyle: str | None = None
    marker: str | None = None
    axline: dict[str, list[float] | float | None] | None = None


class AxesSummary(_Model):
    """One axes of a figure."""

    index: int
    title: dict[str, str]
    xlabel: str
    ylabel: str
    xlim: list[float] | None
    ylim: list[float] | None
    xscale: str
    yscale: str
    artists: list[ArtistSummary]
    bars: int
    images: int
    texts: list[str]
    legend: list[str] | None


class FigureSummary(_Model):
    """The structure of one figure."""

    index: int
    number: int | None
    suptitle: str
    size_inches: list[float] | None
    width: int | None
    height: int | None
    axes: list[AxesSummary]
    error: str | None
    truncated: bool = Field(
        default=False, description="Parts of this summary were cut to fit the result's size."
    )


class FigureResult(_Model):
    """A figure the program created: its rendered PNG (an artifact) and its structure."""

    artifact: str | None = Field(description="Name of the PNG artifact; None if it did not render.")
    media_type: Literal["image/png"] = "image/png"
    sha256: str | None
    bytes: int | None
    summary: FigureSummary


class ArtifactResult(_Model):
    """An image a hidden test attached to the result, such as a pixel check's diff image."""

    name: str = Field(description="Name of the artifact; fetch it like a figure's PNG.")
    media_type: Literal["image/png"] = "image/png"
    test: str = Field(description="The hidden test that attached it.")
    visibility: Visibility = Field(
        default="visible", description="That test's visibility: show the image when the test is."
    )
    sha256: str
    bytes: int


class Resources(_Model):
    """What the candidate's run used."""

    wall_ms: int
    cpu_wait_ms: int = Field(
        default=0,
        description="How much of wall_ms the program was ready to run but waited for a CPU "
        "that other gradings held; not charged to its wall-clock limit.",
    )
    cpu_ms: int
    peak_memory_bytes: int | None


class SkillScore(_Model):
    """Points earned and available for one skill tag."""

    score: float
    max_score: float


class Provenance(_Model):
    """Exactly what produced this result."""

    question_id: str
    question_version: str
    runner_image: str
    runner_image_id: str
    grader_version: str


def provenance_of(
    question: Question, *, runner_image: str = "", runner_image_id: str = ""
) -> Provenance:
    """What produced a result for `question`: its version, the runner image (none for an
    answer graded without a sandbox) and this grader's version."""
    return Provenance(
        question_id=question.id,
        question_version=question.version,
        runner_image=runner_image,
        runner_image_id=runner_image_id,
        grader_version=__version__,
    )


class GradingResult(_Model):
    """The structured score of one answer."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    score: float
    max_score: float
    verdict: Verdict
    feedback: str = Field(description="One sentence for the candidate about the verdict.")
    tests: list[TestResult]
    stdout: Output
    stderr: Output
    figures: list[FigureResult]
    artifacts: list[ArtifactResult] = Field(
        default_factory=list, description="Images the hidden tests attached, e.g. diff images."
    )
    resources: Resources
    provenance: Provenance
    needs_review: bool = Field(
        default=False, description="The score is provisional until a person has looked at it."
    )
    confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="How sure the grader is of the score (text answers); None when not graded so.",
    )
    review_reasons: list[str] = Field(
        default_factory=list, description="Why a person should look at the answer, weakest first."
    )
    skills: dict[str, SkillScore] = Field(
        default_factory=dict, description="Points per skill tag, from the tests' tags."
    )
    answer_kind: Literal["code", "multiple_choice", "text"] = "code"
    truncated: bool = Field(
        default=False,
        description="Outputs, figure summaries or messages were cut to fit 1 MiB of JSON.",
    )


def sum_by_skill(points: Iterable[tuple[str, float, float]]) -> dict[str, SkillScore]:
    """(skill, score, max_score) triples added up per skill, sorted by skill."""
    totals: dict[str, list[float]] = {}
    for skill, score, max_score in points:
        pair = totals.setdefault(skill, [0.0, 0.0])
        pair[0] += score
        pair[1] += max_score
    return {
        name: SkillScore(score=round(score, 6), max_score=round(max_score, 6))
        for name, (score, max_score) in sorted(totals.items())
    }


def skill_totals(tests: list[TestResult], default_skills: list[str]) -> dict[str, SkillScore]:
    """Points per skill: each test counts for its own tags, or the question's when it has none."""
    return sum_by_skill(
        (skill, t.score, t.max_score) for t in tests for skill in t.skills or default_skills
    )


@dataclass
class Graded:
    """A result, the artifacts it names, and diagnostics for operators (never for candidates).

    `capture_notes` say what was dropped or clamped from the candidate's figure capture: the
    candidate's doing, not a fault of ours, so kept apart from `diagnostics`.
    """

    result: GradingResult
    artifacts: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[str] = field(default_factory=list)
    capture_notes: list[str] = field(default_factory=list)
