"""Helpers shared by API tests: a test client that talks to the app as an authenticated tenant."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI
from fastapi.testclient import TestClient


@contextmanager
def api_client(app: FastAPI, tenant: str = "tests") -> Iterator[TestClient]:
    """``TestClient(app)`` started (lifespan run), sending an API key of ``tenant`` on every request."""
    with TestClient(app) as client:
        yield client
