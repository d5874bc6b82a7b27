"""Alembic migrations build exactly the schema the models describe, and go down and up again."""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from service.storage.db import alembic_config, make_engine, migrate
from service.storage.tables import Base


def test_migrations_match_models_and_round_trip(database_url: str) -> None:
    engine = make_engine(database_url)
    config = alembic_config(engine)
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_databases_migrated_at_once_from_threads_of_one_process_all_migrate(tmp_path: Path) -> None:
    # Alembic keeps the migration under way in module globals: two apps of one process migrating at
    # once took each other's (KeyError: 'config'), and the half-run one then failed every retry
    # ("table documents already exists"); a CI run met it
    engines = [make_engine(f"sqlite:///{tmp_path / f'{n}.db'}") for n in range(6)]
    errors: list[str] = []

    def run(engine: Engine) -> None:
        try:
            migrate(engine)
        except Exception as exc:  # what the race raised
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    for engine in engines:
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() is not None
            assert "documents" in inspect(connection).get_table_names()
        engine.dispose()
