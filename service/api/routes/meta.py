"""Languages, models, health, readiness and metrics."""

from __future__ import annotations

import hmac
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field
from sqlalchemy import text

from service.api.authentication import require_principal
from service.api.deps import DatabaseDep, DispatcherDep, RegistryDep, SettingsDep
from service.api.http_errors import AUTH_RESPONSES
from service.api.schemas import LanguagePair, LanguagesOut, ModelHop, ModelOut
from service.metrics import registry_for
from service.model_names import model_name

router = APIRouter(tags=["meta"])


@router.get(
    "/v1/languages",
    response_model=LanguagesOut,
    dependencies=[Depends(require_principal)],
    responses=AUTH_RESPONSES,
)
def languages(registry: RegistryDep) -> LanguagesOut:
    """Language pairs with a configured route (direct or by pivot)."""
    return LanguagesOut(pairs=[LanguagePair(source=r.source, target=r.target) for r in registry.routes()])


@router.get(
    "/v1/models",
    response_model=list[ModelOut],
    dependencies=[Depends(require_principal)],
    responses=AUTH_RESPONSES,
)
def models(registry: RegistryDep) -> list[ModelOut]:
    """Per pair: the route and every model on it, with revision, engine and licence."""
    return [
        ModelOut(
            source=route.source,
            target=route.target,
            route=route.name,
            model_id=" + ".join(model_name(hop.spec.model) for hop in route.hops),
            revision=route.hops[0].spec.revision,
            hops=[
                ModelHop(
                    source=h.source,
                    target=h.target,
                    model_id=model_name(h.spec.model),
                    revision=h.spec.revision,
                    engine=h.spec.engine,
                    licence=h.spec.licence,
                )
                for h in route.hops
            ],
        )
        for route in registry.routes()
    ]


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.head("/healthz", include_in_schema=False)
def healthz_head() -> Response:
    """The same for a probe that asks with HEAD (load balancers do): 200, no body."""
    return Response(status_code=200)


class ReadyOut(BaseModel):
    status: Literal["ready", "not ready"]
    checks: dict[str, str] = Field(description="database and broker: 'ok', or what is wrong")


@router.get(
    "/readyz",
    response_model=ReadyOut,
    responses={503: {"model": ReadyOut, "description": "Not ready: the checks say which part is down"}},
)
def readyz(database: DatabaseDep, dispatcher: DispatcherDep) -> JSONResponse:
    """Database and broker reachable: 200, else 503 with what is down."""
    checks: dict[str, str] = {}
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok" if database.try_migrate() else f"schema: {database.schema_problem}"
    except Exception as exc:
        checks["database"] = f"unreachable: {type(exc).__name__}"
    checks["broker"] = "ok" if dispatcher.broker_ok() else "unreachable"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        200 if ready else 503,
        headers=None if ready else {"Retry-After": "5"},
    )


@router.head("/readyz", include_in_schema=False)
def readyz_head(database: DatabaseDep, dispatcher: DispatcherDep) -> Response:
    """:func:`readyz` for a probe that asks with HEAD: its status and headers, no body."""
    answer = readyz(database, dispatcher)
    return Response(status_code=answer.status_code, headers={k: v for k, v in answer.headers.items()
                                                             if k.lower() == "retry-after"})  # fmt: skip


def metrics_token(settings: SettingsDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """With ``INTERLINEAR_METRICS_TOKEN`` set, /metrics wants ``Authorization: Bearer <token>``."""
    expected = settings.metrics_token
    if expected is None:
        return
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), expected.get_secret_value().encode()
    ):
        raise HTTPException(
            401,
            "/metrics is an operator endpoint: send the token set in INTERLINEAR_METRICS_TOKEN as "
            "'Authorization: Bearer TOKEN' (Prometheus: authorization.credentials in the scrape config)",
            headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
        )


@router.get("/metrics", include_in_schema=False, dependencies=[Depends(metrics_token)])
def metrics(database: DatabaseDep, dispatcher: DispatcherDep) -> Response:
    """Operator endpoint (Prometheus): counts across every tenant, no tenant's content."""
    return Response(generate_latest(registry_for(database, dispatcher)), media_type=CONTENT_TYPE_LATEST)
