"""What a download is called: a file named after the article's title, not its id.

``Content-Disposition`` (RFC 6266) carries two names: ``filename``, plain ASCII every client
reads (the title as a slug: lower case, words joined by hyphens, accents dropped; the document's
id where nothing of the title is left, as of a Korean one), and ``filename*`` (RFC 8187: UTF-8,
percent-encoded), the title as it is written, which a browser prefers where it reads it.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

SLUG_LENGTH = 60  # characters of the ASCII name before its extension
NAME_LENGTH = 100  # characters of the title kept in the UTF-8 name
# Not in a file name on any common system (and no control characters at all)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f]+')
_ATTR_CHARS = "!#$&+-.^_`|~"  # RFC 8187's attr-char besides letters and digits: left as they are


def slug(title: str) -> str:
    """The title as an ASCII file name: ``"Hochwasser in Sachsen: Pegel steigen"`` is
    ``hochwasser-in-sachsen-pegel-steigen``; empty where the title has no Latin letters or digits."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(words) > SLUG_LENGTH:
        words = words[:SLUG_LENGTH].rsplit("-", 1)[0] if "-" in words[:SLUG_LENGTH] else words[:SLUG_LENGTH]
    return words


def attachment(title: str | None, fallback: str, extension: str) -> str:
    """A ``Content-Disposition`` value for a download of the article called ``title`` (``fallback``,
    the document's id, where it has none or none of it is ASCII), ending in ``.extension``."""
    ascii_name = f"{slug(title or '') or fallback}.{extension}"
    value = f'attachment; filename="{ascii_name}"'
    readable = " ".join(_UNSAFE.sub(" ", title or "").split())[:NAME_LENGTH].strip(" .")
    if readable and f"{readable}.{extension}" != ascii_name:
        value += f"; filename*=UTF-8''{quote(f'{readable}.{extension}', safe=_ATTR_CHARS)}"
    return value
