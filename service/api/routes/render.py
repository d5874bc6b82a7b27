"""``GET /v1/documents/{id}/render``: the document in its own format, holding a translation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from pydantic import BaseModel, Field

from service.api.authentication import PrincipalDep, require_principal
from service.api.deps import RegistryDep, SessionDep
from service.api.downloads import document_attachment
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.ids import DocumentId
from service.api.routes.documents import document_of
from service.api.schemas import LanguageCode
from service.rendering import FORMATS, MEDIA_TYPES, render_stored
from service.usecases.intake import check_codes


class PassageOut(BaseModel):
    place: str = Field(description="Where it is: the element's path (HTML) or 'paragraph N' (Markdown, Word)")
    text: str = Field(description="The source text still there")
    reason: str = Field(description="not translated yet | not found again in the markup | not extracted")


class RenderReport(BaseModel):
    document_id: str
    lang: str
    format: str
    sentences: int = Field(description="Translated sentences written into the document")
    missing: int = Field(description="Passages still in the source language (Interlinear-Missing)")
    passages: list[PassageOut]


router = APIRouter(
    prefix="/v1/documents", tags=["documents"], dependencies=[Depends(require_principal)],
    responses=AUTH_RESPONSES,
)  # fmt: skip


@router.get(
    "/{document_id}/render",
    responses={
        200: {
            "model": RenderReport,  # with ?report=true
            "content": {media: {} for media in MEDIA_TYPES.values()},
            "description": "The document rebuilt in its format with the translation in place of its text",
            "headers": {
                "Interlinear-Sentences": {"description": "Translated sentences written into the document"},
                "Interlinear-Missing": {
                    "description": "Passages of the rendering still in the source language, wherever "
                    "they are: not translated yet, not found again in the markup, or not extracted "
                    "(listed with ?report=true)"
                },
            },
        },
        **error_responses(
            404, 422,
            e422="A format the document cannot be rendered as (plain text has no markup; docx needs an "
            "uploaded .docx), a language the service does not support (the message lists those it does), "
            "or one the document has no translation into",
        ),
    },
)  # fmt: skip
def render(
    document_id: DocumentId,
    session: SessionDep,
    principal: PrincipalDep,
    registry: RegistryDep,
    lang: Annotated[LanguageCode, Query(description="Target language")],
    format: Annotated[
        str,
        Query(
            description=f"{', '.join(FORMATS)}; default: the document's own",
            json_schema_extra={"x-any-case": ["", *FORMATS]},
        ),
    ] = "",
    report: Annotated[
        bool, Query(description="Answer with the report (JSON): each passage left in the source language")
    ] = False,
) -> Response:
    """The article as it came (an HTML page, Markdown, a .docx upload) with every translated
    sentence in place of its source and its inline markup (links, emphasis, code) carried over.
    ``Interlinear-Missing`` counts the passages still in the source language, wherever they are;
    ``report=true`` lists each with its place and why instead of the document."""
    check_codes(registry, [("lang", lang)])  # a language no model has: 422, as everywhere else
    document = document_of(session, principal, document_id)
    try:
        rendered = render_stored(session, document, lang, format)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    if report:
        out = RenderReport(
            document_id=document_id, lang=lang, format=rendered.extension, sentences=rendered.sentences,
            missing=rendered.missing,
            passages=[PassageOut(place=p.place, text=p.text, reason=p.reason) for p in rendered.passages],
        )  # fmt: skip
        headers = {
            "Interlinear-Sentences": str(rendered.sentences),
            "Interlinear-Missing": str(rendered.missing),
        }
        return Response(out.model_dump_json(), media_type="application/json", headers=headers)
    headers = {
        "Content-Disposition": document_attachment(
            session, document_id, document.title, [lang], rendered.extension
        ),
        "Interlinear-Sentences": str(rendered.sentences),
        "Interlinear-Missing": str(rendered.missing),
    }
    return Response(rendered.content, media_type=rendered.media_type, headers=headers)
