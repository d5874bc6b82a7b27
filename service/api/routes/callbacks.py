"""``/v1/callbacks/secret``: the secret that signs this tenant's job callbacks (admin keys)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Response, status
from pydantic import BaseModel, Field

from service.api.authentication import CallbackAdminDep, require_principal
from service.api.deps import SessionDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.callbacks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, stored_secret, tenant_secret

router = APIRouter(
    prefix="/v1/callbacks",
    tags=["callbacks"],
    dependencies=[Depends(require_principal)],
    responses={**AUTH_RESPONSES, **error_responses(403, e403="Needs an admin key")},
)


class CallbackSecretOut(BaseModel):
    secret: str
    how_to_verify: str = Field(description="How a receiver checks a delivery")


def _out(secret: str) -> CallbackSecretOut:
    return CallbackSecretOut(
        secret=secret,
        how_to_verify=(
            f"{SIGNATURE_HEADER} is 'sha256=' + hex HMAC-SHA256(secret, "
            f"{TIMESTAMP_HEADER} + '.' + raw body); "
            "reject deliveries whose timestamp is more than 5 minutes old, and deduplicate by "
            "X-Interlinear-Delivery (a delivery may arrive more than once)"
        ),
    )


NO_SECRET = (
    "this tenant has no callback secret yet: create it with POST /v1/callbacks/secret (an admin key), "
    "then read it here; the first callback delivery also makes one"
)


@router.get(
    "/secret",
    response_model=CallbackSecretOut,
    responses=error_responses(404, e404="No secret yet: POST /v1/callbacks/secret makes one"),
)
def read_secret(session: SessionDep, principal: CallbackAdminDep) -> CallbackSecretOut:
    """The tenant's callback secret. Reading makes none: ``POST /v1/callbacks/secret`` does."""
    secret = stored_secret(session, principal.tenant)
    if secret is None:
        raise HTTPException(404, NO_SECRET)
    return _out(secret)


@router.post(
    "/secret",
    status_code=status.HTTP_201_CREATED,
    response_model=CallbackSecretOut,
    responses={200: {"model": CallbackSecretOut, "description": "The tenant had a secret: the same one"}},
)
def create_secret(response: Response, session: SessionDep, principal: CallbackAdminDep) -> CallbackSecretOut:
    """Make the tenant's callback secret (201), or answer the one it has (200): sending it twice is
    safe. ``/secret/rotate`` replaces it."""
    existing = stored_secret(session, principal.tenant)
    if existing is not None:
        response.status_code = status.HTTP_200_OK
        return _out(existing)
    return _out(tenant_secret(session, principal.tenant))


@router.post("/secret/rotate", response_model=CallbackSecretOut)
def rotate_secret(session: SessionDep, principal: CallbackAdminDep) -> CallbackSecretOut:
    """A new secret; deliveries from now on are signed with it."""
    return _out(tenant_secret(session, principal.tenant, rotate=True))
