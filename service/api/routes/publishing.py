"""Publishing a document's translation into one language, and withdrawing it (the logic and its
rules: service/publishing.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field, StrictBool

from service.aligned import Publication
from service.api.authentication import permitted
from service.api.deps import RegistryDep, SessionDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.ids import DocumentId
from service.api.no_body import NO_BODY, REFUSED, NoBody
from service.api.schemas import REQUEST_BODY, LanguageCode
from service.api_keys import Principal
from service.permissions import Action
from service.publishing import publish, withdraw
from service.usecases.intake import check_codes

router = APIRouter(prefix="/v1/documents", tags=["publishing"])
PublisherDep = Annotated[Principal, Depends(permitted(Action.PUBLISH))]
LangPath = Annotated[LanguageCode, Path(description="Target language of the translation")]


class PublishIn(BaseModel):
    model_config = REQUEST_BODY

    force: StrictBool = Field(
        default=False,
        description="Publish although translations still need review or are missing; recorded with "
        "the publication (forced, needed_review, untranslated)",
    )


class PublicationOut(Publication):
    document_id: str
    links: dict[str, str]


def _out(document_id: str, publication: Publication) -> PublicationOut:
    links = {
        "document": f"/v1/documents/{document_id}",
        "review": f"/v1/review?document={document_id}&lang={publication.lang}",
        "page": f"/documents/{document_id}",
    }
    return PublicationOut(**publication.model_dump(), document_id=document_id, links=links)


@router.post(
    "/{document_id}/translations/{lang}/publish",
    response_model=PublicationOut,
    responses={
        **AUTH_RESPONSES,
        **error_responses(
            403,
            404,
            409,
            e404="No such document, or no translation into the language",
            e409="Translations into the language still need review, are missing or are still being made: "
            'approve or correct them (GET /v1/review), or send {"force": true}; or wait for the job',
        ),
    },
)
def publish_translation(
    document_id: DocumentId,
    lang: LangPath,
    session: SessionDep,
    registry: RegistryDep,
    principal: PublisherDep,
    body: PublishIn | None = None,
) -> PublicationOut:
    """Publish the document's translation into ``lang`` (editor or admin keys): who and when are
    stored with what was published, and the document shows it under ``publications``. Refused
    (409) while translations into the language still need review (flagged or the engine unsure,
    neither approved nor corrected) or are missing, unless the body is ``{"force": true}``.
    A correction or re-translation afterwards leaves it published; the document counts the
    sentences ``changed`` since, and publishing again publishes them (checked again). Publishing
    an unchanged published translation again changes nothing."""
    check_codes(registry, [("lang", lang)])  # a language no model has: 422, as everywhere else
    publication = publish(session, principal, document_id, lang, force=body.force if body else False)
    return _out(document_id, publication)


@router.delete(
    "/{document_id}/translations/{lang}/publish",
    response_model=PublicationOut,
    openapi_extra=NO_BODY,
    responses={
        **AUTH_RESPONSES,
        **error_responses(
            403,
            404,
            422,
            e404="No such document, or the translation was never published",
            e422=f"A language no model has, an id that is not one, or {REFUSED}",
        ),
    },
)
def withdraw_translation(
    document_id: DocumentId,
    lang: LangPath,
    session: SessionDep,
    registry: RegistryDep,
    principal: PublisherDep,
    _: NoBody,
) -> PublicationOut:
    """Withdraw the published translation into ``lang`` (editor or admin keys): the publication
    stays on record, marked withdrawn with who and when. Withdrawing one already withdrawn
    changes nothing. It takes no body (or ``{}``)."""
    check_codes(registry, [("lang", lang)])
    return _out(document_id, withdraw(session, principal, document_id, lang))
