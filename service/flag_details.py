"""What an editor needs to see of a translation: each failed check named with its item (which
number, which glossary term), the sentence's review status, and what needs a person across documents.

Flags are stored as check names (``"numbers"``) or, from the trust work, as objects
``{"check", "severity", "detail"}``; both are read here. A plain name gets its item found again
from the sentence and its translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from service.aligned import AlignedDocument, AlignedSegment, Output
from service.glossary.model import GlossaryEntry
from service.review_rule import NEEDS_PERSON, review_status

_DIGITS = re.compile(r"\d+(?:[.,\u202f\u00a0]\d+)*")
# The trust work's severities (major: meaning likely wrong; minor: worth a look), for stored names.
_SEVERITY = {"numbers": "major", "untranslated": "major", "empty": "major"}
RANK = {"major": 0, "minor": 1}


@dataclass(frozen=True)
class Flag:
    check: str
    severity: str
    detail: str


def _numbers(text: str) -> set[str]:
    return {re.sub(r"[.,\u202f\u00a0]", "", n) for n in _DIGITS.findall(text)}


def _terms(source: str, glossary: Sequence[GlossaryEntry], lang: str) -> list[str]:
    found = []
    for entry in glossary:
        term = entry.target_for(lang)
        hay, needle = (
            (source, entry.source) if entry.case_sensitive else (source.lower(), entry.source.lower())
        )
        if term and needle in hay:
            found.append(f"{entry.source} → {term}")
    return found


def explain(
    flag: str | Mapping[str, object] | BaseModel,
    source: str,
    target: str,
    lang: str,
    glossary: Sequence[GlossaryEntry] = (),
) -> Flag:
    """One stored flag as a check, a severity and what exactly failed."""
    if not isinstance(flag, str | Mapping):  # a service.checks.Flag, as reads give them
        flag = flag.model_dump()
    if isinstance(flag, Mapping):
        check = str(flag.get("check", "check"))
        return Flag(
            check, str(flag.get("severity") or _SEVERITY.get(check, "minor")), str(flag.get("detail") or "")
        )
    detail = ""
    if flag == "numbers":
        missing = sorted(_numbers(source) - _numbers(target))
        extra = sorted(_numbers(target) - _numbers(source))
        parts = [f"{', '.join(missing)} not in the translation"] if missing else []
        parts += [f"{', '.join(extra)} not in the source"] if extra else []
        detail = "; ".join(parts) or "the numbers are written differently"
    elif flag == "glossary":
        terms = _terms(source, glossary, lang)
        detail = (
            f"term placed by position, check it: {'; '.join(terms)}"
            if terms
            else "a glossary term was placed by position"
        )
    elif flag == "untranslated":
        detail = "the translation repeats the source"
    elif flag == "repetition":
        detail = "words repeat in a loop"
    elif flag == "empty":
        detail = "the translation is empty"
    return Flag(flag, _SEVERITY.get(flag, "minor"), detail)


def flags_of(segment: AlignedSegment, lang: str, glossary: Sequence[GlossaryEntry] = ()) -> list[Flag]:
    output = segment.translations.get(lang)
    if output is None:
        return []
    return [explain(f, segment.text, output.text, lang, glossary) for f in output.flags]


def status_of(output: Output) -> str:
    """``corrected``, ``approved``, ``flagged``, ``unsure`` or ``machine``: the rule of
    :mod:`service.review_rule`."""
    return review_status(output.origin, output.approved_at is not None, bool(output.flags), output.confidence)


@dataclass(frozen=True)
class ReviewItem:
    document_id: str
    title: str | None
    segment: AlignedSegment
    lang: str
    output: Output
    flags: list[Flag]

    @property
    def risk(self) -> tuple[int, int]:
        worst = min((RANK.get(f.severity, 1) for f in self.flags), default=1)
        return (worst, -len(self.flags))


def needing_review(
    documents: Iterable[AlignedDocument], lang: str = "", glossary: Sequence[GlossaryEntry] = ()
) -> list[ReviewItem]:
    """Translations that need a person (flagged, or the engine unsure), most at risk first (worst
    severity, then most flags), across ``documents``."""
    items = []
    for document in documents:
        for segment in document.all_segments():
            for target, output in segment.translations.items():
                if (lang and target != lang) or status_of(output) not in NEEDS_PERSON:
                    continue
                items.append(
                    ReviewItem(document.id, document.title, segment, target, output,
                               flags_of(segment, target, glossary))
                )  # fmt: skip
    return sorted(items, key=lambda item: item.risk)
