"""A loaded question: its manifest, files, content version and public view."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

from pydantic import BaseModel, Field, ValidationError

from grader.bank.manifest import Limits, Manifest, MultipleChoiceSection
from grader.errors import QuestionInvalid, QuestionNotFound

MANIFEST_NAME = "question.toml"


class OptionPublic(BaseModel):
    """A multiple-choice option as the candidate sees it: never whether it is correct."""

    id: str
    text: str


class _QuestionPublicBase(BaseModel):
    """What every kind shows: never tests, solution or rubric."""

    id: str
    version: str
    title: str
    kind: str
    points: float
    skills: list[str]
    prompt: str


class CodeQuestionPublic(_QuestionPublicBase):
    """A code question as a candidate or platform sees it: its language, starter and limits."""

    kind: Literal["code"]
    language: str
    starter: str
    limits: Limits


class MultipleChoiceQuestionPublic(_QuestionPublicBase):
    """A multiple-choice question: its options (never which are correct), one or several."""

    kind: Literal["multiple_choice"]
    options: list[OptionPublic]
    multiple: bool


class TextQuestionPublic(_QuestionPublicBase):
    """A text question: a written answer to its prompt."""

    kind: Literal["text"]


# The public view of a question, by its kind: each carries only the fields that apply to it.
PublicView = CodeQuestionPublic | MultipleChoiceQuestionPublic | TextQuestionPublic
QuestionPublic = Annotated[PublicView, Field(discriminator="kind")]


def shuffled_options(section: MultipleChoiceSection, seed: str) -> list[OptionPublic]:
    """The options in an order fixed by `seed` (e.g. an attempt id); ids keep their meaning."""
    options = [OptionPublic(id=o.id, text=o.text) for o in section.options]
    if section.shuffle:
        return sorted(options, key=lambda o: hashlib.sha256(f"{seed}:{o.id}".encode()).digest())
    return options


@dataclass(frozen=True)
class Question:
    """A question read from its directory."""

    directory: Path
    manifest: Manifest
    prompt: str
    starter: str
    solution: str
    tests: str
    version: str

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def kind(self) -> str:
        return self.manifest.kind

    def public(self, shuffle_seed: str = "") -> PublicView:
        """The view for candidates and platforms, with the fields of the question's kind."""
        m = self.manifest
        shown: dict[str, object] = {
            "id": m.id,
            "version": self.version,
            "title": m.title,
            "points": m.points,
            "skills": list(m.skills),
            "prompt": self.prompt,
        }
        if m.multiple_choice is not None:
            options = shuffled_options(m.multiple_choice, shuffle_seed or m.id)
            return MultipleChoiceQuestionPublic.model_validate(
                {
                    **shown,
                    "kind": "multiple_choice",
                    "options": options,
                    "multiple": m.multiple_choice.multiple,
                }
            )
        if m.kind == "text":
            return TextQuestionPublic.model_validate({**shown, "kind": "text"})
        return CodeQuestionPublic.model_validate(
            {
                **shown,
                "kind": "code",
                "language": m.language,
                "starter": self.starter,
                "limits": m.limits,
            }
        )


def question_files(directory: Path) -> dict[str, bytes]:
    """Every file of the question directory by its relative POSIX name (no __pycache__)."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(p for p in directory.rglob("*") if p.is_file())
        if "__pycache__" not in path.relative_to(directory).parts
    }


def files_version(files: dict[str, bytes]) -> str:
    """A hash of the files' names and contents: the question's content version."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(files[name]).digest())
    return digest.hexdigest()[:16]


def content_version(directory: Path) -> str:
    """A hash of every file in the question directory, names included."""
    return files_version(question_files(directory))


def _read(directory: Path, name: str, field: str) -> str:
    path = directory / name
    if not path.resolve().is_relative_to(directory.resolve()):
        raise QuestionInvalid(
            f"{directory / MANIFEST_NAME}: files.{field} points outside the question"
        )
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuestionInvalid(
            f"{directory / MANIFEST_NAME}: files.{field} names {name!r}, which does not exist"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionInvalid(f"{path}: cannot be read as UTF-8 text ({exc})") from None


def load_question(directory: Path) -> Question:
    """Load and validate the question in `directory`."""
    manifest_path = directory / MANIFEST_NAME
    if not manifest_path.is_file():
        raise QuestionNotFound(f"{directory} is not a question directory (no {MANIFEST_NAME})")
    try:
        raw = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise QuestionInvalid(f"{manifest_path}: not valid TOML ({exc})") from None
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise QuestionInvalid(f"{manifest_path}: {problems}") from None
    if manifest.id != directory.name:
        raise QuestionInvalid(
            f"{manifest_path}: id {manifest.id!r} must match the directory name {directory.name!r}"
        )
    files = manifest.files
    code = manifest.kind == "code"
    # Multiple-choice and text questions are data: no starter or tests; a text question's
    # model answer (its `solution`) is optional and only used by `grader check`.
    solution = ""
    if code or (directory / files.solution).is_file():
        solution = _read(directory, files.solution, "solution")
    return Question(
        directory=directory,
        manifest=manifest,
        prompt=_read(directory, files.prompt, "prompt"),
        starter=_read(directory, files.starter, "starter") if code else "",
        solution=solution,
        tests=_read(directory, files.tests, "tests") if code else "",
        version=content_version(directory),
    )


def _member(files: dict[str, bytes], origin: str, name: str, field: str) -> str:
    try:
        return files[PurePosixPath(name).as_posix()].decode("utf-8")
    except KeyError:
        raise QuestionInvalid(
            f"{origin}: files.{field} names {name!r}, which is not in the snapshot"
        ) from None
    except UnicodeDecodeError as exc:
        raise QuestionInvalid(f"{origin}/{name}: cannot be read as UTF-8 text ({exc})") from None


def question_from_files(files: dict[str, bytes], *, origin: str) -> Question:
    """A question built from its files held in memory (a stored snapshot of a version).

    `origin` names the snapshot in messages and stands in for the directory, which does not
    exist on disk.
    """
    if MANIFEST_NAME not in files:
        raise QuestionInvalid(f"{origin}: the snapshot has no {MANIFEST_NAME}")
    try:
        raw = tomllib.loads(files[MANIFEST_NAME].decode("utf-8"))
        manifest = Manifest.model_validate(raw)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValidationError) as exc:
        raise QuestionInvalid(f"{origin}/{MANIFEST_NAME}: not a valid manifest ({exc})") from None
    names = manifest.files
    code = manifest.kind == "code"
    solution = ""
    if code or PurePosixPath(names.solution).as_posix() in files:
        solution = _member(files, origin, names.solution, "solution")
    return Question(
        directory=Path(origin),
        manifest=manifest,
        prompt=_member(files, origin, names.prompt, "prompt"),
        starter=_member(files, origin, names.starter, "starter") if code else "",
        solution=solution,
        tests=_member(files, origin, names.tests, "tests") if code else "",
        version=files_version(files),
    )


class Bank:
    """The questions under one directory, found by id."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if (p / MANIFEST_NAME).is_file())

    def get(self, question_id: str) -> Question:
        if not question_id or "/" in question_id or question_id.startswith("."):
            raise QuestionNotFound(f"there is no question {question_id!r} in the bank")
        directory = self.root / question_id
        if not (directory / MANIFEST_NAME).is_file():
            raise QuestionNotFound(
                f"there is no question {question_id!r} in the bank at {self.root}"
            )
        return load_question(directory)

    def all(self) -> list[Question]:
        return [self.get(qid) for qid in self.ids()]

    def resolve(self, reference: str) -> Question:
        """A bank id, or a path to a question directory."""
        path = Path(reference)
        if (path / MANIFEST_NAME).is_file():
            return load_question(path)
        if "/" in reference or reference in (".", ".."):
            raise QuestionNotFound(f"{reference} is not a question directory (no {MANIFEST_NAME})")
        return self.get(reference)
