"""Shared fixtures: tiny models built once per session, and databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from service.storage.db import Database, make_engine, migrate

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
ARTICLES = SHARED / "articles"
SEED_ARTICLE = ARTICLES / "nordkorea-kursk.de.txt"

# The real PostgreSQL server of this machine kind (trust auth, database "test").
POSTGRES_URL = os.environ.get(
    "INTERLINEAR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("INTERLINEAR_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # tests never reach the hub
# CTranslate2 conversions made by tests go to a store of their own, not the user's cache.
os.environ.setdefault("INTERLINEAR_MODEL_STORE", tempfile.mkdtemp(prefix="interlinear-store-"))
if os.environ.get("PYTEST_XDIST_WORKER"):  # a store per test process (scripts/test runs three at once)
    os.environ["INTERLINEAR_MODEL_STORE"] = tempfile.mkdtemp(prefix="interlinear-store-")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# One intra-op thread for torch in the test process and every worker, CLI and API process it
# starts (they inherit this environment). The tiny test models are far too small to gain from a
# second thread, and on a 2-core machine with other processes busy (the suite runs three test
# processes and their workers) OpenMP's threads wait on each other: the same 43 sentences took
# 12-55 s to decode with two threads and 0.8-1.8 s with one.
os.environ.setdefault("OMP_NUM_THREADS", "1")
# Greedy decoding keeps the random-weight test models fast; beam search is exercised in benchmarks.
os.environ.setdefault("INTERLINEAR_BEAM_SIZE", "1")
# Random weights never end a sentence: every output runs to the decode cap (ratio x input + 10
# tokens). A lower ratio than the product's 2.0 keeps their outputs, and the suite, shorter; tests of
# the cap itself set their own.
os.environ.setdefault("INTERLINEAR_MAX_OUTPUT_RATIO", "0.5")


# Marked by path, so that the quick loop (``bash scripts/test --quick``) can leave them out: tests
# that start real Celery workers and restart Redis or PostgreSQL, and tests that drive Chromium.
RELIABILITY_PATHS = ("tests/reliability/", "tests/workers/test_queue_redis.py")
BROWSER_SUFFIX = "_chromium.py"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = item.path.relative_to(REPO_ROOT).as_posix()
        if path.startswith(RELIABILITY_PATHS):
            item.add_marker(pytest.mark.reliability)
        if path.endswith(BROWSER_SUFFIX):
            item.add_marker(pytest.mark.browser)


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared/ data folder must sit beside the repository")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return require_shared(SEED_ARTICLE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tiny_marian_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight MarianMT model saved like a hub checkout: proves plumbing, not quality."""
    from workers.tiny.build import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def tiny_marian_b_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second tiny model (other random weights): "the improved model" in re-translation tests."""
    from workers.tiny.build import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian-b"), seed=1)


@pytest.fixture(scope="session")
def postgres_schema_url() -> Iterator[str]:
    """A fresh schema in the real PostgreSQL for this test session, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, pool_pre_ping=True)  # survives a server restart in a test
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # pragma: no cover - reported, not hidden
        pytest.fail(
            f"PostgreSQL at {POSTGRES_URL} is not reachable ({exc}); start it "
            "(`bash .ci/run` does) or set INTERLINEAR_TEST_POSTGRES_URL"
        )
    yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


TABLES = (
    "documents, sections, segments, translations, summaries, memory_entries, jobs, job_events, glossaries, "
    "callback_deliveries, tenant_secrets, api_keys, usage"
)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at the newest schema, migrated once per test process: each test's database is
    a copy, as PostgreSQL's schema stays migrated between tests (the migrations themselves are
    tested from an empty database, and from the first, in ``test_migrations``)."""
    path = tmp_path_factory.mktemp("schema") / "interlinear.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()  # the last connection closed: its write-ahead log is in the file
    assert (
        not path.with_name(path.name + "-wal").exists()
        or not path.with_name(path.name + "-wal").stat().st_size
    )
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A storage test runs twice: on a new SQLite file (a copy of one at the newest schema) and on
    the session's PostgreSQL schema, which is emptied after each test."""
    if request.param == "sqlite":
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), tmp_path / "interlinear.db")
        yield f"sqlite:///{tmp_path / 'interlinear.db'}"
        return
    url: str = request.getfixturevalue("postgres_schema_url")
    yield url
    engine = create_engine(url)
    with engine.begin() as connection:
        if inspect(connection).has_table("documents"):
            connection.execute(text(f"TRUNCATE {TABLES} CASCADE"))
    engine.dispose()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.engine.dispose()


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[Any]:
    """The whole app on ``database_url`` (SQLite, then PostgreSQL) with the in-process queue and the
    tiny model, as a TestClient; no reaper (a test that needs it starts its own). A test module with
    other settings defines its own ``client``."""
    from service.settings import Settings
    from tests.support import embedded_client

    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir,
                        reaper_enabled=False)  # fmt: skip
    with embedded_client(settings) as test_client:
        yield test_client
