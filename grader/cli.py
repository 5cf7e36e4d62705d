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
from grader.store.tenants import TenantStore, parse_scopes


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


def _tenants() -> TenantStore:
    from grader.store.db import SubmissionStore, make_engine

    engine = make_engine(_settings().database_url)
    SubmissionStore(engine).create_schema()
    return TenantStore(engine)


def _callback_url(text: str, settings: Settings) -> str | None:
    """The checked callback URL ('' for none), before anything is written."""
    from pydantic import HttpUrl, TypeAdapter

    from grader.webhooks import refusal

    if not text:
        return None
    try:
        url = str(TypeAdapter(HttpUrl).validate_python(text))
    except ValidationError:
        raise GraderError(f"--callback-url {text!r} is not an http(s) URL") from None
    refused = None if settings.webhook_allow_private else refusal(url)
    if refused is not None:
        raise GraderError(f"--callback-url: {refused}; webhooks go to public addresses only")
    return url


def cmd_keys_create(args: argparse.Namespace) -> int:
    scopes = parse_scopes(args.scopes)
    callback = None
    if args.callback_url is not None:
        callback = _callback_url(args.callback_url, _settings())
    tenants = _tenants()
    new = tenants.create_key(args.tenant, scopes)
    if args.callback_url is not None:
        tenants.set_callback_url(args.tenant, callback)
    print(f"tenant:  {new.tenant.name}{' (created)' if new.tenant_created else ''}")
    if new.tenant_created:
        print(f"webhook secret (shown once): {new.tenant.webhook_secret}")
    print(f"key id:  {new.row.id}")
    print(f"scopes:  {new.row.scopes}")
    print("the key below is shown once; it is stored only as a hash:")
    print(new.key)
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    rows = _tenants().keys()
    print(f"{'id':<16}  {'tenant':<20}  {'scopes':<18}  {'created':<20}  revoked")
    for row in rows:
        revoked = f"{row.revoked_at:%Y-%m-%d %H:%M:%S}" if row.revoked_at else "-"
        print(
            f"{row.id:<16}  {row.tenant:<20}  {row.scopes:<18}  "
            f"{row.created_at:%Y-%m-%d %H:%M:%S}   {revoked}"
        )
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    row = _tenants().revoke(args.key_id)
    print(f"revoked key {row.id} of tenant {row.tenant}")
    return 0


def cmd_tenants_show(args: argparse.Namespace) -> int:
    row = _tenants().find(args.name)
    if row is None:
        raise GraderError(
            f"there is no tenant {args.name!r}; `grader keys create --tenant NAME` makes one"
        )
    print(f"tenant:         {row.name}")
    print(f"callback url:   {row.callback_url or '-'}")
    print(f"webhook secret: {row.webhook_secret}")
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
    keys = sub.add_parser("keys", help="API keys of tenants").add_subparsers(
        dest="keys", required=True
    )
    kc = keys.add_parser("create", help="create a key (and its tenant when new); prints it last")
    kc.add_argument("--tenant", required=True, help="tenant name, e.g. 'acme-lms'")
    kc.add_argument("--scopes", default="submit,read", help="comma-separated: submit, read, admin")
    kc.add_argument("--callback-url", help="the tenant's default webhook URL ('' removes it)")
    kc.set_defaults(run=cmd_keys_create)
    keys.add_parser("list", help="list keys (never their secrets)").set_defaults(run=cmd_keys_list)
    kr = keys.add_parser("revoke", help="revoke a key by its id")
    kr.add_argument("key_id")
    kr.set_defaults(run=cmd_keys_revoke)
    tenants = sub.add_parser("tenants", help="tenants").add_subparsers(
        dest="tenants", required=True
    )
    ts = tenants.add_parser("show", help="a tenant's webhook URL and secret")
    ts.add_argument("name")
    ts.set_defaults(run=cmd_tenants_show)
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
