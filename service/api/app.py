"""The FastAPI application. Handlers validate, store and enqueue; they never run models."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

from service.api.errors import request_validation_failed
from service.api.headers import SecurityHeaders
from service.api.limits import RequestBodyLimits
from service.api.ratelimit import RateLimiter, storage_uri
from service.api.routes import documents, jobs, meta, translate
from service.dispatch import Dispatcher, make_dispatcher
from service.registry import Registry
from service.settings import Settings, get_settings
from service.storage.db import Database
from service.web import pages


def create_app(settings: Settings | None = None, dispatcher: Dispatcher | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.database.engine.dispose()

    app = FastAPI(
        title="Interlinear",
        version="0.1.0",
        summary="Aligned, section-by-section translations of news articles.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = Database(settings.database_url)
    app.state.registry = Registry.load(settings)  # read once: the model registry is configuration
    app.state.dispatcher = dispatcher or make_dispatcher(settings)
    app.state.rate_limiter = RateLimiter(storage_uri(settings))
    app.add_exception_handler(RequestValidationError, request_validation_failed)
    app.add_middleware(RequestBodyLimits, max_bytes=settings.request_body_limit)
    app.add_middleware(SecurityHeaders)  # outermost: on refusals too
    for module in (jobs, documents, translate, meta, pages):
        app.include_router(module.router)
    return app


def app() -> FastAPI:
    """Factory for ``uvicorn --factory service.api.app:app``."""
    return create_app()
