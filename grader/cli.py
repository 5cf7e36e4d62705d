"""The `grader` command: grade an answer, serve the API, build runner images."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from grader.bank.question import Bank
from grader.config import Settings
from grader.errors import GraderError
from grader.grading import Graded, grade
from grader.runtime import Runtime


def _settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]  # validated by pydantic
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise GraderError(f"invalid settings: {problems}") from None


def read_answer(path: Path) -> str:
    from grader.errors import AnswerUnreadable

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AnswerUnreadable(
            f"cannot read the answer file {path}: {exc.strerror or exc}"
        ) from None
    # Undecodable bytes travel as they are, so the candidate gets Python's own error for them.
    return data.decode("utf-8", errors="surrogateescape")


def _report(graded: Graded) -> str:
    r = graded.result
    lines = [
        f"{r.provenance.question_id}: {r.score:g}/{r.max_score:g}  {r.verdict}",
        r.feedback,
        "",
    ]
    width = max((len(t.name) for t in r.tests), default=4)
    for t in r.tests:
        lines.append(
            f"  {t.name:<{width}}  {t.score:>4g}/{t.max_score:<4g} {t.status:<8} {t.message}"
        )
    if r.figures:
        lines.append("")
        for f in r.figures:
            artifact = f.artifact or "not rendered"
            lines.append(f"  figure {f.summary.index + 1}: {len(f.summary.axes)} axes, {artifact}")
    for name, stream in (("stdout", r.stdout), ("stderr", r.stderr)):
        if stream.text:
            more = " (truncated)" if stream.truncated else ""
            lines += ["", f"{name}{more}:", stream.text.rstrip()]
    res = r.resources
    lines += [
        "",
        f"wall {res.wall_ms} ms, cpu {res.cpu_ms} ms, peak memory {res.peak_memory_bytes} bytes",
    ]
    for line in graded.diagnostics:
        lines.append(f"grader diagnostic: {line}")
    return "\n".join(lines)


def cmd_grade(args: argparse.Namespace) -> int:
    settings = _settings()
    question = Bank(settings.bank_dir).resolve(args.question)
    code = read_answer(Path(args.answer))
    runtime = Runtime(settings, log=lambda m: print(m, file=sys.stderr))
    graded = grade(question, code, backend=runtime.backend_for(question), settings=settings)
    if args.artifacts:
        directory = Path(args.artifacts)
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in graded.artifacts.items():
            (directory / name).write_bytes(data)
    if args.json:
        print(graded.result.model_dump_json())
    else:
        print(_report(graded))
        if graded.artifacts and not args.artifacts:
            print("(save the figures with --artifacts DIR)")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    overrides: dict[str, object] = {}
    if args.host:
        overrides["host"] = args.host
    if args.port:
        overrides["port"] = args.port
    settings = _settings(**overrides)
    from grader.api.app import create_app

    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
    return 0


def cmd_images_build(args: argparse.Namespace) -> int:
    settings = _settings()
    runtime = Runtime(settings, log=lambda m: print(m, file=sys.stderr))
    for tag in runtime.build_images(base=args.base):
        print(tag)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="grader", description="Sandboxed grading of code answers.")
    sub = root.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade one answer file against a question")
    g.add_argument("question", help="a question id from the bank, or a question directory")
    g.add_argument("answer", help="the answer's source file")
    g.add_argument("--json", action="store_true", help="print exactly one JSON result")
    g.add_argument("--artifacts", metavar="DIR", help="save the rendered figures (PNG) here")
    g.set_defaults(run=cmd_grade)
    s = sub.add_parser("serve", help="run the HTTP service")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.set_defaults(run=cmd_serve)
    images = sub.add_parser("images", help="runner images").add_subparsers(
        dest="images", required=True
    )
    b = images.add_parser("build", help="build every runner image, or reuse it when up to date")
    b.add_argument("--base", help="base image (default: the public slim Python image)")
    b.set_defaults(run=cmd_images_build)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except GraderError as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
