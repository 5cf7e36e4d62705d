"""Regrade jobs: a question's regrade, the submissions it covers and the run each had before.

Revision ID: 0005
Revises: 0003_reviews
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
# merge-trial now also has 0003_reviews (also after 0003): at merge, chain this after it.
down_revision = "0003_reviews"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "regrade_jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("question_version", sa.String(64), nullable=False),
        sa.Column("pinned_version", sa.String(64), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_regrade_jobs_tenant", "regrade_jobs", ["tenant"])
    op.create_table(
        "regrade_job_items",
        sa.Column("job_id", sa.String(32), sa.ForeignKey("regrade_jobs.id"), primary_key=True),
        sa.Column(
            "submission_id", sa.String(32), sa.ForeignKey("submissions.id"), primary_key=True
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("previous_run_id", sa.String(32), sa.ForeignKey("runs.id"), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("regrade_job_items")
    op.drop_index("ix_regrade_jobs_tenant", table_name="regrade_jobs")
    op.drop_table("regrade_jobs")
