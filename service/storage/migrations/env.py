"""Alembic environment: runs against the engine that :func:`service.storage.db.migrate` passes in."""

from __future__ import annotations

from alembic import context

from service.storage.tables import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    from service.settings import get_settings
    from service.storage.db import make_engine

    engine = make_engine(get_settings().database_url)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table rebuilds to alter
    )
    with context.begin_transaction():
        context.run_migrations()
