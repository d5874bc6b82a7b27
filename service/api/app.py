"""The FastAPI application. Handlers validate, store and enqueue; they never run models."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.exceptions import RequestValidationError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from service.api.capacity import Admission
from service.api.contract import publish_language_codes
from service.api.docs import add_docs
from service.api.encoded_slash import RefuseEncodedSlashes
from service.api.headers import SecurityHeaders
from service.api.http_errors import (
    add_domain_handlers,
    broker_unavailable,
    database_unavailable,
    document_unsupported_media,
    method_not_allowed,
    unexpected_error,
)
from service.api.limits import RequestBodyLimits
from service.api.multipart import MultipartJobs
from service.api.query_once import query_parameters_once
from service.api.ratelimit import RateLimiter, storage_uri
from service.api.routes import (
    callbacks,
    checks,
    documents,
    glossaries,
    jobs,
    meta,
    publishing,
    render,
    review,
    translate,
    uploads,
)
from service.api.urlcheck import RefuseControlCharacters
from service.api.validation_errors import request_validation_failed
from service.callbacks.deliver import CallbackLoop
from service.dispatch import Dispatcher
from service.registry import Registry
from service.settings import Settings, get_settings
from service.storage.db import Database, DatabaseNotReady, pool_limits
from service.web import desk, glossary_pages, newsroom, pages, publishing_pages
from service.web.errors import add_page_error_handlers, control_character_page
from workers.dispatchers import InProcessDispatcher, make_dispatcher
from workers.reaper import ReaperLoop

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, dispatcher: Dispatcher | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # With the embedded worker, this process also sends job callbacks and requeues the tasks of
        # jobs left unfinished by a killed process (else the workers do both).
        embedded = isinstance(app.state.dispatcher, InProcessDispatcher)
        sender = CallbackLoop(settings) if embedded else None
        # The in-process queue died with the process before: every unfinished job is sent again at once.
        reaper = (
            ReaperLoop(settings, app.state.dispatcher, orphans_at_start=True)
            if embedded and settings.reaper_enabled
            else None
        )
        for loop in (sender, reaper):
            if loop is not None:
                loop.start()
        yield
        for loop in (sender, reaper):
            if loop is not None:
                loop.stop()
        app.state.database.close()

    app = FastAPI(
        title="Interlinear",
        version="0.1.0",
        summary="Aligned, section-by-section translations of news articles.",
        lifespan=lifespan,
        docs_url=None,  # served by service.api.docs, without a CDN
        redoc_url=None,
        # A pasted article is a form field: as large as the article limit (Starlette's default is
        # 1 MiB), and one over it a 413 saying so (http_errors.form_field_too_large), not a bare 400.
        form_limits={"max_part_size": settings.max_article_bytes},
        dependencies=[Depends(query_parameters_once)],  # ?state=a&state=b is a 422, not the last one
        # Starlette's redirect of /v1/documents/ took its host from the Host header: the API says
        # which address to send, the pages redirect to a path alone (service.api.near_address).
        redirect_slashes=False,
    )
    app.state.settings = settings
    # The API starts while the database is down: it answers 503 (and /readyz says why) until the
    # database is reachable and its schema migrated, which a background thread keeps trying.
    app.state.database = Database(settings.database_url, upgrade=False, pool=pool_limits(settings))
    app.state.database.migrate_when_reachable()
    app.state.registry = Registry.load(settings)  # read once: the model registry is configuration
    _log_to_stderr()
    for line in app.state.registry.describe():
        log.info("route %s", line)
    app.state.dispatcher = dispatcher or make_dispatcher(settings)
    app.state.rate_limiter = RateLimiter(storage_uri(settings))
    app.add_exception_handler(RequestValidationError, request_validation_failed)
    app.add_exception_handler(405, method_not_allowed)
    add_domain_handlers(app)
    add_page_error_handlers(app)  # the same errors as pages on the pages' paths
    for database_error in (OperationalError, InterfaceError, PoolTimeout, DatabaseNotReady):
        app.add_exception_handler(database_error, database_unavailable)
    for broker_error in (BrokerError, RedisConnectionError):
        app.add_exception_handler(broker_error, broker_unavailable)
    app.add_exception_handler(Exception, unexpected_error)
    app.add_middleware(RequestBodyLimits, max_bytes=settings.request_body_limit)
    app.add_middleware(
        Admission,
        limit=settings.api_concurrency,
        wait=settings.api_queue_wait,
        retry_after=settings.retry_after,
    )
    app.add_middleware(MultipartJobs)
    app.add_middleware(RefuseEncodedSlashes)  # an id in an API path sent as a%2Fb: refused, not routed
    app.add_middleware(RefuseControlCharacters, answer=control_character_page)  # a page on the pages
    app.add_middleware(SecurityHeaders)  # outermost: on refusals too
    routes = (uploads, jobs, documents, render, glossaries, callbacks, translate, checks, review, publishing,
              meta)  # fmt: skip
    for module in (*routes, pages, newsroom, desk, glossary_pages, publishing_pages):
        app.include_router(module.router)
    add_docs(app)
    document_unsupported_media(app)
    publish_language_codes(app)
    return app


def app() -> FastAPI:
    """Factory for ``uvicorn --factory service.api.app:app``."""
    return create_app()


def _log_to_stderr() -> None:
    """The service's own INFO lines (routes, reaper) to stderr beside uvicorn's, where nothing else
    set up logging: uvicorn configures its own loggers only, so ours went nowhere."""
    if logging.getLogger().handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
    for name in ("service", "workers"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
