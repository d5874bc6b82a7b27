"""The tenant's callback secret and the signature of a delivery.

A receiver checks ``X-Interlinear-Signature: sha256=HEX``, where HEX is
``HMAC-SHA256(secret, f"{X-Interlinear-Timestamp}.{body}")``, and rejects old timestamps
(replays). The secret is made by ``POST /v1/callbacks/secret`` or the first delivery; an admin
reads it (``GET``) or rotates it there.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.storage.tables import TenantSecret, utcnow

SIGNATURE_HEADER = "X-Interlinear-Signature"
TIMESTAMP_HEADER = "X-Interlinear-Timestamp"


def stored_secret(session: Session, tenant: str) -> str | None:
    """The tenant's secret, or None where it has none yet (reading makes none)."""
    row = session.get(TenantSecret, tenant)
    return None if row is None else row.callback_secret


def tenant_secret(session: Session, tenant: str, rotate: bool = False) -> str:
    """The tenant's secret, made (and committed) the first time, or anew with ``rotate``."""
    row = session.get(TenantSecret, tenant)
    if row is None:
        secret = _new()
        try:
            session.add(TenantSecret(tenant=tenant, callback_secret=secret))
            session.commit()
        except IntegrityError:  # another request made it in the meantime: that one is the secret
            session.rollback()
            stored = stored_secret(session, tenant)
            assert stored is not None
            return stored
        return secret
    if rotate:
        row.callback_secret = _new()
        row.rotated_at = utcnow()
        session.commit()
    return row.callback_secret


def _new() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"
