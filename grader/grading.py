"""Grade a code answer in a sandbox: build the job, run it, turn the report into a result.

Answers of every kind are graded through `grader.kinds.grade_answer`, which comes here for code.
"""

from __future__ import annotations

import ast
import base64
import binascii
import dataclasses
import hashlib
import logging
import math
import threading
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from grader.authoring.figures.values import clean_text
from grader.bank.manifest import CodeSection, Limits
from grader.bank.question import Question
from grader.config import Settings
from grader.errors import SandboxFailed
from grader.result_size import fit
from grader.results import (
    ArtifactResult,
    FigureResult,
    FigureSummary,
    Graded,
    GradingResult,
    Output,
    Resources,
    TestResult,
    Verdict,
    provenance_of,
    skill_totals,
)
from grader.runner import protocol
from grader.sandbox.base import SandboxBackend, SandboxLimits, SandboxRun

log = logging.getLogger(__name__)

MAX_PNG_BYTES = 8 * 1024 * 1024
SIGXFSZ = 25  # the signal RLIMIT_FSIZE sends


def effective_limits(limits: Limits, settings: Settings) -> SandboxLimits:
    """The question's limits, each capped by the server's maximum."""
    return SandboxLimits(
        wall_seconds=min(limits.wall_seconds, settings.max_wall_seconds),
        cpu_seconds=min(limits.cpu_seconds, settings.max_cpu_seconds),
        memory_bytes=min(limits.memory_mb, settings.max_memory_mb) * 1024 * 1024,
        processes=min(limits.processes, settings.max_processes),
        output_bytes=min(limits.output_kb, settings.max_output_kb) * 1024,
        file_bytes=min(limits.file_kb, settings.max_file_kb) * 1024,
        workdir_bytes=min(limits.workdir_mb, settings.max_workdir_mb) * 1024 * 1024,
        cpus=settings.cpus_per_sandbox,
        harness_seconds=settings.harness_seconds,
        truncate_output=limits.truncate_output,
    )


# CPython 3.11's ast.parse can raise "SystemError: AST constructor recursion depth mismatch"
# when two threads parse at once (python/cpython#106905); the workers are threads.
_PARSING = threading.Lock()


def needs_reference_figures(tests: str) -> bool:
    """Whether a hidden test asks for the `reference_figures` fixture."""
    try:
        with _PARSING:
            tree = ast.parse(tests)
    except SyntaxError:
        return False
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(arg.arg == "reference_figures" for arg in node.args.args + node.args.kwonlyargs)
        for node in ast.walk(tree)
    )


def build_job(question: Question, code: str, limits: SandboxLimits) -> bytes:
    section = question.manifest.code or CodeSection()
    job: protocol.Job = {
        "protocol": protocol.PROTOCOL_VERSION,
        "code": code,
        "tests": question.tests,
        "solution": question.solution,
        "question": {"id": question.id, "points": question.manifest.points},
        "limits": limits.for_supervisor(),
        "harness_seconds": limits.harness_seconds,
        "seed": section.seed,
        "serve_calls": section.serve_calls,
        "stdin_cases": [
            {"name": case.name, "stdin": case.stdin, "expected": case.expected}
            for case in section.stdin_cases
        ],
        "files": list(section.files),
        "file_bytes": section.file_kb * 1024,
    }
    if needs_reference_figures(question.tests):
        job["render_reference"] = True
    return protocol.encode_job(job)


def sandbox_limits(question: Question, settings: Settings) -> SandboxLimits:
    """The sandbox's limits; each stdin case is one more run of the program within them."""
    limits = effective_limits(question.manifest.limits, settings)
    cases = len(question.manifest.code.stdin_cases) if question.manifest.code else 0
    if cases:
        extra = cases * (limits.wall_seconds + 2.0)
        limits = dataclasses.replace(limits, harness_seconds=limits.harness_seconds + extra)
    return limits


def _output(text: Any, total: Any) -> Output:
    value = text if isinstance(text, str) else ""
    written = total if isinstance(total, int) else len(value.encode())
    return Output(
        text=value, truncated=written > len(value.encode("utf-8", "replace")), bytes=written
    )


def _figures(raw: Any, diagnostics: list[str]) -> tuple[list[FigureResult], dict[str, bytes]]:
    figures: list[FigureResult] = []
    artifacts: dict[str, bytes] = {}
    for position, item in enumerate(raw if isinstance(raw, list) else []):
        try:
            summary = FigureSummary.model_validate(item["summary"])
        except (ValidationError, KeyError, TypeError) as exc:
            diagnostics.append(f"figure {position}: unreadable summary from the harness: {exc}")
            continue
        png: bytes | None = None
        if isinstance(item.get("png"), str):
            try:
                png = base64.b64decode(item["png"], validate=True)
            except (binascii.Error, ValueError):
                png = None
        if png is not None and (len(png) > MAX_PNG_BYTES or not png.startswith(protocol.PNG_MAGIC)):
            png = None
        name = None
        if png is not None:
            name = protocol.figure_artifact_name(position)
            artifacts[name] = png
        figures.append(
            FigureResult(
                artifact=name,
                sha256=hashlib.sha256(png).hexdigest() if png is not None else None,
                bytes=len(png) if png is not None else None,
                summary=summary,
            )
        )
    return figures, artifacts


def _check_artifacts(
    raw: Any, diagnostics: list[str]
) -> tuple[list[ArtifactResult], dict[str, bytes]]:
    """PNGs the hidden tests attached, validated by name, size and PNG signature."""
    results: list[ArtifactResult] = []
    artifacts: dict[str, bytes] = {}
    for item in (raw if isinstance(raw, list) else [])[: protocol.MAX_ARTIFACTS]:
        name = item.get("name") if isinstance(item, dict) else None
        data = item.get("png") if isinstance(item, dict) else None
        if not isinstance(name, str) or not protocol.ARTIFACT_NAME.match(name):
            diagnostics.append(f"an artifact from the harness has an invalid name: {name!r:.80}")
            continue
        try:
            png = base64.b64decode(data if isinstance(data, str) else "", validate=True)
        except (binascii.Error, ValueError):
            png = b""
        if not png.startswith(protocol.PNG_MAGIC) or len(png) > MAX_PNG_BYTES:
            diagnostics.append(f"artifact {name!r} from the harness is not a PNG")
            continue
        stored = protocol.check_artifact_name(name)
        test = item.get("test")
        artifacts[stored] = png
        results.append(
            ArtifactResult(
                name=stored,
                test=test if isinstance(test, str) else "",
                sha256=hashlib.sha256(png).hexdigest(),
                bytes=len(png),
            )
        )
    return results, artifacts


def _feedback(
    verdict: Verdict, candidate: Mapping[str, object], limits: SandboxLimits, syntax: str | None
) -> str:
    stopped = "and was stopped"
    if verdict == "syntax_error":
        return f"The answer is not valid Python: {syntax}."
    if verdict == "time_limit_exceeded":
        if candidate.get("timed_out") == "cpu":
            limit = f"its CPU-time limit of {limits.cpu_seconds:g} s"
            return f"The program used more than {limit} {stopped}."
        limit = f"its wall-clock limit of {limits.wall_seconds:g} s"
        return f"The program ran longer than {limit} {stopped}."
    if verdict == "memory_limit_exceeded":
        mib = limits.memory_bytes // (1024 * 1024)
        return f"The program used more than its memory limit of {mib} MiB {stopped}."
    if verdict == "output_limit_exceeded":
        return f"The program wrote more than {limits.output_bytes // 1024} KiB of output {stopped}."
    if verdict == "runtime_error":
        if candidate.get("signal") == SIGXFSZ:
            limit = f"{limits.file_bytes // 1024} KiB"
            return f"The program tried to write a file larger than {limit} and was stopped."
        if candidate.get("signal"):
            return f"The program was ended by signal {candidate['signal']}."
        status = candidate.get("exit_code")
        return f"The program ended with an error (exit status {status}); see stderr."
    if verdict in ("grader_error", "sandbox_error"):
        part = "grader" if verdict == "grader_error" else "sandbox"
        return f"The {part} failed on its side; this answer was not graded and is not at fault."
    if verdict == "passed":
        return "All tests passed."
    if verdict == "partial":
        return "Some tests passed; see each test's message."
    return "No test passed; see each test's message."


def _run_verdict(candidate: protocol.CandidateReport, engine_oom: bool) -> Verdict | None:
    if candidate.get("oom_killed") or (engine_oom and candidate.get("signal") == 9):
        return "memory_limit_exceeded"
    if candidate.get("timed_out") in ("wall", "cpu"):
        return "time_limit_exceeded"
    if candidate.get("output_exceeded"):
        return "output_limit_exceeded"
    if candidate.get("signal") is not None or candidate.get("exit_code") != 0:
        return "runtime_error"
    return None


MAX_NOTES = 51


def _notes(raw: Any) -> list[str]:
    """The harness's notes on the candidate's capture, bounded: they quote candidate data."""
    items = raw[:MAX_NOTES] if isinstance(raw, list) else []
    return [clean_text(item[:200]) for item in items if isinstance(item, str)]


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def interpret(question: Question, limits: SandboxLimits, run: SandboxRun) -> Graded:
    """Turn a sandbox report into a result, keeping our faults apart from the candidate's."""
    provenance = provenance_of(question, runner_image=run.image, runner_image_id=run.image_id)
    points = question.manifest.points
    diagnostics: list[str] = []
    # The envelope has the protocol's shape only if the container wrote it so: check each part.
    envelope = run.envelope
    candidate = envelope.get("candidate") if envelope else None
    harness = envelope.get("harness") if envelope else None
    candidate = candidate if isinstance(candidate, dict) else None
    harness = harness if isinstance(harness, dict) else None
    if run.error or candidate is None or harness is None:
        error = envelope.get("error") if envelope else None
        diagnostics.append(run.error or str(error or "the supervisor's report is incomplete"))
        # The engine saw the kernel's OOM killer in the container, which took the supervisor or
        # the harness before the report was out: the memory the candidate was given ran out,
        # however its program arranged for another process to be the one killed.
        lost: Verdict = "memory_limit_exceeded" if run.engine_oom_killed else "sandbox_error"
        return Graded(
            fit(
                GradingResult(
                    score=0.0,
                    max_score=points,
                    verdict=lost,
                    feedback=_feedback(lost, {}, limits, None),
                    tests=[],
                    stdout=Output(text="", truncated=False, bytes=0),
                    stderr=Output(text="", truncated=False, bytes=0),
                    figures=[],
                    resources=Resources(wall_ms=run.wall_ms, cpu_ms=0, peak_memory_bytes=None),
                    provenance=provenance,
                )
            ),
            diagnostics=diagnostics,
        )
    assert candidate is not None and harness is not None
    resources = Resources(
        wall_ms=_int(candidate.get("wall_ms")),
        cpu_wait_ms=_int(candidate.get("cpu_wait_ms")),
        cpu_ms=_int(candidate.get("cpu_ms")),
        peak_memory_bytes=candidate.get("peak_memory_bytes")
        if isinstance(candidate.get("peak_memory_bytes"), int)
        else None,
    )
    stdout = _output(candidate.get("stdout"), candidate.get("stdout_bytes"))
    stderr = _output(candidate.get("stderr"), candidate.get("stderr_bytes"))
    tests: list[TestResult] = []
    figures: list[FigureResult] = []
    artifacts: dict[str, bytes] = {}
    extra: list[ArtifactResult] = []
    syntax: str | None = None
    notes: list[str] = []
    grader_fault = False
    oom_in_harness = harness.get("oom_killed") is True
    if not harness.get("ok"):
        # A harness the OOM killer ended ran out of the candidate's memory, not ours.
        grader_fault = not oom_in_harness
        diagnostics.append(str(harness.get("error")))
    else:
        result = harness.get("result")
        # A result that is not an object reads as one with no tests at all.
        output: protocol.HarnessResult = (
            result
            if isinstance(result, dict)
            else {"syntax_error": None, "tests": [], "figures": []}
        )
        if output.get("error"):
            grader_fault = True
            diagnostics.append(str(output["error"]))
        syntax = output.get("syntax_error") if isinstance(output.get("syntax_error"), str) else None
        for raw in output.get("tests") or []:
            if isinstance(raw, dict) and raw.get("error"):
                grader_fault = True
                diagnostics.append(str(raw["error"]))
            try:
                tests.append(
                    TestResult.model_validate({k: v for k, v in raw.items() if k != "error"})
                )
            except (ValidationError, AttributeError) as exc:
                grader_fault = True
                diagnostics.append(f"unreadable test result from the harness: {exc}")
        notes = _notes(output.get("capture_notes"))
        figures, artifacts = _figures(output.get("figures"), diagnostics)
        extra, extra_files = _check_artifacts(output.get("artifacts"), diagnostics)
        visibility = {t.name: t.visibility for t in tests}
        extra = [
            a.model_copy(update={"visibility": visibility.get(a.test, "hidden")}) for a in extra
        ]
        artifacts.update(extra_files)
        total = sum(t.max_score for t in tests)
        if not grader_fault and not math.isclose(total, points):
            grader_fault = True
            diagnostics.append(
                f"the hidden tests are worth {total:g} points but the manifest says {points:g}"
            )
    score = round(sum(t.score for t in tests), 6)
    verdict: Verdict
    if grader_fault:
        verdict = "grader_error"
    elif syntax is not None:
        verdict = "syntax_error"
    elif oom_in_harness:
        verdict = "memory_limit_exceeded"
    else:
        verdict = _run_verdict(candidate, run.engine_oom_killed) or (
            "passed" if math.isclose(score, points) else "failed" if score <= 0 else "partial"
        )
    for line in diagnostics:
        log.warning("grading %s: %s", question.id, line)
    for line in notes:
        log.info("grading %s: the candidate's capture: %s", question.id, line)
    return Graded(
        fit(
            GradingResult(
                score=score,
                max_score=points,
                verdict=verdict,
                feedback=_feedback(verdict, candidate, limits, syntax),
                tests=tests,
                stdout=stdout,
                stderr=stderr,
                figures=figures,
                artifacts=extra,
                resources=resources,
                provenance=provenance,
                skills=skill_totals(tests, list(question.manifest.skills)),
            )
        ),
        artifacts,
        diagnostics,
        notes,
    )


def grade(question: Question, code: str, *, backend: SandboxBackend, settings: Settings) -> Graded:
    """Grade `code` against a code question in a fresh sandbox; never raises for a candidate's
    fault."""
    if question.manifest.kind != "code":
        raise ValueError(
            f"question {question.id} is a {question.kind} question; "
            "grade its answers with grader.kinds.grade_answer"
        )
    limits = sandbox_limits(question, settings)
    job = build_job(question, code, limits)
    try:
        sandbox = backend.prepare(limits)
    except SandboxFailed as exc:
        return interpret(question, limits, SandboxRun(None, str(exc), False, "", "", 0))
    try:
        run = sandbox.execute(job)
    finally:
        sandbox.close()
    return interpret(question, limits, run)
