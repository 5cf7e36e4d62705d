"""Bring a database's schema to the newest migration (Alembic), at start-up and in the CLI."""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The revision whose schema the service created with create_all before it had migrations.
BEFORE_MIGRATIONS = "0001"
# Alembic's migration context is a module global: one migration at a time in a process.
_LOCK = threading.Lock()
LOCK_KEY = 0x67726164  # "grad": the advisory lock that serialises migrations on PostgreSQL


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to `revision`; a database made before migrations is first marked as 0001."""
    config = alembic_config()
    with _LOCK, engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Processes starting together take turns; the lock ends with the transaction.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        config.attributes["connection"] = connection
        tables = set(inspect(connection).get_table_names())
        if "submissions" in tables and "alembic_version" not in tables:
            command.stamp(config, BEFORE_MIGRATIONS)
        command.upgrade(config, revision)
