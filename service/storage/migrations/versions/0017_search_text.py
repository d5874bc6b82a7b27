"""documents.search_text: the title and text folded for search (case, accents, umlauts and ß)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 11:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from service.storage.tables import searched_text

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

BATCH = 200  # documents folded a round: an archive's texts are not all read at once


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    documents = sa.table(
        "documents",
        sa.column("id", sa.String()),
        sa.column("title", sa.Text()),
        sa.column("source_text", sa.Text()),
        sa.column("source_format", sa.String()),
        sa.column("search_text", sa.Text()),
    )
    connection = op.get_bind()
    last = ""
    while True:
        rows = connection.execute(
            sa.select(documents.c.id, documents.c.title, documents.c.source_text, documents.c.source_format)
            .where(documents.c.id > last)
            .order_by(documents.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        for row in rows:
            connection.execute(
                documents.update()
                .where(documents.c.id == row.id)
                .values(search_text=searched_text(row.title, row.source_text, row.source_format or "text"))
            )
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("search_text")
