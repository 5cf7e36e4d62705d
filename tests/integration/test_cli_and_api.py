"""The CLI and the HTTP service give the same result for the same answer, in real sandboxes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from grader.api.app import create_app
from grader.bank.question import Question
from grader.config import PROJECT_ROOT, Settings
from tests.api.server import serving
from tests.sandboxes import own_containers

pytestmark = pytest.mark.docker


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader.cli", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=120,
    )


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    """A result without what differs between two runs of the same answer (time, memory)."""
    result = dict(result)
    result.pop("resources")
    return result


def test_cli_prints_one_json_result_with_full_marks_for_the_reference(linear: Question) -> None:
    done = cli(
        "grade", "matplotlib-linear-plot", "questions/matplotlib-linear-plot/solution.py", "--json"
    )
    assert done.returncode == 0
    (line,) = done.stdout.splitlines()
    result = json.loads(line)
    assert (result["score"], result["max_score"], result["verdict"]) == (10.0, 10.0, "passed")
    assert result["provenance"]["question_version"] == linear.version


def test_cli_accepts_a_question_directory_and_saves_figures(tmp_path: Path) -> None:
    done = cli(
        "grade",
        "questions/matplotlib-linear-plot",
        "questions/matplotlib-linear-plot/samples/crashing_after_plot.py",
        "--artifacts",
        str(tmp_path),
    )
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == "matplotlib-linear-plot: 9/10  runtime_error"
    assert "NameError: name 'undefined_name' is not defined" in done.stdout
    assert done.stdout.splitlines()[-1] == f"wrote 1 PNG file to {tmp_path}"
    assert (tmp_path / "figure-1.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ("grade", "no-such-question", "x.py"),
            {},
            "grader: there is no question 'no-such-question' in the bank",
        ),
        (
            ("grade", "matplotlib-linear-plot", "/nonexistent/answer.py"),
            {},
            "grader: cannot read the answer file /nonexistent/answer.py: No such file or directory",
        ),
        (
            ("grade", "matplotlib-linear-plot", "questions/matplotlib-linear-plot/solution.py"),
            {"GRADER_DOCKER_URL": "unix:///nonexistent/docker.sock"},
            "grader: cannot reach the Docker engine",
        ),
    ],
    ids=["unknown-question", "unreadable-answer", "no-engine"],
)
def test_cli_fails_with_a_one_line_reason(
    args: tuple[str, ...], env: dict[str, str], message: str
) -> None:
    done = cli(*args, env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(message)
    if "Docker" in message:
        assert "dockerd" in line


def test_http_wait_returns_the_same_result_as_the_cli(settings: Settings, linear: Question) -> None:
    answer = linear.directory / "samples" / "partial_no_labels_short_range.py"
    done = cli("grade", linear.id, str(answer), "--json")
    from_cli = json.loads(done.stdout)
    anonymous = settings.model_copy(update={"allow_anonymous": True})
    with serving(create_app(anonymous)) as url, httpx.Client(base_url=url, timeout=120) as http:
        response = http.post(
            "/v1/submissions",
            params={"wait": "true", "timeout": 90},
            json={"question_id": linear.id, "code": answer.read_text()},
        )
        assert response.status_code == 200
        body = response.json()
        png = http.get(f"/v1/submissions/{body['id']}/artifacts/figure-1.png")
    assert comparable(body["result"]) == comparable(from_cli)
    assert from_cli["score"] == 6.0
    assert png.headers["content-type"] == "image/png"
    assert own_containers() == []
