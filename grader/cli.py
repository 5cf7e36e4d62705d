"""The `grader` command: grade answers and attempts, replay exports, check and scaffold the
bank, serve."""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from grader import logs, units
from grader.assessment import example as assessment_example
from grader.bank.location import BankLocation, locate_bank
from grader.bank.question import Bank, Question
from grader.config import Settings
from grader.errors import GraderError
from grader.kinds import grade_answer
from grader.results import Graded, GradingResult

if TYPE_CHECKING:
    from grader.store.tenants import TenantStore


def _settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]  # validated by pydantic
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise GraderError(f"invalid settings: {problems}") from None


def _bank(args: argparse.Namespace, settings: Settings) -> BankLocation:
    """The bank this command works on, by the one rule of grader.bank.location."""
    given = getattr(args, "bank", None) or getattr(args, "bank_dir", None)
    return locate_bank(
        Path(given) if given else None,
        cwd=Path.cwd(),
        configured=settings.bank_dir,
        configured_is_set="bank_dir" in settings.model_fields_set,
    )


def _note(args: argparse.Namespace, message: str) -> None:
    """Say what was written where: on stdout, or on stderr when stdout carries JSON."""
    print(message, file=sys.stderr if getattr(args, "json", False) else sys.stdout)


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
    peak = "unknown" if res.peak_memory_bytes is None else units.size(res.peak_memory_bytes)
    waited = (
        f" ({units.duration(res.cpu_wait_ms)} of it waiting for a CPU, not charged)"
        if res.cpu_wait_ms
        else ""
    )
    lines += [
        "",
        f"wall {units.duration(res.wall_ms)}{waited}, cpu {units.duration(res.cpu_ms)}, "
        f"peak memory {peak}",
    ]
    for line in graded.diagnostics:
        lines.append(f"grader diagnostic: {line}")
    return "\n".join(lines)


def _grader(settings: Settings) -> Callable[[Question, str], Graded]:
    """Grade any kind of answer; the Docker engine is only reached when code must run."""
    from grader.runtime import Runtime  # the engine client, only for commands that run code

    runtime = Runtime(settings, log=lambda m: print(m, file=sys.stderr))

    def grade_one(question: Question, answer: str) -> Graded:
        return grade_answer(question, answer, backend_for=runtime.backend_for, settings=settings)

    return grade_one


def cmd_grade(args: argparse.Namespace) -> int:
    settings = _settings()
    question = Bank(_bank(args, settings).path).resolve(args.question)
    code = read_answer(Path(args.answer))
    graded = (args.grade or _grader(settings))(question, code)
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
    if args.artifacts:
        count = len(graded.artifacts)
        _note(args, f"wrote {count} PNG file{'' if count == 1 else 's'} to {args.artifacts}")
    return 0


GradeFn = Callable[[Question, str], Graded]


def cmd_replay(args: argparse.Namespace) -> int:
    from grader.replay import ExportedSubmission, format_report, read_export, replay

    items = read_export(Path(args.file))
    settings = _settings()
    bank = Bank(_bank(args, settings).path)
    grade_one: GradeFn = args.grade or _grader(settings)

    def grade(item: ExportedSubmission) -> GradingResult:
        return grade_one(bank.get(item.question_id), item.code).result

    report = replay(items, grade=grade, workers=args.workers)
    print(report.model_dump_json() if args.json else format_report(report))
    return 0


def _progress_printer() -> Callable[[str, int, int], None]:
    lock = threading.Lock()
    tty = sys.stderr.isatty()

    def show(label: str, done: int, total: int) -> None:
        with lock:
            if tty:
                width = 30
                filled = width * done // max(total, 1)
                bar = "#" * filled + "." * (width - filled)
                print(f"\r\033[K[{bar}] {done}/{total} {label[:60]}", end="", file=sys.stderr)
                if done == total:
                    print(file=sys.stderr)
            else:
                print(f"[{done}/{total}] {label}", file=sys.stderr, flush=True)

    return show


def cmd_check(args: argparse.Namespace) -> int:
    from grader.bank.check import Checker, as_json, junit_xml, question_dirs, summary_lines

    settings = _settings()
    if args.bank and args.bank_dir and Path(args.bank) != Path(args.bank_dir):
        raise GraderError("give the bank once: either BANK_DIR or --bank")
    bank = _bank(args, settings)
    root = bank.path
    if not root.is_dir():
        raise GraderError(
            f"the bank {root} ({bank.source}) is not a directory; give it with --bank DIR"
        )
    directories = question_dirs(root, args.question)
    if not directories:
        which = f"no question {args.question!r}" if args.question else "no questions"
        raise GraderError(
            f"the bank {root} ({bank.source}) holds {which} (directories with question.toml)"
        )
    print(f"checking the bank {root} ({bank.source})", file=sys.stderr)
    grade = args.grade or _grader(settings)
    checker = Checker(grade, workers=args.workers, progress=_progress_printer())
    report = checker.check(directories)
    if args.junit_xml:
        Path(args.junit_xml).parent.mkdir(parents=True, exist_ok=True)
        Path(args.junit_xml).write_bytes(junit_xml(report))
        _note(args, f"wrote the JUnit report to {args.junit_xml}")
    if args.json:
        print(json.dumps(as_json(report)))
    else:
        print("\n".join(summary_lines(report)))
    return 0 if report.ok else 1


def cmd_new(args: argparse.Namespace) -> int:
    from grader.bank.scaffold import scaffold

    bank = _bank(args, _settings())
    directory = scaffold(bank.path, args.id, args.kind)
    again = f" --bank {bank.path}" if bank.source == "--bank" else ""
    print(
        f"created {directory} in the bank {bank.path} ({bank.source}); fill in the "
        f"TODO(author) markers, then run: grader check{again} --question {args.id}"
    )
    return 0


def cmd_assess(args: argparse.Namespace) -> int:
    from grader.assessment import grade_assessment, load_definition, read_assessment

    settings = _settings()
    bank = Bank(_bank(args, settings).path)
    definition = None if args.assessment is None else load_definition(Path(args.assessment), bank)
    answers = read_assessment(Path(args.file))
    result = grade_assessment(
        bank, answers, grade=args.grade or _grader(settings), definition=definition
    )
    if args.json:
        print(result.model_dump_json())
        return 0
    if result.assessment is not None:
        a = result.assessment
        print(f"{a.title} ({a.id} v{a.version}, {a.time_budget_minutes} minutes)")
    print(f"assessment: {result.score:g}/{result.max_score:g}")
    for outcome in result.questions:
        r = outcome.result
        weight = f" x{outcome.weight:g}" if outcome.weight != 1 else ""
        review = "  (needs review)" if r.needs_review else ""
        print(f"  {outcome.question_id}{weight}: {r.score:g}/{r.max_score:g} {r.verdict}{review}")
    for qid in result.unanswered:
        print(f"  {qid}: not answered")
    print("skills:")
    for name, skill in result.skills.items():
        print(f"  {name}: {skill.score:g}/{skill.max_score:g}")
    if result.requirements:
        print("requirements:")
        for req in result.requirements:
            mark = "met" if req.met else "NOT met"
            print(f"  {req.skill}: {req.achieved:.0%} of at least {req.required:.0%} ({mark})")
        print("meets the requirements" if result.meets_requirements else "misses a requirement")
    return 0


def cmd_bank_map(args: argparse.Namespace) -> int:
    from grader.bank.skill_map import gaps, load_profile, render

    bank = Bank(_bank(args, _settings()).path)
    profile = load_profile(bank.root)
    page = render(bank, profile)
    if args.check:
        current = Path(args.check).read_text(encoding="utf-8") if Path(args.check).is_file() else ""
        if current != page:
            print(
                f"{args.check} is not the current skill map: "
                f"run grader bank map --output {args.check}"
            )
            return 1
    elif args.output:
        Path(args.output).write_text(page, encoding="utf-8")
        print(f"wrote the skill map of {bank.root} to {args.output}", file=sys.stderr)
    else:
        print(page, end="")
    for gap in gaps(bank, profile):
        print(f"warning: {gap}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    overrides: dict[str, object] = {}
    if args.host:
        overrides["host"] = args.host
    if args.port:
        overrides["port"] = args.port
    overrides["bank_dir"] = _bank(args, _settings()).path
    settings = _settings(**overrides)
    from grader.api.app import create_app

    log_config = logs.configure()
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=log_config)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    settings = _settings(bank_dir=_bank(args, _settings()).path)
    if not settings.broker_url:
        print(
            "grader worker: GRADER_BROKER_URL is not set; set it to the broker the API "
            "processes use, e.g. redis://127.0.0.1:6379/0",
            file=sys.stderr,
        )
        return 2
    from grader.api.presenters import webhook_body
    from grader.tasks.worker import GradingWorker, run_worker

    logs.configure()
    return run_worker(
        GradingWorker(settings, webhook_body=webhook_body),
        concurrency=args.concurrency or settings.workers,
    )


def _tenants() -> TenantStore:
    from grader.store.db import SubmissionStore, make_engine
    from grader.store.tenants import TenantStore

    engine = make_engine(_settings().database_url)
    SubmissionStore(engine).create_schema()
    return TenantStore(engine)


def _callback_url(text: str, settings: Settings) -> str | None:
    """The checked callback URL ('' for none), before anything is written."""
    from pydantic import HttpUrl, TypeAdapter

    from grader.webhooks import check_callback_url

    if not text:
        return None
    try:
        url = str(TypeAdapter(HttpUrl).validate_python(text))
    except ValidationError:
        raise GraderError(f"--callback-url {text!r} is not an http(s) URL") from None
    return check_callback_url(
        url, allow_private=settings.webhook_allow_private, field="--callback-url"
    )


def cmd_keys_create(args: argparse.Namespace) -> int:
    from grader.store.tenants import parse_scopes

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


def cmd_assessments_load(args: argparse.Namespace) -> int:
    from grader.api.presenters import webhook_body
    from grader.services.application import Application
    from grader.services.definitions import load_definition
    from grader.store.tenants import DEFAULT_TENANT

    settings = _settings(bank_dir=_bank(args, _settings()).path)
    application = Application(settings, webhook_body=webhook_body)
    application.migrate()
    tenant = args.tenant or DEFAULT_TENANT
    view = load_definition(application.assessments, tenant=tenant, path=Path(args.file))
    row = view.row
    print(f"assessment {row.id}: {row.title} ({row.definition})")
    for assessed in view.questions:
        q = assessed.question
        print(f"  {q.id} @ {q.version}  weight {assessed.weight:g}  {assessed.max_score:g} points")
    print(f"skills: {', '.join(f'{k} {v:g}' for k, v in view.skills.items())}")
    if view.requirements:
        wanted = ", ".join(f"{k} >= {v:g}" for k, v in view.requirements.items())
        print(f"requirements: {wanted}")
    from sqlalchemy import make_url  # here, not at the top: `grader grade` never needs it

    database = make_url(settings.database_url).render_as_string(hide_password=True)
    print(f"written to {database}, tenant {tenant!r}: GET /v1/assessments/{row.id}")
    return 0


def cmd_images_build(args: argparse.Namespace) -> int:
    settings = _settings()
    from grader.runtime import Runtime  # the engine client, only for commands that run code

    runtime = Runtime(settings, log=lambda m: print(m, file=sys.stderr))
    for tag in runtime.build_images(base=args.base):
        print(tag)
    return 0


BANK_HELP = (
    "the question bank (default: found from the current directory, else GRADER_BANK_DIR; "
    "see docs/authoring.md)"
)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="grader", description="Sandboxed grading of code answers.")
    sub = root.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade one answer file against a question")
    g.add_argument("question", help="a question id from the bank, or a question directory")
    g.add_argument("answer", help="the answer's source file")
    g.add_argument("--json", action="store_true", help="print exactly one JSON result")
    g.add_argument("--artifacts", metavar="DIR", help="save the rendered figures (PNG) here")
    g.add_argument("--bank", metavar="DIR", help=BANK_HELP)
    g.set_defaults(run=cmd_grade)
    c = sub.add_parser(
        "check",
        help="check a question bank: references, samples, determinism, public views",
    )
    c.add_argument("bank_dir", nargs="?", help="the bank, as --bank")
    c.add_argument("--bank", metavar="DIR", help=BANK_HELP)
    c.add_argument("--question", metavar="ID", help="check only this question")
    c.add_argument("--junit-xml", metavar="PATH", help="also write the report as JUnit XML")
    c.add_argument("--json", action="store_true", help="print the report as one JSON object")
    c.add_argument("--workers", type=int, default=2, help="gradings at a time (default 2)")
    c.set_defaults(run=cmd_check)
    n = sub.add_parser("new", help="scaffold a new question that `grader check` passes")
    n.add_argument("id", help="the question id (a-z, 0-9 and -)")
    n.add_argument("--kind", choices=["code", "multiple_choice", "text"], default="code")
    n.add_argument("--bank", metavar="DIR", help=BANK_HELP)
    n.set_defaults(run=cmd_new)
    a = sub.add_parser(
        "assess",
        help="grade an attempt: answers to several questions, with per-skill totals",
        epilog="FILE.json looks like: " + assessment_example().replace("%", "%%"),
    )
    a.add_argument("file", help="the attempt as JSON")
    a.add_argument(
        "--assessment",
        metavar="DEFINITION.toml",
        help="grade against a definition (assessments/*.toml): its weights and requirements",
    )
    a.add_argument("--json", action="store_true", help="print exactly one JSON result")
    a.add_argument("--bank", metavar="DIR", help=BANK_HELP)
    a.set_defaults(run=cmd_assess)
    r = sub.add_parser(
        "replay",
        help="grade exported submissions again with the current bank and report what changed",
        epilog='FILE.jsonl has one submission a line: {"id", "question_id", "code", "result"} '
        "as GET /v1/submissions/export writes it.",
    )
    r.add_argument("file", help="the export, JSON Lines")
    r.add_argument("--workers", type=int, default=2, help="gradings at a time (default 2)")
    r.add_argument("--json", action="store_true", help="print the report as one JSON object")
    r.add_argument("--bank", metavar="DIR", help=BANK_HELP)
    r.set_defaults(run=cmd_replay)
    s = sub.add_parser("serve", help="run the HTTP service")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--bank", metavar="DIR", help=BANK_HELP)
    s.set_defaults(run=cmd_serve)
    w = sub.add_parser("worker", help="grade submissions queued on the broker (GRADER_BROKER_URL)")
    w.add_argument(
        "--concurrency",
        type=int,
        metavar="N",
        help="gradings at a time (default GRADER_WORKERS); about one per core",
    )
    w.add_argument("--bank", metavar="DIR", help=BANK_HELP)
    w.set_defaults(run=cmd_worker)
    keys = sub.add_parser("keys", help="API keys of tenants").add_subparsers(
        dest="keys", required=True
    )
    kc = keys.add_parser("create", help="create a key (and its tenant when new); prints it last")
    kc.add_argument("--tenant", required=True, help="tenant name, e.g. 'acme-lms'")
    kc.add_argument(
        "--scopes", default="submit,read", help="comma-separated: submit, read, review, admin"
    )
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
    assessments = sub.add_parser("assessments", help="assessments of the service").add_subparsers(
        dest="assessments_command", required=True
    )
    al = assessments.add_parser(
        "load", help="create an assessment from a versioned TOML definition"
    )
    al.add_argument("file", help="the definition, e.g. assessments/ml-engineer-mid.toml")
    al.add_argument("--tenant", help="the tenant that owns it (default: 'default')")
    al.add_argument("--bank", metavar="DIR", help=BANK_HELP)
    al.set_defaults(run=cmd_assessments_load)
    bank_cmd = sub.add_parser("bank", help="the bank as a whole").add_subparsers(
        dest="bank_command", required=True
    )
    m = bank_cmd.add_parser(
        "map", help="the skill map (docs/bank.md): each profile skill, its questions and kinds"
    )
    m.add_argument("--output", metavar="PATH", help="write the map there instead of stdout")
    m.add_argument("--check", metavar="PATH", help="exit 1 when PATH is not the current map")
    m.add_argument("--bank", metavar="DIR", help=BANK_HELP)
    m.set_defaults(run=cmd_bank_map)
    images = sub.add_parser("images", help="runner images").add_subparsers(
        dest="images", required=True
    )
    b = images.add_parser("build", help="build every runner image, or reuse it when up to date")
    b.add_argument("--base", help="base image (default: the public slim Python image)")
    b.set_defaults(run=cmd_images_build)
    return root


def main(argv: list[str] | None = None, *, grade: GradeFn | None = None) -> int:
    """Run a command; `grade` replaces Docker grading in grade, check, assess, replay (tests)."""
    args = parser().parse_args(argv)
    args.grade = grade
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
