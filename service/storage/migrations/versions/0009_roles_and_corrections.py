"""key roles and correction authors

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Keys made before roles could do everything: they become admins. New keys are editors.
    with op.batch_alter_table("api_keys") as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=16), server_default="admin", nullable=False))
    with op.batch_alter_table("translations") as batch_op:
        batch_op.add_column(sa.Column("author", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("translations") as batch_op:
        batch_op.drop_column("author")
    with op.batch_alter_table("api_keys") as batch_op:
        batch_op.drop_column("role")
