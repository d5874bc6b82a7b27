"""Intake, shared by every way an article comes in (API text and upload, pages, the URL fetch
task, the CLI): the languages it names, the article read and checked against the model routes,
the glossary it is translated with, and the key's characters charged in the transaction that
stores it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.api_keys import Principal, check_quota, record_usage
from service.document import Article
from service.errors import RequestRefused
from service.glossary import glossary_store
from service.ingest import read_article
from service.language_checks import code_refusal, normalised_code, pair_refusal
from service.parse.checks import language_shares
from service.parse.language import describe_mix
from service.parse.passage_language import UNDETERMINED, written_in_another
from service.registry import Registry
from service.settings import Settings
from service.storage.tables import GlossaryRow


@dataclass(frozen=True)
class ReadArticle:
    text: str
    article: Article

    @property
    def source_lang(self) -> str:
        return self.article.metadata.source_lang


def chosen_glossary(session: Session, tenant: str, named: str | None = None) -> GlossaryRow | None:
    """The glossary an article of ``tenant`` is translated with: the one ``named``, else the
    tenant's default (or none); :class:`RequestRefused` for a name the tenant has no glossary by.
    A job keeps it (``options["glossary"]``); the CLI, which runs no job, translates with the
    default too (found by an outside tester: its documents had none, and ``retranslate`` found them
    stale)."""
    try:
        return glossary_store.for_job(session, tenant, named)
    except LookupError as exc:
        raise RequestRefused(str(exc)) from exc


def check_codes(registry: Registry, named: Iterable[tuple[str, str]]) -> None:
    """:class:`RequestRefused` for a ``(field, code)`` no configured pair has."""
    refusal = code_refusal(registry, named)
    if refusal is not None:
        raise RequestRefused(refusal)


def named_codes(registry: Registry, field: str, sent: Iterable[str]) -> list[str]:
    """The codes one field of a request names (the pages' ``?lang=``), normalised as every interface
    takes a code ("EN" is "en"), blank ones dropped; :class:`RequestRefused` for one no configured
    pair has, echoed as it was sent."""
    named = [code for code in sent if code.strip()]
    check_codes(registry, ((field, code) for code in named))
    return list(dict.fromkeys(normalised_code(code) for code in named))


def check_request_languages(registry: Registry, source_lang: str | None, targets: Sequence[str]) -> None:
    """The codes a submission names (its source, unless detected, and each target) are supported,
    and no target is the source language it names (before anything is fetched or read)."""
    named = [("source_lang", source_lang)] if source_lang is not None else []
    check_codes(registry, [*named, *(("target", target) for target in targets)])
    if source_lang is not None and source_lang in targets:
        others = [target for target in targets if target != source_lang]
        instead = f"send targets {others} only" if others else "choose another target"
        raise RequestRefused(
            f"target {source_lang!r} is the article's own language (source_lang {source_lang!r}): "
            f"{instead}, or correct source_lang"
        )


def check_text_language(text: str, source_lang: str) -> None:
    """:class:`RequestRefused` where a short text (``POST /v1/translate``) is plainly not in the
    ``source_lang`` it names, saying what it reads as: an article's passages in another language
    are left untranslated, but a text of a few sentences would come back as the model's attempt
    at the wrong language."""
    found = written_in_another(text, source_lang)
    if found is None:
        return
    if found == UNDETERMINED:
        reads, send = "no language the service detects", "the source_lang it is written in"
    else:
        reads, send = repr(found), f"source_lang {found!r}"
    raise RequestRefused(
        f"the text is not {source_lang!r}: it reads as {reads} ({describe_mix(text)}); send {send}, "
        'or "auto" to have it detected'
    )


def found_in(article: Article) -> str:
    """What a detected article is written in: scripts, and the languages of its passages."""
    text = " ".join(segment.text for segment in article.segments())
    languages = ", ".join(f"{lang} {share:.0%}" for lang, share in list(language_shares(article).items())[:4])
    return f"scripts {describe_mix(text)}; passages detected as {languages}"


def read_for_targets(
    data: bytes,
    settings: Settings,
    registry: Registry,
    source_format: str | None,
    source_lang: str | None,
    targets: Sequence[str],
) -> ReadArticle:
    """Parse the article (:class:`~service.errors.InputError` when it cannot be used) and refuse a
    target no route reaches from its language (saying what was detected where it was not given)."""
    text, article = read_article(data, settings, source_format, source_lang)
    found = None if source_lang is not None else found_in(article)
    for target in targets:
        refusal = pair_refusal(registry, article.metadata.source_lang, target, found=found)
        if refusal is not None:
            raise RequestRefused(refusal, field="source_lang")
    return ReadArticle(text, article)


def charge(session: Session, payer: Principal, chars: int) -> None:
    """Check the key's daily quota with its row locked (jobs sent at the same moment under one key
    cannot pass it together on PostgreSQL) and record the characters; the caller commits them with
    the work they pay for. Raises :class:`~service.api_keys.QuotaExceeded`."""
    check_quota(session, payer, chars, lock=True)
    record_usage(session, payer, "job", chars)
