"""Question format v1: the TOML manifest of a question directory, as pydantic models."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

QUESTION_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$"


class Limits(BaseModel):
    """Resource limits a question asks for; the server caps each at its own maximum."""

    model_config = ConfigDict(extra="forbid")

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


class QuestionFiles(BaseModel):
    """Paths of the question's files, relative to its directory."""

    model_config = ConfigDict(extra="forbid")

    prompt: str = "prompt.md"
    starter: str = "starter.py"
    solution: str = "solution.py"
    tests: str = "tests.py"


class Manifest(BaseModel):
    """The `question.toml` of one question."""

    model_config = ConfigDict(extra="forbid")

    format: Literal[1] = 1
    id: str = Field(pattern=QUESTION_ID_PATTERN)
    title: str = Field(min_length=1, max_length=200)
    kind: Literal["code"] = "code"
    language: Literal["python"] = "python"
    runner: Literal["python"] = "python"
    points: float = Field(gt=0)
    skills: list[str] = Field(default_factory=list)
    files: QuestionFiles = Field(default_factory=QuestionFiles)
    limits: Limits = Field(default_factory=Limits)
