"""A question's requirement table (`requirements.toml`): what the prompt asks, and which hidden
tests check each requirement.

    [[requirement]]
    id = "title"                          # a short slug
    text = "The plot has a title."        # the prompt's requirement, quoted or paraphrased
    tests = ["title"]                     # the hidden tests that check it

`grader check` proves the table: every test belongs to a requirement, every requirement names
tests that exist, and every requirement has a sample (`violates = "title"` in samples.toml)
that breaks it alone and loses points only on its tests.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from grader.bank.question import Question
from grader.errors import QuestionInvalid

REQUIREMENTS_NAME = "requirements.toml"
SLUG = r"^[a-z0-9][a-z0-9_-]*$"


class Requirement(BaseModel):
    """One `[[requirement]]` of the table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SLUG, max_length=64)
    text: str = Field(min_length=1)
    tests: list[str] = Field(min_length=1)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("say what the prompt requires")
        return value

    @field_validator("tests")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        repeated = sorted({t for t in value if value.count(t) > 1})
        if repeated:
            raise ValueError(f"names {', '.join(repeated)} more than once")
        return value


class RequirementsFile(BaseModel):
    """The whole `requirements.toml`."""

    model_config = ConfigDict(extra="forbid")

    requirement: list[Requirement] = Field(min_length=1)


@dataclass(frozen=True)
class Requirements:
    """A question's requirements, in the order of the table."""

    items: tuple[Requirement, ...]

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.items]

    def get(self, requirement_id: str) -> Requirement | None:
        return next((r for r in self.items if r.id == requirement_id), None)

    def tests(self) -> set[str]:
        return {t for r in self.items for t in r.tests}

    def problems(self, known_tests: Iterable[str]) -> list[str]:
        """How the table disagrees with the tests the question really has."""
        known = set(known_tests)
        found = []
        for requirement in self.items:
            unknown = [t for t in requirement.tests if t not in known]
            if unknown:
                found.append(
                    f"requirement {requirement.id!r} names "
                    f"{_plural(len(unknown), 'unknown test')} {', '.join(map(repr, unknown))} "
                    f"(the question's tests are {', '.join(sorted(known)) or 'none'})"
                )
        orphans = sorted(known - self.tests())
        if orphans:
            found.append(
                f"{_plural(len(orphans), 'test')} {', '.join(map(repr, orphans))} "
                f"{'belongs' if len(orphans) == 1 else 'belong'} to no requirement: add "
                f"{'it' if len(orphans) == 1 else 'them'} to the requirement "
                f"{'it checks' if len(orphans) == 1 else 'they check'} in {REQUIREMENTS_NAME}"
            )
        return found


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"


def load_requirements(question: Question) -> Requirements | None:
    """The question's requirement table; None when it has no requirements.toml."""
    path = question.directory / REQUIREMENTS_NAME
    if not path.is_file():
        return None
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        parsed = RequirementsFile.model_validate(raw)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise QuestionInvalid(f"{path}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise QuestionInvalid(f"{path}: {problems}") from None
    ids = [r.id for r in parsed.requirement]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise QuestionInvalid(
            f"{path}: requirement ids must be distinct; {', '.join(map(repr, repeated))} "
            "is used more than once"
        )
    return Requirements(tuple(parsed.requirement))
