"""Question format v1: the TOML manifest of a question directory, as pydantic models.

`kind` selects which kind-specific section the manifest carries: `[code]` for code questions
(optional, every field has a default), `[multiple_choice]` or `[text]` (required for theirs).
A section of another kind is an error that names it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

QUESTION_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$"
OPTION_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,31}$"
FILE_NAME_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"

Kind = Literal["code", "multiple_choice", "text"]
# The runner images a question can choose: each is a folder of runner_images/ (a test keeps
# the two in step). "torch" adds PyTorch (CPU) to everything "python" has.
Runner = Literal["python", "torch"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Limits(_Strict):
    """Resource limits a question asks for; the server caps each at its own maximum."""

    wall_seconds: float = Field(default=10.0, gt=0, le=600)
    cpu_seconds: float = Field(default=10.0, gt=0, le=600)
    memory_mb: int = Field(default=512, ge=64, le=16384)
    processes: int = Field(default=64, ge=8, le=4096)
    output_kb: int = Field(default=1024, ge=1)
    file_kb: int = Field(default=10240, ge=1)
    workdir_mb: int = Field(default=64, ge=1)
    truncate_output: bool = Field(
        default=False,
        description="Keep running past output_kb and truncate, instead of output_limit_exceeded.",
    )


class QuestionFiles(_Strict):
    """Paths of the question's files, relative to its directory."""

    prompt: str = "prompt.md"
    starter: str = "starter.py"
    solution: str = "solution.py"
    tests: str = "tests.py"


class StdinCase(_Strict):
    """One hidden run of a stdin-to-stdout program: its input and the output expected."""

    name: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    stdin: str = Field(max_length=1024 * 1024)
    expected: str = ""


class CodeSection(_Strict):
    """How a code question's answer is run, beyond running it once as a program."""

    seed: int = Field(default=0, ge=0, le=2**32 - 1)
    serve_calls: bool = Field(
        default=False,
        description="Keep the program alive after it ran, so tests can call its functions.",
    )
    stdin_cases: list[StdinCase] = Field(default_factory=list, max_length=64)
    files: list[str] = Field(default_factory=list, max_length=16)
    file_kb: int = Field(default=1024, ge=1, le=16384)

    @model_validator(mode="after")
    def _plain_names(self) -> CodeSection:
        import re

        for name in self.files:
            if not re.match(FILE_NAME_PATTERN, name) or name in (".", ".."):
                raise ValueError(f"files: {name!r} must be a plain file name in the work directory")
        names = [case.name for case in self.stdin_cases]
        if len(names) != len(set(names)):
            raise ValueError("stdin_cases: names must be unique")
        return self


class Option(_Strict):
    """One option of a multiple-choice question; its id is stable, so shuffling is safe."""

    id: str = Field(pattern=OPTION_ID_PATTERN)
    text: str = Field(min_length=1, max_length=2000)
    correct: bool = False
    feedback: str = ""


class MultipleChoiceSection(_Strict):
    """Options, which are correct, and how partial answers are scored."""

    options: list[Option] = Field(min_length=2, max_length=26)
    policy: Literal["all_or_nothing", "per_option"] = "all_or_nothing"
    shuffle: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> MultipleChoiceSection:
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError("options: ids must be unique")
        if not any(o.correct for o in self.options):
            raise ValueError("options: at least one option must be correct")
        if all(o.correct for o in self.options):
            # Choosing every option would then be the right answer: it must show no knowledge.
            raise ValueError("options: at least one option must be wrong")
        return self

    @property
    def multiple(self) -> bool:
        return sum(o.correct for o in self.options) > 1


class Concept(_Strict):
    """A concept a text answer should state, found by its terms, cues or patterns.

    Grammar of `cues` and what each field does: docs/authoring.md, "Text".
    """

    name: str = Field(min_length=1, max_length=100)
    points: float = Field(gt=0)
    required: bool = True
    description: str = Field(default="", max_length=2000)
    role: Literal["any", "cause", "remedy"] = Field(
        default="any",
        description="A 'cause' is not credited where the answer proposes it as a fix.",
    )
    synonyms: list[str] = Field(
        default_factory=list, description="Terms that name the concept ('class imbalance')."
    )
    cues: list[str] = Field(
        default_factory=list, description="The concept in plain words ('most & positive')."
    )
    patterns: list[str] = Field(default_factory=list)
    examples: list[str] = Field(
        default_factory=list, description="Sentences that must earn the concept (grader check)."
    )
    counterexamples: list[str] = Field(
        default_factory=list, description="Sentences that must not earn it (grader check)."
    )
    feedback: str = ""

    @model_validator(mode="after")
    def _findable(self) -> Concept:
        import re

        from grader.textmatch.cues import CueError, compile_cue

        if not self.synonyms and not self.cues and not self.patterns:
            raise ValueError(f"concept {self.name!r} needs at least one synonym, cue or pattern")
        for pattern in self.patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"concept {self.name!r}: bad pattern {pattern!r}: {exc}") from None
        for cue in [*self.synonyms, *self.cues]:
            try:
                compile_cue(cue)
            except CueError as exc:
                raise ValueError(f"concept {self.name!r}: {exc}") from None
        return self


class TextSection(_Strict):
    """The rubric of a free-text question."""

    concepts: list[Concept] = Field(min_length=1, max_length=64)
    review_below: float = Field(
        default=0.6,
        ge=0,
        le=1,
        description="Send the answer to review when it earned less than this fraction.",
    )
    min_confidence: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="Finalise a score automatically only when the grader is this confident.",
    )
    min_words: int = Field(default=5, ge=0)
    max_chars: int = Field(default=20000, ge=1)


class Manifest(_Strict):
    """The `question.toml` of one question."""

    format: Literal[1] = 1
    id: str = Field(pattern=QUESTION_ID_PATTERN)
    title: str = Field(min_length=1, max_length=200)
    kind: Kind = "code"
    language: Literal["python", "none"] = "python"
    runner: Runner = "python"
    points: float = Field(gt=0)
    skills: list[str] = Field(default_factory=list)
    files: QuestionFiles = Field(default_factory=QuestionFiles)
    limits: Limits = Field(default_factory=Limits)
    code: CodeSection | None = None
    multiple_choice: MultipleChoiceSection | None = None
    text: TextSection | None = None

    @model_validator(mode="after")
    def _section_of_its_kind(self) -> Manifest:
        for section in ("code", "multiple_choice", "text"):
            if section != self.kind and getattr(self, section) is not None:
                raise ValueError(f"[{section}] belongs to kind {section!r}, not {self.kind!r}")
        if self.kind == "code" and self.code is None:
            self.code = CodeSection()
        if self.kind == "multiple_choice" and self.multiple_choice is None:
            raise ValueError("kind 'multiple_choice' needs a [multiple_choice] section")
        if self.kind == "text":
            if self.text is None:
                raise ValueError("kind 'text' needs a [text] section")
            total = sum(c.points for c in self.text.concepts)
            if abs(total - self.points) > 1e-9:
                raise ValueError(
                    f"text.concepts: the concepts are worth {total:g} points, not {self.points:g}"
                )
        return self
