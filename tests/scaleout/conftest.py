"""Fixtures of the scale-out tests: a Redis of the test's own, a fresh PostgreSQL database,
and a cluster of `grader serve` and `grader worker` processes stopped after the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import PostgresServer
from tests.scaleout.cluster import Cluster, RedisServer


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> Iterator[str]:
    with postgres.database() as url:
        yield url


@pytest.fixture
def cluster(postgres_url: str, redis_server: RedisServer, tmp_path: Path) -> Iterator[Cluster]:
    running = Cluster(
        database_url=postgres_url, broker_url=redis_server.url, logs=tmp_path / "logs"
    )
    yield running
    running.stop()
