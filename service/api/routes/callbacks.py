"""``/v1/callbacks/secret``: the secret that signs this tenant's job callbacks (admin keys)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from service.api.authentication import CallbackAdminDep, require_principal
from service.api.deps import SessionDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.callbacks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, tenant_secret

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


@router.get("/secret", response_model=CallbackSecretOut)
def read_secret(session: SessionDep, principal: CallbackAdminDep) -> CallbackSecretOut:
    """The tenant's callback secret (made on first use)."""
    return _out(tenant_secret(session, principal.tenant))


@router.post("/secret/rotate", response_model=CallbackSecretOut)
def rotate_secret(session: SessionDep, principal: CallbackAdminDep) -> CallbackSecretOut:
    """A new secret; deliveries from now on are signed with it."""
    return _out(tenant_secret(session, principal.tenant, rotate=True))
