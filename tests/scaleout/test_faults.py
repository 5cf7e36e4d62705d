"""Faults injected into a running deployment on real PostgreSQL, Redis and Docker: a worker or
an API process killed, Redis stopped, PostgreSQL restarted. Every accepted submission is
graded, exactly once (one run), and no request gets a server error that is not a problem."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from grader.config import PROJECT_ROOT, Settings
from grader.runtime import Runtime
from grader.store.db import make_engine
from grader.store.tables import SubmissionRow
from tests.scaleout.cluster import (
    MULTIPLE_CHOICE,
    TEXT,
    Cluster,
    DockerEngine,
    PostgresCluster,
    RedisServer,
    Stream,
    Timer,
    drained,
    outcome,
    report,
    slow,
    wait_for,
)

QUICK = [MULTIPLE_CHOICE, TEXT]


def status_of(database_url: str, submission_id: str) -> str:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return str(
                connection.execute(
                    select(SubmissionRow.status).where(SubmissionRow.id == submission_id)
                ).scalar_one()
            )
    finally:
        engine.dispose()


def graded_in_log(cluster: Cluster, worker: str, submission_ids: Iterable[str]) -> int:
    """How many of these submissions the worker's log says it graded."""
    log = (cluster.logs / f"{worker}.log").read_text()
    return sum(f"graded submission {submission_id}:" in log for submission_id in submission_ids)


@pytest.mark.docker
def test_a_worker_killed_mid_grading_leaves_its_submission_to_another_worker_once(
    cluster: Cluster,
) -> None:
    api = cluster.api("api-1")
    first = cluster.worker("worker-1", concurrency=1)
    answer = slow(3)
    accepted = httpx.post(
        f"{api.url}/v1/submissions", json={"question_id": answer.question_id, "code": answer.code}
    )
    assert accepted.status_code == 202
    submission_id = accepted.json()["id"]
    wait_for(lambda: status_of(cluster.database_url, submission_id) == "running", 60, "the claim")
    time.sleep(1.0)  # the sandbox is running the answer's sleep now
    first.kill()
    cluster.worker("worker-2", concurrency=1)

    result = drained(cluster.database_url, {submission_id: answer}, seconds=60)

    assert (result.finished, result.lost, result.duplicated, result.wrong) == (1, 0, 0, [])
    assert dict(result.attempts) == {2: 1}  # the killed worker's claim, then the new one's
    body = httpx.get(f"{api.url}/v1/submissions/{submission_id}").json()
    assert (body["status"], body["result"]["score"], body["result"]["verdict"]) == (
        "completed",
        10.0,
        "passed",
    )


def test_an_api_process_killed_while_accepting_loses_none_of_what_it_accepted(
    cluster: Cluster,
) -> None:
    doomed = cluster.api("api-1")
    survivor = cluster.api("api-2")
    cluster.worker("worker-1", concurrency=2)
    timer = Timer()
    with Stream([doomed.url], QUICK, clients=8, pause=0.02) as stream:
        wait_for(lambda: len(stream.tally.accepted) >= 40, 60, "40 accepted submissions")
        doomed.kill()
        time.sleep(0.5)

    result = drained(cluster.database_url, stream.tally.accepted, seconds=60)
    report("api killed", len(stream.tally.accepted), result, timer.seconds())

    assert stream.tally.server_errors() == {}
    assert (result.lost, result.duplicated, result.wrong) == (0, 0, [])
    assert result.finished == len(stream.tally.accepted) >= 40
    assert httpx.get(f"{survivor.url}/healthz").status_code == 200


def test_with_redis_stopped_for_20_s_then_2_s_the_apis_keep_accepting_and_the_backlog_drains(
    cluster: Cluster, redis_server: RedisServer
) -> None:
    apis = [cluster.api("api-1"), cluster.api("api-2")]
    workers = [cluster.worker("worker-1", concurrency=2), cluster.worker("worker-2", concurrency=2)]
    timer = Timer()
    with Stream([a.url for a in apis], QUICK, clients=4, pause=0.5) as stream:
        time.sleep(3)
        redis_server.stop()
        stream.mark("redis stopped")
        time.sleep(20)
        stream.mark("redis back")
        redis_server.start()
        time.sleep(1)
        redis_server.stop()  # a second loss right after the reconnection
        time.sleep(2)
        redis_server.start()
        time.sleep(3)

    result = drained(cluster.database_url, stream.tally.accepted, seconds=90)
    report("redis stopped 20 s, then 2 s", len(stream.tally.accepted), result, timer.seconds())

    accepted_while_down = stream.marks["redis back"] - stream.marks["redis stopped"]
    assert accepted_while_down >= 20
    assert dict(stream.tally.statuses) == {202: len(stream.tally.accepted)}
    assert stream.tally.transport_errors == 0
    assert (result.lost, result.duplicated, result.wrong) == (0, 0, [])
    # Both workers are still there and still take tasks, not only the one that drained the rest.
    assert [w.popen.poll() for w in workers] == [None, None]
    after = Stream([apis[0].url], QUICK, clients=4, pause=0.0)
    with after:
        wait_for(lambda: len(after.tally.accepted) >= 40, 60, "40 more accepted submissions")
    assert drained(cluster.database_url, after.tally.accepted, seconds=60).lost == 0
    graded_by = {w.name: graded_in_log(cluster, w.name, after.tally.accepted) for w in workers}
    assert all(graded_by.values()), graded_by


@pytest.fixture
def own_postgres() -> Iterator[PostgresCluster]:
    server = PostgresCluster()
    server.create()
    yield server
    server.remove()


def test_a_postgresql_restart_mid_run_loses_and_duplicates_nothing(
    own_postgres: PostgresCluster, redis_server: RedisServer, tmp_path: Path
) -> None:
    cluster = Cluster(
        database_url=own_postgres.url, broker_url=redis_server.url, logs=tmp_path / "logs"
    )
    try:
        apis = [cluster.api("api-1"), cluster.api("api-2")]
        cluster.worker("worker-1", concurrency=2)
        cluster.worker("worker-2", concurrency=2)
        timer = Timer()
        with Stream([a.url for a in apis], QUICK, clients=4, pause=0.3) as stream:
            time.sleep(3)
            own_postgres.stop()
            time.sleep(3)
            own_postgres.start()
            time.sleep(4)

        result = drained(cluster.database_url, stream.tally.accepted, seconds=90)
        report("postgres restarted", len(stream.tally.accepted), result, timer.seconds())
    finally:
        cluster.stop()

    # While the database was down the APIs answered 503 problems, and nothing else failed.
    assert set(stream.tally.statuses) <= {202, 503}
    assert {p["type"].rsplit("/", 1)[-1] for p in stream.tally.problems} <= {"database-unavailable"}
    assert (result.lost, result.duplicated, result.wrong) == (0, 0, [])
    assert result.finished == len(stream.tally.accepted) > 0
    assert outcome(own_postgres.url, stream.tally.accepted).lost == 0


@pytest.fixture
def second_engine() -> Iterator[DockerEngine]:
    engine = DockerEngine(PROJECT_ROOT / "var" / "test-dockerd")
    engine.start()
    engine.ensure_image(Runtime(Settings()).backend("python").image)
    yield engine
    engine.stop()


@pytest.mark.docker
def test_a_docker_engine_restart_mid_grading_is_retried_and_never_blamed_on_the_candidate(
    postgres_url: str, redis_server: RedisServer, second_engine: DockerEngine, tmp_path: Path
) -> None:
    cluster = Cluster(
        database_url=postgres_url,
        broker_url=redis_server.url,
        logs=tmp_path / "logs",
        extra={"GRADER_DOCKER_URL": second_engine.url},
    )
    try:
        api = cluster.api("api-1")
        cluster.worker("worker-1", concurrency=2)
        timer = Timer()
        answer = slow(4)  # long enough to be cut off by the engine's stop
        accepted = {}
        for _ in range(3):
            response = httpx.post(
                f"{api.url}/v1/submissions",
                json={"question_id": answer.question_id, "code": answer.code},
            )
            assert response.status_code == 202
            accepted[response.json()["id"]] = answer

        def running() -> int:
            return sum(status_of(postgres_url, i) == "running" for i in accepted)

        wait_for(lambda: running() == 2, 60, "two gradings under way")
        time.sleep(1.5)  # both sandboxes are running the answers now
        second_engine.stop()
        time.sleep(2)
        second_engine.start()

        result = drained(postgres_url, accepted, seconds=120)
        report("engine restarted", len(accepted), result, timer.seconds())
    finally:
        cluster.stop()

    assert (result.finished, result.lost, result.duplicated, result.wrong) == (3, 0, 0, [])
    # The two cut off by the engine were graded again; the third waited for a free thread.
    assert sorted(result.attempts.elements()) == [1, 2, 2]
