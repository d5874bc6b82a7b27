"""Sign-in sessions for the pages: what a browser's cookie stands for.

Signing in with an API key starts a session: the browser gets a random token in its cookie, and
only the token's SHA-256 is stored, beside the key it was started with. The key itself never
leaves the sign-in form. Signing out ends the session here, so a copied cookie stops working at
once; so does revoking the key, and a session ends by itself after ``Settings.session_hours``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.storage.tables import ApiKey, WebSession, utcnow

TOKEN_PREFIX = "ils_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, key: ApiKey, hours: float) -> str:
    """A new session for ``key``; returns the token for the browser's cookie (stored hashed)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        WebSession(
            token_hash=_hash(token), key_id=key.id, created_at=now, expires_at=now + dt.timedelta(hours=hours)
        )
    )
    return token


def key_of_session(session: Session, token: str) -> ApiKey | None:
    """The key a live session was started with; None for an unknown, ended or expired token.
    (A revoked key is returned as it is: the caller says that it was revoked.)"""
    row = session.get(WebSession, _hash(token))
    if row is None or row.ended_at is not None or row.expires_at <= utcnow():
        return None
    return session.scalar(select(ApiKey).where(ApiKey.id == row.key_id))


def end_session(session: Session, token: str) -> bool:
    """Ends the session of ``token``; False where there was none to end."""
    row = session.get(WebSession, _hash(token))
    if row is None or row.ended_at is not None:
        return False
    row.ended_at = utcnow()
    return True
