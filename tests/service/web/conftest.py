"""The page tests' app: the embedded default (in-process queue) on the test's database and the tiny
model (plumbing, not quality). A test module may define its own ``app`` instead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from service.api.app import create_app
from service.settings import Settings
from workers.dispatchers import InProcessDispatcher


@pytest.fixture
def app(database_url: str, tiny_marian_dir: Path) -> Iterator[FastAPI]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    application = create_app(settings)
    yield application
    dispatcher = application.state.dispatcher
    assert isinstance(dispatcher, InProcessDispatcher)
    dispatcher.close()
