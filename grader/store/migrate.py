"""Bring a database's schema to the newest migration (Alembic), at start-up and in the CLI."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The revision whose schema the service created with create_all before it had migrations.
BEFORE_MIGRATIONS = "0001"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to `revision`; a database made before migrations is first marked as 0001."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        tables = set(inspect(connection).get_table_names())
        if "submissions" in tables and "alembic_version" not in tables:
            command.stamp(config, BEFORE_MIGRATIONS)
        command.upgrade(config, revision)
