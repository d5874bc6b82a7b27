"""Which languages and pairs a request may name: exactly those GET /v1/languages lists. Each check
returns why a request cannot have what it names (or None); the API answers it as a 422, the CLI as
exit code 2."""

from __future__ import annotations

from collections.abc import Iterable

from service.echo_text import shortened
from service.errors import FIELD
from service.registry import Registry


def normalised_code(value: str) -> str:
    """A language code as the service compares and stores it: lower case, without spaces around
    ("DE " is "de"). Every interface takes codes through this one function (job submission, the
    checks, glossary targets, the pages' ``?lang=``, the CLI); a region tag ("de-DE") stays a code
    no pair has, refused as sent."""
    return value.strip().lower()


def available_pairs(registry: Registry) -> list[tuple[str, str]]:
    return [(route.source, route.target) for route in registry.routes()]


def supported_codes(registry: Registry) -> list[str]:
    return sorted({code for pair in available_pairs(registry) for code in pair})


def _pairs_text(registry: Registry) -> str:
    return ", ".join(f"{source}->{target}" for source, target in available_pairs(registry))


def code_refusal(registry: Registry, named: Iterable[tuple[str, str]]) -> str | None:
    """Why a ``(field, code)`` names a language no configured pair has, listing the supported codes;
    the code is compared normalised (:func:`normalised_code`) and echoed as it was sent."""
    codes = supported_codes(registry)
    for field, code in named:
        if normalised_code(code) not in codes:
            return unsupported_code(registry, field, code)
    return None


def unsupported_code(registry: Registry, field: str, sent: str) -> str:
    """The refusal of ``sent`` as a language code, echoed as the client sent it ("en-US", not
    "en-us"), listing the supported codes."""
    shown = shortened(sent, 20)
    return (
        f"{field} {shown!r} is not a supported language; use one of {', '.join(supported_codes(registry))} "
        "(ISO 639-1 codes; GET /v1/languages lists the pairs)"
    )


def pair_refusal(
    registry: Registry, source: str, target: str, *, found: str | None = None, what: str = "article"
) -> str | None:
    """Why no route translates ``source`` into ``target``, naming the pairs there are (or None).

    ``found`` describes a source language that was detected, not given (its scripts and languages):
    the refusal then says what was found and which source language to send, naming its field as
    :data:`~service.errors.FIELD` (the caller's error carries ``field="source_lang"``).
    """
    if target == source:
        return f"target {target!r} is the {what}'s own language; choose another target"
    if (source, target) in available_pairs(registry):
        return None
    if found is None:
        return f"no model translates {source!r} into {target!r}; available pairs: {_pairs_text(registry)}"
    sources = sorted({pair[0] for pair in available_pairs(registry)})
    return (
        f"the {what}'s language was detected as {source!r}, which no model translates into {target!r}. "
        f"Found: {found}. If the {what} is in a supported language, send it as {FIELD} "
        f"(one of {', '.join(sources)}); available pairs: {_pairs_text(registry)}"
    )
