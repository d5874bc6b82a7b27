"""What a download is called: a file named after the article's title, not its id.

``Content-Disposition`` (RFC 6266) carries two names: ``filename``, plain ASCII every client
reads (the title as a slug: lower case, words joined by hyphens, accents dropped), and
``filename*`` (RFC 8187: UTF-8, percent-encoded), the title as it is written, which a browser
prefers where it reads it. An untitled document is called after its first words; the ASCII name
falls back to the first words where nothing of the title is left (a Korean one), and only then
to the document's id. Both names are cut after a whole word.

The target language(s) are always part of the name, before the extension, as the renderings
have it (``hochwasser-in-sachsen.en.xlf``): the exports of one document into two languages must
not share a name, or a browser keeps only one of them.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from sqlalchemy.orm import Session

from service.catalogue import opening_words

SLUG_LENGTH = 60  # characters of the ASCII name before its extension
NAME_LENGTH = 100  # characters of the title kept in the UTF-8 name
# Not in a file name on any common system (and no control characters at all)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f]+')
_ATTR_CHARS = "!#$&+-.^_`|~"  # RFC 8187's attr-char besides letters and digits: left as they are


def _cut(text: str, length: int, joint: str) -> str:
    """``text`` cut to at most ``length`` characters after a whole word (words joined by
    ``joint``); a single word longer than that is cut where it must be."""
    if len(text) <= length:
        return text
    if text[length] == joint:
        return text[:length]
    head = text[:length]
    return head.rsplit(joint, 1)[0] if joint in head else head


def slug(title: str) -> str:
    """The title as an ASCII file name: ``"Hochwasser in Sachsen: Pegel steigen"`` is
    ``hochwasser-in-sachsen-pegel-steigen``; empty where the title has no Latin letters or digits."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return _cut(words, SLUG_LENGTH, "-").strip("-")


def readable(title: str) -> str:
    """The title as a UTF-8 file name: without the characters no file system takes, its spaces
    collapsed, cut after a whole word to at most :data:`NAME_LENGTH` characters."""
    words = " ".join(_UNSAFE.sub(" ", title).split())
    return _cut(words, NAME_LENGTH, " ").strip(" .")


def language_part(langs: list[str]) -> str:
    """The languages of a download as they go into its name: ``en``; ``en+ko`` for more."""
    return "+".join(langs)


def attachment(title: str | None, fallback: str, extension: str, opening: str | None = None) -> str:
    """A ``Content-Disposition`` value for a download of the article called ``title``, ending in
    ``.extension`` (which carries the language: ``en.xlf``). ``opening``, the document's first
    words, names it where the title is missing or has nothing ASCII in it; ``fallback``, the
    document's id, where neither has."""
    opening = (opening or "").rstrip("…").strip() or None
    ascii_name = f"{slug(title or '') or slug(opening or '') or fallback}.{extension}"
    value = f'attachment; filename="{ascii_name}"'
    name = readable(title or "") or readable(opening or "")
    if name and f"{name}.{extension}" != ascii_name:
        value += f"; filename*=UTF-8''{quote(f'{name}.{extension}', safe=_ATTR_CHARS)}"
    return value


def document_attachment(
    session: Session, document_id: str, title: str | None, langs: list[str], extension: str
) -> str:
    """:func:`attachment` for a stored document's download into ``langs``: its first words are
    looked up only where the title leaves no ASCII name."""
    opening = None if slug(title or "") else opening_words(session, [document_id]).get(document_id)
    part = language_part(langs)
    return attachment(title, document_id, f"{part}.{extension}" if part else extension, opening)
