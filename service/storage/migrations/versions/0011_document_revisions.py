"""document revisions: external ids, revision numbers

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 19:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

PLAIN = "external_id IS NULL"
FIRST_WITH_ID = "external_id IS NOT NULL AND root_id IS NULL"
LATER = "root_id IS NOT NULL"


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("external_id", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("root_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="1", nullable=False))
        batch_op.drop_constraint("uq_documents_tenant_content", type_="unique")
        batch_op.create_index(batch_op.f("ix_documents_root_id"), ["root_id"], unique=False)
    op.create_index(
        "uq_documents_tenant_content", "documents", ["tenant", "content_hash"], unique=True,
        postgresql_where=sa.text(PLAIN), sqlite_where=sa.text(PLAIN),
    )  # fmt: skip
    op.create_index(
        "uq_documents_tenant_external_id", "documents", ["tenant", "external_id"], unique=True,
        postgresql_where=sa.text(FIRST_WITH_ID), sqlite_where=sa.text(FIRST_WITH_ID),
    )  # fmt: skip
    op.create_index(
        "uq_documents_root_revision", "documents", ["root_id", "revision"], unique=True,
        postgresql_where=sa.text(LATER), sqlite_where=sa.text(LATER),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("uq_documents_root_revision", table_name="documents")
    op.drop_index("uq_documents_tenant_external_id", table_name="documents")
    op.drop_index("uq_documents_tenant_content", table_name="documents")
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_root_id"))
        batch_op.create_unique_constraint("uq_documents_tenant_content", ["tenant", "content_hash"])
        batch_op.drop_column("revision")
        batch_op.drop_column("root_id")
        batch_op.drop_column("external_id")
