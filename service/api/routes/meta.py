"""Languages, models, health, readiness and metrics."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from service.api.deps import DatabaseDep, DispatcherDep, SettingsDep
from service.api.schemas import LanguagePair, LanguagesOut, ModelOut
from service.metrics import registry_for

router = APIRouter(tags=["meta"])


@router.get("/v1/languages", response_model=LanguagesOut)
def languages(settings: SettingsDep) -> LanguagesOut:
    return LanguagesOut(pairs=[LanguagePair(source=s, target=t) for s, t in settings.pairs()])


@router.get("/v1/models", response_model=list[ModelOut])
def models(settings: SettingsDep) -> list[ModelOut]:
    return [
        ModelOut(source=s, target=t, model_id=settings.model_for(s, t), revision=settings.model_revision)
        for s, t in settings.pairs()
    ]


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(database: DatabaseDep, dispatcher: DispatcherDep) -> JSONResponse:
    """Database and broker reachable: 200, else 503 with what is down."""
    checks: dict[str, str] = {}
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"unreachable: {type(exc).__name__}"
    checks["broker"] = "ok" if dispatcher.broker_ok() else "unreachable"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "checks": checks}, 200 if ready else 503
    )


@router.get("/metrics", include_in_schema=False)
def metrics(database: DatabaseDep, dispatcher: DispatcherDep) -> Response:
    return Response(generate_latest(registry_for(database, dispatcher)), media_type=CONTENT_TYPE_LATEST)
