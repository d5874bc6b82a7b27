"""The editor's desk beyond one document: what needs review across documents, and what changed
between two revisions of an article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.api.deps import DatabaseDep, RegistryDep, SessionDep, SettingsDep
from service.api.http_errors import status_of
from service.catalogue import opening_words
from service.corrections import same_text
from service.echo_text import without_direction_controls
from service.errors import Conflict, Forbidden
from service.flag_details import explain
from service.language_checks import normalised_code
from service.permissions import NEEDED_ROLE, Action, may
from service.review import (
    StoredNow,
    TextChanged,
    approve,
    documents_in_review,
    review_queue_page,
    stored_approval,
    stored_now,
)
from service.segment_places import place_of
from service.source_revisions import DiffEntry, diff, find_revision, list_revisions
from service.storage.document_store import get_document
from service.storage.tables import Document, SegmentRow, as_utc
from service.usecases.intake import check_codes
from service.web.addresses import came_from
from service.web.document_view import (
    ALREADY_APPROVED,
    LANGUAGE_NAMES,
    MOST_REVIEW_ITEMS,
    REVIEW_PAGES,
    SEGMENTS_PER_PAGE,
    Correction,
    done_words,
    kept_query,
)
from service.web.forms import FormNotTaken, Kept, csrf_token, form_principal
from service.web.languages import LANGUAGE, language_name
from service.web.login_page import KEY_MAKER
from service.web.next_review import after_action
from service.web.page_ids import DocumentFilter, DocumentId, SegmentFilter, SegmentId
from service.web.pages import PagePrincipal, document_response, page_language, sign_in
from service.web.templating import last_page, problem_page, segment_address, templates
from service.web.word_diff import Piece, word_changes

router = APIRouter(include_in_schema=False)

# The document filter lists the documents with something to review, newest first, at most this
# many (an older one: found on the documents page, whose "to review" links open this list for it).
REVIEW_DOCUMENTS = 500
REVIEW_ITEMS = MOST_REVIEW_ITEMS


@router.get("/review", response_class=HTMLResponse, response_model=None)
def review_page(
    request: Request,
    session: SessionDep,
    registry: RegistryDep,
    principal: PagePrincipal,
    lang: Annotated[str, Query(max_length=8)] = "",
    document: Annotated[DocumentFilter, Query(max_length=36)] = "",
    page: Annotated[int, Query(ge=1, le=100_000, description="Past the last page: says so")] = 1,
    done: Annotated[Literal["approved", "already-approved", "corrected"] | None, Query()] = None,
    done_document: Annotated[DocumentFilter, Query(max_length=36)] = "",
    done_segment: Annotated[SegmentFilter, Query(max_length=32)] = "",
    done_lang: Annotated[str, Query(max_length=8)] = "",
    done_at: Annotated[int, Query(ge=1, le=REVIEW_PAGES * REVIEW_ITEMS)] = 1,
) -> Response:
    """``done`` and the ``done_*`` fields: the translation the editor just approved or corrected
    from this list (the forms' redirect: service.web.next_review), said where it stood
    (``done_at``), above the next item to review, or that nothing is left to review."""
    if principal is None:
        return sign_in(request)
    if not may(principal, Action.APPROVE):  # the API's list (GET /v1/review) stays open to readers
        needed = NEEDED_ROLE[Action.APPROVE]
        raise Forbidden(
            f"the review list is where translations are corrected and approved, which needs an {needed} "
            f"key (or an admin key); you are signed in with a {principal.role} key, which reads the "
            f"documents and their translations. Ask {KEY_MAKER} for an {needed} key."
        )
    lang = page_language(registry, lang)
    mine = select(
        Document.id, Document.title, Document.revision, Document.source_lang, Document.created_at
    ).where(Document.tenant == principal.tenant)  # what the list shows of a document (not its text,
    # sentences, outputs)
    if document and session.execute(mine.where(Document.id == document)).first() is None:
        raise HTTPException(404, f"no document {document} to review")
    # The review queue of the trust work (service.review): flags, then the engine's confidence.
    # Past the list's last page (REVIEW_PAGES at most): only the total, to say where the list ends.
    listed_here = REVIEW_ITEMS if page <= REVIEW_PAGES else 0
    queue = review_queue_page(session, principal, lang=lang or None, document_id=document or None,
                              limit=listed_here, offset=(page - 1) * REVIEW_ITEMS)  # fmt: skip
    shown = queue.items
    last = min(last_page(queue.total, REVIEW_ITEMS), REVIEW_PAGES)
    in_review = documents_in_review(session, principal)
    listed = in_review[:REVIEW_DOCUMENTS]
    named = {*listed, *(item.document_id for item in shown), *([document] if document else [])}
    documents = {row.id: row for row in session.execute(mine.where(Document.id.in_(named)))}
    # The filter's choices: those with something to review, and the one chosen (all approved now,
    # or an older revision), newest first.
    choices = sorted(
        (documents[d] for d in {*listed, *([document] if document else [])}),
        key=lambda row: (-as_utc(row.created_at).timestamp(), row.id),
    )
    # An untitled document's items are headed by its first words, as the filter names it.
    untitled = sorted(
        {i.document_id for i in shown if i.document_id in documents}
        - {d for d, row in documents.items() if row.title}
    )
    openings = opening_words(session, untitled, length=40)
    # The items' roles, to name a title "the title" (place_of), not "before the text, item 1".
    roles = {
        (row.document_id, row.key): row.role
        for row in session.execute(
            select(SegmentRow.document_id, SegmentRow.key, SegmentRow.role).where(
                SegmentRow.document_id.in_({i.document_id for i in shown}),
                SegmentRow.key.in_({i.segment_id for i in shown}),
            )
        )
    }
    items = [
        {
            "item": item,
            "title": documents[item.document_id].title if item.document_id in documents else None,
            "opening": openings.get(item.document_id),
            "place": place_of(item.segment_id, roles.get((item.document_id, item.segment_id), "")),
            "revision": documents[item.document_id].revision if item.document_id in documents else 1,
            "source_lang": documents[item.document_id].source_lang if item.document_id in documents else "",
            "flags": [
                explain(f, item.source, item.translation.text, item.lang) for f in item.translation.flags
            ],
        }
        for item in shown
    ]
    tenant = principal.tenant
    labelled = document_choices(session, choices)
    said = done_message(session, tenant, done, done_document, done_segment, done_lang) if done else None
    return templates.TemplateResponse(
        request,
        "review.html",
        {
            "done": said,
            "done_at": done_at if first_item(page) < done_at <= first_item(page) + len(items) else None,
            "items": items,
            # each item's way back from the document page: this list, and the item's place in it
            "backs": [
                review_address(lang, document, page, (("at", str(first_item(page) + i)),))
                for i in range(1, len(items) + 1)
            ],
            "total": queue.total,
            "more": bool(items) and first_item(page) + len(items) < queue.total,
            "max_pages": REVIEW_PAGES,  # no link leads past it: the rest is found with the filters
            "next_count": min(REVIEW_ITEMS, max(0, queue.total - first_item(page) - len(items))),
            "last_page": last,
            "page": page,
            "first": first_item(page),
            "items_per_page": REVIEW_ITEMS,
            "principal": principal,
            "names": LANGUAGE_NAMES,
            "filters": {"lang": lang, "document": document},
            "here": review_address(lang, document, page),
            "documents": labelled,
            "document_label": dict(labelled).get(document, ""),  # the filter's, for its link
            "listed": len(listed),
            "unlisted": len(in_review) - len(listed),
            "can_edit": may(principal, Action.CORRECT),
            "can_approve": may(principal, Action.APPROVE),
            "csrf": csrf_token(request),
        },
    )


def document_choices(session: Session, documents: list[Any]) -> list[tuple[str, str]]:
    """The document filter's options, (id, label): a title (cut to 50 characters) and its revision;
    an untitled document by its first words and when it came in (several untitled documents read
    "(untitled)" alike), and by the start of its id where even those are alike."""
    first = opening_words(session, [d.id for d in documents if not d.title], length=40)
    labels = []
    for d in documents:
        if d.title:
            title = without_direction_controls(d.title)
            label = title if len(title) <= 50 else title[:49].rstrip() + "…"
        else:
            came_in = as_utc(d.created_at).strftime("%Y-%m-%d %H:%M")
            label = " – ".join(part for part in ("(untitled)", first.get(d.id, ""), came_in) if part)
        labels.append(label + (f" (revision {d.revision})" if d.revision > 1 else ""))
    return [
        (d.id, label if labels.count(label) == 1 else f"{label} · {d.id[:8]}")
        for d, label in zip(documents, labels, strict=True)
    ]


def review_address(lang: str, document: str, page: int, said: Sequence[tuple[str, str]] = ()) -> str:
    """This review list with its filters: where the document page links back to (``?back=``), and,
    with ``said`` (what was just done), where the approve form goes back to."""
    wanted = (("lang", lang), ("document", document), ("page", str(page) if page > 1 else ""), *said)
    query = urlencode([(name, value) for name, value in wanted if value])
    return "/review" + (f"?{query}" if query else "")


def first_item(page: int) -> int:
    """How many items of the review list come before ``page``."""
    return (page - 1) * REVIEW_ITEMS


def place_in_document(session: Session, tenant: str, document_id: str, segment_key: str) -> str | None:
    """A sentence by its place and its document's title ("section 1, paragraph 2, sentence 1 in
    “Title”"); None for a sentence the tenant has not."""
    found = session.execute(
        select(Document.title, SegmentRow.key, SegmentRow.role)
        .join(SegmentRow, SegmentRow.document_id == Document.id)
        .where(Document.tenant == tenant, Document.id == document_id, SegmentRow.key == segment_key)
    ).first()
    if found is None:
        return None
    title = f"“{found.title}”" if found.title else "an untitled document"
    return f"{place_of(found.key, found.role)} in {title}"


def done_message(
    session: Session, tenant: str, action: str, document_id: str, segment_key: str, lang: str
) -> str | None:
    """What the review list says after an approval or a correction: the sentence by its place and
    its document's title (None for a sentence the tenant has not: the message says only what is
    there)."""
    place = place_in_document(session, tenant, document_id, segment_key)
    code = normalised_code(lang)
    if place is None or code not in LANGUAGE_NAMES:
        return None
    if action != ALREADY_APPROVED:
        return done_words(action, code, place)
    return done_words(action, code, place, stored_approval(session, tenant, document_id, segment_key, code))


def out_of_date_page(
    request: Request,
    session: Session,
    tenant: str,
    now: StoredNow,
    document_id: str,
    segment_key: str,
    shown: str | None,
    afresh: str,
    sentence: str | None = None,
) -> Response:
    """An approval refused because the translation changed after the editor's page was loaded
    (another editor corrected it, a job translated it again: service.review.TranslationChanged):
    a 409 page headed "This page was out of date", saying which translation changed and what it is
    now (its text, who made it, when), beside the text the page showed (``shown``, where the form
    sent it); ``afresh``: the page the form was on, opened again with GET (never the form sent
    again), and ``sentence``: the sentence on the document page, from the review list."""
    row = now.row
    place = place_in_document(session, tenant, document_id, segment_key) or place_of(segment_key)
    translation = f"{language_name(row.target_lang)} translation of {place}"
    return templates.TemplateResponse(
        request,
        "out_of_date.html",
        {
            "message": f"The {translation} changed after this page was loaded, so nothing was approved.",
            "shown": shown if shown is not None and not same_text(row.text, shown) else None,
            "kept": Kept(page=afresh, lang=row.target_lang, now=now),
            "afresh": afresh,
            "sentence": sentence,
        },
        status_code=409,
    )


def approval_not_taken(
    session: Session,
    request: Request,
    exc: FormNotTaken,
    document_id: str,
    segment_id: str,
    lang: str,
    text: str | None,
) -> FormNotTaken:
    """An Approve not taken for its out-of-date form (403): an approval brings no text of the
    editor's, so the text it sent (the box's, as the page showed it) is not shown as "your text"
    where it is one stored for the sentence; what is stored now is shown instead (a correction
    made meanwhile: by whom, when). Typed text that is none of those is kept, as any form's is.
    Signed out (401), or a translation the signed-in tenant has not: the refusal as it was."""
    principal = getattr(request.state, "principal", None)
    if exc.signed_out or principal is None:
        return exc
    now = stored_now(session, principal.tenant, document_id, segment_id, lang, text)
    if now is None:
        return exc
    kept = Kept("" if now.known else exc.kept.text, exc.kept.page, lang, now=now)
    return FormNotTaken(exc.status_code, str(exc.detail), kept)


@router.get("/documents/{document_id}/changes", response_class=HTMLResponse, response_model=None)
def changes_page(
    document_id: DocumentId,
    request: Request,
    session: SessionDep,
    principal: PagePrincipal,
    since: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> Response:
    """Sentence by sentence, what changed from an earlier revision (default: the one before); the
    first revision's page says there is none (an earlier revision that does not exist: 404)."""
    if principal is None:
        return sign_in(request)
    newer = get_document(session, document_id, principal.tenant)
    if newer is None:
        raise HTTPException(404, f"no document {document_id}")
    if newer.revision == 1:  # the article's first revision: nothing to compare with, and not an error
        return templates.TemplateResponse(
            request,
            "changes.html",
            {"changes": None, "document": newer, "title": newer.title, "principal": principal},
        )
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
            "changed": [(c, changed_words(c)) for c in changes.changes if c.op != "equal"],
            "unchanged": sum(1 for c in changes.changes if c.op == "equal"),
            "names": LANGUAGE_NAMES,
            "principal": principal,
            "revisions": list_revisions(session, newer),
        },
    )


def changed_words(change: DiffEntry) -> dict[str, tuple[list[Piece], list[Piece]]]:
    """A changed sentence's words, marked on both sides: its source (key "") and each translation
    both revisions have (nothing for a sentence added or removed whole)."""
    old, new = change.before, change.after
    if change.op != "replace" or old is None or new is None:
        return {}
    found = {"": word_changes(old.text, new.text)}
    for lang, text in new.translations.items():
        if lang in old.translations:
            found[lang] = word_changes(old.translations[lang], text)
    return found


@router.post(
    "/documents/{document_id}/segments/{segment_id}/translations/{lang}/approve", response_model=None
)
def approve_form(
    document_id: DocumentId,
    segment_id: SegmentId,
    lang: str,
    request: Request,
    response: Response,
    session: SessionDep,
    database: DatabaseDep,
    settings: SettingsDep,
    registry: RegistryDep,
    csrf: Annotated[str, Form()] = "",
    back: Annotated[str, Form(max_length=16)] = "",
    back_lang: Annotated[str, Form(max_length=8)] = "",
    back_document: Annotated[str, Form(max_length=36)] = "",
    back_at: Annotated[int, Form(ge=1, le=REVIEW_PAGES * REVIEW_ITEMS)] = 1,
    back_query: Annotated[str, Form(max_length=500)] = "",
    text: Annotated[str | None, Form()] = None,
    shown: Annotated[str | None, Form()] = None,
) -> Response:
    """An editor's approval of a translation as it is (service.review.approve: who and when are
    stored); on to the next translation to review (service.web.next_review): on the document page
    as it was (``back_query``: its languages and size), or in the review list with its filters,
    where the next item now stands; either says what was approved, or that it was approved
    already (another tab, another editor: the stored approval is kept). ``text``: the correction
    box's, sent by the Approve button beside it (the document page): a changed one is not
    approved, and the page comes again with what was typed and what to do. ``shown``: the
    translation as the page showed it; one changed since (another editor corrected it, a job
    translated it again) is not approved, and the page says this page was out of date."""
    page = (back_at - 1) // REVIEW_ITEMS + 1
    code = normalised_code(lang)
    if back == "review":  # where the form is: the review list, or the sentence on the document page
        here = review_address(back_lang, back_document, page)
    else:
        box = (("correct", code),) if text is not None else ()
        here = segment_address(document_id, segment_id, keep=(*kept_query(back_query), *box))
    kept = Kept(text or "", here, code)
    try:
        principal = form_principal(request, response, database, settings, csrf, kept)
    except FormNotTaken as exc:
        raise approval_not_taken(session, request, exc, document_id, segment_id, code, text) from None
    check_codes(registry, [(LANGUAGE, lang)])  # a language no model has: the API's 422 and words
    lang = code  # as the API takes it: "EN" is "en"
    # A form sends a line break inside a text as CR LF, stored as LF.
    typed, seen = (None if t is None else t.replace("\r\n", "\n") for t in (text, shown))
    try:  # other refusals: pages (web.errors)
        approval = approve(
            session, principal, document_id, segment_id, lang, typed_text=typed, shown_text=seen
        )
    except Conflict as exc:  # changed since the page was loaded (corrected, translated again)
        now = stored_now(session, principal.tenant, document_id, segment_id, lang)
        if now is None:  # no translation yet (a job is making it): the refusal as it is
            return problem_page(request, status_of(exc), str(exc), came_from(request) or here)
        if back == "review":
            afresh = here
            listed = review_address(back_lang, back_document, page, (("at", str(back_at)),))
            sentence = segment_address(document_id, segment_id, lang, keep=(("back", listed),))
        else:
            afresh, sentence = segment_address(document_id, segment_id, keep=kept_query(back_query)), None
        return out_of_date_page(request, session, principal.tenant, now, document_id, segment_id, seen,
                                afresh, sentence)  # fmt: skip
    except TextChanged as exc:
        message = str(exc)[:1].upper() + str(exc)[1:] + "."
        query = kept_query(back_query)
        languages = [value for name, value in query if name == "lang"] or None
        size = next((int(value) for name, value in query if name == "size"), SEGMENTS_PER_PAGE)
        to_review = next((value for name, value in query if name == "back"), None)
        refused = Correction(segment_id, lang, text or "", message, "Not approved")
        return document_response(request, session, principal, document_id, languages, status_code=422,
                                 correction=refused, size=size, back=to_review)  # fmt: skip
    done = ALREADY_APPROVED if approval.before else "approved"
    if back != "review":
        return RedirectResponse(after_action(session, document_id, segment_id, lang, done, back_query), 303)
    said = (("done", done), ("done_document", document_id), ("done_segment", segment_id),
            ("done_lang", lang), ("done_at", str(back_at)))  # fmt: skip
    # To the message that says what was approved: in the place of the next item, or, where the
    # approved one was the list's last (no item there any more), above the list.
    return RedirectResponse(review_address(back_lang, back_document, page, said) + "#done", 303)
