"""The review queue and an editor's approval of a translation (the logic: service/review.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel

from service.aligned import Output, output_of
from service.api.authentication import PrincipalDep, permitted
from service.api.deps import RegistryDep, SessionDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.ids import DocumentId, DocumentQuery, SegmentId
from service.api.no_body import SHOWN_TEXT, SHOWN_TEXT_REFUSED, ShownText
from service.api.schemas import LanguageCode
from service.api_keys import Principal
from service.permissions import Action
from service.review import ReviewItem, approve, review_queue
from service.usecases.intake import check_codes

router = APIRouter(prefix="/v1", tags=["review"])
ApproverDep = Annotated[Principal, Depends(permitted(Action.APPROVE))]


class ApprovalOut(BaseModel):
    document_id: str
    segment_id: str
    lang: str
    translation: Output


@router.get(
    "/review",
    response_model=list[ReviewItem],
    responses={**AUTH_RESPONSES, **error_responses(404, e404="No such document (or another tenant's)")},
)
def read_review_queue(
    session: SessionDep,
    principal: PrincipalDep,
    registry: RegistryDep,
    lang: Annotated[LanguageCode | None, Query(description="Only translations into this language")] = None,
    document: Annotated[DocumentQuery | None, Query(description="Only this document (its id)")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many (the next page)")] = 0,
) -> list[ReviewItem]:
    """The translated sentences that need a person, most at risk first: by the worst flag of the
    news checks, then by the engine's confidence, ``limit`` of them after the first ``offset``
    (the next page: ``offset`` + ``limit``). Corrected and approved ones are left out. An
    unknown language code is refused (422) as it is everywhere else; an unknown ``document`` (or
    another tenant's) is a 404, as it is everywhere else."""
    if lang is not None:
        check_codes(registry, [("lang", lang)])
    return review_queue(session, principal, lang=lang, document_id=document, limit=limit, offset=offset)


@router.post(
    "/documents/{document_id}/segments/{segment_id}/translations/{lang}/approve",
    response_model=ApprovalOut,
    openapi_extra=SHOWN_TEXT,
    responses={
        **AUTH_RESPONSES,
        **error_responses(
            403,
            404,
            409,
            422,
            e404="No such document or segment",
            e409="The translation is a person's correction, it is not the text sent as the one read "
            "(changed since: corrected, translated again), or a job is still making it",
            e422=f"A language no model has, an id that is not one, a sentence that is not translated or "
            f"has no translation into the language, or {SHOWN_TEXT_REFUSED}",
        ),
    },
)
def approve_translation(
    document_id: DocumentId,
    segment_id: SegmentId,
    lang: Annotated[LanguageCode, Path(description="Target language of the translation")],
    session: SessionDep,
    registry: RegistryDep,
    principal: ApproverDep,
    text: ShownText,
) -> ApprovalOut:
    """Mark the translation shown for a sentence as checked, unchanged (editor or admin keys): who
    and when are stored with it, and it leaves the review queue. It takes no body (or ``{}``), or
    ``{"text": ...}``, the translation as you read it: where the translation stored now is not that
    text (leading and trailing white space aside), it changed since you read it (another editor
    corrected it, a job translated it again), and nothing is approved: 409, saying what it is now.
    One approved already keeps its approval: the answer shows who approved it and when."""
    check_codes(registry, [("lang", lang)])  # a language no model has: 422, as everywhere else
    row = approve(session, principal, document_id, segment_id, lang, shown_text=text).row
    return ApprovalOut(document_id=document_id, segment_id=segment_id, lang=lang, translation=output_of(row))
