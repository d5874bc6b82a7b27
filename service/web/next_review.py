"""Where an editor lands after approving or correcting a translation: the next one that needs
review, saying what was just done. From the review list (or a document page opened from it): the
list with its filters, at the place of the item acted on, where the next item of the queue now
stands; from a document page: the document's next translation that needs a person."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from sqlalchemy.orm import Session

from service.aligned_rows import Shown, shown_translations
from service.review_rule import NEEDS_PERSON
from service.web.document_view import done_address, kept_query
from service.web.templating import segment_address


def next_in_document(
    session: Session, document_id: str, segment_id: str, lang: str, langs: list[str]
) -> Shown | None:
    """The document's next translation that needs a person after ``segment_id``'s into ``lang``,
    among ``langs`` (none: every language): the next in the same language in reading order, then
    the first earlier one in it, then the first in another language; None where none is left."""
    statuses = shown_translations(session, document_id)
    order = {key: at for at, key in enumerate(dict.fromkeys(s.key for s in statuses))}
    here = order.get(segment_id, -1)
    shown = [s for s in statuses if not langs or s.lang in langs]
    left = [s for s in shown if s.status in NEEDS_PERSON and (s.key, s.lang) != (segment_id, lang)]
    return min(
        left,
        key=lambda s: (s.lang != lang, s.lang == lang and order[s.key] <= here, order[s.key], s.lang),
        default=None,
    )


def after_action(
    session: Session, document_id: str, segment_id: str, lang: str, action: str, back_query: str
) -> str:
    """Where a correction or an approval made on the document page goes (``back_query``: the
    page's own query, as its forms send it back): the review list it was opened from, or the
    document's next translation to review on the page as it was (its languages, its size), or,
    where none is left, the sentence acted on; each says what was done."""
    kept = kept_query(back_query)
    to_review = next((value for name, value in kept if name == "back"), None)
    if to_review is not None:
        listed = dict(parse_qsl(urlsplit(to_review).query))
        said = [("done", action), ("done_document", document_id), ("done_segment", segment_id),
                ("done_lang", lang), ("done_at", listed.get("at", ""))]  # fmt: skip
        wanted = [(name, listed.get(name, "")) for name in ("lang", "document", "page")] + said
        return "/review?" + urlencode([(name, value) for name, value in wanted if value]) + "#done"
    langs = [value for name, value in kept if name == "lang"]
    found = next_in_document(session, document_id, segment_id, lang, langs)
    if found is None:
        return done_address(document_id, segment_id, lang, action, back_query)
    then = (("done", action), ("done_segment", segment_id), ("done_lang", lang), ("next_lang", found.lang))
    return segment_address(document_id, found.key, keep=(*kept, *then))
