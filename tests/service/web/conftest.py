"""The page tests' app: the embedded default (in-process queue) on the test's database and the tiny
model (plumbing, not quality), and headless Chromium for the browser tests. A test module may define
its own ``app`` or ``driver`` instead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from service.settings import Settings
from tests.service.web.browser import chromium
from tests.support import embedded_app


@pytest.fixture
def app(database_url: str, tiny_marian_dir: Path) -> Iterator[FastAPI]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_app(settings) as application:
        yield application


@pytest.fixture
def driver() -> Iterator[Any]:
    """Headless Chromium for one browser test (a module may keep one for all its tests instead)."""
    browser = chromium()
    yield browser
    browser.quit()
