"""``/v1/documents``: stored articles with their aligned translations."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from sqlalchemy import String, cast, func, select

from service.aligned import AlignedDocument, aligned_document
from service.api.deps import SessionDep
from service.api.schemas import DocumentPage, DocumentSummaryOut
from service.storage.store import get_document
from service.storage.tables import Document

router = APIRouter(prefix="/v1/documents", tags=["documents"])


@router.get("", response_model=DocumentPage)
def list_documents(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
    source_lang: str | None = None,
    tag: str | None = None,
) -> DocumentPage:
    """Newest first, paged with ``limit`` and ``offset``; filter by source language or tag."""
    query = select(Document)
    if source_lang:
        query = query.where(Document.source_lang == source_lang)
    if tag:
        needle = json.dumps(tag).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(cast(Document.tags, String).like(f"%{needle}%", escape="\\"))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Document.created_at.desc(), Document.id).limit(limit).offset(offset)
    )
    items = [
        DocumentSummaryOut(
            id=d.id,
            title=d.title,
            source_lang=d.source_lang,
            date=d.published,
            tags=list(d.tags),
            created_at=d.created_at,
            links={"self": f"/v1/documents/{d.id}", "page": f"/documents/{d.id}"},
        )
        for d in rows
    ]
    following = offset + limit
    next_link = f"/v1/documents?limit={limit}&offset={following}" if following < total else None
    return DocumentPage(items=items, total=total, limit=limit, offset=offset, next=next_link)


@router.get(
    "/{document_id}", response_model=AlignedDocument, responses={404: {"description": "No such document"}}
)
def read_document(document_id: str, session: SessionDep) -> AlignedDocument:
    """Sections with every source segment and, per target language, its newest translation."""
    document = get_document(session, document_id)
    if document is None:
        raise HTTPException(404, f"no document {document_id}")
    return aligned_document(document)
