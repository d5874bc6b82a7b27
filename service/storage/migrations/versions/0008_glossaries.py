"""glossaries

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "glossaries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("entries", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant", "name", name="uq_glossaries_tenant_name"),
    )
    op.create_index(op.f("ix_glossaries_tenant"), "glossaries", ["tenant"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_glossaries_tenant"), table_name="glossaries")
    op.drop_table("glossaries")
