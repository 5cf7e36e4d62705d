"""The harness process: read the job and the capture, run the hidden tests, print one result.

Runs under the harness uid after every candidate process is gone. Reads from stdin one JSON
line (code, hidden tests, question, the supervisor's observations) followed by the candidate's
raw capture stream; writes one JSON object to stdout.
"""

from __future__ import annotations

import base64
import inspect
import signal
import sys
import types
from typing import Any, Literal

from grader.authoring import kit
from grader.authoring.calls import Candidate, Channel, Reference
from grader.authoring.figures import Figure, FigureSet, parse_capture
from grader.authoring.figures.model import SummaryBudget
from grader.authoring.figures.parsing import read_capture
from grader.runner import protocol

# What the candidate reads when a test gives neither a message nor its own feedback text.
DEFAULT_MESSAGES = {
    "passed": "This test passed.",
    "partial": "This test passed in part.",
    "failed": "This test did not pass.",
}


class TestTimeout(Exception):
    """A hidden test ran past its own time budget."""


def _syntax_error(code: str) -> str | None:
    """Why the answer is not valid Python, judged from its bytes as the interpreter reads them."""
    try:
        source = code.encode("utf-8", errors="surrogateescape")
        compile(source, "answer.py", "exec", dont_inherit=True)
    except SyntaxError as exc:
        where = f"line {exc.lineno}" if exc.lineno else "the answer"
        return f"{exc.msg} ({where})"
    except ValueError as exc:  # source with NUL bytes
        return str(exc)
    except (RecursionError, MemoryError):
        return "the code is nested too deeply to compile"
    return None


def _reference(value: Any) -> list[Figure]:
    """The reference solution's figures; its capture comes from our own code, not the
    candidate's, but is parsed just as defensively."""
    if not isinstance(value, str) or not value:
        return []
    try:
        return parse_capture(base64.b64decode(value, validate=True))
    except (ValueError, TypeError):
        return []


def load_tests(source: str) -> list[kit.TestSpec]:
    module = types.ModuleType("question_tests")
    module.__file__ = "<hidden tests>"
    kit.take_registered()
    exec(compile(source, "<hidden tests>", "exec"), module.__dict__)  # noqa: S102  (author code, trusted)
    return kit.take_registered()


def _run_of(outcome: protocol.CandidateReport, syntax_error: str | None) -> kit.Run:
    return kit.Run(
        exit_code=outcome["exit_code"],
        signal=outcome["signal"],
        timed_out=outcome["timed_out"],
        oom_killed=outcome["oom_killed"],
        output_exceeded=outcome["output_exceeded"],
        syntax_error=syntax_error,
    )


def _files(raw: object) -> dict[str, kit.WrittenFile]:
    files: dict[str, kit.WrittenFile] = {}
    for name, item in (raw or {}).items() if isinstance(raw, dict) else []:
        entry = item if isinstance(item, dict) else {}
        data = None
        if isinstance(entry.get("data"), str):
            try:
                data = base64.b64decode(entry["data"], validate=True)
            except ValueError:
                data = None
        error = None if data is not None else str(entry.get("error") or "unreadable")[:100]
        files[str(name)] = kit.WrittenFile(
            name=str(name), data=data, truncated=bool(entry.get("truncated")), error=error
        )
    return files


def extra_fixtures(job: protocol.HarnessInput, syntax_error: str | None) -> dict[str, Any]:
    """The fixtures beyond the program's run: calls, the reference, stdin cases, files."""
    seed = int(job.get("seed", 0))
    channel = (
        Channel(protocol.CALL_REQUEST_FD, protocol.CALL_RESPONSE_FD)
        if job.get("serve_calls")
        else None
    )
    cases = [
        kit.Case(
            name=str(case["name"]),
            stdin=str(case["stdin"]),
            expected=str(case.get("expected", "")),
            run=_run_of(case["outcome"], syntax_error),
            stdout=str(case["outcome"]["stdout"]),
            stderr=str(case["outcome"]["stderr"]),
        )
        for case in job.get("stdin_cases", [])
    ]
    return {
        "candidate": Candidate(channel, protocol.DEFAULT_CALL_SECONDS),
        "reference": Reference(str(job.get("solution", "")), seed),
        "cases": cases,
        "files": _files(job.get("files")),
        "seed": seed,
    }


def _on_alarm(signum: int, frame: Any) -> None:
    raise TestTimeout


GRADER_FAULT = "This test could not be completed; the grading team has been told."


def _report(
    spec: kit.TestSpec,
    score: float,
    status: Literal["passed", "failed", "partial", "error"],
    message: str,
    error: str | None = None,
) -> protocol.HiddenTestReport:
    report: protocol.HiddenTestReport = {
        "name": spec.name,
        "max_score": spec.points,
        "visibility": spec.visibility,
        "skills": list(spec.skills),
        "score": score,
        "status": status,
        "message": message,
    }
    if error is not None:
        report["error"] = error
    return report


def run_test(spec: kit.TestSpec, context: kit.Context) -> protocol.HiddenTestReport:
    fixtures = context.fixtures()
    context.artifacts.test = spec.name
    try:
        parameters = inspect.signature(spec.func).parameters
        missing = [p for p in parameters if p not in fixtures]
        if missing:
            raise TypeError(f"unknown fixture(s): {', '.join(missing)}")
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, spec.seconds)
        try:
            value = spec.func(**{p: fixtures[p] for p in parameters})
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except kit.Fail as failure:
        message = str(failure) or spec.feedback or DEFAULT_MESSAGES["failed"]
        return _report(spec, 0.0, "failed", message)
    except TestTimeout:
        error = f"test {spec.name!r} ran longer than its {spec.seconds:g} s budget"
        return _report(spec, 0.0, "error", GRADER_FAULT, error)
    except Exception as exc:  # noqa: BLE001  (a crashing hidden test is the grader's fault)
        error = f"test {spec.name!r} raised {type(exc).__name__}: {exc}"[:2000]
        return _report(spec, 0.0, "error", GRADER_FAULT, error)
    if isinstance(value, kit.Score):
        fraction, message = value.fraction, value.message
    elif isinstance(value, bool) or value is None:
        fraction, message = (1.0 if value or value is None else 0.0), ""
    elif isinstance(value, int | float):
        fraction, message = float(value), ""
    else:
        error = f"test {spec.name!r} returned {type(value).__name__}, not a score"
        return _report(spec, 0.0, "error", GRADER_FAULT, error)
    fraction = min(1.0, max(0.0, fraction))
    score = round(spec.points * fraction, 6)
    status: Literal["passed", "failed", "partial"] = (
        "passed" if fraction >= 1.0 else "failed" if fraction <= 0.0 else "partial"
    )
    return _report(spec, score, status, message or spec.feedback or DEFAULT_MESSAGES[status])


def main() -> int:
    job, capture = protocol.decode_harness_input(sys.stdin.buffer.read())
    candidate = job["candidate"]
    code = job["code"]
    syntax_error = _syntax_error(code)
    parsed = read_capture(capture)
    figures = parsed.figures
    reference = _reference(job.get("reference_capture"))
    run = _run_of(candidate, syntax_error)
    context = kit.Context(
        run=run,
        figures=FigureSet(figures),
        stdout=candidate["stdout"],
        stderr=candidate["stderr"],
        code=code,
        reference_figures=FigureSet(reference),
        extra=extra_fixtures(job, syntax_error),
    )
    output: protocol.HarnessResult = {"syntax_error": syntax_error, "tests": [], "figures": []}
    if parsed.notes:
        output["capture_notes"] = parsed.notes
    try:
        specs = load_tests(job["tests"])
    except Exception as exc:  # noqa: BLE001  (broken hidden tests are the grader's fault)
        output["error"] = f"the hidden tests could not be loaded: {type(exc).__name__}: {exc}"
        specs = []
    output["tests"] = [run_test(spec, context) for spec in specs]
    budget = SummaryBudget()
    output["figures"] = [
        {
            "summary": fig.public(budget),
            "png": None if fig.png is None else base64.b64encode(fig.png).decode("ascii"),
        }
        for fig in figures
    ]
    output["artifacts"] = [
        {"name": name, "test": test, "png": base64.b64encode(png).decode("ascii")}
        for name, (test, png) in context.artifacts.items.items()
    ]
    sys.stdout.write(protocol.encode_harness_result(output))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
