"""An API app on the one-machine default (in-process worker) with keys required, per database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from service.api.app import create_app
from service.settings import Settings
from workers.dispatchers import InProcessDispatcher


@pytest.fixture
def make_app(database_url: str, tiny_marian_dir: Path) -> Iterator[Callable[..., FastAPI]]:
    """``make_app(**settings)``: apps on the test database, shut down after the test."""
    apps: list[FastAPI] = []

    def make(**overrides: object) -> FastAPI:
        settings = Settings(
            database_url=database_url,
            broker_url="memory://",
            model_dir=tiny_marian_dir,
            auth_required=True,
            **overrides,  # type: ignore[arg-type]
        )
        app = create_app(settings)
        apps.append(app)
        return app

    yield make
    for app in apps:
        dispatcher = app.state.dispatcher
        if isinstance(dispatcher, InProcessDispatcher):
            dispatcher.close()


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    return make_app()
