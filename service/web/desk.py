"""The editor's desk beyond one document: what needs review across documents, and what changed
between two revisions of an article."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select

from service.aligned import aligned_document
from service.api.deps import DatabaseDep, SessionDep, SettingsDep
from service.flag_details import needing_review
from service.permissions import Action, may
from service.review import approve
from service.source_revisions import diff, find_revision, list_revisions
from service.storage.document_store import get_document
from service.storage.tables import Document
from service.web.document_view import LANGUAGE_NAMES
from service.web.forms import csrf_token, form_principal
from service.web.pages import PagePrincipal, sign_in
from service.web.templating import templates

router = APIRouter(include_in_schema=False)

REVIEW_DOCUMENTS = 50  # the newest documents searched for flagged translations
REVIEW_ITEMS = 200


@router.get("/review", response_class=HTMLResponse, response_model=None)
def review_page(
    request: Request,
    session: SessionDep,
    principal: PagePrincipal,
    lang: Annotated[str, Query(max_length=8)] = "",
    document: Annotated[str, Query(max_length=36)] = "",
) -> Response:
    if principal is None:
        return sign_in(request)
    if document:
        one = get_document(session, document, principal.tenant)
        if one is None:
            raise HTTPException(404, f"no document {document} to review")
        rows = [one]
    else:
        rows = list(
            session.scalars(
                select(Document)
                .where(Document.tenant == principal.tenant)
                .order_by(Document.created_at.desc(), Document.id)
                .limit(REVIEW_DOCUMENTS)
            )
        )
    items = needing_review([aligned_document(d) for d in rows], lang)
    return templates.TemplateResponse(
        request,
        "review.html",
        {
            "items": items[:REVIEW_ITEMS],
            "total": len(items),
            "principal": principal,
            "names": LANGUAGE_NAMES,
            "filters": {"lang": lang, "document": document},
            "documents": [(d.id, d.title) for d in rows] if not document else [(rows[0].id, rows[0].title)],
            "can_edit": may(principal, Action.CORRECT),
            "can_approve": may(principal, Action.APPROVE),
            "csrf": csrf_token(request),
        },
    )


@router.get("/documents/{document_id}/changes", response_class=HTMLResponse, response_model=None)
def changes_page(
    document_id: str,
    request: Request,
    session: SessionDep,
    principal: PagePrincipal,
    since: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> Response:
    """Sentence by sentence, what changed from an earlier revision (default: the one before)."""
    if principal is None:
        return sign_in(request)
    newer = get_document(session, document_id, principal.tenant)
    if newer is None:
        raise HTTPException(404, f"no document {document_id}")
    wanted = newer.revision - 1 if since is None else since
    older = find_revision(session, newer, wanted) if wanted >= 1 else None
    if older is None or older.revision >= newer.revision:
        known = ", ".join(str(r.revision) for r in list_revisions(session, newer))
        raise HTTPException(
            404,
            f"revision {newer.revision} has no earlier revision {wanted} to compare with; "
            f"this article has revisions {known}",
        )
    changes = diff(older, newer)
    return templates.TemplateResponse(
        request,
        "changes.html",
        {
            "changes": changes,
            "title": newer.title,
            "source_lang": newer.source_lang,
            "changed": [c for c in changes.changes if c.op != "equal"],
            "unchanged": sum(1 for c in changes.changes if c.op == "equal"),
            "names": LANGUAGE_NAMES,
            "principal": principal,
            "revisions": list_revisions(session, newer),
        },
    )


@router.post(
    "/documents/{document_id}/segments/{segment_id}/translations/{lang}/approve", response_model=None
)
def approve_form(
    document_id: str,
    segment_id: str,
    lang: str,
    request: Request,
    response: Response,
    session: SessionDep,
    database: DatabaseDep,
    settings: SettingsDep,
    csrf: Annotated[str, Form()] = "",
    back: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """An editor's approval of a translation as it is (service.review.approve: who and when are
    stored); back to the review list or to the sentence."""
    principal = form_principal(request, response, database, settings, csrf)
    if principal is None:
        return sign_in(request)
    approve(session, principal, document_id, segment_id, lang)  # refusals: pages (web.errors)
    target = "/review" if back == "review" else f"/documents/{document_id}#row-{segment_id}"
    return RedirectResponse(target, status_code=303)
