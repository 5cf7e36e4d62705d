"""Reviews: a reviewer's score beside a run's automatic one; submissions' needs_review flag.

Revision ID: 0003_reviews
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_reviews"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(
            sa.Column("needs_review", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # Results are stored as compact JSON (pydantic), where a string value escapes its quotes,
    # so this matches the result's own flag and never text inside the result.
    op.execute(
        sa.text(
            "UPDATE submissions SET needs_review = :yes WHERE result_json LIKE :flagged"
        ).bindparams(yes=True, flagged='%"needs_review":true%')
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("submission_id", sa.String(32), sa.ForeignKey("submissions.id"), nullable=False),
        sa.Column("run_id", sa.String(32), sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("automatic_score", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(255), nullable=False),
        sa.Column("api_key_id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reviews_submission_id", "reviews", ["submission_id"])


def downgrade() -> None:
    op.drop_table("reviews")
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("needs_review")
