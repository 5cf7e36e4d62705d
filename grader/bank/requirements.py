"""A question's requirement table (`requirements.toml`): what the prompt asks, and which items
of the question check each requirement.

    [[requirement]]
    id = "title"                          # a short slug
    text = "The plot has a title."        # the prompt's requirement, quoted or paraphrased
    tests = ["title"]                     # the items that check it

The items are the question's hidden tests for code, its options (by id) for multiple choice and
its rubric concepts (by name) for text. `grader check` proves the table: every item belongs to
a requirement, every requirement names items that exist, and every requirement has a sample
(`violates = "title"` in samples.toml) that breaks it alone and loses points only on its items:
a test not passed, a concept not credited, an option decided wrongly (a correct one left out,
a wrong one chosen).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from grader.bank.question import Question
from grader.errors import QuestionInvalid
from grader.kinds.multiple_choice import mistakes, parse_selection
from grader.results import GradingResult

REQUIREMENTS_NAME = "requirements.toml"
SLUG = r"^[a-z0-9][a-z0-9_-]*$"
ITEM_NOUNS = {"code": "test", "multiple_choice": "option", "text": "concept"}


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

    def problems(self, known_items: Iterable[str], noun: str) -> list[str]:
        """How the table disagrees with the items (`noun`s) the question really has."""
        known = set(known_items)
        found = []
        for requirement in self.items:
            unknown = [t for t in requirement.tests if t not in known]
            if unknown:
                found.append(
                    f"requirement {requirement.id!r} names "
                    f"{_plural(len(unknown), f'unknown {noun}')} "
                    f"{', '.join(map(repr, unknown))} "
                    f"(the question's {noun}s are {', '.join(map(repr, sorted(known))) or 'none'})"
                )
        orphans = sorted(known - self.tests())
        if orphans:
            found.append(
                f"{_plural(len(orphans), noun)} {', '.join(map(repr, orphans))} "
                f"{'belongs' if len(orphans) == 1 else 'belong'} to no requirement: add "
                f"{'it' if len(orphans) == 1 else 'them'} to the requirement "
                f"{'it checks' if len(orphans) == 1 else 'they check'} in {REQUIREMENTS_NAME}"
            )
        return found


def item_noun(question: Question) -> str:
    """What a requirement's `tests` name for this question's kind: test, option or concept."""
    return ITEM_NOUNS[question.manifest.kind]


def declared_items(question: Question) -> set[str] | None:
    """The items the manifest declares: option ids, concept names; None for code.

    A code question's tests are known only from a grading (the reference's result).
    """
    manifest = question.manifest
    if manifest.multiple_choice is not None:
        return {o.id for o in manifest.multiple_choice.options}
    if manifest.text is not None:
        return {c.name for c in manifest.text.concepts}
    return None


def lost_items(question: Question, answer: str, result: GradingResult) -> list[str]:
    """The items on which an answer loses points, in the question's order.

    Tests (and concepts, which a text result reports as tests) not passed in full; for
    multiple choice, the options the answer decides wrongly, read as the grader reads it.
    """
    section = question.manifest.multiple_choice
    if section is not None:
        return mistakes(section, parse_selection(answer))
    return [t.name for t in result.tests if t.status != "passed" or t.score < t.max_score]


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
