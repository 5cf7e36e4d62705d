"""Alembic migrations: the newest schema matches the tables, and old databases are upgraded."""

from __future__ import annotations

import threading

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from grader.store.db import SubmissionStore, make_engine
from grader.store.migrate import upgrade
from grader.store.tables import Base


def test_the_migrated_schema_is_the_tables_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)  # a second run changes nothing
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == "0007"


def test_a_database_made_before_migrations_keeps_its_submissions(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(
            text(
                "INSERT INTO submissions (id, question_id, question_version, code, metadata_json,"
                " status, attempts, created_at, diagnostics_json)"
                " VALUES ('old1', 'q', 'v1', 'x = 1', '{}', 'queued', 0,"
                " '2026-01-01 00:00:00+00:00', '[]')"
            )
        )
    store = SubmissionStore(engine)
    store.create_schema()
    row = store.get("old1", tenant="default")
    assert (row.tenant, row.code, row.status, row.idempotency_key) == (
        "default",
        "x = 1",
        "queued",
        None,
    )


def test_migrations_started_together_all_succeed(database_url: str) -> None:
    errors: list[BaseException] = []

    def migrate() -> None:
        try:
            upgrade(make_engine(database_url))
        except BaseException as exc:  # noqa: BLE001  (collected for the assertion)
            errors.append(exc)

    threads = [threading.Thread(target=migrate) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
