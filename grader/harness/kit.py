"""The authoring kit: how a question's hidden tests declare themselves and report a score.

A hidden test is a plain function decorated with `@test`. Its parameters name the fixtures it
needs (`run`, `figures`, `stdout`, `stderr`, `code`, `reference`, `artifacts`); it returns a
fraction of its points (`True`/`False`, a float in [0, 1]) or a `Score`, or raises `Fail` with
a message for the candidate. Any other exception is a fault of the test, reported as a grader
error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from grader.harness.figures import FigureSet

Visibility = Literal["visible", "hidden", "after_due"]


class Fail(Exception):
    """Raised by a hidden test to award no points, with a message for the candidate."""


@dataclass(frozen=True)
class Score:
    """A test's result: a fraction of its points and a message for the candidate."""

    fraction: float
    message: str = ""


@dataclass(frozen=True)
class TestSpec:
    """A registered hidden test."""

    name: str
    points: float
    func: Callable[..., Any]
    visibility: Visibility
    feedback: str
    seconds: float
    skills: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    """What the supervisor observed of the candidate's run; trusted, not forgeable."""

    exit_code: int | None
    signal: int | None
    timed_out: str | None
    oom_killed: bool
    output_exceeded: bool
    syntax_error: str | None

    @property
    def completed(self) -> bool:
        """The program ended by itself with status 0 within its limits."""
        return (
            self.exit_code == 0
            and self.signal is None
            and self.timed_out is None
            and not self.oom_killed
            and not self.output_exceeded
        )


ARTIFACT_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,50}\.png$")
MAX_ARTIFACTS = 16
MAX_ARTIFACT_BYTES = 4 * 1024 * 1024


@dataclass
class Artifacts:
    """PNG images the hidden tests attach to the result, such as a pixel check's diff image."""

    items: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """name -> (the test that made it, PNG bytes)."""
    test: str = ""
    """The test now running; the runner sets it."""

    def add(self, name: str, png: bytes) -> str:
        """Attach `png` as `name` (lower-case, ending .png); returns the name."""
        if not ARTIFACT_NAME.match(name):
            raise ValueError(f"artifact name {name!r} is not lower-case letters, digits and .png")
        if not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) > MAX_ARTIFACT_BYTES:
            raise ValueError(
                f"artifact {name!r} is not a PNG of at most {MAX_ARTIFACT_BYTES} bytes"
            )
        if name not in self.items and len(self.items) >= MAX_ARTIFACTS:
            raise ValueError(f"at most {MAX_ARTIFACTS} artifacts can be attached")
        self.items[name] = (self.test, png)
        return name


@dataclass(frozen=True)
class Context:
    """Everything a hidden test can ask for by parameter name."""

    run: Run
    figures: FigureSet
    stdout: str
    stderr: str
    code: str
    reference: FigureSet = field(default_factory=lambda: FigureSet([]))
    """The reference solution's figures, rendered in the same sandbox; empty unless a test
    asks for this fixture (see grading.needs_reference)."""
    artifacts: Artifacts = field(default_factory=Artifacts)

    def fixtures(self) -> dict[str, Any]:
        return {
            "run": self.run,
            "figures": self.figures,
            "stdout": self.stdout,
            "stderr": self.stderr,
            "code": self.code,
            "reference": self.reference,
            "artifacts": self.artifacts,
        }


_registry: list[TestSpec] = []


def test(
    *,
    points: float,
    name: str | None = None,
    visibility: Visibility = "visible",
    feedback: str = "",
    seconds: float = 10.0,
    skills: tuple[str, ...] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a hidden test worth `points`."""
    if points <= 0:
        raise ValueError("a test must be worth more than 0 points")

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        _registry.append(
            TestSpec(
                name=name or func.__name__,
                points=float(points),
                func=func,
                visibility=visibility,
                feedback=feedback,
                seconds=seconds,
                skills=tuple(skills),
            )
        )
        return func

    return register


# Tell pytest not to collect the decorator itself when authors run their tests locally.
test.__test__ = False  # type: ignore[attr-defined]


def take_registered() -> list[TestSpec]:
    """The tests registered since the last call, in definition order."""
    taken = list(_registry)
    _registry.clear()
    return taken
