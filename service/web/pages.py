"""Plain HTML pages: the document list and the aligned document in columns."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from service.aligned import aligned_document
from service.api.deps import SessionDep
from service.api.routes.documents import list_documents
from service.storage.store import get_document

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")  # autoescapes .html

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English", "ko": "한국어"}


@router.get("/", response_class=HTMLResponse)
def index(request: Request, session: SessionDep) -> HTMLResponse:
    page = list_documents(session, limit=100, offset=0)
    return templates.TemplateResponse(request, "index.html", {"page": page})


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(document_id: str, request: Request, session: SessionDep) -> HTMLResponse:
    document = get_document(session, document_id)
    if document is None:
        raise HTTPException(404, f"no document {document_id}")
    aligned = aligned_document(document)
    columns = [aligned.source_lang, *[lang for lang in aligned.target_langs if lang != aligned.source_lang]]
    return templates.TemplateResponse(
        request, "document.html", {"doc": aligned, "columns": columns, "names": LANGUAGE_NAMES}
    )
