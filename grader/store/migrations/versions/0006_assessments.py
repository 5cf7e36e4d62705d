"""Assessments: pinned questions and requirements, candidates' attempts and their answers.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("requirements_json", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("time_budget_minutes", sa.Integer(), nullable=True),
        sa.Column("definition", sa.String(128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_assessments_tenant", "assessments", ["tenant"])
    op.create_table(
        "assessment_questions",
        sa.Column(
            "assessment_id", sa.String(32), sa.ForeignKey("assessments.id"), primary_key=True
        ),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("question_version", sa.String(64), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("assessment_id", sa.String(32), sa.ForeignKey("assessments.id"), nullable=False),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("candidate", sa.String(255), nullable=False),
        sa.Column("metadata_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_attempts_assessment_id", "attempts", ["assessment_id"])
    op.create_index("ix_attempts_tenant", "attempts", ["tenant"])
    op.create_table(
        "attempt_answers",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("attempt_id", sa.String(32), sa.ForeignKey("attempts.id"), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("submission_id", sa.String(32), sa.ForeignKey("submissions.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_attempt_answers_attempt_id", "attempt_answers", ["attempt_id"])
    op.create_index(
        "ix_attempt_answers_submission_id", "attempt_answers", ["submission_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ix_attempt_answers_submission_id", table_name="attempt_answers")
    op.drop_index("ix_attempt_answers_attempt_id", table_name="attempt_answers")
    op.drop_table("attempt_answers")
    op.drop_index("ix_attempts_tenant", table_name="attempts")
    op.drop_index("ix_attempts_assessment_id", table_name="attempts")
    op.drop_table("attempts")
    op.drop_table("assessment_questions")
    op.drop_index("ix_assessments_tenant", table_name="assessments")
    op.drop_table("assessments")
