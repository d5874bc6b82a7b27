"""A client's id of an article (``external_id``: a CMS id, a slug such as "artikel-über-42", a
fetched page's canonical URL): printable text in any language, at most :data:`MAX_CHARS` long.

Refused: every character :mod:`service.echo_text` calls hidden (controls, line and paragraph
separators, the direction controls and marks, zero-width spaces and joiners, the byte order mark,
lone surrogates; the one rule of :func:`~service.echo_text.hidden_problem`: invisible, they make
two ids look alike), and whitespace at either end. Found by an outside attack: the id had a rule of
its own, which took a zero-width joiner or non-joiner ("cms-47\\u200d11" is not "cms-4711", and
shows the same). :data:`PATTERN` says the same in the API's schema, in a form ECMA-262 and Python
read alike (both take ``\\s`` as Unicode whitespace); the hidden characters past U+FFFF and the
lone surrogates, which such a pattern cannot name, are refused by the check only.
"""

from __future__ import annotations

from service.echo_text import hidden_character_class, hidden_problem

MAX_CHARS = 300  # the column's length (documents.external_id)

WHAT_AN_ID_IS = (
    'send your id of the article as printable text in any language (e.g. "cms-4711" or "artikel-über-42"), '
    "without control characters, line breaks or invisible characters (direction marks, zero-width joiners "
    "and spaces), and without whitespace at its start or end"
)

_NOT_IN_ID = hidden_character_class()
PATTERN = rf"^[^{_NOT_IN_ID}\s](?:[^{_NOT_IN_ID}]*[^{_NOT_IN_ID}\s])?$"


def external_id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an article's id, saying what an id may be; None where it can."""
    if not value:
        return f"the external id is empty: {WHAT_AN_ID_IS}"
    if len(value) > MAX_CHARS:
        return f"the external id is {len(value):,} characters long, over {MAX_CHARS}: {WHAT_AN_ID_IS}"
    hidden = hidden_problem(value, "the external id", WHAT_AN_ID_IS)
    if hidden is not None:
        return hidden
    if value != value.strip():  # str.strip and \s take the same whitespace (but for hidden characters)
        where = "starts" if value[0].isspace() else "ends"
        return f"the external id {where} with whitespace: {WHAT_AN_ID_IS}"
    return None
