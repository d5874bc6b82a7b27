"""tenants and api keys

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 05:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# 0001 left these unique constraints unnamed: PostgreSQL named them <table>_<column>_key,
# SQLite not at all (batch mode finds them through this naming convention).
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _unnamed_unique(table: str, column: str) -> tuple[str, dict[str, object]]:
    if op.get_bind().dialect.name == "sqlite":
        return f"uq_{table}_{column}", {"naming_convention": SQLITE_NAMES}
    return f"{table}_{column}_key", {}


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=True),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("rate_limit", sa.String(length=64), nullable=True),
        sa.Column("daily_chars", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )
    op.create_index(op.f("ix_api_keys_tenant"), "api_keys", ["tenant"], unique=False)
    op.create_table(
        "usage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("chars", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["key_id"], ["api_keys.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_usage_key_at", "usage", ["key_id", "at"], unique=False)

    for table, column, new_name, columns in (
        ("documents", "content_hash", "uq_documents_tenant_content", ["tenant", "content_hash"]),
        ("jobs", "idempotency_key", "uq_jobs_tenant_idempotency_key", ["tenant", "idempotency_key"]),
    ):
        old_name, kwargs = _unnamed_unique(table, column)
        with op.batch_alter_table(table, **kwargs) as batch_op:  # type: ignore[arg-type]
            batch_op.add_column(sa.Column("tenant", sa.String(length=64), server_default="", nullable=False))
            batch_op.drop_constraint(old_name, type_="unique")
            batch_op.create_unique_constraint(new_name, columns)
            batch_op.create_index(batch_op.f(f"ix_{table}_tenant"), ["tenant"], unique=False)


def downgrade() -> None:
    for table, column, new_name in (
        ("documents", "content_hash", "uq_documents_tenant_content"),
        ("jobs", "idempotency_key", "uq_jobs_tenant_idempotency_key"),
    ):
        old_name, kwargs = _unnamed_unique(table, column)
        with op.batch_alter_table(table, **kwargs) as batch_op:  # type: ignore[arg-type]
            batch_op.drop_index(batch_op.f(f"ix_{table}_tenant"))
            batch_op.drop_constraint(new_name, type_="unique")
            batch_op.create_unique_constraint(old_name, [column])
            batch_op.drop_column("tenant")
    op.drop_index("ix_usage_key_at", table_name="usage")
    op.drop_table("usage")
    op.drop_index(op.f("ix_api_keys_tenant"), table_name="api_keys")
    op.drop_table("api_keys")
