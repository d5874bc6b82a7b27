"""Correct one translated sentence: the person's text becomes the newest (human) version."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from service.api_keys import Principal
from service.catalogue import glossary_used
from service.checks import check_pair
from service.corrections import (
    correction_problem,
    quoted_by_summaries,
    refresh_summaries,
    same_text,
    save_correction,
)
from service.errors import NotFound, RequestRefused
from service.glossary import glossary_store
from service.permissions import Action, authorize
from service.storage.tables import TranslationRow
from service.untranslated import shown_translation, translated
from service.usecases.access import tenant_document
from service.usecases.context import Services
from service.usecases.intake import check_codes

log = logging.getLogger(__name__)


class CorrectionRefused(RequestRefused):
    """The correction's own text is refused (blank, too long, control characters): the pages say so
    in its form, with what was typed; every other refusal names something the form cannot fix."""


@dataclass(frozen=True)
class Corrected:
    segment_id: str
    lang: str
    row: TranslationRow
    summary_job: str | None  # the job that makes the summaries quoting the sentence again
    saved: bool = True  # False: the text is the one shown now, so nothing was stored (``row``: that one)


def correct(
    services: Services, principal: Principal, document_id: str, segment_id: str, lang: str, text: str
) -> Corrected:
    """Store ``text`` (trimmed: leading and trailing whitespace is not stored) as the newest human
    translation of the segment in ``lang``; model outputs stay stored, and the summaries that quote
    the sentence are made again. Raises :class:`~service.errors.Forbidden`, :class:`NotFound` or
    :class:`RequestRefused`. A text equal to the translation reads show now
    (:func:`~service.corrections.same_text`) stores nothing: no correction that changes nothing
    marks the sentence corrected or a publication changed; the result says so (``saved`` False,
    ``row`` the translation as it is)."""
    authorize(principal, Action.CORRECT)
    session, settings = services.session, services.settings
    document = tenant_document(session, principal, document_id)
    segment = next((s for s in document.segments if s.key == segment_id), None)
    if segment is None:
        raise NotFound(f"document {document_id} has no segment {segment_id}; GET it for the ids")
    if segment.translatable and lang != document.source_lang and not translated(segment, lang):
        check_codes(services.registry, [("lang", lang)])  # a language no model has cannot be asked for
    shown = shown_translation(session, document, segment, lang, "correct")
    problem = correction_problem(text)
    if problem is not None:
        raise CorrectionRefused(problem)
    # stored as compared (same_text): a textarea's stray newline or a pasted space around the
    # sentence is no part of the translation (found by an outside tester: it was stored as sent)
    text = text.strip()
    if same_text(shown.text, text):
        return Corrected(segment.key, lang, shown, None, saved=False)
    # The same news checks as a model's output: a person's slip (a number changed, a name dropped)
    # is shown beside the correction, as it is on corrections reused from memory.
    glossary_id = glossary_used(session, document.id)
    glossary = glossary_store.get(session, principal.tenant, glossary_id) if glossary_id else None
    entries = glossary_store.entries_of(glossary) if glossary is not None else []
    found = check_pair(segment.text, text, segment.lang, lang, entries)
    row, saved = save_correction(
        session, segment, lang, text, principal.author, [f.model_dump() for f in found]
    )
    if not saved:  # the same text sent at the same moment: the other request stored it
        return Corrected(segment.key, lang, row, None, saved=False)
    job_id = None
    if settings.summaries_enabled and quoted_by_summaries(document, lang, segment.key):
        job = refresh_summaries(session, document, lang, principal.tenant)
        job_id = job.id
        try:
            services.dispatcher.summarise(job.id, lang)
        except Exception:  # the job stays queued: the reaper sends its task once the queue is back
            log.exception("could not queue the summary refresh of job %s", job.id)
    return Corrected(segment.key, lang, row, job_id)
