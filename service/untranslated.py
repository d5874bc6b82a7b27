"""Why a sentence has no translation into a language to correct or approve, said alike for both.

A correction and an approval of a translation that is not there were refused two ways (found by an
outside tester): a correction with 422 "submit the article with targets ['ko'] first", an approval
with 404 and other words; and while the job making the language still ran, both told the client to
submit the article it had just submitted. Now both say, in this order: the sentence is not
translated (a heading's rule, a byline), the language is the article's own, a job is still making
it (409, as publishing says it), or the article was never asked for it (422).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.corrections import preferred
from service.errors import Conflict, RequestRefused
from service.publishing import job_under_way
from service.segment_places import named_place, role_words
from service.storage.tables import Document, SegmentRow, TranslationRow


def translated(segment: SegmentRow, lang: str) -> bool:
    """Whether the sentence has a translation into ``lang`` stored."""
    return any(t.target_lang == lang for t in segment.translations)


def shown_translation(
    session: Session, document: Document, segment: SegmentRow, lang: str, verb: str
) -> TranslationRow:
    """The translation of ``segment`` into ``lang`` that reads show (:func:`preferred`), to
    ``verb`` ("correct", "approve"); where there is none, raises why: :class:`RequestRefused` (422)
    or, while a job makes it, :class:`Conflict` (409)."""
    place = named_place(segment.key)
    if not segment.translatable:
        kind = role_words(segment.role)
        raise RequestRefused(
            f"{place} is {kind}, which is not translated, so it has no translation to {verb}"
        )
    if lang == document.source_lang:
        raise RequestRefused(
            f"the article is written in {lang!r}: its {lang} text is the source, not a translation; "
            f"{verb} one of its translations"
        )
    shown = preferred(t for t in segment.translations if t.target_lang == lang)
    if shown is not None:
        return shown
    if under_way := job_under_way(session, document.id, lang):  # as publishing says it
        job_id, state = under_way
        raise Conflict(
            f"the {lang} translation of {place} is still being made (job {job_id} is {state}); {verb} it "
            f"once the job has finished (GET /v1/jobs/{job_id} says when)"
        )
    raise RequestRefused(
        f"{place} has no {lang} translation to {verb}; submit the article with targets [{lang!r}] first"
    )
