"""Submit an article for translation: as text, as an uploaded file's text, or by URL.

The one way in for the API (JSON and upload), the pages' form and, through
:mod:`service.usecases.intake`, the URL fetch task and the CLI: permission, languages, the
article read and checked, quota, broker, idempotent storage, then the job's first tasks.
Nothing of a refused request is stored or charged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from service.api_keys import Principal, QuotaExceeded, charge_options, check_quota
from service.dispatch import queue_intake
from service.errors import BrokerUnavailable, Forbidden, RequestRefused
from service.fetching import check_fetch_url
from service.job_records import (
    JobState,
    create_job,
    find_by_idempotency_key,
    request_hash,
    submit_article,
    transition,
)
from service.language_checks import normalised_code
from service.netguard import UnsafeURL, check_url
from service.permissions import Action, authorize
from service.priorities import Priority, within
from service.storage.files import SourceUpload
from service.storage.tables import Job
from service.usecases.context import Services
from service.usecases.intake import charge, check_request_languages, chosen_glossary, read_for_targets

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submission:
    """One article to translate: ``text`` or ``url``, exactly one. ``source_lang`` "auto" (or None)
    is detected. ``source_file`` keeps an uploaded .docx for rendering the translation back into it."""

    targets: list[str]
    text: str | None = None
    url: str | None = None
    format: str | None = None
    source_lang: str | None = "auto"
    glossary: str | None = None
    external_id: str | None = None
    callback_url: str | None = None
    priority: str = Priority.NORMAL.value
    idempotency_key: str | None = None
    source_file: SourceUpload | None = field(default=None, compare=False)
    filename: str | None = None  # an uploaded file's name, shown as where the article came from

    def digest(self) -> str:
        """What makes two requests the same request under one Idempotency-Key."""
        return request_hash(
            {
                "text": self.text,
                "url": self.url,
                "format": self.format,
                "source_lang": self.source_lang or "auto",
                "targets": list(self.targets),
                "glossary": self.glossary,
                "external_id": self.external_id,
                "callback_url": self.callback_url,
                **({"priority": self.priority} if self.priority != Priority.NORMAL else {}),
            }
        )


@dataclass(frozen=True)
class Submitted:
    job: Job
    created: bool  # False: the job an earlier request with the same Idempotency-Key made


def submit(services: Services, principal: Principal, submission: Submission) -> Submitted:
    """Queue ``submission``; returns at once with its job. Raises :class:`~service.errors.Forbidden`,
    :class:`~service.errors.RequestRefused`, :class:`~service.errors.InputError` (413 for
    :class:`~service.errors.InputTooLarge`), :class:`~service.api_keys.QuotaExceeded`,
    :class:`~service.job_records.IdempotencyConflict` or :class:`~service.errors.BrokerUnavailable`."""
    authorize(principal, Action.SUBMIT)
    if submission.priority not in Priority._value2member_map_:
        raise RequestRefused(f"priority {submission.priority!r}: use breaking, normal or bulk")
    if not within(principal.max_priority, submission.priority):
        raise Forbidden(
            f"this key may submit jobs up to priority {principal.max_priority}, not {submission.priority}; "
            f"send it as {principal.max_priority}, or ask an operator for a key without that limit"
        )
    if (submission.text is None) == (submission.url is None):
        raise RequestRefused("send the article as text, or its url: exactly one of the two")
    if not submission.targets:
        raise RequestRefused("choose at least one language to translate into")
    session, settings = services.session, services.settings
    digest = submission.digest()
    key = submission.idempotency_key
    if key is not None:
        replay = find_by_idempotency_key(session, key, digest, principal.tenant)
        session.commit()  # no transaction stays open while the article is parsed
        if replay is not None:
            return Submitted(replay, created=False)

    sent_source = normalised_code(submission.source_lang or "auto")
    source_lang = None if sent_source == "auto" else sent_source
    targets = list(dict.fromkeys(normalised_code(target) for target in submission.targets))
    check_request_languages(services.registry, source_lang, targets)
    options = job_options(services, principal, submission)
    if submission.priority != Priority.NORMAL:
        options["priority"] = submission.priority
    if submission.filename:
        options["filename"] = PurePath(submission.filename).name[-300:]
    if submission.url is not None:
        return _submit_url(services, principal, submission.url, source_lang, targets, digest, key, options)

    assert submission.text is not None
    session.commit()  # ends job_options' reads: no transaction stays open while the article is parsed
    read = read_for_targets(
        submission.text.encode("utf-8"), settings, services.registry, submission.format, source_lang, targets
    )
    chars = len(read.text)
    check_quota(session, principal, chars)
    require_broker(services)
    try:
        job, created = submit_article(
            session,
            read.text,
            read.article,
            source_lang,
            targets,
            digest,
            key,
            tenant=principal.tenant,
            before_commit=lambda: charge(session, principal, chars),
            options=options or None,
            external_id=submission.external_id,
            source_file=submission.source_file,
        )
    except QuotaExceeded:
        session.rollback()  # nothing of the refused job stays
        raise
    if created:  # else: the same Idempotency-Key sent at the same moment, the other request's job
        _enqueue(services, job, lambda: queue_intake(services.dispatcher, settings, job.id, read.source_lang,
                                                     targets, submission.priority))  # fmt: skip
    return Submitted(job, created)


def _submit_url(
    services: Services,
    principal: Principal,
    url: str,
    source_lang: str | None,
    targets: list[str],
    digest: str,
    key: str | None,
    options: dict[str, str],
) -> Submitted:
    """A job whose article a worker fetches: its characters are charged when the page is stored."""
    try:
        check_fetch_url(url, services.settings)
    except UnsafeURL as exc:
        raise RequestRefused(f"url refused: {exc}") from exc
    check_quota(services.session, principal, 1)
    require_broker(services)
    fetch_options = {**options, "url": url, **charge_options(principal)}
    job, created = create_job(services.session, None, source_lang, targets, digest, key, principal.tenant,
                              options=fetch_options)  # fmt: skip
    if created:
        _enqueue(services, job, lambda: services.dispatcher.fetch(job.id, options.get("priority", "normal")))
    return Submitted(job, created)


def job_options(services: Services, principal: Principal, submission: Submission) -> dict[str, str]:
    """The job's glossary (named, or the tenant's default: :func:`chosen_glossary`, as the CLI
    chooses it) and callback URL, checked."""
    glossary = chosen_glossary(services.session, principal.tenant, submission.glossary)
    options = {"glossary": glossary.id} if glossary is not None else {}
    if submission.callback_url is not None:
        try:
            check_url(submission.callback_url, services.settings.callback_allow_private)
        except UnsafeURL as exc:
            raise RequestRefused(f"callback_url refused: {exc}") from exc
        options["callback_url"] = submission.callback_url
    return options


def broker_unreachable(services: Services) -> BrokerUnavailable:
    wait = services.settings.retry_after
    return BrokerUnavailable(
        f"the job queue (broker) is unreachable; nothing was queued: retry in {wait} s", wait
    )


def require_broker(services: Services) -> None:
    """Refuse before anything is stored (or charged) while the broker cannot be reached."""
    if not services.dispatcher.broker_ok():
        raise broker_unreachable(services)


def _enqueue(services: Services, job: Job, send: Callable[[], None]) -> None:
    """Queue a new job's first tasks. The broker lost between :func:`require_broker` and this: the
    job fails with the reason (it stays, as a record of what was charged) and the caller is told."""
    try:
        send()
    except Exception as exc:
        log.exception("could not enqueue job %s", job.id)
        job.idempotency_key = None  # a retry with the same key must be able to try again
        services.session.commit()
        transition(services.session, job.id, JobState.FAILED, f"could not enqueue: {exc}")
        raise broker_unreachable(services) from exc
