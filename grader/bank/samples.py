"""A question's sample answers (`samples.toml`): what each must score, for `grader check`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from grader.bank.question import Question
from grader.errors import QuestionInvalid
from grader.results import Verdict

SAMPLES_NAME = "samples.toml"


class SampleSpec(BaseModel):
    """One `[[sample]]`: an answer (a file, or inline text) and the result it must get."""

    model_config = ConfigDict(extra="forbid")

    file: str | None = None
    answer: str | None = None
    score: float = Field(ge=0)
    verdict: Verdict
    needs_review: bool | None = None
    violates: str | None = Field(
        default=None,
        description="The one requirement (an id of requirements.toml) this answer breaks.",
    )

    @model_validator(mode="after")
    def _one_answer(self) -> SampleSpec:
        if (self.file is None) == (self.answer is None):
            raise ValueError("give exactly one of file and answer")
        return self


class SamplesFile(BaseModel):
    """The whole `samples.toml`."""

    model_config = ConfigDict(extra="forbid")

    sample: list[SampleSpec] = Field(default_factory=list)


@dataclass(frozen=True)
class Sample:
    """A sample answer ready to grade."""

    name: str
    answer: str
    spec: SampleSpec


def load_samples(question: Question) -> list[Sample] | None:
    """The question's samples; None when it has no samples.toml."""
    path = question.directory / SAMPLES_NAME
    if not path.is_file():
        return None
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        parsed = SamplesFile.model_validate(raw)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise QuestionInvalid(f"{path}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise QuestionInvalid(f"{path}: {problems}") from None
    samples = []
    for index, spec in enumerate(parsed.sample):
        if spec.file is not None:
            file = question.directory / spec.file
            if not file.resolve().is_relative_to(question.directory.resolve()):
                raise QuestionInvalid(f"{path}: sample.{index}.file points outside the question")
            try:
                text = Path(file).read_bytes().decode("utf-8", errors="surrogateescape")
            except OSError:
                raise QuestionInvalid(
                    f"{path}: sample.{index}.file names {spec.file!r}, which cannot be read"
                ) from None
            samples.append(Sample(name=spec.file, answer=text, spec=spec))
        else:
            shown = (spec.answer or "").replace("\n", " ")
            label = shown if len(shown) <= 40 else shown[:37] + "..."
            samples.append(Sample(name=f"answer {label!r}", answer=spec.answer or "", spec=spec))
    return samples
