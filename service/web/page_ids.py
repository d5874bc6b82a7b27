"""The ids a page's address names (a document, a segment, a glossary, in its path or its query): the
API's rule (:mod:`service.api.ids`), so that an id with a character no id has is a 422 page saying
"... is not a document id", as the API's answer says it, where it was a 404 page that echoed the
id raw (found by an outside tester: a U+202E in ``/documents/abc%E2%80%AEdef``). An id of the right
characters that names nothing is a 404 page as before."""

from __future__ import annotations

from typing import Annotated

from service.api.ids import checked_id

_LISTED = "the documents list links each one"
_SEGMENT = "e.g. s01.p02.01, as the document page links each sentence"
DocumentId = Annotated[str, checked_id("document", _LISTED)]
SegmentId = Annotated[str, checked_id("segment", _SEGMENT)]
GlossaryId = Annotated[str, checked_id("glossary", "the glossaries page links each one")]
# A document or segment named in a page's query: blank for none (spaces around an id dropped).
DocumentFilter = Annotated[str, checked_id("document", _LISTED, blank=True)]
SegmentFilter = Annotated[str, checked_id("segment", _SEGMENT, blank=True)]
