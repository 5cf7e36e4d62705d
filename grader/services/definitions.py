"""Versioned assessment definitions: TOML files kept in a repository, loaded into the service.

    format = 1
    id = "ml-engineer-mid"
    version = 1
    title = "Machine Learning Engineer (mid-level)"
    time_budget_minutes = 90
    [requirements]            # skill -> minimum fraction of that skill's points
    "machine-learning" = 0.6
    [[questions]]
    id = "matplotlib-linear-plot"
    weight = 1.0

Loading one creates an assessment whose questions are pinned at the bank's current versions
and which remembers the definition as "id@version".
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from grader.bank.manifest import QUESTION_ID_PATTERN
from grader.errors import AssessmentInvalid, UnknownQuestion
from grader.services.assessments import MAX_WEIGHT, Assessments, AssessmentSpec, AssessmentView


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class DefinitionQuestion(_Strict):
    """One question of the definition and its weight."""

    id: str = Field(pattern=QUESTION_ID_PATTERN)
    weight: float = Field(default=1.0, gt=0, le=MAX_WEIGHT)


class Definition(_Strict):
    """A versioned assessment definition, format 1."""

    format: Literal[1]
    id: str = Field(pattern=QUESTION_ID_PATTERN)
    version: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=200)
    time_budget_minutes: int | None = Field(default=None, ge=1, le=24 * 60)
    requirements: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
    questions: list[DefinitionQuestion] = Field(min_length=1, max_length=100)

    def spec(self) -> AssessmentSpec:
        return AssessmentSpec(
            title=self.title,
            questions=[(q.id, q.weight) for q in self.questions],
            requirements=dict(self.requirements),
            time_budget_minutes=self.time_budget_minutes,
            definition=f"{self.id}@{self.version}",
        )


def read_definition(path: Path) -> Definition:
    """The definition in a TOML file; AssessmentInvalid saying what is wrong and where."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AssessmentInvalid(
            f"cannot read {path}: {exc.strerror or exc}", field="file"
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AssessmentInvalid(f"{path} is not valid TOML: {exc}", field="file") from None
    try:
        return Definition.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: "
            + ("unknown field" if err["type"] == "extra_forbidden" else err["msg"])
            for err in exc.errors()
        )
        raise AssessmentInvalid(f"{path}: {problems}", field="file") from None


def load_definition(assessments: Assessments, *, tenant: str, path: Path) -> AssessmentView:
    """Create the tenant's assessment from a definition file."""
    definition = read_definition(path)
    try:
        return assessments.create(tenant=tenant, spec=definition.spec())
    except AssessmentInvalid as exc:
        raise AssessmentInvalid(f"{path}: {exc}", field=exc.field) from None
    except UnknownQuestion as exc:
        # The file names a question by `id`, where the API's body names it `question_id`.
        raise AssessmentInvalid(
            f"{path}: {str(exc).replace('.question_id:', '.id:')}", field="questions"
        ) from None
