"""translations record the decoding settings; a settings change is a new output version

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD = ["segment_id", "target_lang", "model_id", "model_revision", "engine"]


def upgrade() -> None:
    with op.batch_alter_table("translations") as batch:
        batch.add_column(sa.Column("settings_hash", sa.String(length=64), server_default="", nullable=False))
        batch.drop_constraint("uq_translation", type_="unique")
        batch.create_unique_constraint("uq_translation", [*OLD, "settings_hash"])


def downgrade() -> None:
    with op.batch_alter_table("translations") as batch:
        batch.drop_constraint("uq_translation", type_="unique")
        batch.create_unique_constraint("uq_translation", OLD)
        batch.drop_column("settings_hash")
