"""Alembic's environment: migrate the connection that grader.store.migrate hands over."""

from __future__ import annotations

from alembic import context

from grader.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations through grader.store.migrate.upgrade(engine), which passes a connection"
    )
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite rebuilds tables to alter them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
