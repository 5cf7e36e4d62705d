"""Databases for tests: empty ones, and ones at the newest schema, migrated once per session.

Running the migrations for every test costs more than most tests do. Each session migrates
one SQLite file and one PostgreSQL database; a test needing the schema gets a copy of the file,
or a PostgreSQL database made from the template with CREATE DATABASE ... TEMPLATE. Making a
PostgreSQL database copies its whole catalogue (about 0.5 s here), so a database a test has
finished with is emptied (TRUNCATE) and handed to the next test instead of dropped, unless its
schema no longer matches the template's, in which case it is dropped.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import make_url, text

from grader.store.db import SubmissionStore, make_engine

# What a database's schema is, for telling whether a test changed it.
SCHEMA = text(
    "SELECT table_name, column_name, data_type, is_nullable, column_default"
    " FROM information_schema.columns WHERE table_schema = 'public'"
    " UNION ALL SELECT tablename, indexname, indexdef, '', '' FROM pg_indexes"
    " WHERE schemaname = 'public'"
    " UNION ALL SELECT 'alembic_version', version_num, '', '', '' FROM alembic_version"
    " ORDER BY 1, 2"
)
TABLES = text(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    " AND tablename <> 'alembic_version' ORDER BY tablename"
)
OTHER_SESSIONS = text(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
    " WHERE datname = :name AND pid <> pg_backend_pid()"
)


def migrate(url: str) -> None:
    """Bring the database at `url` to the newest schema and close every connection to it."""
    engine = make_engine(url)
    try:
        SubmissionStore(engine).create_schema()
    finally:
        engine.dispose()


def sqlite_template(directory: Path) -> Path:
    """A SQLite file at the newest schema, to be copied by `sqlite_copy`."""
    path = directory / "template.db"
    migrate(f"sqlite:///{path}")
    # Closing the last connection checkpoints the write-ahead log into the file itself.
    assert not path.with_name(path.name + "-wal").exists()
    return path


def sqlite_copy(template: Path, path: Path) -> str:
    """A fresh database at the newest schema: a copy of the template file."""
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


class PostgresServer:
    """The test PostgreSQL: makes and drops this session's databases."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._admin = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")

    def url_of(self, name: str) -> str:
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        name = f"grader_test_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
        return name

    def drop(self, name: str) -> None:
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def disconnect_others(self, name: str) -> None:
        """End every session on database `name` (engines a test left open, say)."""
        with self._admin.connect() as connection:
            connection.execute(OTHER_SESSIONS, {"name": name})

    @contextmanager
    def database(self) -> Iterator[str]:
        """A fresh, empty database for one block, dropped after it."""
        name = self.create()
        try:
            yield self.url_of(name)
        finally:
            self.drop(name)

    def close(self) -> None:
        self._admin.dispose()


class PostgresPool:
    """Databases at the newest schema: copies of one migrated template, emptied for reuse."""

    def __init__(self, server: PostgresServer) -> None:
        self._server = server
        self._template = server.create()
        migrate(server.url_of(self._template))
        self._schema = self._describe(self._template)
        self._free: list[str] = []
        # Emptying a used database restores the template only while migrations add no rows.
        assert self._rows(self._template) == 0, "the migrations now add rows: copy, not empty"

    def _rows(self, name: str) -> int:
        engine = make_engine(self._server.url_of(name))
        try:
            with engine.connect() as connection:
                tables = [row[0] for row in connection.execute(TABLES)]
                counts = [f'SELECT count(*) FROM "{t}"' for t in tables]  # noqa: S608  (our tables)
                return sum(connection.exec_driver_sql(q).scalar_one() for q in counts)
        finally:
            engine.dispose()

    def _describe(self, name: str) -> list[tuple[str, ...]]:
        engine = make_engine(self._server.url_of(name))
        try:
            with engine.connect() as connection:
                return [tuple(str(v) for v in row) for row in connection.execute(SCHEMA)]
        finally:
            engine.dispose()

    def _empty(self, name: str) -> bool:
        """Empty the database for the next test; False when its schema was changed."""
        self._server.disconnect_others(name)
        if self._describe(name) != self._schema:
            return False
        engine = make_engine(self._server.url_of(name))
        try:
            with engine.begin() as connection:
                tables = ", ".join(f'"{row[0]}"' for row in connection.execute(TABLES))
                connection.exec_driver_sql(f"TRUNCATE TABLE {tables} RESTART IDENTITY CASCADE")
        finally:
            engine.dispose()
        return True

    @contextmanager
    def database(self) -> Iterator[str]:
        """A database at the newest schema holding no rows, for one block."""
        name = self._free.pop() if self._free else self._server.create(self._template)
        try:
            yield self._server.url_of(name)
        finally:
            if self._empty(name):
                self._free.append(name)
            else:
                self._server.drop(name)

    def close(self) -> None:
        for name in [*self._free, self._template]:
            self._server.drop(name)
        self._free.clear()
