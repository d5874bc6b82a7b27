"""``POST /v1/checks``: the news checks on sentence pairs a client sends (nothing is stored)."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.authentication import PrincipalDep
from service.api.deps import SessionDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.schemas import CheckRequestIn
from service.checks.requests import CheckResponse, run_checks

router = APIRouter(prefix="/v1", tags=["checks"])


@router.post(
    "/checks",
    response_model=CheckResponse,
    responses={**AUTH_RESPONSES, **error_responses(413, 422, e422="Unknown language or glossary")},
)
def check_translations(body: CheckRequestIn, session: SessionDep, principal: PrincipalDep) -> CheckResponse:
    """Check human or third-party translations as the service checks its own: the flags of each
    pair (numbers, names, glossary terms, quotes, ...), the pairs read as one text in order."""
    return run_checks(session, principal, body)
