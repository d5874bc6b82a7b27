"""When a translation needs a person: the one rule that the review queue (``/review``), the
document's per-language counts, the documents list and the document page share.

A translation is ``corrected`` (a person's text, here or reused from memory), ``approved`` (a model
output an editor checked unchanged), ``flagged`` (a news check failed), ``unsure`` (no check failed,
but the engine's confidence is under :data:`LOW_CONFIDENCE`) or ``machine``. Flagged and unsure
ones need a person.
"""

from __future__ import annotations

from service.storage.document_store import HUMAN, MEMORY_HUMAN

# Mean log-probability per token under which a model output is worth a look even without a flag
# (about one token in e chosen against the model's odds); a setting, not a measured threshold.
LOW_CONFIDENCE = -1.0
NEEDS_PERSON = ("flagged", "unsure")


def review_status(origin: str, approved: bool, flagged: bool, confidence: float | None) -> str:
    if origin in (HUMAN, MEMORY_HUMAN):
        return "corrected"
    if approved:
        return "approved"
    if flagged:
        return "flagged"
    if confidence is not None and confidence < LOW_CONFIDENCE:
        return "unsure"
    return "machine"


def needs_person(origin: str, approved: bool, flagged: bool, confidence: float | None) -> bool:
    return review_status(origin, approved, flagged, confidence) in NEEDS_PERSON
