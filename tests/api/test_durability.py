"""A submission accepted by a process killed with SIGKILL is graded after a restart."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from grader.bank.question import Question
from grader.config import PROJECT_ROOT
from grader.store.db import SubmissionStore, make_engine
from tests.api.server import free_port

Start = Callable[[str], tuple["subprocess.Popen[bytes]", str]]


def poll(until: Callable[[], Any], seconds: float = 30) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = until()
        except httpx.TransportError:
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture
def start(tmp_path: Path, database_url: str) -> Iterator[Start]:
    started: list[subprocess.Popen[bytes]] = []
    database = database_url

    def run(mode: str) -> tuple[subprocess.Popen[bytes], str]:
        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.api.fake_service",
                "--database",
                database,
                "--artifacts",
                str(tmp_path / "artifacts"),
                "--port",
                str(port),
                "--mode",
                mode,
            ],
            cwd=PROJECT_ROOT,
        )
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        poll(lambda: httpx.get(f"{url}/healthz").is_success)
        return process, url

    yield run
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(10)


def test_a_submission_survives_sigkill_and_is_graded_once_after_restart(
    start: Start, database_url: str, linear: Question
) -> None:
    first, url = start("block")
    accepted = httpx.post(f"{url}/v1/submissions", json={"question_id": linear.id, "code": "x"})
    assert accepted.status_code == 202
    location = url + accepted.headers["location"]
    poll(lambda: httpx.get(location).json()["status"] == "running")
    first.kill()  # SIGKILL: no shutdown code runs
    assert first.wait(10) == -9

    _, url = start("grade")
    location = url + accepted.headers["location"]
    body = poll(lambda: (b := httpx.get(location).json())["status"] == "completed" and b)
    assert (body["result"]["score"], body["result"]["verdict"]) == (10.0, "passed")
    store = SubmissionStore(make_engine(database_url))
    assert store.get(body["id"]).attempts == 2
    assert len(store.runs(body["id"])) == 1
