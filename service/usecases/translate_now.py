"""Translate a few sentences now, while someone waits (``POST /v1/translate``): nothing is stored.

The text is checked (size, content, languages, each sentence), the characters reserved from the
key's daily quota, and the sentences sent to a worker (:meth:`~service.dispatch.Dispatcher.translate_text`,
ahead of every job), which answers within ``INTERLINEAR_SYNC_TIMEOUT`` seconds or not at all:
:class:`~service.errors.NoWorkerAnswered` then, the request withdrawn and its characters given
back. Every refusal is a domain error of :mod:`service.errors`, which each interface says its own
way (the API: 413, 422, 429, 503, 504).
"""

from __future__ import annotations

from dataclasses import dataclass

from service.api_keys import Principal, quota_reserved
from service.errors import InputError, InputTooLarge, NoWorkerAnswered, RequestRefused
from service.language_checks import pair_refusal
from service.parse import binary_problem
from service.parse.checks import check_sentence
from service.parse.language import describe_mix, detect
from service.parse.short_text import MarkedSentence, short_text_sentences
from service.permissions import Action, authorize
from service.usecases.context import Services
from service.usecases.intake import check_codes, check_text_language
from service.usecases.submit import require_broker


@dataclass(frozen=True)
class TextToTranslate:
    text: str
    target_lang: str
    source_lang: str = "auto"  # detected


@dataclass(frozen=True)
class TranslatedText:
    source_lang: str  # as named, or as detected
    target_lang: str
    pairs: list[tuple[str, str]]  # each sentence, its list or heading mark kept, and its translation
    model_id: str
    model_revision: str
    engine: str


def translate_now(services: Services, principal: Principal, request: TextToTranslate) -> TranslatedText:
    """Translate ``request.text`` and wait for the worker's answer. A blank line ends a sentence; a
    list item or Markdown heading line is a sentence of its own, its mark kept from the model and
    put back in the answer (:mod:`service.parse.short_text`).

    Raises :class:`~service.errors.Forbidden`, :class:`~service.errors.InputTooLarge`,
    :class:`~service.errors.InputError`, :class:`~service.errors.RequestRefused`,
    :class:`~service.api_keys.QuotaExceeded`, :class:`~service.errors.BrokerUnavailable`,
    :class:`~service.errors.NoWorkerAnswered` and the worker's
    :class:`~service.errors.ModelError`."""
    authorize(principal, Action.TRANSLATE_TEXT)
    settings, text = services.settings, request.text
    source, sentences = _checked(services, request)
    require_broker(services)  # at once, not after the result store's retries (~20 s)
    # the characters are reserved (and committed: the connection goes back to the pool while a
    # worker translates) before the work, and given back where no translation comes
    with quota_reserved(services.session, principal, "translate", len(text)):
        try:
            result = services.dispatcher.translate_text(
                [sentence.text for sentence in sentences],
                source,
                request.target_lang,
                timeout=settings.sync_timeout,
            )
        except TimeoutError as exc:
            raise NoWorkerAnswered(_no_answer(services)) from exc
    return TranslatedText(
        source_lang=source,
        target_lang=request.target_lang,
        pairs=[(s.source, s.answer(t)) for s, t in zip(sentences, result["translations"], strict=True)],
        model_id=result["model_id"],
        model_revision=result["model_revision"],
        engine=result["engine"],
    )


def _checked(services: Services, request: TextToTranslate) -> tuple[str, list[MarkedSentence]]:
    """The source language (named or detected) and the text's sentences, or the refusal."""
    settings, registry, text = services.settings, services.registry, request.text
    if len(text) > settings.max_sync_chars:
        raise InputTooLarge(
            f"the text is {len(text):,} characters, over the limit of {settings.max_sync_chars:,} for an "
            "immediate translation: submit it as a job, POST /v1/jobs"
        )
    if not text.strip():
        raise InputError("the text is empty; send at least one sentence")
    if (problem := binary_problem(text, "the text", "send plain text")) is not None:
        raise InputError(problem)
    source = request.source_lang
    named = [] if source == "auto" else [("source_lang", source)]
    check_codes(registry, [*named, ("target_lang", request.target_lang)])
    if source == "auto":
        detected, _ = detect(text)
        if detected is None:
            raise InputError(
                f"could not detect the language (found: scripts {describe_mix(text)}); if it is one "
                "GET /v1/languages lists, send it as source_lang"
            )
        source = detected
    else:
        check_text_language(text, source)
    found = f"scripts {describe_mix(text)}" if request.source_lang == "auto" else None
    refusal = pair_refusal(registry, source, request.target_lang, found=found, what="text")
    if refusal is not None:
        raise RequestRefused(refusal, field="source_lang")
    sentences = short_text_sentences(text, source)
    if not sentences:
        raise InputError("the text has list or heading marks but no sentence; send at least one")
    for number, sentence in enumerate(sentences, start=1):
        check_sentence(sentence.text, f"the text, sentence {number}", settings.max_sentence_chars)
    return source, sentences


def _no_answer(services: Services) -> str:
    """What to do when no worker answered in time: retry; see to the workers."""
    settings = services.settings
    said = f"no worker answered within {settings.sync_timeout:.0f} s (the request was withdrawn)"
    instead = "or submit the text as a job with POST /v1/jobs"
    if settings.broker_url.startswith("memory"):  # the embedded queue: the API's own worker thread
        return (
            f"{said}: the API's own worker was busy (with the task in hand, or loading the model); "
            f"retry in a moment, {instead}"
        )
    return (
        f"{said}; retry in a moment, and if none answers check the workers: at least one must run and "
        f"take the {settings.interactive_queue} queue (its log says whether it is busy or stuck), {instead}"
    )
