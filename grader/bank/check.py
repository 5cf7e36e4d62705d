"""`grader check`: prove a bank is sound before it ships.

For every question: the manifest and files load; the public view holds nothing hidden; a text
rubric's concepts earn their examples and none of their counterexamples; the reference earns
full marks; every sample earns exactly its expected score and verdict; every
grading gives the same result twice; the requirement table (requirements.toml) names every
item of the question (hidden test, option or rubric concept), and every requirement has a
sample that breaks it alone, losing points only on that requirement's items. Warnings (never
failures): a reference run that uses more than half of a limit, a question without samples,
`TODO(author)` markers left in its files. A question of any kind without requirements.toml
fails. Code answers are graded through the sandbox like any candidate's.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

from grader import units
from grader.bank.manifest import TextSection
from grader.bank.question import MANIFEST_NAME, Question, load_question
from grader.bank.requirements import (
    REQUIREMENTS_NAME,
    Requirements,
    declared_items,
    item_noun,
    load_requirements,
    lost_items,
)
from grader.bank.samples import Sample, load_samples
from grader.errors import GraderError
from grader.kinds.multiple_choice import reference_answer as correct_options
from grader.results import Graded, GradingResult

TODO_MARKER = "TODO(author)"


def missing_requirements(noun: str) -> str:
    """Why a question without a requirement table fails, for items called `noun`."""
    return (
        f"no {REQUIREMENTS_NAME}: list each requirement of the prompt with the {noun}s that "
        "check it, and add a sample that violates each one"
    )


GradeFn = Callable[[Question, str], Graded]
Status = Literal["passed", "failed"]


@dataclass
class Check:
    """One named check of one question, with why it failed."""

    question: str
    name: str
    status: Status = "passed"
    message: str = ""
    seconds: float = 0.0


@dataclass
class QuestionReport:
    """The checks and warnings of one question."""

    question: str
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.status == "failed"]


@dataclass
class BankReport:
    """The reports of every question checked."""

    questions: list[QuestionReport]

    @property
    def ok(self) -> bool:
        return bool(self.questions) and not any(q.failed for q in self.questions)


def question_dirs(root: Path, only: str | None = None) -> list[Path]:
    """The question directories under `root`, or `root` itself when it is one."""
    if (root / MANIFEST_NAME).is_file():
        # Resolved, so that `grader check .` inside a question knows its name.
        dirs = [root.resolve()]
    else:
        dirs = sorted(p for p in root.iterdir() if (p / MANIFEST_NAME).is_file())
    if only is not None:
        dirs = [d for d in dirs if d.name == only]
    return dirs


def _comparable(result: GradingResult) -> str:
    """The result without what may differ between two runs of the same answer."""
    data = result.model_dump(mode="json")
    data.pop("resources", None)
    data["provenance"].pop("runner_image_id", None)
    return json.dumps(data, sort_keys=True)


def _describe(result: GradingResult) -> str:
    return f"{result.score:g}/{result.max_score:g} {result.verdict}"


def _hidden_texts(question: Question) -> list[str]:
    """Snippets that must never appear in the public view."""
    shared = question.prompt + "\n" + question.starter
    texts: list[str] = []
    for source in (question.tests, question.solution):
        for line in source.splitlines():
            line = line.strip()
            if len(line) > 20 and line not in shared:
                texts.append(line)
    m = question.manifest
    if m.multiple_choice is not None:
        texts += [o.feedback for o in m.multiple_choice.options if o.feedback]
    if m.text is not None:
        for concept in m.text.concepts:
            texts += [concept.name, concept.description, *concept.patterns]
            texts += [*concept.examples, *concept.counterexamples]
            texts += [f'"{s}"' for s in [*concept.synonyms, *concept.cues]]
    if m.code is not None:
        for case in m.code.stdin_cases:
            texts += [t for t in (case.stdin.strip(), case.expected.strip()) if len(t) > 8]
    return texts


def check_public_view(question: Question) -> str | None:
    """Why the public view leaks something hidden, or None."""
    public = question.public()
    dumped = public.model_dump_json()
    for text in _hidden_texts(question):
        if text and json.dumps(text)[1:-1] in dumped and text not in question.prompt:
            return f"the public view contains hidden text {text[:60]!r}"
    if question.manifest.multiple_choice is not None and '"correct"' in dumped:
        return "the public view says which options are correct"
    return None


def check_rubric_examples(question: Question, section: TextSection) -> Check:
    """Every concept earns its examples and none of its counterexamples."""
    from grader.kinds.text.examples import problems

    found = problems(section, question.prompt)
    return Check(question.id, "rubric examples", "failed" if found else "passed", "; ".join(found))


def todo_warnings(question: Question) -> list[str]:
    """Where TODO(author) markers were left in the question's files."""
    found = []
    for path in sorted(p for p in question.directory.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if TODO_MARKER in line:
                relative = path.relative_to(question.directory)
                found.append(f"{relative}:{number}: {line.strip()[:80]}")
    return found


def limit_warnings(question: Question, result: GradingResult) -> list[str]:
    """Resources of the reference's run that come close to the question's limits."""
    if question.manifest.kind != "code":
        return []
    limits = question.manifest.limits
    used = result.resources
    warnings = []
    # What the wall-clock limit charges: not the time the run waited for a CPU others held.
    charged = used.wall_ms - used.cpu_wait_ms
    if charged > limits.wall_seconds * 500:
        waited = (
            f" (not counting {units.duration(used.cpu_wait_ms)} waiting for a CPU)"
            if used.cpu_wait_ms
            else ""
        )
        warnings.append(
            f"the reference ran {units.duration(charged)}{waited}, more than half its "
            f"wall-clock limit of {limits.wall_seconds:g} s"
        )
    if used.cpu_ms > limits.cpu_seconds * 500:
        warnings.append(
            f"the reference used {units.duration(used.cpu_ms)} of CPU, more than half its limit "
            f"of {limits.cpu_seconds:g} s"
        )
    peak = used.peak_memory_bytes
    if peak is not None and peak > limits.memory_mb * 1024 * 1024 / 2:
        warnings.append(
            f"the reference peaked at {units.size(peak)}, more than half its memory "
            f"limit of {limits.memory_mb} MiB"
        )
    return warnings


def reference_answer(question: Question) -> str | None:
    """The answer that must earn full marks: the solution, or the correct options."""
    if question.manifest.multiple_choice is not None:
        return correct_options(question.manifest.multiple_choice)
    return question.solution or None


Progress = Callable[[str, int, int], None]


class Checker:
    """Checks questions, grading every answer twice through `grade`."""

    def __init__(self, grade: GradeFn, *, workers: int = 2, progress: Progress | None = None):
        self._grade = grade
        self._workers = workers
        self._progress = progress or (lambda label, done, total: None)
        self._done = 0
        self._total = 0
        self._lock = threading.Lock()

    def _twice(self, question: Question, answer: str, label: str) -> tuple[Graded, str | None]:
        first = self._grade(question, answer)
        second = self._grade(question, answer)
        with self._lock:
            self._done += 1
            self._progress(f"{question.id}: {label}", self._done, self._total)
        if _comparable(first.result) != _comparable(second.result):
            return first, (
                f"graded twice, it got {_describe(first.result)} and then "
                f"{_describe(second.result)}: the grading is not deterministic"
            )
        return first, None

    def check(self, directories: list[Path]) -> BankReport:
        prepared: list[tuple[QuestionReport, Question | None, list[Sample], Requirements | None]]
        prepared = []
        for directory in directories:
            report = QuestionReport(question=directory.name)
            started = time.monotonic()
            try:
                question = load_question(directory)
                samples = load_samples(question)
                requirements = load_requirements(question)
            except GraderError as exc:
                report.checks.append(Check(directory.name, "manifest", "failed", str(exc)))
                prepared.append((report, None, [], None))
                continue
            report.checks.append(Check(question.id, "manifest", seconds=time.monotonic() - started))
            leak = check_public_view(question)
            report.checks.append(
                Check(question.id, "public view", "failed" if leak else "passed", leak or "")
            )
            if question.manifest.text is not None:
                report.checks.append(check_rubric_examples(question, question.manifest.text))
            report.warnings += [
                f"{TODO_MARKER} left in {where}" for where in todo_warnings(question)
            ]
            if samples is None:
                report.warnings.append("no samples.toml: add sample answers with expected scores")
            prepared.append((report, question, samples or [], requirements))
        jobs: list[Job] = []
        for report, loaded, samples, table in prepared:
            if loaded is None:
                continue
            reference = reference_answer(loaded)
            if reference is None:
                report.warnings.append(
                    "no model answer (files.solution): the reference is not checked"
                )
            else:
                jobs.append(Job(report, loaded, "reference", reference, None, table))
            jobs += [Job(report, loaded, f"sample {s.name}", s.answer, s, table) for s in samples]
        self._total = len(jobs)
        with ThreadPoolExecutor(max_workers=self._workers) as pool:
            outcomes = list(pool.map(self._run, jobs))
        results: dict[str, list[tuple[Job, GradingResult]]] = {}
        for job, (check, warnings, result) in zip(jobs, outcomes, strict=True):
            job.report.checks.append(check)
            job.report.warnings += warnings
            if result is not None:
                results.setdefault(job.question.id, []).append((job, result))
        for report, loaded, samples, table in prepared:
            if loaded is None:
                continue
            if table is None:
                missing = missing_requirements(item_noun(loaded))
                report.checks.append(Check(loaded.id, "requirements", "failed", missing))
            else:
                report.checks.append(
                    check_requirements(loaded, table, samples, results.get(loaded.id, []))
                )
        return BankReport([report for report, _, _, _ in prepared])

    def _run(self, job: Job) -> tuple[Check, list[str], GradingResult | None]:
        question, label, answer, sample = job.question, job.label, job.answer, job.sample
        started = time.monotonic()
        check = Check(question.id, label)
        warnings: list[str] = []
        try:
            graded, unstable = self._twice(question, answer, label)
        except GraderError as exc:
            check.status, check.message = "failed", f"could not be graded: {exc}"
            return check, warnings, None
        result = graded.result
        check.seconds = time.monotonic() - started
        problems: list[str] = []
        if sample is None:
            if not (math.isclose(result.score, result.max_score) and result.verdict == "passed"):
                problems.append(
                    f"the reference got {_describe(result)}, not full marks"
                    + (f" ({'; '.join(graded.diagnostics)[:500]})" if graded.diagnostics else "")
                    + _failing_tests(result)
                )
            warnings += limit_warnings(question, result)
        else:
            spec = sample.spec
            if not math.isclose(result.score, spec.score, abs_tol=1e-6) or (
                result.verdict != spec.verdict
            ):
                problems.append(
                    f"got {_describe(result)}, expected {spec.score:g}/{result.max_score:g} "
                    f"{spec.verdict}"
                    + (f" ({'; '.join(graded.diagnostics)[:500]})" if graded.diagnostics else "")
                    + _failing_tests(result)
                )
            if spec.needs_review is not None and result.needs_review != spec.needs_review:
                problems.append(
                    f"needs_review is {str(result.needs_review).lower()}, "
                    f"expected {str(spec.needs_review).lower()}"
                )
            if spec.violates is not None and job.requirements is not None:
                lost = lost_items(question, answer, result)
                problems += violation_problems(
                    job.requirements, spec.violates, lost, item_noun(question)
                )
        if unstable:
            problems.append(unstable)
        if problems:
            check.status, check.message = "failed", "; ".join(problems)
        return check, warnings, result


@dataclass(frozen=True)
class Job:
    """One answer of one question to grade twice."""

    report: QuestionReport
    question: Question
    label: str
    answer: str
    sample: Sample | None
    requirements: Requirements | None


def violation_problems(table: Requirements, violates: str, lost: list[str], noun: str) -> list[str]:
    """Why a sample that breaks `violates` does not show that requirement enforced, alone.

    `lost` names the items (`noun`s) the sample loses points on (`requirements.lost_items`).
    """
    requirement = table.get(violates)
    if requirement is None:
        return []  # reported once, by the requirements check
    own = [t for t in lost if t in requirement.tests]
    others = [t for t in lost if t not in requirement.tests]
    problems = []
    if not own:
        problems.append(
            f"it violates {violates!r} but loses no points on its "
            f"{_named(requirement.tests, noun)}: the requirement is not enforced"
        )
    if others:
        problems.append(
            f"it violates only {violates!r} but also loses points on the "
            f"{_named(others, noun)}, which "
            + ("checks another requirement" if len(others) == 1 else "check other requirements")
        )
    return problems


def _named(items: list[str], noun: str) -> str:
    """`test 'a'` or `tests 'a', 'b'`: quoted, since concept names may hold commas."""
    return f"{noun if len(items) == 1 else noun + 's'} {', '.join(map(repr, items))}"


def check_requirements(
    question: Question,
    table: Requirements,
    samples: list[Sample],
    graded: list[tuple[Job, GradingResult]],
) -> Check:
    """The requirement table against the question's items and samples."""
    check = Check(question.id, "requirements")
    problems: list[str] = []
    noun = item_noun(question)
    declared = declared_items(question)
    if declared is not None:
        problems += table.problems(declared, noun)
    elif graded:
        reference = [r for job, r in graded if job.sample is None]
        known = {t.name for r in (reference or [r for _, r in graded]) for t in r.tests}
        problems += table.problems(known, noun)
    violated = {s.spec.violates for s in samples if s.spec.violates is not None}
    for sample in samples:
        name = sample.spec.violates
        if name is not None and table.get(name) is None:
            problems.append(
                f"sample {sample.name} violates {name!r}, which is not a requirement "
                f"(the requirements are {', '.join(table.ids)})"
            )
        elif name is not None and sample.spec.score >= question.manifest.points:
            problems.append(
                f"sample {sample.name} violates {name!r} but expects full marks "
                f"({sample.spec.score:g}/{question.manifest.points:g})"
            )
    missing = [r for r in table.ids if r not in violated]
    if missing:
        problems.append(
            f"{'requirement' if len(missing) == 1 else 'requirements'} "
            f"{', '.join(map(repr, missing))} "
            f"{'has' if len(missing) == 1 else 'have'} no violating sample: add a sample with "
            f'violates = "{missing[0]}" that breaks only that requirement'
        )
    if problems:
        check.status, check.message = "failed", "; ".join(problems)
    return check


def _failing_tests(result: GradingResult) -> str:
    lost = [f"{t.name} {t.score:g}/{t.max_score:g}" for t in result.tests if t.status != "passed"]
    return f" [tests not passed: {', '.join(lost)}]" if lost else ""


def junit_xml(report: BankReport) -> bytes:
    """The report as JUnit XML: a test suite per question, a test case per check."""
    suites = ElementTree.Element("testsuites", name="grader check")
    for question in report.questions:
        suite = ElementTree.SubElement(
            suites,
            "testsuite",
            name=question.question,
            tests=str(len(question.checks)),
            failures=str(len(question.failed)),
            errors="0",
            time=f"{sum(c.seconds for c in question.checks):.3f}",
        )
        for check in question.checks:
            case = ElementTree.SubElement(
                suite,
                "testcase",
                classname=question.question,
                name=check.name,
                time=f"{check.seconds:.3f}",
            )
            if check.status == "failed":
                failure = ElementTree.SubElement(case, "failure", message=check.message[:1000])
                failure.text = check.message
        if question.warnings:
            out = ElementTree.SubElement(suite, "system-out")
            out.text = "\n".join(f"warning: {w}" for w in question.warnings)
    return bytes(ElementTree.tostring(suites, encoding="utf-8", xml_declaration=True))


def summary_lines(report: BankReport) -> list[str]:
    """Plain lines for a person: failures and warnings by question, then a total."""
    lines: list[str] = []
    for question in report.questions:
        for check in question.checks:
            mark = "ok  " if check.status == "passed" else "FAIL"
            detail = f": {check.message}" if check.message else ""
            lines.append(f"{mark} {question.question}: {check.name}{detail}")
        lines += [f"warn {question.question}: {w}" for w in question.warnings]
    checks = sum(len(q.checks) for q in report.questions)
    failed = sum(len(q.failed) for q in report.questions)
    warnings = sum(len(q.warnings) for q in report.questions)
    lines.append(
        f"{len(report.questions)} questions, {checks} checks, {failed} failed, {warnings} warnings"
    )
    return lines


def as_json(report: BankReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "questions": [
            {
                "id": q.question,
                "checks": [
                    {"name": c.name, "status": c.status, "message": c.message} for c in q.checks
                ],
                "warnings": q.warnings,
            }
            for q in report.questions
        ],
    }
