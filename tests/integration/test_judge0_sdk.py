"""The official Judge0 SDK (judge0 0.0.8), unchanged, against the service in real sandboxes."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import httpx
import judge0
import pytest

from grader.api.app import create_app
from grader.config import PROJECT_ROOT, Settings
from grader.store.db import SubmissionStore, make_engine
from grader.store.tenants import TenantStore
from tests.api.server import serving
from tests.sandboxes import own_containers

pytestmark = pytest.mark.docker

PYTHON = judge0.LanguageAlias.PYTHON


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The service on loopback with a real Docker backend; its URL and an API key."""
    root: Path = tmp_path_factory.mktemp("judge0")
    settings = Settings(
        database_url=f"sqlite:///{root / 'grader.db'}",
        artifact_dir=root / "artifacts",
        bank_dir=PROJECT_ROOT / "questions",
        judge0_workers=2,
    )
    engine = make_engine(settings.database_url)
    SubmissionStore(engine).create_schema()
    key = TenantStore(engine).create_key("acme", ("submit", "read")).key
    with serving(create_app(settings)) as url:
        yield url, key
    assert own_containers() == []


@pytest.fixture(scope="module")
def client(service: tuple[str, str]) -> judge0.Client:
    url, key = service
    return judge0.Client(f"{url}/judge0", headers={"X-Auth-Token": key})


def test_the_client_reads_languages_config_and_version(client: judge0.Client) -> None:
    assert [(language.id, language.name) for language in client.languages] == [
        (71, "Python (3.11)")
    ]
    assert client.config.max_submission_batch_size == 20
    assert client.version == "1.13.1"
    assert client.get_language_id(PYTHON) == 71


def test_a_run_with_stdin_prints_what_the_program_computed(client: judge0.Client) -> None:
    result = judge0.run(
        client=client,
        source_code="a, b = map(int, input().split())\nprint(a + b)\n",
        stdin="2 3\n",
        language=PYTHON,
    )
    assert result.status == judge0.Status.ACCEPTED
    assert result.stdout == "5\n"
    assert result.stderr is None
    assert result.exit_code == 0
    assert result.time is not None and 0 < result.time < 5
    assert result.memory is not None and result.memory > 1000  # kilobytes


def test_expected_output_gives_accepted_or_wrong_answer(client: judge0.Client) -> None:
    right, wrong = judge0.run(
        client=client,
        source_code="print(input().upper())",
        test_cases=[("abc\n", "ABC"), ("abc\n", "abc")],
        language=PYTHON,
    )
    assert right.status == judge0.Status.ACCEPTED
    assert wrong.status == judge0.Status.WRONG_ANSWER
    assert right.stdout == wrong.stdout == "ABC\n"


def test_a_program_past_its_cpu_time_limit_is_stopped(client: judge0.Client) -> None:
    result = judge0.run(
        client=client,
        source_code="while True:\n    pass\n",
        cpu_time_limit=1,
        wall_time_limit=5,
        language=PYTHON,
    )
    assert result.status == judge0.Status.TIME_LIMIT_EXCEEDED
    # Judge0 sends `message` base64-encoded too; the SDK passes it on as it came.
    assert base64.b64decode(result.message) == b"Time limit exceeded"
    assert result.time is not None and result.time > 0


def test_a_runtime_error_comes_with_its_traceback_on_stderr(client: judge0.Client) -> None:
    result = judge0.run(
        client=client,
        source_code="print('before')\n1 / 0\n",
        language=PYTHON,
    )
    assert result.status == judge0.Status.RUNTIME_ERROR_NZEC
    assert result.stdout == "before\n"
    assert result.exit_code == 1
    assert result.stderr is not None
    assert result.stderr.endswith("ZeroDivisionError: division by zero\n")
    assert "line 2, in <module>" in result.stderr


def test_a_batch_runs_every_submission(client: judge0.Client) -> None:
    submissions = [
        judge0.Submission(source_code=f"print({n} * int(input()))", stdin="7", language=PYTHON)
        for n in range(1, 4)
    ]
    created = judge0.async_run(client=client, submissions=submissions)
    assert len({s.token for s in created}) == 3
    done = judge0.wait(client=client, submissions=created)
    assert [s.stdout for s in done] == ["7\n", "14\n", "21\n"]
    assert {s.status for s in done} == {judge0.Status.ACCEPTED}


def test_without_base64_the_same_api_speaks_plain_text(service: tuple[str, str]) -> None:
    # The SDK always asks for base64; plain text is what other Judge0 clients use.
    url, key = service
    with httpx.Client(base_url=f"{url}/judge0", headers={"X-Auth-Token": key}, timeout=60) as http:
        plain = http.post(
            "/submissions",
            params={"base64_encoded": "false", "wait": "true"},
            json={"source_code": "print(input()[::-1])", "language_id": 71, "stdin": "héllo"},
        )
        encoded = http.post(
            "/submissions",
            params={"base64_encoded": "true", "wait": "true"},
            json={
                "source_code": base64.b64encode(b"print(input()[::-1])").decode(),
                "language_id": 71,
                "stdin": base64.b64encode("héllo".encode()).decode(),
            },
        )
    assert plain.status_code == encoded.status_code == 201
    assert plain.json()["stdout"] == "olléh\n"
    assert base64.b64decode(encoded.json()["stdout"]).decode() == "olléh\n"
    assert plain.json()["status"]["id"] == encoded.json()["status"]["id"] == 3
