"""Database engine, sessions, and schema migration (Alembic, run from code)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from service.errors import without_paths

if TYPE_CHECKING:
    from service.settings import Settings

log = logging.getLogger(__name__)


class DatabaseNotReady(Exception):
    """The database has not been reached since the process started: its schema is not migrated."""


@dataclass(frozen=True)
class PoolLimits:
    """Connections one process may hold, and how long a caller waits for one (seconds)."""

    size: int = 10
    overflow: int = 10
    timeout: float = 5.0


def make_engine(url: str, pool: PoolLimits | None = None) -> Engine:
    pool = pool or PoolLimits()
    kwargs: dict[str, Any] = {
        "pool_pre_ping": True,
        "pool_size": pool.size,
        "max_overflow": pool.overflow,
        "pool_timeout": pool.timeout,
    }
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

    return engine


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("service.storage") / "migrations"))
    config.attributes["engine"] = engine
    return config


# Alembic keeps the migration under way in module globals (``alembic.context``, ``alembic.op``):
# two at once in one process, on two databases, take each other's (KeyError: 'config', or a table
# created twice), and a half-run first migration then failed every retry on SQLite ("table
# documents already exists"). A CI run met it where one test's app migrated while another's did.
_migrate_lock = threading.Lock()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration; safe to call on every start, from any thread (one
    migration at a time in a process)."""
    with _migrate_lock:
        command.upgrade(alembic_config(engine), "head")


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database's schema is at; None where it has none (a new database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class Database:
    """One engine and its session factory.

    ``upgrade=True`` migrates the schema now (and fails if the database is unreachable);
    ``upgrade=False`` leaves that to :meth:`migrate_when_reachable`, for a server that must start
    while the database is down and report itself not ready until it is back.
    """

    def __init__(self, url: str, *, upgrade: bool = True, pool: PoolLimits | None = None) -> None:
        self.url = url
        self.engine = make_engine(url, pool)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.schema_ready = threading.Event()
        self.schema_problem: str | None = "the schema has not been migrated yet"
        self._closed = threading.Event()
        if upgrade:
            migrate(self.engine)
            self._ready()

    def _ready(self) -> None:
        self.schema_problem = None
        self.schema_ready.set()

    def try_migrate(self) -> bool:
        """Migrate the schema if the database can be reached; returns whether it is ready."""
        if self.schema_ready.is_set():
            return True
        try:
            migrate(self.engine)
        except Exception as exc:  # unreachable, starting up, refusing connections: try again later
            first = without_paths((str(exc).strip().splitlines() or [""])[0])  # /readyz shows it
            self.schema_problem = f"unreachable ({type(exc).__name__}: {first[:200]})"
            return False
        self._ready()
        return True

    def migrate_when_reachable(self, every: float = 2.0) -> None:
        """Migrate now if possible, else keep trying in a background thread until it works."""
        if self.try_migrate():
            return
        log.warning("database %s: %s; retrying every %.0f s", self.engine.url, self.schema_problem, every)

        def keep_trying() -> None:
            while not self._closed.wait(every):
                if self.try_migrate():
                    log.info("database reachable again; schema migrated")
                    return

        threading.Thread(target=keep_trying, name="interlinear-migrate", daemon=True).start()

    def session(self) -> Session:
        return self.sessions()

    def ready_session(self) -> Session:
        """A session, or :class:`DatabaseNotReady` while the schema is not migrated (a server
        started while the database was down)."""
        if not self.schema_ready.is_set():
            raise DatabaseNotReady(self.schema_problem or "not ready")
        return self.sessions()

    def close(self) -> None:
        self._closed.set()
        self.engine.dispose()


_databases_lock = threading.Lock()


def database_for(url: str) -> Database:
    """The process's :class:`Database` for ``url``, made (and migrated) once, whichever thread asks first."""
    with _databases_lock:
        return _database_for(url)


@lru_cache(maxsize=4)
def _database_for(url: str) -> Database:
    from service.settings import get_settings

    return Database(url, pool=pool_limits(get_settings()))


def pool_limits(settings: Settings) -> PoolLimits:
    """The pool limits of :class:`service.settings.Settings`."""
    return PoolLimits(settings.db_pool_size, settings.db_max_overflow, settings.db_pool_timeout)
