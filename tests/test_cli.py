"""The `grader keys` commands, run in-process against a temporary database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grader.cli import main
from grader.store.db import SubmissionStore, make_engine
from grader.store.tenants import TenantStore


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    monkeypatch.setenv("GRADER_DATABASE_URL", url)
    return url


def test_keys_create_prints_the_key_last_and_it_authenticates(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["keys", "create", "--tenant", "acme", "--scopes", "submit,read"]) == 0
    lines = capsys.readouterr().out.splitlines()
    key = lines[-1]
    row = TenantStore(make_engine(database)).authenticate(key)
    assert row is not None and (row.tenant, row.scopes) == ("acme", "submit,read")
    assert lines[0] == "tenant:  acme (created)"
    assert lines[1].startswith("webhook secret (shown once): whsec_")


def test_keys_list_and_revoke(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["keys", "create", "--tenant", "acme", "--scopes", "read"])
    key = capsys.readouterr().out.splitlines()[-1]
    (row,) = TenantStore(make_engine(database)).keys()
    assert main(["keys", "list"]) == 0
    listing = capsys.readouterr().out
    assert row.id in listing and key not in listing and "acme" in listing
    assert main(["keys", "revoke", row.id]) == 0
    assert capsys.readouterr().out == f"revoked key {row.id} of tenant acme\n"
    assert TenantStore(make_engine(database)).authenticate(key) is None


def test_bad_scopes_exit_2_with_a_reason(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "create", "--tenant", "acme", "--scopes", "root"]) == 2
    assert capsys.readouterr().err == (
        "grader: unknown scopes 'root'; choose from submit, read, review, admin\n"
    )


def test_tenants_show_prints_the_webhook_secret(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["keys", "create", "--tenant", "acme", "--callback-url", "https://lms.example/h"])
    capsys.readouterr()
    tenant = TenantStore(make_engine(database)).find("acme")
    assert tenant is not None
    assert main(["tenants", "show", "acme"]) == 0
    assert capsys.readouterr().out == (
        "tenant:         acme\n"
        "callback url:   https://lms.example/h\n"
        f"webhook secret: {tenant.webhook_secret}\n"
    )
    assert main(["tenants", "show", "globex"]) == 2
    assert capsys.readouterr().err == (
        "grader: there is no tenant 'globex'; `grader keys create --tenant NAME` makes one\n"
    )


def test_a_bad_callback_url_creates_nothing(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["keys", "create", "--tenant", "acme", "--callback-url", "not a url"]) == 2
    assert main(["keys", "create", "--tenant", "acme", "--callback-url", "http://10.0.0.1/"]) == 2
    assert capsys.readouterr().err == (
        "grader: --callback-url 'not a url' is not an http(s) URL\n"
        "grader: --callback-url: 10.0.0.1 is a loopback, private or link-local address; "
        "webhooks go to public addresses only\n"
    )
    engine = make_engine(database)
    SubmissionStore(engine).create_schema()
    assert TenantStore(engine).keys() == []


def test_grading_one_file_imports_no_web_stack_or_database() -> None:
    # `grader grade` pays for what it imports on every run: only the code path's modules.
    probe = (
        "import sys, grader.cli, grader.runtime, grader.grading, grader.kinds\n"
        "heavy = {'sqlalchemy', 'fastapi', 'starlette', 'uvicorn', 'alembic', 'jinja2', "
        "'psycopg', 'grader.api', 'grader.store', 'grader.textmatch'}\n"
        "hit = lambda m: any(m == h or m.startswith(h + '.') for h in heavy)\n"
        "print(sorted(filter(hit, sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
