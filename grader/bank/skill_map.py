"""The bank's skill map: for each skill of the role's profile, the questions that measure it.

The profile (`profile.toml` at the bank's root) lists the skills an assessment of the role must
cover, each with the sentence of the role description it comes from. `render` writes the map
(docs/bank.md) from the profile and the manifests alone, so the page cannot drift from the bank;
`gaps` names every profile skill covered by fewer than two questions of different kinds.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from grader.bank.question import Bank, Question
from grader.errors import GraderError

PROFILE_NAME = "profile.toml"
KINDS = ("code", "multiple_choice", "text")
KIND_NAMES = {"code": "code", "multiple_choice": "multiple choice", "text": "text"}


class ProfileSkill(BaseModel):
    """One `[[skill]]` of the profile."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    description: str = Field(min_length=1)
    seed: str = Field(min_length=1)


class Profile(BaseModel):
    """The role's skill profile."""

    model_config = ConfigDict(extra="forbid")

    format: Literal[1]
    role: str = Field(min_length=1)
    skill: list[ProfileSkill] = Field(min_length=1)


def load_profile(bank_root: Path) -> Profile:
    """The profile at the bank's root, validated; errors name the file and the field."""
    path = bank_root / PROFILE_NAME
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GraderError(f"cannot read the skill profile {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise GraderError(f"{path} is not valid TOML: {exc}") from None
    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise GraderError(f"{path}: {problems}") from None
    ids = [s.id for s in profile.skill]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise GraderError(f"{path}: lists the skill {', '.join(repeated)} more than once")
    return profile


@dataclass(frozen=True)
class Coverage:
    """The questions of one profile skill."""

    skill: ProfileSkill
    questions: list[Question]

    @property
    def kinds(self) -> list[str]:
        present = {q.kind for q in self.questions}
        return [k for k in KINDS if k in present]


def coverage(bank: Bank, profile: Profile) -> list[Coverage]:
    """Each profile skill with the questions whose manifest lists it, by id."""
    questions = bank.all()
    return [Coverage(s, [q for q in questions if s.id in q.manifest.skills]) for s in profile.skill]


def gaps(bank: Bank, profile: Profile) -> list[str]:
    """A sentence per profile skill with fewer than two questions of different kinds."""
    found = []
    for c in coverage(bank, profile):
        if len(c.questions) < 2 or len(c.kinds) < 2:
            kinds = ", ".join(KIND_NAMES[k] for k in c.kinds) or "none"
            found.append(
                f"{c.skill.id}: {len(c.questions)} question(s) of kinds {kinds}; "
                "it needs at least two questions of different kinds"
            )
    return found


def render(bank: Bank, profile: Profile) -> str:
    """The skill map as Markdown: the page docs/bank.md holds."""
    covered = coverage(bank, profile)
    lines = [
        "# The bank's skill map",
        "",
        f"The skills of the role profile ({profile.role}) and the questions that measure",
        "each, with their kinds. Generated from `questions/profile.toml` and the questions'",
        "manifests by `grader bank map --output docs/bank.md`; a test fails when this page is not",
        "the generator's current output.",
        "",
        "| skill | questions | code | multiple choice | text |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in covered:
        counts = [sum(1 for q in c.questions if q.kind == k) for k in KINDS]
        lines.append(
            f"| {c.skill.id} | {len(c.questions)} | " + " | ".join(map(str, counts)) + " |"
        )
    for c in covered:
        lines += ["", f"## {c.skill.id}", "", c.skill.description, "", f"> {c.skill.seed}", ""]
        if not c.questions:
            lines.append("No question measures this skill yet.")
            continue
        lines += ["| question | kind | points | title |", "| --- | --- | --- | --- |"]
        for q in c.questions:
            lines.append(
                f"| `{q.id}` | {KIND_NAMES.get(q.kind, q.kind)} | {q.manifest.points:g} | "
                f"{q.manifest.title} |"
            )
    others = sorted(
        {s for q in bank.all() for s in q.manifest.skills} - {s.id for s in profile.skill}
    )
    lines += [
        "",
        "## Narrower skills",
        "",
        "Tags questions carry besides the profile's: " + ", ".join(f"`{s}`" for s in others) + ".",
        "",
    ]
    return "\n".join(lines)
