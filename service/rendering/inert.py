"""A rendered HTML page keeps no code that runs on its own: the source's event-handler attributes
(``onclick``, ``onerror``, ...) are dropped, and so are URLs with a script scheme (``javascript:``,
``vbscript:``) or an HTML ``data:`` URL in the attributes that take a URL, ``srcdoc``, styles that
call script, and the elements that run or load code or move the page (``script`` but JSON data,
``iframe``, ``object``, ``embed``, ``base``, a ``meta`` refresh). The download also carries a
Content-Security-Policy without scripts (:mod:`service.api.headers`); this holds where no header
does (the file saved and opened from disk)."""

from __future__ import annotations

import re
from typing import Any

URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "background", "poster", "data", "cite",
    "longdesc", "lowsrc", "dynsrc", "manifest", "codebase", "ping", "srcset",
})  # fmt: skip
# Browsers ignore control characters and white space in a URL's scheme ("java\tscript:").
_SCRIPT_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript):|^data:(?:text/html|[^,;]*xml)", re.I)
_ACTIVE_STYLE = re.compile(r"javascript:|vbscript:|expression\s*\(|-moz-binding|behavior\s*:", re.I)
ACTIVE_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base"})
DATA_SCRIPT_TYPES = ("application/ld+json", "application/json")  # data, never run
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def is_script_url(value: str) -> bool:
    return bool(_SCRIPT_SCHEME.match(_IGNORED.sub("", value)))


def drop_active_content(root: Any) -> int:
    """Remove event handlers and script URLs from every element under ``root`` (lxml); returns how
    many attributes went."""
    dropped = 0
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        if _runs_or_loads(element) and element.getparent() is not None:
            _remove_keeping_tail(element)
            dropped += 1
            continue
        for name in list(element.attrib):
            lowered = str(name).lower()
            value = str(element.attrib[name])
            if (
                lowered.startswith("on")
                or lowered == "srcdoc"
                or (lowered in URL_ATTRIBUTES and is_script_url(value))
                or (lowered == "style" and _ACTIVE_STYLE.search(_IGNORED.sub("", value)))
            ):
                del element.attrib[name]
                dropped += 1
    return dropped


def _runs_or_loads(element: Any) -> bool:
    tag = str(element.tag).lower().rsplit("}", 1)[-1]
    if tag == "script":
        return str(element.get("type", "")).strip().lower() not in DATA_SCRIPT_TYPES
    if tag == "meta":
        return str(element.get("http-equiv", "")).strip().lower() == "refresh"
    return tag in ACTIVE_ELEMENTS


def _remove_keeping_tail(element: Any) -> None:
    """Take ``element`` out; the text after it (its tail, the article's own) stays where it was."""
    parent, tail = element.getparent(), element.tail or ""
    previous = element.getprevious()
    if tail and previous is not None:
        previous.tail = (previous.tail or "") + tail
    elif tail:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def inert_html(page: str) -> str:
    """An HTML page (Markdown rendered as HTML) with :func:`drop_active_content` applied."""
    from lxml import html

    root = html.document_fromstring(page)
    if not drop_active_content(root):
        return page
    return "<!DOCTYPE html>\n" + html.tostring(root, encoding="unicode")
