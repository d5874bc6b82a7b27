"""``/v1/translate``: short text, translated synchronously by a worker; nothing is stored."""

from __future__ import annotations

from concurrent.futures import TimeoutError as FutureTimeout

from celery.exceptions import TimeoutError as CeleryTimeout
from fastapi import APIRouter, HTTPException

from service.api.authentication import TranslatorDep
from service.api.deps import ServicesDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.schemas import SentencePair, TranslateOut, TranslateRequest
from service.api_keys import quota_reserved
from service.errors import InputError, ModelError, RequestRefused
from service.language_checks import pair_refusal
from service.parse import binary_problem
from service.parse.checks import check_sentence
from service.parse.language import describe_mix, detect
from service.parse.short_text import short_text_sentences
from service.usecases.intake import check_codes, check_text_language
from service.usecases.submit import require_broker

router = APIRouter(prefix="/v1", tags=["translate"])


@router.post(
    "/translate",
    response_model=TranslateOut,
    responses={
        **AUTH_RESPONSES,
        **error_responses(
            403, 413, 415, 504, e403="A reader key", e413="Text over INTERLINEAR_MAX_SYNC_CHARS"
        ),
    },
)
def translate_text(
    body: TranslateRequest,
    services: ServicesDep,
    principal: TranslatorDep,
) -> TranslateOut:
    """Translate a few sentences and wait for the result. Use ``POST /v1/jobs`` for articles.

    A blank line ends a sentence; a list item (``- ``, ``1. ``) or Markdown heading (``## ``) line
    is a sentence of its own, its mark kept from the model and put back in ``target``."""
    settings, registry, dispatcher, session = (
        services.settings, services.registry, services.dispatcher, services.session
    )  # fmt: skip
    if len(body.text) > settings.max_sync_chars:
        raise HTTPException(
            413,
            f"text is {len(body.text)} characters; over {settings.max_sync_chars} submit it to POST /v1/jobs",
        )
    if not body.text.strip():
        raise HTTPException(422, "the text is empty; send at least one sentence")
    if (problem := binary_problem(body.text, "the text", "send plain text")) is not None:
        raise HTTPException(422, problem)
    source = body.source_lang
    named = [] if source == "auto" else [("source_lang", source)]
    check_codes(registry, [*named, ("target_lang", body.target_lang)])
    if source == "auto":
        detected, _ = detect(body.text)
        if detected is None:
            raise HTTPException(
                422,
                f"could not detect the language (found: scripts {describe_mix(body.text)}); if it is one "
                "GET /v1/languages lists, send it as source_lang",
            )
        source = detected
    else:
        check_text_language(body.text, source)
    found = f"scripts {describe_mix(body.text)}" if body.source_lang == "auto" else None
    refusal = pair_refusal(registry, source, body.target_lang, found=found, what="text")
    if refusal is not None:
        raise RequestRefused(refusal)
    # a blank line ends a sentence, a list item or heading line is one of its own; its mark ("- ",
    # "## ") never reaches the model and is put back in the answer (service/parse/short_text.py)
    sentences = short_text_sentences(body.text, source)
    if not sentences:
        raise HTTPException(422, "the text has list or heading marks but no sentence; send at least one")
    try:
        for number, sentence in enumerate(sentences, start=1):
            check_sentence(sentence.text, f"the text, sentence {number}", settings.max_sentence_chars)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from exc
    require_broker(services)  # at once, not after the result store's retries (~20 s)
    texts = [sentence.text for sentence in sentences]
    # the characters are reserved (and committed: the connection goes back to the pool while a
    # worker translates) before the work, and given back where no translation comes
    with quota_reserved(session, principal, "translate", len(body.text)):
        try:
            result = dispatcher.translate_text(texts, source, body.target_lang, timeout=settings.sync_timeout)
        except (CeleryTimeout, FutureTimeout) as exc:
            raise HTTPException(
                504,
                f"no worker answered within {settings.sync_timeout:.0f} s (the request was withdrawn); "
                "retry, or submit the text as a job with POST /v1/jobs",
            ) from exc
        except ModelError as exc:
            raise HTTPException(503, str(exc)) from exc
    return TranslateOut(
        source_lang=source,
        target_lang=body.target_lang,
        sentences=[
            SentencePair(source=s.source, target=s.answer(t))
            for s, t in zip(sentences, result["translations"], strict=True)
        ],
        model_id=result["model_id"],
        model_revision=result["model_revision"],
        engine=result["engine"],
    )
