"""job callbacks: tenant secrets and the delivery outbox

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 19:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tenant_secrets",
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("callback_secret", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("tenant"),
    )
    op.create_table(
        "callback_deliveries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("job_id", sa.String(length=36), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_callback_deliveries_due", "callback_deliveries", ["state", "next_attempt_at"])
    op.create_index(op.f("ix_callback_deliveries_job_id"), "callback_deliveries", ["job_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_callback_deliveries_job_id"), table_name="callback_deliveries")
    op.drop_index("ix_callback_deliveries_due", table_name="callback_deliveries")
    op.drop_table("callback_deliveries")
    op.drop_table("tenant_secrets")
