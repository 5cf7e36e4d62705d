"""The authoring kit: how a question's hidden tests declare themselves and report a score.

A hidden test is a plain function decorated with `@test`. Its parameters name the fixtures it
needs (`run`, `figures`, `stdout`, `stderr`, `code`, `candidate`, `reference`, `cases`, `files`,
`seed`, `reference_figures`, `artifacts`); it returns a fraction of its points (`True`/`False`,
a float in [0, 1]) or a `Score`, or raises `Fail` with a message for the candidate. Any other
exception is a fault of the test, reported as a grader error. Tests run one by one; one failing
never stops the others.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from grader.authoring.figures.figure_set import FigureSet
from grader.runner import protocol

Visibility = Literal["visible", "hidden", "after_due"]


class Fail(Exception):
    """Raised by a hidden test to award no points, with a message for the candidate."""


class CallFailed(Fail):
    """A call into the candidate's process failed on the candidate's side (timeout, crash)."""


class CallTimedOut(CallFailed):
    """A call into the candidate's process did not return (or was not taken) in its time.

    A timed test treats it as "too slow", like a call that returned past its bound: whether a
    slow answer ends one way or the other depends on the machine's load, and grading the same
    answer twice must give the same result.
    """


class CandidateError(Fail):
    """The candidate's function raised an exception; its type name, bases and message."""

    def __init__(self, type_name: str, message: str, mro: list[str], what: str) -> None:
        said = f": {message}" if message.strip() else ""
        stop = "" if said.rstrip().endswith((".", "!", "?")) else "."
        super().__init__(f"{what} raised {type_name}{said[:600]}{stop}")
        self.type_name = type_name
        self.message = message
        self.mro = mro or [type_name]

    def is_a(self, expected: type[BaseException] | str) -> bool:
        """Whether the exception is `expected` or a subclass of it, by class name."""
        name = expected if isinstance(expected, str) else expected.__name__
        return name in self.mro


def expect_raises(
    expected: type[BaseException] | str, func: Callable[..., Any], *args: Any, **kwargs: Any
) -> Score:
    """Call `func` (a candidate proxy or a reference function) and expect it to raise."""
    name = expected if isinstance(expected, str) else expected.__name__
    try:
        func(*args, **kwargs)
    except CandidateError as error:
        if error.is_a(expected):
            return Score(1.0, f"It raises {name} as required.")
        raise Fail(f"It raised {error.type_name}, not {name}.") from None
    except CallFailed:
        raise
    except Exception as error:  # noqa: BLE001  (a reference function's own exception)
        if isinstance(expected, str) and expected in [c.__name__ for c in type(error).__mro__]:
            return Score(1.0, f"It raises {name} as required.")
        if not isinstance(expected, str) and isinstance(error, expected):
            return Score(1.0, f"It raises {name} as required.")
        raise Fail(f"It raised {type(error).__name__}, not {name}.") from None
    raise Fail(f"It returned normally instead of raising {name}.")


@dataclass(frozen=True)
class Score:
    """A test's result: a fraction of its points and a message for the candidate."""

    fraction: float
    message: str = ""


def visible_with_variants(
    visible: Score | bool | float,
    variants: Sequence[Score | bool | float],
    *,
    what: str = "the visible example",
) -> Score:
    """The points of a visible example (the prompt's example, the data set the candidate
    sees) only together with hidden variants of it, so an answer that prints or returns the
    visible answer typed by hand earns nothing.

    `visible` is how the answer did on the visible example; `variants` how it did on hidden
    inputs of the same shape. The score is the smaller of the visible fraction and the mean
    of the variants' fractions, so a mistake made on both is charged once.
    """
    if not variants:
        raise ValueError("visible_with_variants needs at least one hidden variant")
    shown = _fraction(visible)
    hidden = sum(_fraction(v) for v in variants) / len(variants)
    if shown <= 0:
        message = visible.message if isinstance(visible, Score) and visible.message else ""
        raise Fail(message or f"The answer to {what} is wrong.")
    if hidden <= 0:
        raise Fail(
            f"The answer to {what} is right, but not to hidden variants of it: the answer "
            "must be computed from the input, not typed in."
        )
    score = min(shown, hidden)
    if score >= 1:
        return Score(1.0, f"The answer to {what} and to hidden variants of it is right.")
    return Score(score, f"The answer to {what} is right only in part, or only for some variants.")


def _fraction(value: Score | bool | float) -> float:
    if isinstance(value, Score):
        return min(max(float(value.fraction), 0.0), 1.0)
    return min(max(float(value), 0.0), 1.0)


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


# How attached PNGs are named and how many there may be: the protocol's rules, which the
# service applies again when it stores them.
ARTIFACT_NAME = protocol.ARTIFACT_NAME
MAX_ARTIFACTS = protocol.MAX_ARTIFACTS
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
        if not png.startswith(protocol.PNG_MAGIC) or len(png) > MAX_ARTIFACT_BYTES:
            raise ValueError(
                f"artifact {name!r} is not a PNG of at most {MAX_ARTIFACT_BYTES} bytes"
            )
        if name not in self.items and len(self.items) >= MAX_ARTIFACTS:
            raise ValueError(f"at most {MAX_ARTIFACTS} artifacts can be attached")
        self.items[name] = (self.test, png)
        return name


@dataclass(frozen=True)
class Case:
    """One stdin case of a stdin-to-stdout program: its input, expected output and run."""

    name: str
    stdin: str
    expected: str
    run: Run
    stdout: str
    stderr: str

    def output_matches(self, **options: Any) -> bool:
        """Whether the program printed the expected output; options as for `compare_output`."""
        return compare_output(self.stdout, self.expected, **options)


_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|nan)$", re.IGNORECASE)


def compare_output(
    actual: str,
    expected: str,
    *,
    whitespace: Literal["exact", "trailing", "collapse"] = "trailing",
    case: bool = True,
    float_tolerance: float | None = None,
    ordered: bool = True,
) -> bool:
    """Compare printed output with the expected text.

    `whitespace`: "exact" compares as is; "trailing" ignores trailing spaces on each line and
    blank lines at the end; "collapse" also treats any run of spaces and tabs as one space.
    `case=False` ignores letter case. `float_tolerance` compares numeric tokens with this
    relative and absolute tolerance. `ordered=False` accepts the lines in any order.
    """
    if whitespace == "exact" and case and float_tolerance is None and ordered:
        return actual == expected

    def lines(text: str) -> list[str]:
        if not case:
            text = text.lower()
        if whitespace == "exact":
            return text.split("\n")
        rows = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
        if whitespace == "collapse":
            rows = [" ".join(line.split()) for line in rows]
        while rows and not rows[-1]:
            rows.pop()
        return rows

    got, want = lines(actual), lines(expected)
    if not ordered:
        got, want = sorted(got), sorted(want)
    if len(got) != len(want):
        return False
    return all(_line_equal(g, w, float_tolerance) for g, w in zip(got, want, strict=True))


def _line_equal(got: str, want: str, tolerance: float | None) -> bool:
    if tolerance is None or got == want:
        return got == want
    got_tokens, want_tokens = got.split(), want.split()
    if len(got_tokens) != len(want_tokens):
        return False
    for g, w in zip(got_tokens, want_tokens, strict=True):
        if _NUMBER.match(g) and _NUMBER.match(w):
            if not math.isclose(float(g), float(w), rel_tol=tolerance, abs_tol=tolerance):
                return False
        elif g != w:
            return False
    return True


@dataclass(frozen=True)
class WrittenFile:
    """A file the program wrote in its work directory: its bytes, or why there are none."""

    name: str
    data: bytes | None
    truncated: bool = False
    error: str | None = None

    def text(self) -> str:
        """The file as UTF-8 text; Fail when it is missing."""
        if self.data is None:
            raise Fail(f"The program did not write {self.name} ({self.error or 'missing'}).")
        return self.data.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Context:
    """Everything a hidden test can ask for by parameter name."""

    run: Run
    figures: FigureSet
    stdout: str
    stderr: str
    code: str
    reference_figures: FigureSet = field(default_factory=lambda: FigureSet([]))
    """The reference solution's figures, rendered in the same sandbox; empty unless a test
    asks for this fixture (see grading.needs_reference_figures)."""
    artifacts: Artifacts = field(default_factory=Artifacts)
    extra: dict[str, Any] = field(default_factory=dict)

    def fixtures(self) -> dict[str, Any]:
        return {
            "run": self.run,
            "figures": self.figures,
            "stdout": self.stdout,
            "stderr": self.stderr,
            "code": self.code,
            "reference_figures": self.reference_figures,
            "artifacts": self.artifacts,
            **self.extra,
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
