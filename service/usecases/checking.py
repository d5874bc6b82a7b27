"""``POST /v1/checks`` for a key: the checks of :mod:`service.checks.requests`, paid from the key's
daily character quota like the translations (found by an outside attack: six requests of 1,000
pairs from a reader key were counted only against its per-minute rate limit, and slowed every
other request).

The characters checked (each pair's source and target) are counted against the quota the jobs
and ``POST /v1/translate`` use: :class:`~service.api_keys.QuotaExceeded` (a 429 saying when it
resets) before any work where the quota is spent, and again, with the key's row locked, before the
characters are recorded, so that requests sent at the same moment cannot pass it together on
PostgreSQL (the later ones are refused, their work not charged).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.api_keys import Principal, check_quota, record_usage
from service.checks.requests import MAX_TOTAL_CHARS, CheckRequest, CheckResponse, run_checks


def checked_chars(request: CheckRequest) -> int:
    """The characters a request asks to check: every pair's source and target."""
    return sum(len(pair.source) + len(pair.target) for pair in request.pairs)


def checks_paid(session: Session, principal: Principal, request: CheckRequest) -> CheckResponse:
    """:func:`~service.checks.requests.run_checks` for the principal, its characters charged to its
    key's daily quota (none where the principal has no key: the CLI, a service without auth);
    commits the charge. Raises what ``run_checks`` raises, and
    :class:`~service.api_keys.QuotaExceeded`."""
    chars = checked_chars(request)
    if chars <= MAX_TOTAL_CHARS:  # a request over the size limit is refused as too large, not charged
        check_quota(session, principal, chars)
    response = run_checks(session, principal, request)
    check_quota(session, principal, chars, lock=True)
    record_usage(session, principal, "check", chars)
    session.commit()
    return response
