"""Checks as a service: a newsroom's own or a third party's translations, checked like the model's.

The use case behind ``POST /v1/checks`` and ``interlinear check``: pairs of one text (an article,
in order) are checked sentence by sentence and across the text, with a glossary if one is named
(or the tenant's default). Nothing is stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from service.api_keys import Principal
from service.checks import Flag, check_article
from service.checks.direction import swapped_hint
from service.errors import InputTooLarge, RequestRefused
from service.glossary import glossary_store
from service.glossary.model import GlossaryEntry
from service.language_checks import normalised_code
from service.permissions import Action, authorize

LANGUAGES = ("de", "en", "ko")
MAX_PAIRS = 2000
MAX_CHARS = 5000
# Characters of one request, sources and targets together: a long article's worth (about 600
# sentence pairs of news). The checks take time with the text, and any key may ask for them.
MAX_TOTAL_CHARS = 200_000


class CheckPair(BaseModel):
    source: str = Field(max_length=MAX_CHARS, description="A source sentence")
    target: str = Field(max_length=MAX_CHARS, description="Its translation")


class CheckRequest(BaseModel):
    source_lang: str = Field(description="de, en or ko", examples=["de"])
    target_lang: str = Field(description="de, en or ko", examples=["en"])
    pairs: list[CheckPair] = Field(
        min_length=1, max_length=MAX_PAIRS, description="Sentence pairs of one text, in order"
    )
    glossary: str | None = Field(default=None, description="Glossary id; the tenant's default if omitted")


class PairFlags(BaseModel):
    index: int = Field(description="Position of the pair in the request, from 0")
    flags: list[Flag]


class CheckResponse(BaseModel):
    source_lang: str
    target_lang: str
    glossary: str | None = Field(description="The glossary the terms were checked against")
    flagged: int = Field(description="How many pairs have a flag")
    results: list[PairFlags]
    warnings: list[str] = Field(
        default_factory=list,
        description="What concerns the whole request rather than one pair: languages that look swapped",
    )


def language_refusal(
    source_lang: str, target_lang: str, fields: tuple[str, str] = ("source_lang", "target_lang")
) -> str | None:
    """Why the checks cannot take this pair of languages (or None); the codes are compared as every
    interface takes them (:func:`~service.language_checks.normalised_code`: "DE" is "de"), and a
    code refused is echoed as it was sent. ``fields``: what the interface calls the two (the CLI's
    ``--from`` and ``--to``)."""
    for field, code in zip(fields, (source_lang, target_lang), strict=True):
        if normalised_code(code) not in LANGUAGES:
            return f"{field} {code[:20]!r} is not checked; the checks know {', '.join(LANGUAGES)}"
    if normalised_code(source_lang) == normalised_code(target_lang):
        both = normalised_code(source_lang)
        return f"{fields[0]} and {fields[1]} are both {both!r}: name the language translated into"
    return None


def check_pairs(
    pairs: Sequence[tuple[str, str]],
    source_lang: str,
    target_lang: str,
    glossary: Sequence[GlossaryEntry] = (),
) -> list[list[Flag]]:
    """The flags of each pair; :class:`RequestRefused` for languages the checks do not know."""
    refusal = language_refusal(source_lang, target_lang)
    if refusal is not None:
        raise RequestRefused(refusal)
    return check_article(pairs, normalised_code(source_lang), normalised_code(target_lang), glossary)


def run_checks(session: Session, principal: Principal, request: CheckRequest) -> CheckResponse:
    """``request`` checked for the principal (any role: nothing is stored), with a glossary of its
    tenant. :class:`RequestRefused` for unknown languages or a glossary the tenant does not have,
    :class:`InputTooLarge` for more than :data:`MAX_TOTAL_CHARS` characters."""
    authorize(principal, Action.READ)
    total = sum(len(p.source) + len(p.target) for p in request.pairs)
    if total > MAX_TOTAL_CHARS:
        raise InputTooLarge(
            f"the pairs hold {total:,} characters, over the {MAX_TOTAL_CHARS:,} one request may check; "
            "send the text in parts (pairs of one article stay together where they can: a name "
            "translated two ways is found within one request)"
        )
    refusal = language_refusal(request.source_lang, request.target_lang)
    if refusal is not None:
        raise RequestRefused(refusal)
    source_lang, target_lang = normalised_code(request.source_lang), normalised_code(request.target_lang)
    try:
        row = glossary_store.for_job(session, principal.tenant, request.glossary)
    except LookupError as exc:
        raise RequestRefused(str(exc)) from exc
    entries = glossary_store.entries_of(row) if row is not None else []
    pairs = [(p.source, p.target) for p in request.pairs]
    flags = check_pairs(pairs, source_lang, target_lang, entries)
    hint = swapped_hint(pairs, source_lang, target_lang)
    return CheckResponse(
        source_lang=source_lang,
        target_lang=target_lang,
        glossary=row.id if row is not None else None,
        flagged=sum(1 for f in flags if f),
        results=[PairFlags(index=i, flags=f) for i, f in enumerate(flags)],
        warnings=[hint] if hint else [],
    )
