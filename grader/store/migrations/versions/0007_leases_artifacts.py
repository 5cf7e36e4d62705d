"""Scale-out: grading leases on submissions, and artifacts stored in the database.

A worker's claim carries `lease_expires_at`, renewed while it grades; `enqueued_at` is when a
task for the submission was last sent to the broker. Artifacts live in `artifacts`, so that any
API process serves what a worker on another host wrote.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "artifacts",
        sa.Column("owner", sa.String(100), primary_key=True),
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("artifacts")
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("enqueued_at")
        batch.drop_column("lease_expires_at")
