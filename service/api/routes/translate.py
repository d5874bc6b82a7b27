"""``/v1/translate``: short text, translated synchronously by a worker; nothing is stored."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.authentication import TranslatorDep
from service.api.deps import ServicesDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.schemas import SentencePair, TranslateOut, TranslateRequest
from service.usecases.translate_now import TextToTranslate, translate_now

router = APIRouter(prefix="/v1", tags=["translate"])


@router.post(
    "/translate",
    response_model=TranslateOut,
    responses={
        **AUTH_RESPONSES,
        **error_responses(
            403,
            413,
            415,
            504,
            e403="A reader key",
            e413="Text over INTERLINEAR_MAX_SYNC_CHARS",
            e504="No worker answered within INTERLINEAR_SYNC_TIMEOUT seconds (the request was withdrawn): "
            "retry, and see to the workers; the message says what to check",
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
    asked = TextToTranslate(text=body.text, target_lang=body.target_lang, source_lang=body.source_lang)
    done = translate_now(services, principal, asked)
    return TranslateOut(
        source_lang=done.source_lang,
        target_lang=done.target_lang,
        sentences=[SentencePair(source=source, target=target) for source, target in done.pairs],
        model_id=done.model_id,
        model_revision=done.model_revision,
        engine=done.engine,
    )
