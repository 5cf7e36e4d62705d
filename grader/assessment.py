"""An assessment: several answers to questions of the bank graded as one attempt.

The result holds each question's `GradingResult`, the total, and points per skill over
every question, so a platform can report "statistics 7/10, machine learning 12/15".

An assessment definition (`assessments/<id>.toml`) fixes which questions an attempt answers,
each question's weight, a time budget and, per skill, the least fraction of that skill's
weighted points a candidate must earn. Graded against a definition, an attempt's totals are
weighted, an unanswered question earns 0 of its points, and each requirement says whether it
was met.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from grader.bank.question import Bank, Question
from grader.errors import AnswerUnreadable, GraderError
from grader.results import Graded, GradingResult, SkillScore, sum_by_skill


class AssessmentAnswer(BaseModel):
    """One answer of an attempt: inline, or a file next to the assessment file."""

    model_config = ConfigDict(extra="forbid")

    question_id: str = Field(min_length=1, max_length=64)
    answer: str | None = None
    file: str | None = None

    @model_validator(mode="after")
    def _one_answer(self) -> AssessmentAnswer:
        if (self.answer is None) == (self.file is None):
            raise ValueError("give exactly one of answer and file")
        return self


class AssessmentRequest(BaseModel):
    """An attempt: the answers given to a list of questions."""

    model_config = ConfigDict(extra="forbid")

    answers: list[AssessmentAnswer] = Field(min_length=1, max_length=200)


SLUG = r"^[a-z0-9][a-z0-9-]*$"


class DefinedQuestion(BaseModel):
    """One `[[questions]]` entry of a definition: a bank question and its weight."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SLUG, max_length=64)
    weight: float = Field(default=1.0, gt=0, le=100)


class AssessmentDefinition(BaseModel):
    """A versioned assessment: its questions, their weights, a time budget, skill requirements."""

    model_config = ConfigDict(extra="forbid")

    format: Literal[1]
    id: str = Field(pattern=SLUG, max_length=64)
    version: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=200)
    time_budget_minutes: int = Field(gt=0, le=24 * 60)
    requirements: dict[str, float] = Field(default_factory=dict)
    questions: list[DefinedQuestion] = Field(min_length=1, max_length=200)

    @field_validator("requirements")
    @classmethod
    def _fractions(cls, value: dict[str, float]) -> dict[str, float]:
        bad = sorted(skill for skill, share in value.items() if not 0 < share <= 1)
        if bad:
            raise ValueError(f"the minimum of {', '.join(bad)} must lie in (0, 1]")
        return value

    @field_validator("questions")
    @classmethod
    def _distinct(cls, value: list[DefinedQuestion]) -> list[DefinedQuestion]:
        ids = [q.id for q in value]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"lists {', '.join(repeated)} more than once")
        return value


class DefinitionRef(BaseModel):
    """Which definition an attempt was graded against."""

    id: str
    version: int
    title: str
    time_budget_minutes: int


class RequirementOutcome(BaseModel):
    """One skill requirement: the least share asked for, the share earned, and whether it holds."""

    skill: str
    required: float
    achieved: float
    met: bool


class QuestionOutcome(BaseModel):
    """One question of the attempt, its weight and its result."""

    question_id: str
    weight: float = 1.0
    result: GradingResult


class AssessmentResult(BaseModel):
    """The whole attempt: per question, in total and per skill."""

    schema_version: Literal["1"] = "1"
    score: float
    max_score: float
    skills: dict[str, SkillScore]
    needs_review: bool
    questions: list[QuestionOutcome]
    assessment: DefinitionRef | None = None
    requirements: list[RequirementOutcome] = Field(default_factory=list)
    meets_requirements: bool | None = None
    unanswered: list[str] = Field(default_factory=list)


def total_skills(results: list[GradingResult]) -> dict[str, SkillScore]:
    """Points per skill summed over the questions."""
    return sum_by_skill(
        (name, skill.score, skill.max_score)
        for result in results
        for name, skill in result.skills.items()
    )


def grade_assessment(
    bank: Bank,
    answers: list[tuple[str, str]],
    *,
    grade: Callable[[Question, str], Graded],
    definition: AssessmentDefinition | None = None,
) -> AssessmentResult:
    """Grade each (question id, answer) and add the results up, per skill too.

    With a definition, only its questions may be answered, the totals are weighted, and its
    skill requirements are checked.
    """
    if definition is not None:
        return _grade_defined(bank, answers, grade=grade, definition=definition)
    outcomes = [
        QuestionOutcome(question_id=qid, result=grade(bank.get(qid), answer).result)
        for qid, answer in answers
    ]
    results = [o.result for o in outcomes]
    return AssessmentResult(
        score=round(sum(r.score for r in results), 6),
        max_score=round(sum(r.max_score for r in results), 6),
        skills=total_skills(results),
        needs_review=any(r.needs_review for r in results),
        questions=outcomes,
    )


def _question_skills(question: Question, result: GradingResult | None) -> dict[str, SkillScore]:
    """Points per skill of one question: its tests' tags, and every skill of its manifest.

    A manifest skill that no test is tagged with counts the whole question, so that a
    requirement on a profile skill sees every question listing it.
    """
    points = question.manifest.points
    earned = 0.0 if result is None else result.score
    skills = {} if result is None else dict(result.skills)
    for skill in question.manifest.skills:
        skills.setdefault(skill, SkillScore(score=earned, max_score=points))
    return skills


def _grade_defined(
    bank: Bank,
    answers: list[tuple[str, str]],
    *,
    grade: Callable[[Question, str], Graded],
    definition: AssessmentDefinition,
) -> AssessmentResult:
    """An attempt graded against a definition: weighted, unanswered questions counting 0."""
    weights = {q.id: q.weight for q in definition.questions}
    given: dict[str, str] = {}
    for qid, answer in answers:
        if qid not in weights:
            raise GraderError(
                f"the attempt answers {qid}, which is not a question of the assessment "
                f"{definition.id}; answer only: {', '.join(weights)}"
            )
        if qid in given:
            raise GraderError(f"the attempt answers {qid} more than once; give one answer")
        given[qid] = answer
    questions = {qid: bank.get(qid) for qid in weights}
    outcomes: list[QuestionOutcome] = []
    unanswered: list[str] = []
    score = max_score = 0.0
    triples: list[tuple[str, float, float]] = []
    for qid, weight in weights.items():
        question = questions[qid]
        result = grade(question, given[qid]).result if qid in given else None
        if result is None:
            unanswered.append(qid)
        else:
            outcomes.append(QuestionOutcome(question_id=qid, weight=weight, result=result))
        score += weight * (0.0 if result is None else result.score)
        max_score += weight * question.manifest.points
        triples.extend(
            (skill, weight * s.score, weight * s.max_score)
            for skill, s in _question_skills(question, result).items()
        )
    skills = sum_by_skill(triples)
    requirements = [
        _requirement(skill, share, skills.get(skill))
        for skill, share in sorted(definition.requirements.items())
    ]
    return AssessmentResult(
        score=round(score, 6),
        max_score=round(max_score, 6),
        skills=skills,
        needs_review=any(o.result.needs_review for o in outcomes),
        questions=outcomes,
        assessment=DefinitionRef(
            id=definition.id,
            version=definition.version,
            title=definition.title,
            time_budget_minutes=definition.time_budget_minutes,
        ),
        requirements=requirements,
        meets_requirements=all(r.met for r in requirements),
        unanswered=unanswered,
    )


def _requirement(skill: str, share: float, total: SkillScore | None) -> RequirementOutcome:
    achieved = 0.0 if total is None or total.max_score == 0 else total.score / total.max_score
    achieved = round(achieved, 6)
    return RequirementOutcome(skill=skill, required=share, achieved=achieved, met=achieved >= share)


def load_definition(path: Path, bank: Bank | None = None) -> AssessmentDefinition:
    """Read and validate an assessment definition; with a bank, its questions and skills too."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GraderError(f"cannot read the assessment {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise GraderError(f"{path} is not valid TOML: {exc}") from None
    try:
        definition = AssessmentDefinition.model_validate(raw)
    except ValidationError as exc:
        raise GraderError(f"{path}: {_problems(exc)}") from None
    if bank is not None:
        known = set(bank.ids())
        missing = [q.id for q in definition.questions if q.id not in known]
        if missing:
            raise GraderError(
                f"{path}: questions not in the bank {bank.root}: {', '.join(missing)}"
            )
        covered = {s for q in definition.questions for s in bank.get(q.id).manifest.skills}
        uncovered = sorted(set(definition.requirements) - covered)
        if uncovered:
            raise GraderError(
                f"{path}: requirements on skills no question of the assessment lists: "
                f"{', '.join(uncovered)}"
            )
    return definition


def _problems(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}" for err in exc.errors()
    )


def read_assessment(path: Path) -> list[tuple[str, str]]:
    """The (question id, answer) pairs of an assessment file; files are read relative to it."""
    try:
        request = AssessmentRequest.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise AnswerUnreadable(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValidationError as exc:
        raise GraderError(f"{path}: {_problems(exc)}") from None
    pairs = []
    for item in request.answers:
        if item.file is not None:
            file = path.parent / item.file
            try:
                text = file.read_bytes().decode("utf-8", errors="surrogateescape")
            except OSError as exc:
                raise AnswerUnreadable(
                    f"{path}: cannot read the answer file {file}: {exc.strerror or exc}"
                ) from None
            pairs.append((item.question_id, text))
        else:
            pairs.append((item.question_id, item.answer or ""))
    return pairs


def example() -> str:
    """An assessment file, for the help text."""
    return json.dumps(
        {
            "answers": [
                {"question_id": "ml-imbalance-remedies", "answer": '["resample", "metrics"]'},
                {"question_id": "softmax-stable", "file": "softmax.py"},
            ]
        }
    )
