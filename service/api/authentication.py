"""Who is asking: the API key of a request (a header, or the pages' sign-in session), its tenant and
rate limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from service.api.deps import DatabaseDep, SettingsDep
from service.api.ratelimit import RateLimiter, address_of
from service.api_keys import LOCAL_TENANT, Principal, find_key
from service.echo_text import escaped, shortened
from service.errors import Forbidden
from service.permissions import Action, authorize
from service.settings import Settings
from service.web_sessions import key_of_session

SESSION_COOKIE = "interlinear_session"  # the pages' sign-in: a session token, never the key
_HOW = "send it as 'Authorization: Bearer KEY' (or 'X-API-Key: KEY'); an operator creates keys with " \
    "`interlinear keys create --tenant NAME`"  # fmt: skip


# Declared as security schemes so that OpenAPI (and /docs' "Authorize") shows how to send a key.
BEARER = HTTPBearer(auto_error=False, description="Authorization: Bearer KEY")
API_KEY_HEADER = APIKeyHeader(name="X-API-Key", auto_error=False, description="X-API-Key: KEY")
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
ApiKeyHeaderDep = Annotated[str | None, Depends(API_KEY_HEADER)]


@dataclass(frozen=True)
class Credential:
    """What a request presents: an API key, or (``session``) the token of a pages' sign-in."""

    value: str
    session: bool = False


def presented_key(request: Request, bearer: BearerDep, header_key: ApiKeyHeaderDep) -> Credential | None:
    """The key in the Authorization or X-API-Key header; for reads, also the pages' session cookie.

    The cookie is never accepted for API writes, so another site cannot submit jobs with it (the
    pages' forms accept it with their CSRF token, in ``service/web/forms.py``).
    """
    if bearer is not None and bearer.credentials.strip():
        return Credential(bearer.credentials.strip())
    if header_key and header_key.strip():
        return Credential(header_key.strip())
    if request.method in ("GET", "HEAD") and (token := request.cookies.get(SESSION_COOKIE)):
        return Credential(token, session=True)
    return None


def _what_is_missing(header: str) -> str:
    """Why an ``Authorization`` header gave no key (found by an outside tester: "Bearer " with no key
    was told it had no "Bearer ", and "Basic ..." only that a key is required)."""
    scheme, _, rest = header.strip().partition(" ")
    if not scheme:
        return f"an API key is required: {_HOW}"
    if scheme.lower() == "bearer":  # "Bearer " and nothing after it
        return f"the Authorization header has 'Bearer' but no key after it: {_HOW}"
    if not rest.strip():  # one word: the key without its scheme
        return f"the Authorization header has no 'Bearer ' before the key: {_HOW}"
    shown = escaped(shortened(scheme, 20))
    return f"the Authorization scheme '{shown}' is not accepted, only Bearer: {_HOW}"


def _unauthorised(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": 'Bearer realm="interlinear"'})


@dataclass(frozen=True)
class Throttled:
    """A failed attempt past ``INTERLINEAR_AUTH_FAILURE_LIMIT``: when to try again, and saying so."""

    seconds: int
    limit: str

    @property
    def message(self) -> str:
        at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self.seconds)
        return (
            f"too many requests with a key that is not valid from this address (at most {self.limit}): "
            f"try again in {self.seconds} s (after {at:%H:%M:%S} UTC); a valid key is served meanwhile"
        )


def too_many_failures(request: Request, settings: Settings) -> Throttled | None:
    """Count a key that is not valid (unknown or revoked, in a header or the sign-in form) against
    the client's address; a :class:`Throttled` when the address is over its limit. Only failed
    attempts are counted and refused here: a valid key is never slowed. A pages' sign-in session
    (its cookie) that has ended, or whose key was revoked, is not counted: a page left open would
    be throttled for it, and then shown an error instead of the way to sign in again."""
    if not settings.auth_failure_limit:
        return None
    limiter: RateLimiter = request.app.state.rate_limiter
    address = address_of(request.client.host if request.client else None)
    decision = limiter.failed(address, settings.auth_failure_limit)
    if decision.allowed:
        return None
    return Throttled(decision.reset_after, settings.auth_failure_limit)


def require_principal(
    request: Request,
    response: Response,
    database: DatabaseDep,
    settings: SettingsDep,
    key: Annotated[Credential | None, Depends(presented_key)],
) -> Principal:
    """The request's tenant; 401 without a valid key, 429 over the key's rate limit, or (for a key
    that is not valid) over the failed attempts one address may make (:func:`too_many_failures`).

    The key is looked up in a session of its own, closed before the rate limiter is asked: no
    connection is held while the limiter's store answers.
    """
    if not settings.auth_required:
        return Principal(LOCAL_TENANT)
    if key is None:
        if request.cookies.get(SESSION_COOKIE):  # a page's sign-in, sent with a write
            raise _unauthorised(
                "an API key is required: a page's sign-in is for reading the API and for the pages' own "
                f"forms, never for API writes (another site could send them with it); {_HOW}"
            )
        raise _unauthorised(_what_is_missing(request.headers.get("authorization", "")))
    with database.ready_session() as session:
        row = key_of_session(session, key.value) if key.session else find_key(session, key.value)
    if row is None and key.session:
        raise _unauthorised("this sign-in has ended (signed out, or expired): sign in again at /login")
    if row is None or row.revoked_at is not None:
        if row is None:
            # the other likely cause: a key made against another database than the service's (the
            # README's SQLite default in a shell without the service's INTERLINEAR_DATABASE_URL)
            problem = (
                "this API key is not valid: check it was copied whole, and that it was created against "
                f"this service's database (INTERLINEAR_DATABASE_URL set as the service has it); {_HOW}"
            )
        else:
            problem = f"this API key was revoked on {row.revoked_at:%Y-%m-%d}; ask for a new one"
        if not key.session and (wait := too_many_failures(request, settings)) is not None:
            raise HTTPException(429, f"{wait.message}; {problem}", headers={"Retry-After": str(wait.seconds)})
        raise _unauthorised(problem)
    rate_limit = row.rate_limit or settings.rate_limit
    principal = Principal(
        tenant=row.tenant,
        key_id=row.id,
        rate_limit=rate_limit,
        daily_chars=row.daily_chars if row.daily_chars is not None else settings.daily_chars,
        role=row.role,
        max_priority=row.max_priority,
        author=row.name or f"key {row.id}",  # never key material: it is shown to readers and exported
    )
    limiter: RateLimiter = request.app.state.rate_limiter
    decision = limiter.hit(row.id, rate_limit)
    headers = {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(decision.reset_after),
    }
    if not decision.allowed:
        raise HTTPException(
            429,
            f"rate limit {rate_limit} reached for this key; retry in {decision.reset_after} s",
            headers={**headers, "Retry-After": str(decision.reset_after)},
        )
    if decision.limit:
        response.headers.update(headers)
    return principal


PrincipalDep = Annotated[Principal, Depends(require_principal)]


def permitted(action: Action) -> Callable[[Principal], Principal]:
    """A dependency: the request's principal, or 403 when :func:`service.permissions.authorize`
    refuses it ``action`` (the use case asks again: this only answers before the body is read)."""

    def check(principal: PrincipalDep) -> Principal:
        try:
            authorize(principal, action)
        except Forbidden as exc:
            raise HTTPException(403, str(exc)) from exc
        return principal

    return check


SubmitterDep = Annotated[Principal, Depends(permitted(Action.SUBMIT))]
TranslatorDep = Annotated[Principal, Depends(permitted(Action.TRANSLATE_TEXT))]
CorrectorDep = Annotated[Principal, Depends(permitted(Action.CORRECT))]
GlossaryAdminDep = Annotated[Principal, Depends(permitted(Action.MANAGE_GLOSSARIES))]
CallbackAdminDep = Annotated[Principal, Depends(permitted(Action.MANAGE_CALLBACKS))]
