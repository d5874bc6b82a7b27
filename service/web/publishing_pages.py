"""The document page's publication forms: publish a translation into one language, or withdraw it
(the rules: service/publishing.py). Back to the document page as it was, saying what was done; a
refusal for translations still to review is said on the document page, beside the form that can
publish anyway."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from service.api.deps import RegistryDep, SessionDep
from service.language_checks import normalised_code
from service.permissions import Action, authorize
from service.publishing import PublishRefused, publish, withdraw
from service.storage.tables import as_utc, utcnow
from service.usecases.intake import check_codes
from service.web.document_view import SEGMENTS_PER_PAGE, PublishNote, kept_query
from service.web.forms import PostingPrincipal, csrf_token
from service.web.languages import LANGUAGE, language_name
from service.web.page_ids import DocumentId
from service.web.pages import PagePrincipal, document_response, page_document, sign_in
from service.web.templating import templates

router = APIRouter(include_in_schema=False)


def _back(document_id: str, back_query: str, action: str | None = None, lang: str = "") -> str:
    """The document page as it was (its languages, size, way back to the review list), at its
    publication panel; with ``action``, saying what was done."""
    keep = (*kept_query(back_query), *((("done", action), ("done_lang", lang)) if action else ()))
    return f"/documents/{quote(document_id)}" + (f"?{urlencode(keep)}" if keep else "") + "#publication"


def refused_note(exc: PublishRefused) -> PublishNote:
    """The refusal in the page's words: what is left and where to do it, or how to publish anyway.
    A "Publish again" refused leaves the live publication as it was: the page says that only the
    changes were not published, not that the translation is not (as if it had been taken down)."""
    name = language_name(exc.lang)
    if exc.forced_unchanged and exc.live_since is not None:
        since = as_utc(exc.live_since).strftime("%Y-%m-%d %H:%M UTC")
        refused = (
            f"The {name} translation was published anyway on {since} and stays published; it was not "
            f"published again without “Publish anyway”: {exc.what_is_left()}."
        )
    elif exc.live_since is not None:
        since = as_utc(exc.live_since).strftime("%Y-%m-%d %H:%M UTC")
        refused = (
            f"The changes to the {name} translation were not published: {exc.what_is_left()}. The "
            f"version published on {since} stays published."
        )
    else:
        refused = f"The {name} translation was not published: {exc.what_is_left()}."
    return PublishNote(
        exc.lang,
        f"{refused} Approve or correct them in the review list, or tick “Publish anyway” and publish again.",
        refused=True,
    )


@router.post("/documents/{document_id}/translations/{lang}/publish", response_model=None)
def publish_form(
    document_id: DocumentId,
    lang: str,
    request: Request,
    session: SessionDep,
    registry: RegistryDep,
    principal: PostingPrincipal,
    force: Annotated[str, Form(max_length=8)] = "",
    back_query: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Publish the translation into ``lang`` (``force=true``: although translations still need
    review or are missing); other refusals (role, another tenant's document, a language no model
    has: the API's words) are pages (web.errors)."""
    check_codes(registry, [(LANGUAGE, lang)])
    lang = normalised_code(lang)  # as the API takes it: "EN" is "en"
    started = utcnow()
    try:
        publication = publish(session, principal, document_id, lang, force=force == "true")
    except PublishRefused as exc:
        kept = kept_query(back_query)
        shown = [value for name, value in kept if name == "lang"] or None
        size = next((int(value) for name, value in kept if name == "size"), SEGMENTS_PER_PAGE)
        to_review = next((value for name, value in kept if name == "back"), None)
        return document_response(request, session, principal, document_id, shown, status_code=409,
                                 size=size, back=to_review, publishing=refused_note(exc))  # fmt: skip
    # a page open since before (another tab, another editor) publishing what is published already:
    # nothing new was recorded, and the page says so rather than "Published"
    already = as_utc(publication.published_at) < as_utc(started)
    action = "already-published" if already else "published"
    return RedirectResponse(_back(document_id, back_query, action, lang), 303)


@router.get("/documents/{document_id}/translations/{lang}/withdraw", response_class=HTMLResponse,
            response_model=None)  # fmt: skip
def withdraw_page(
    document_id: DocumentId,
    lang: str,
    request: Request,
    session: SessionDep,
    registry: RegistryDep,
    principal: PagePrincipal,
    back_query: Annotated[str, Query(max_length=500)] = "",
) -> Response:
    """Asks before withdrawing (as before deleting a glossary): which translation of which article,
    what readers lose, a button that withdraws and a way back to the document page as it was."""
    if principal is None:
        return sign_in(request)
    check_codes(registry, [(LANGUAGE, lang)])
    lang = normalised_code(lang)
    authorize(principal, Action.PUBLISH)  # a reader: a page saying which role it needs
    document = page_document(session, principal, document_id)
    kept = urlencode(kept_query(back_query))
    return templates.TemplateResponse(
        request,
        "withdraw.html",
        {"doc": document, "lang": lang, "name": language_name(lang), "back": _back(document_id, back_query),
         "back_query": kept, "principal": principal, "csrf": csrf_token(request)},
    )  # fmt: skip


@router.post("/documents/{document_id}/translations/{lang}/withdraw", response_model=None)
def withdraw_form(
    document_id: DocumentId,
    lang: str,
    request: Request,
    session: SessionDep,
    registry: RegistryDep,
    principal: PostingPrincipal,
    back_query: Annotated[str, Form(max_length=500)] = "",
    confirm: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """Withdraw the published translation into ``lang`` once asked (``confirm=yes``, sent by the
    page that asks); without it, that page. One withdrawn since (another tab, another editor) is
    said to be withdrawn already."""
    check_codes(registry, [(LANGUAGE, lang)])  # a 422, not "the ... translation was never published"
    lang = normalised_code(lang)
    authorize(principal, Action.PUBLISH)  # a reader is refused here, not sent to the question
    if confirm != "yes":
        asking = f"/documents/{quote(document_id)}/translations/{quote(lang)}/withdraw"
        kept = urlencode(kept_query(back_query))
        return RedirectResponse(asking + (f"?{urlencode({'back_query': kept})}" if kept else ""), 303)
    started = utcnow()
    publication = withdraw(session, principal, document_id, lang)
    withdrawn = publication.withdrawn_at
    already = withdrawn is not None and as_utc(withdrawn) < as_utc(started)
    action = "already-withdrawn" if already else "withdrawn"
    return RedirectResponse(_back(document_id, back_query, action, lang), 303)
