"""API keys and tenants: creation, lookup, revocation, and the daily character quota.

A key is 32 random bytes (``il_`` + URL-safe base64); only its SHA-256 is stored. With that
much entropy a fast hash is the right one (as for GitHub or Stripe tokens): nothing to brute-force,
and every request can be checked with one indexed lookup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from limits import RateLimitItem, parse_many
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from service.echo_text import hidden_problem
from service.storage.locks import lock_row
from service.storage.tables import ApiKey, UsageRow, utcnow

KEY_PREFIX = "il_"
TENANT_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
LOCAL_TENANT = ""  # the CLI's documents, and every document of a service run without auth

# What a key may do. reader: read documents, jobs and glossaries. editor: also submit jobs and
# text, and correct translations. admin: also create, replace and delete glossaries.
ROLES = ("reader", "editor", "admin")
DEFAULT_ROLE = "editor"
PRIORITIES = ("breaking", "normal", "bulk")  # most urgent first (service/priorities.py)


def role_allows(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)


@dataclass(frozen=True)
class Principal:
    """Who sends a request: a key's tenant, or the local tenant where auth is off."""

    tenant: str
    key_id: str | None = None
    rate_limit: str | None = None
    daily_chars: int | None = None
    role: str = "admin"  # where auth is off, whoever can reach the service may do everything
    max_priority: str | None = None  # the most urgent priority the key may ask for; None: any
    author: str = "local"  # who a correction is recorded as: the key's name, else its id


@dataclass  # not frozen: raising sets the exception's traceback
class QuotaExceeded(Exception):
    limit: int
    used: int
    requested: int
    resets_at: dt.datetime

    @property
    def left(self) -> int:
        """The characters the key may still use today."""
        return max(0, self.limit - self.used)

    def __str__(self) -> str:
        resets = f"{self.resets_at:%Y-%m-%d %H:%M} UTC"
        if self.left == 0:
            left = f"nothing is left today; it resets at {resets}: send the text then"
        else:
            are = "is" if self.left == 1 else "are"
            left = (
                f"{self.left} {are} left today, and it resets at {resets}: send at most {self.left} "
                "characters until then"
            )
        return (
            f"these {self.requested} characters would pass the key's daily quota of {self.limit} characters "
            f"({self.used} used today); {left}, or ask for a higher quota"
        )


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def check_tenant(tenant: str) -> str:
    if not TENANT_PATTERN.fullmatch(tenant):
        raise ValueError(
            f"tenant {tenant!r} must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a "
            "letter or digit"
        )
    return tenant


def name_problem(name: str) -> str | None:
    """Why a key's name cannot be taken: it is who corrections and approvals are recorded as, shown
    on pages and in exports, so a direction control or an invisible character in it could make it
    show as another person's ("Anna\u202egreB" shows as "Anna Berg")."""
    return hidden_problem(name, "the key's name", "type the name without it")


def create_key(
    session: Session,
    tenant: str,
    name: str | None = None,
    rate_limit: str | None = None,
    daily_chars: int | None = None,
    role: str = DEFAULT_ROLE,
    max_priority: str | None = None,
) -> tuple[ApiKey, str]:
    """Store a new key for ``tenant``; returns the row and the key, which is not stored anywhere.
    ``max_priority``: the most urgent job priority it may ask for (None: any)."""
    if role not in ROLES:
        raise ValueError(f"role {role!r} is not one of {', '.join(ROLES)}")
    if max_priority is not None and max_priority not in PRIORITIES:
        raise ValueError(f"priority {max_priority!r} is not one of {', '.join(PRIORITIES)}")
    if name is not None and (problem := name_problem(name)):
        raise ValueError(problem)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        id=str(uuid.uuid4()),
        tenant=check_tenant(tenant),
        name=name,
        prefix=key[:10],
        key_hash=hash_key(key),
        rate_limit=rate_limit,
        daily_chars=daily_chars,
        role=role,
        max_priority=max_priority,
    )
    session.add(row)
    session.commit()
    return row, key


def find_key(session: Session, key: str) -> ApiKey | None:
    """The key's row, or None for an unknown key. Revoked keys are returned (the caller says so)."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    return session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key)))


def revoke_key(session: Session, key_id: str) -> bool:
    row = session.get(ApiKey, key_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    session.commit()
    return True


def list_keys(session: Session, tenant: str | None = None) -> list[ApiKey]:
    query = select(ApiKey).order_by(ApiKey.tenant, ApiKey.created_at)
    if tenant is not None:
        query = query.where(ApiKey.tenant == tenant)
    return list(session.scalars(query))


def start_of_day(now: dt.datetime) -> dt.datetime:
    return now.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def check_quota(
    session: Session, principal: Principal, chars: int, now: dt.datetime | None = None, lock: bool = False
) -> None:
    """Raise :class:`QuotaExceeded` if ``chars`` more today would pass the key's daily quota.

    ``lock``: hold the key's row until the transaction ends (:func:`~service.storage.locks.lock_row`:
    PostgreSQL and SQLite), so that checks made at the same moment for the same key are made one
    after the other, each seeing the usage the one before recorded; the caller records its usage in
    that transaction."""
    if principal.key_id is None or principal.daily_chars is None:
        return
    if lock:
        lock_row(session, ApiKey, ApiKey.id, principal.key_id)
    today = start_of_day(now or utcnow())
    used = session.scalar(
        select(func.coalesce(func.sum(UsageRow.chars), 0)).where(
            UsageRow.key_id == principal.key_id, UsageRow.at >= today
        )
    )
    if int(used or 0) + chars > principal.daily_chars:
        raise QuotaExceeded(principal.daily_chars, int(used or 0), chars, today + dt.timedelta(days=1))


def record_usage(session: Session, principal: Principal, kind: str, chars: int) -> UsageRow | None:
    """Add to the key's ledger (the caller commits, with the work it pays for); the row added, None
    where the principal has no key."""
    if principal.key_id is None:
        return None
    row = UsageRow(key_id=principal.key_id, kind=kind, chars=chars)
    session.add(row)
    return row


@contextmanager
def quota_reserved(session: Session, principal: Principal, kind: str, chars: int) -> Iterator[None]:
    """Pay for the work done in the ``with`` block from the key's daily quota, reserved before it.

    With the key's row locked (:func:`check_quota`) the quota is checked and the ``chars`` recorded
    and committed (the commit lets go of the row and of the connection's transaction), so requests
    of one key sent at the same moment pass the quota one after the other, each seeing what the one
    before reserved: found by outside attacks, where the quota was checked before the work and
    charged after it, and requests sent at once all passed it (``POST /v1/checks``, then
    ``POST /v1/translate``). A request the quota cannot pay for raises :class:`QuotaExceeded` before
    the block runs; a block that raises (the request refused while it runs, no worker answering)
    gives the reservation back. Nothing is recorded where the principal has no key (the CLI, a
    service without auth)."""
    try:
        check_quota(session, principal, chars, lock=True)
    except QuotaExceeded:
        session.rollback()  # lets go of the key's row
        raise
    reserved = record_usage(session, principal, kind, chars)
    session.commit()
    try:
        yield
    except BaseException:
        session.rollback()
        if reserved is not None:  # refused while working: nothing charged
            session.execute(delete(UsageRow).where(UsageRow.id == reserved.id))
            session.commit()
        raise


def charge_options(principal: Principal) -> dict[str, str]:
    """What a job whose text comes later (fetched by URL) keeps of the key that sent it, so that the
    worker can check and record its characters against that key's quota once it has the page."""
    if principal.key_id is None:
        return {}
    options = {"charge_key": principal.key_id}
    if principal.daily_chars is not None:
        options["charge_daily_chars"] = str(principal.daily_chars)
    return options


def charged_principal(tenant: str, options: dict[str, str]) -> Principal:
    """The inverse of :func:`charge_options` (a principal with no key where there was none)."""
    limit = options.get("charge_daily_chars")
    return Principal(tenant, key_id=options.get("charge_key"), daily_chars=int(limit) if limit else None)


def parse_rate_limit(text: str) -> list[RateLimitItem]:
    """``"60/minute"`` or ``"10/second;1000/hour"``; raises ValueError with what is accepted."""
    try:
        items = parse_many(text)
    except ValueError as exc:
        raise ValueError(
            f"rate limit {text!r} is not understood; write e.g. '60/minute' or '10/second;1000/hour'"
        ) from exc
    if not items:
        raise ValueError(f"rate limit {text!r} names no limit; write e.g. '60/minute'")
    return list(items)
