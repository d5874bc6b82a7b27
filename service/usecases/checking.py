"""``POST /v1/checks`` for a key: the checks of :mod:`service.checks.requests`, paid from the key's
daily character quota like the translations (found by an outside attack: six requests of 1,000
pairs from a reader key were counted only against its per-minute rate limit, and slowed every
other request).

The characters checked (each pair's source and target) are counted against the quota the jobs
and ``POST /v1/translate`` use, and reserved before any work: with the key's row locked
(:func:`~service.api_keys.quota_reserved`, shared with ``POST /v1/translate``) the quota is checked
and the characters recorded and committed, so that requests sent at the same moment pass it one
after the other (found by an outside attack: with a quota of 5,000 characters, 3 or 4 of 12
requests of 2,430 characters sent at once were answered where the quota was checked before the
checks and recorded after).
:class:`~service.api_keys.QuotaExceeded` (a 429 saying when it resets) refuses a request the
quota cannot pay for; a request refused while its checks run is not charged (the reservation is
taken back), as a job refused before it is stored is not.
"""

from __future__ import annotations

from contextlib import nullcontext

from sqlalchemy.orm import Session

from service.api_keys import Principal, quota_reserved
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
    # a request over the size limit is refused as too large, not charged
    paid = quota_reserved(session, principal, "check", chars) if chars <= MAX_TOTAL_CHARS else nullcontext()
    with paid:
        return run_checks(session, principal, request)
