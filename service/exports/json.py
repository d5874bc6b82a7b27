"""JSON export: the API's own shape (:class:`~service.aligned.AlignedDocument`)."""

from __future__ import annotations

from service.aligned import AlignedDocument
from service.exports import restrict


def render(document: AlignedDocument, target_langs: list[str]) -> bytes:
    """The document as the API serves it, with only the translations into ``target_langs``."""
    return restrict(document, target_langs).model_dump_json(indent=2).encode("utf-8")
