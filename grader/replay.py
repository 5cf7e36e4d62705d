"""Replay: grade exported submissions again and report what changed, submission by submission."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from grader.errors import GraderError, ReplayFileInvalid
from grader.results import GradingResult, TestResult

ERROR_VERDICTS = ("grader_error", "sandbox_error")

Direction = Literal["up", "down", "unchanged", "changed", "errored", "new"]


class ExportedSubmission(BaseModel):
    """One line of an export (`GET /v1/submissions/export`): a submission and its result."""

    model_config = ConfigDict(extra="ignore")

    id: str
    question_id: str
    code: str
    result: GradingResult | None = None

    def line(self) -> bytes:
        """This submission as one line of an export: JSON in ASCII, ending in a newline."""
        # json escapes what pydantic cannot encode: an answer may hold lone surrogates.
        text = json.dumps(self.model_dump(mode="json"), separators=(",", ":"))
        return text.encode("ascii") + b"\n"


class Change(BaseModel):
    """How one submission's grading differs between its previous result and a new grading.

    A replay and a regrade job classify and count their changes with the same functions.
    """

    id: str
    question_id: str
    direction: Direction = Field(
        description="up/down: the score moved; changed: same score, another verdict or test "
        "outcome; errored: newly a grader or sandbox error; new: no previous result."
    )
    old_score: float | None
    new_score: float | None = Field(
        description="Null when the new grading failed before it produced a result (a regrade "
        "job's failed submission); a replay reports such a failure as a grader error scoring 0."
    )
    max_score: float
    old_verdict: str | None
    new_verdict: str | None = Field(description="Null when `new_score` is.")
    tests_changed: list[str] = Field(default_factory=list)
    error: str | None = Field(default=None, description="Why the replay could not grade it.")


class ReplayReport(BaseModel):
    """Counts of each kind of change, and every submission whose grading changed."""

    total: int
    up: int
    down: int
    unchanged: int
    changed: int
    errored: int
    new: int
    changes: list[Change]


def _outcome(test: TestResult) -> tuple[str, float]:
    return test.status, test.score


def changed_tests(old: GradingResult, new: GradingResult) -> list[str]:
    """Names of the tests whose status or score differ, or that exist in only one result."""
    before = {t.name: _outcome(t) for t in old.tests}
    after = {t.name: _outcome(t) for t in new.tests}
    names = list(before) + [n for n in after if n not in before]
    return [n for n in names if before.get(n) != after.get(n)]


def compare(
    *, submission_id: str, question_id: str, old: GradingResult | None, new: GradingResult
) -> Change:
    """Classify the replayed result against the stored one."""
    tests: list[str] = []
    if old is None:
        direction: Direction = "new"
    elif new.verdict in ERROR_VERDICTS and old.verdict not in ERROR_VERDICTS:
        direction = "errored"
    elif new.score > old.score:
        direction = "up"
    elif new.score < old.score:
        direction = "down"
    else:
        tests = changed_tests(old, new)
        direction = "changed" if tests or new.verdict != old.verdict else "unchanged"
    if old is not None and not tests:
        tests = changed_tests(old, new)
    return Change(
        id=submission_id,
        question_id=question_id,
        direction=direction,
        old_score=None if old is None else old.score,
        new_score=new.score,
        max_score=new.max_score,
        old_verdict=None if old is None else old.verdict,
        new_verdict=new.verdict,
        tests_changed=tests,
    )


def failed_to_grade(item: ExportedSubmission, error: str) -> Change:
    """The change for a submission the replay could not grade at all (a fault of ours)."""
    old = item.result
    return Change(
        id=item.id,
        question_id=item.question_id,
        direction="errored" if old is None or old.verdict not in ERROR_VERDICTS else "unchanged",
        old_score=None if old is None else old.score,
        new_score=0.0,
        max_score=0.0 if old is None else old.max_score,
        old_verdict=None if old is None else old.verdict,
        new_verdict="grader_error",
        error=error,
    )


def summarise(changes: Sequence[Change]) -> ReplayReport:
    """Count the changes by direction; list all but the unchanged ones, in input order."""

    def count(direction: Direction) -> int:
        return sum(1 for c in changes if c.direction == direction)

    return ReplayReport(
        total=len(changes),
        up=count("up"),
        down=count("down"),
        unchanged=count("unchanged"),
        changed=count("changed"),
        errored=count("errored"),
        new=count("new"),
        changes=[c for c in changes if c.direction != "unchanged"],
    )


def _score(score: float | None, max_score: float) -> str:
    return "-" if score is None else f"{score:g}/{max_score:g}"


def format_report(report: ReplayReport) -> str:
    """The report for people: the counts, then one line per changed submission."""
    lines = [
        f"{report.total} submissions replayed: {report.up} up, {report.down} down, "
        f"{report.unchanged} unchanged, {report.changed} changed at the same score, "
        f"{report.errored} newly failing with grader or sandbox errors, "
        f"{report.new} without a previous result"
    ]
    for c in report.changes:
        verdicts = (
            c.new_verdict
            if c.old_verdict == c.new_verdict
            else f"{c.old_verdict or '-'} -> {c.new_verdict or '-'}"
        )
        tests = ", ".join(c.tests_changed) or "-"
        line = (
            f"{c.id}  {_score(c.old_score, c.max_score)} -> {_score(c.new_score, c.max_score)}"
            f"  {verdicts}  {tests}"
        )
        if c.error is not None:
            line += f"  ({c.error})"
        lines.append(line)
    return "\n".join(lines)


def read_export(path: Path) -> list[ExportedSubmission]:
    """The submissions of a JSON Lines export; ReplayFileInvalid names a malformed line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ReplayFileInvalid(f"cannot read {path}: {reason}") from None
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            # json.loads, not pydantic's parser: an answer may hold escaped lone surrogates.
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReplayFileInvalid(
                f"{path}:{number}: not JSON ({exc.msg} at column {exc.colno}); "
                "each line must be one exported submission"
            ) from None
        try:
            items.append(ExportedSubmission.model_validate(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(line)"
            raise ReplayFileInvalid(
                f"{path}:{number}: not an exported submission ({where}: {first['msg']}); "
                "export submissions with GET /v1/submissions/export"
            ) from None
    return items


def replay(
    items: Iterable[ExportedSubmission],
    *,
    grade: Callable[[ExportedSubmission], GradingResult],
    workers: int = 1,
) -> ReplayReport:
    """Grade every item again with `grade` (at most `workers` at a time) and compare."""

    def one(item: ExportedSubmission) -> Change:
        try:
            new = grade(item)
        except GraderError as exc:
            return failed_to_grade(item, str(exc))
        except Exception as exc:  # noqa: BLE001  (one broken grading must not sink the replay)
            return failed_to_grade(item, f"internal error: {type(exc).__name__}: {exc}")
        return compare(
            submission_id=item.id, question_id=item.question_id, old=item.result, new=new
        )

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        changes = list(pool.map(one, items))
    return summarise(changes)
