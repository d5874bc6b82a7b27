"""``POST /v1/checks``: the news checks on sentence pairs a client sends (nothing is stored)."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.authentication import PrincipalDep
from service.api.deps import SessionDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.schemas import CheckRequestIn
from service.checks.requests import MAX_PAIRS, MAX_TOTAL_CHARS, CheckResponse
from service.usecases.checking import checks_paid

router = APIRouter(prefix="/v1", tags=["checks"])

DESCRIPTION = f"""Check human or third-party translations as the service checks its own: the flags of each
pair (numbers, names, glossary terms, quotes, ...), the pairs read as one text in order.

One request checks at most {MAX_PAIRS:,} pairs holding at most {MAX_TOTAL_CHARS:,} characters. The
characters checked (sources and targets) count against the key's daily character quota, as
translated ones do: once it is spent, 429 with Retry-After until it resets."""


@router.post(
    "/checks",
    response_model=CheckResponse,
    description=DESCRIPTION,
    responses={
        **AUTH_RESPONSES,
        **error_responses(
            413,
            422,
            429,
            e413=f"The pairs hold more than {MAX_TOTAL_CHARS:,} characters (sources and targets together)",
            e422=f"Unknown language or glossary, or more than {MAX_PAIRS:,} pairs",
            e429="Over the key's rate limit, or the characters checked would pass its daily character "
            "quota (the one jobs and POST /v1/translate use; see Retry-After)",
        ),
    },
)
def check_translations(body: CheckRequestIn, session: SessionDep, principal: PrincipalDep) -> CheckResponse:
    """:data:`DESCRIPTION` (the OpenAPI document's): the checks, paid from the key's quota."""
    return checks_paid(session, principal, body)
