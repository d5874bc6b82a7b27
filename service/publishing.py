"""Publishing: an editor marks a document's translation into one language as ready for readers, and
can withdraw it. The loop the product promises ends here: correct, approve, publish.

The rules, decided once for every interface:

* Publishing is refused (:class:`PublishRefused`, a conflict with what is stored) while
  translations into the language still need a person (:mod:`service.review_rule`: flagged, or the
  engine unsure; neither corrected nor approved) or sentences have no translation yet. The refusal
  says how many and where to look (the review list). ``force`` publishes anyway, and the
  publication records that it was forced and those counts.
* A publication records who, when and what was published: per sentence, the translation shown
  then. A later correction or re-translation leaves it published, and the document says how many
  sentences changed since (:attr:`~service.aligned.Publication.changed`): unpublishing on every
  correction would pull an article readers already have, while saying nothing would hide that
  they read an older text. The editor publishes again (a new publication, checked again) or
  withdraws it.
* What changed since is what a reader would read (per sentence, the text shown now against the
  text published), not which stored row shows it: a correction that puts back the published
  wording is no change.
* Publishing again when nothing changed stores nothing new: the same publication answers; two
  editors publishing at the same moment store one (publications are numbered per language,
  uniquely), and the later request answers with it. Each publish is judged on its own: where the
  live publication was forced, publishing without force is refused as any other while
  translations still need a person (the forced one stays published), and once none does it
  records a new publication that is not forced.
* Withdrawing marks the publication withdrawn, by whom and when; one already withdrawn stays as
  it is, also against a withdrawal sent at the same moment (the first stored stands, and every
  request answers with it); a translation never published has nothing to withdraw
  (:class:`NotFound`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.aligned import Publication
from service.aligned_rows import Shown, shown_translations
from service.api_keys import Principal
from service.corrections import same_text
from service.errors import Conflict, NotFound, RequestRefused
from service.job_records import JobState
from service.permissions import Action, authorize
from service.review_rule import NEEDS_PERSON
from service.storage.document_store import translatable_count
from service.storage.tables import Job, PublicationRow, TranslationRow, as_utc, utcnow
from service.usecases.access import tenant_document


class PublishRefused(Conflict):
    """Translations into the language still need a person or are missing: published only with force.
    The counts let each interface say what to do in its own words (the message is the API's)."""

    def __init__(
        self,
        document_id: str,
        lang: str,
        flagged: int,
        unsure: int,
        untranslated: int,
        live_since: dt.datetime | None = None,
        forced_unchanged: bool = False,
    ) -> None:
        self.document_id, self.lang = document_id, lang
        self.flagged, self.unsure, self.untranslated = flagged, unsure, untranslated
        # When an earlier publication is live (a "Publish again" refused), when it was published:
        # it stays published, only the changes since are not.
        self.live_since = live_since
        # The live publication was forced and nothing changed since: it stays published as it is,
        # and publishing without force is refused as it would be without it.
        self.forced_unchanged = forced_unchanged and live_since is not None
        if self.forced_unchanged:
            assert live_since is not None
            refused = (
                f"the {lang} translation of document {document_id} is published already, forced, at "
                f"{as_utc(live_since).isoformat()}, and is not published again without force"
            )
        elif live_since is not None:
            refused = (
                f"the changes to the {lang} translation of document {document_id} are not published (the "
                f"version published at {as_utc(live_since).isoformat()} stays published)"
            )
        else:
            refused = f"the {lang} translation of document {document_id} is not published"
        super().__init__(
            f"{refused}: {self.what_is_left()}. "
            f"Approve or correct them first (GET /v1/review?document={document_id}&lang={lang} lists "
            f"them; the review page is /review?document={document_id}&lang={lang}), or publish anyway "
            'with the body {"force": true}, which the publication records'
        )

    @property
    def to_review(self) -> int:
        return self.flagged + self.unsure

    def what_is_left(self) -> str:
        parts = []
        if self.to_review:
            counted = ((self.flagged, "flagged"), (self.unsure, "engine unsure"))
            kinds = [f"{n} {kind}" for n, kind in counted if n]
            needs = "still needs" if self.to_review == 1 else "still need"
            parts.append(f"{_count(self.to_review, 'translation')} {needs} review ({', '.join(kinds)})")
        if self.untranslated:
            parts.append(f"{_count(self.untranslated, 'sentence')} not translated yet")
        return " and ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _newest(session: Session, document_id: str, lang: str | None = None) -> dict[str, PublicationRow]:
    """Per language (or ``lang`` alone), the newest publication of the document."""
    query = select(PublicationRow).where(PublicationRow.document_id == document_id)
    if lang is not None:
        query = query.where(PublicationRow.lang == lang)
    newest: dict[str, PublicationRow] = {}
    for row in session.scalars(query.order_by(PublicationRow.id)):
        newest[row.lang] = row
    return newest


def _texts(session: Session, row_ids: Collection[int]) -> dict[int, str]:
    """The text of each stored output of ``row_ids`` (a few hundred at a time: one query each)."""
    ids, texts = sorted(row_ids), {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(TranslationRow.id, TranslationRow.text).where(TranslationRow.id.in_(chunk))
        texts.update({row_id: text for row_id, text in session.execute(query)})
    return texts


def _changed(session: Session, row: PublicationRow, shown: list[Shown]) -> list[str]:
    """The keys of the sentences a reader reads differently now than ``row`` published them, in
    reading order (those published and no longer shown last): the text shown now against the text
    published (:func:`~service.corrections.same_text`), read only where another output is shown."""
    now = {s.key: s.row_id for s in shown}
    other = [key for key in now if row.shown.get(key) != now[key]]
    gone = [key for key in row.shown if key not in now]
    both = [key for key in other if key in row.shown]
    texts = _texts(session, {now[key] for key in both} | {row.shown[key] for key in both}) if both else {}

    def reads_alike(key: str) -> bool:
        published, current = texts.get(row.shown[key]), texts.get(now[key])
        return published is not None and current is not None and same_text(published, current)

    return [key for key in other if key not in row.shown or not reads_alike(key)] + gone


def _state(session: Session, row: PublicationRow, shown: list[Shown]) -> Publication:
    """``row`` as the document shows it; ``shown``: what the document shows now in its language."""
    changed = _changed(session, row, shown) if row.withdrawn_at is None else []
    return Publication(
        lang=row.lang,
        published=row.withdrawn_at is None,
        published_by=row.published_by,
        published_at=row.published_at,
        forced=row.forced,
        needed_review=row.needed_review,
        untranslated=row.untranslated,
        changed=len(changed),
        first_changed=changed[0] if changed else None,
        withdrawn_by=row.withdrawn_by,
        withdrawn_at=row.withdrawn_at,
    )


def _shown_in(shown: list[Shown], lang: str) -> list[Shown]:
    return [s for s in shown if s.lang == lang]


def publications(
    session: Session, document_id: str, shown: list[Shown] | None = None
) -> dict[str, Publication]:
    """Per language ever published, in alphabetical order: the newest publication and how many
    sentences changed since. ``shown``: the document's :func:`shown_translations`, where the caller
    has them (read here only where the document has a publication)."""
    newest = _newest(session, document_id)
    if not newest:
        return {}
    if shown is None:
        shown = shown_translations(session, document_id)
    return {lang: _state(session, newest[lang], _shown_in(shown, lang)) for lang in sorted(newest)}


def job_under_way(session: Session, document_id: str, lang: str) -> tuple[str, str] | None:
    """A job still queued or running that translates the document into ``lang``: its id and state."""
    jobs = session.execute(
        select(Job.id, Job.state, Job.targets)
        .where(Job.document_id == document_id, Job.state.in_([JobState.QUEUED, JobState.RUNNING]))
        .order_by(Job.created_at)
    )
    return next(((job_id, state) for job_id, state, targets in jobs if lang in (targets or [])), None)


def publish(
    session: Session,
    principal: Principal,
    document_id: str,
    lang: str,
    force: bool = False,
    now: dt.datetime | None = None,
) -> Publication:
    """Publish the document's ``lang`` translation as the principal (its author name); commits.
    Raises :class:`~service.errors.Forbidden` below the editor role, :class:`NotFound` for another
    tenant's document (answered like a missing one) or a language it has no translation into,
    :class:`RequestRefused` for its source language and :class:`PublishRefused` while translations
    need a person or are missing, unless ``force``."""
    authorize(principal, Action.PUBLISH)
    document = tenant_document(session, principal, document_id, whole=False)
    if lang == document.source_lang:
        raise RequestRefused(
            f"the article is written in {lang!r}: its {lang} text is the source, not a translation; "
            "publish one of its translations"
        )
    shown = _shown_in(shown_translations(session, document.id), lang)
    if not shown:
        if under_way := job_under_way(session, document.id, lang):
            job_id, state = under_way
            raise Conflict(
                f"the {lang} translation of document {document_id} is still being made (job {job_id} is "
                f"{state}); publish it once the job has finished (GET /v1/jobs/{job_id} says when)"
            )
        raise NotFound(
            f"document {document_id} has no {lang} translation to publish; submit the article with "
            f"targets [{lang!r}] first"
        )
    current = _newest(session, document.id, lang).get(lang)
    live = current if current is not None and current.withdrawn_at is None else None
    published = _state(session, live, shown) if live is not None else None
    unchanged = published is not None and not published.changed
    if published is not None and unchanged and not published.forced:
        return published  # published as it is: nothing new to record
    statuses = Counter(s.status for s in shown)
    flagged, unsure = statuses["flagged"], statuses["unsure"]
    untranslated = max(translatable_count(session, document.id) - len(shown), 0)
    needs_person = bool(flagged or unsure or untranslated)
    if needs_person and not force:  # judged on its own, whether or not a forced publication is live
        live_since = live.published_at if live is not None else None
        raise PublishRefused(document_id, lang, flagged, unsure, untranslated, live_since=live_since,
                             forced_unchanged=unchanged)  # fmt: skip
    if published is not None and unchanged and needs_person:
        return published  # forced again, as it was: nothing new to record
    # else: a new publication (a changed text, or a forced one unchanged that no longer needs force)
    row = PublicationRow(
        document_id=document.id,
        lang=lang,
        number=current.number + 1 if current is not None else 1,
        published_by=principal.author,
        published_at=now or utcnow(),
        forced=bool(flagged or unsure or untranslated),
        needed_review=sum(statuses[status] for status in NEEDS_PERSON),
        untranslated=untranslated,
        shown={s.key: s.row_id for s in shown},
    )
    session.add(row)
    try:
        session.commit()
    except IntegrityError:  # another editor published it at the same moment: theirs stands
        session.rollback()
        return _state(session, _newest(session, document.id, lang)[lang], shown)
    return _state(session, row, shown)


def withdraw(
    session: Session, principal: Principal, document_id: str, lang: str, now: dt.datetime | None = None
) -> Publication:
    """Withdraw the published ``lang`` translation as the principal; commits. One already withdrawn
    is answered as it is. Raises :class:`~service.errors.Forbidden` below the editor role and
    :class:`NotFound` for another tenant's document or a translation never published."""
    authorize(principal, Action.PUBLISH)
    document = tenant_document(session, principal, document_id, whole=False)
    current = _newest(session, document.id, lang).get(lang)
    if current is None:
        raise NotFound(
            f"the {lang} translation of document {document_id} was never published: nothing to withdraw"
        )
    if current.withdrawn_at is None:
        # Only where not yet withdrawn: found by an outside attack, of 6 simultaneous withdrawals each
        # overwrote the one before and several were told a withdrawal other than the one stored.
        session.execute(
            update(PublicationRow)
            .where(PublicationRow.id == current.id, PublicationRow.withdrawn_at.is_(None))
            .values(withdrawn_by=principal.author, withdrawn_at=now or utcnow())
            .execution_options(synchronize_session=False)
        )
        session.commit()
        session.refresh(current)  # the withdrawal stored, this request's or the one before it
    return _state(session, current, _shown_in(shown_translations(session, document.id), lang))
