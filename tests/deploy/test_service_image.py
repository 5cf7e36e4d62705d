"""The service's own image, built offline by scripts/service-image: an API process and a worker
run from it against the local engine, PostgreSQL and Redis, and grade as the service does."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator

import httpx
import pytest

from grader.config import PROJECT_ROOT
from tests.api.server import free_port
from tests.scaleout.cluster import CODE, MULTIPLE_CHOICE, RedisServer, wait_for

pytestmark = pytest.mark.docker

IMAGE = "grader-service-test"
SOCKET = "/var/run/docker.sock"


def docker(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["docker", *args], capture_output=True, text=True, check=check)


@pytest.fixture(scope="module")
def image() -> str:
    subprocess.run(
        [str(PROJECT_ROOT / "scripts" / "service-image")],
        check=True,
        env={**os.environ, "GRADER_IMAGE": IMAGE},
        cwd=PROJECT_ROOT,
    )
    return IMAGE


@pytest.fixture
def containers() -> Iterator[list[str]]:
    started: list[str] = []
    yield started
    for name in started:
        docker("rm", "-f", name, check=False)


def test_the_image_runs_as_a_user_of_its_own_with_the_docker_sdk_but_no_engine(
    image: str,
) -> None:
    probe = docker(
        "run",
        "--rm",
        "--entrypoint",
        "sh",
        image,
        "-c",
        "id -u; command -v dockerd docker || true; python3 -c 'import docker, celery; print(1)'",
    )
    assert probe.stdout.split() == ["10001", "1"]


def test_an_api_and_a_worker_from_the_image_grade_like_the_service(
    image: str, containers: list[str], postgres_url: str, redis_server: RedisServer
) -> None:
    port = free_port()
    env = [
        f"--env=GRADER_DATABASE_URL={postgres_url}",
        f"--env=GRADER_BROKER_URL={redis_server.url}",
        "--env=GRADER_ALLOW_ANONYMOUS=true",
        "--env=GRADER_HOST=127.0.0.1",
        f"--env=GRADER_PORT={port}",
    ]
    api, worker = f"grader-api-{uuid.uuid4().hex[:8]}", f"grader-worker-{uuid.uuid4().hex[:8]}"
    containers.extend([api, worker])
    docker("run", "-d", "--name", api, "--network", "host", *env, image)
    url = f"http://127.0.0.1:{port}"
    wait_for(lambda: httpx.get(f"{url}/readyz").json()["status"] == "ok", 60, "the API's readiness")
    group = str(os.stat(SOCKET).st_gid)
    docker(
        "run",
        "-d",
        "--name",
        worker,
        "--network",
        "host",
        *env,
        "--group-add",
        group,
        "-v",
        f"{SOCKET}:{SOCKET}",
        image,
        "grader",
        "worker",
        "--concurrency",
        "1",
    )

    for answer in (MULTIPLE_CHOICE, CODE):
        response = httpx.post(
            f"{url}/v1/submissions?wait=true",
            json={"question_id": answer.question_id, "code": answer.code},
            timeout=120,
        )
        body = response.json()
        assert response.status_code == 200, docker("logs", worker).stderr[-3000:]
        assert (body["status"], body["result"]["score"], body["result"]["verdict"]) == (
            "completed",
            answer.score,
            answer.verdict,
        )
    assert docker("inspect", "-f", "{{.Config.User}}", worker).stdout.strip() == "10001"
