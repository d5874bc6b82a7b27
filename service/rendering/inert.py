"""A rendered HTML page keeps no code that runs on its own: the source's event-handler attributes
(``onclick``, ``onerror``, ...) are dropped, and so are URLs with a script scheme (``javascript:``,
``vbscript:``) or an HTML ``data:`` URL in the attributes that take a URL, ``srcdoc``, styles that
call script, and the elements that run or load code or move the page (``script`` but JSON data,
``iframe``, ``object``, ``embed``, ``base``, a ``meta`` refresh). The download also carries a
Content-Security-Policy without scripts (:mod:`service.api.headers`); this holds where no header
does (the file saved and opened from disk).

What loads code is dropped too, by allow-lists where one is well known: a URL keeps its attribute
only with a scheme DOMPurify allows (``http(s)``, ``mailto``, ``tel``, ..., or none: a relative
URL) or as a ``data:`` picture, sound or video; a ``<link>`` stays only for the relations that
load nothing that runs (``canonical``, ``alternate``, ``icon``, ..., never ``stylesheet`` or
``preload``); a ``<meta http-equiv>`` only for the content type, language and compatibility
mode; a ``<style>`` element or ``style`` attribute only without ``url()`` and ``@import`` (no
stylesheet, font or picture loaded from elsewhere); a form or button sends nowhere else (an
``action`` or ``formaction`` with a scheme or a host goes, so it would send to the page itself).
"""

from __future__ import annotations

import re
from typing import Any

URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "background", "poster", "data", "cite",
    "longdesc", "lowsrc", "dynsrc", "manifest", "codebase", "ping", "srcset",
})  # fmt: skip
# Browsers ignore control characters and white space in a URL's scheme ("java\tscript:").
_SCRIPT_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript):|^data:(?:text/html|[^,;]*xml)", re.I)
_ACTIVE_STYLE = re.compile(
    r"javascript:|vbscript:|expression\s*\(|-moz-binding|behavior\s*:|url\s*\(|@import|image-set\s*\(", re.I
)
ACTIVE_ELEMENTS = frozenset({
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "fencedframe",
    # SVG animation can set an attribute (an href) to a script URL after the page is read
    "animate", "set", "animatemotion", "animatetransform", "handler", "listener",
})  # fmt: skip
# DOMPurify's ALLOWED_URI_REGEXP: a scheme it knows to be safe, or no scheme at all
_ALLOWED_URL = re.compile(
    r"^(?:(?:(?:f|ht)tps?|mailto|tel|callto|sms|cid|xmpp|matrix):|[^a-z]|[a-z+.\-]+(?:[^a-z+.\-:]|$))", re.I
)
_SAFE_DATA = re.compile(r"^data:(?:image/(?:png|jpe?g|gif|webp|avif|bmp|x-icon)|audio/|video/)", re.I)
# <link> relations that load no stylesheet, script, module or document to run
SAFE_LINK_RELS = frozenset({
    "alternate", "author", "bookmark", "canonical", "help", "icon", "shortcut", "apple-touch-icon",
    "apple-touch-icon-precomposed", "mask-icon", "license", "me", "next", "prev", "previous", "search",
    "shortlink", "amphtml", "tag", "nofollow", "noopener", "noreferrer", "external", "publisher",
})  # fmt: skip
SAFE_HTTP_EQUIV = frozenset({"content-type", "content-language", "x-ua-compatible"})
_ELSEWHERE = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:|[/\\]{2})", re.I)  # a scheme, or //host
DATA_SCRIPT_TYPES = ("application/ld+json", "application/json")  # data, never run
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def is_script_url(value: str) -> bool:
    return bool(_SCRIPT_SCHEME.match(_IGNORED.sub("", value)))


def is_allowed_url(value: str) -> bool:
    """A URL a rendering may keep: http(s), mailto, tel, ..., relative, or a data: picture."""
    url = _IGNORED.sub("", value)
    if not url:
        return True
    if url.lower().startswith("data:"):
        return bool(_SAFE_DATA.match(url))
    return bool(_ALLOWED_URL.match(url)) and not is_script_url(url)


def _drops_attribute(name: str, value: str) -> bool:
    if name.startswith("on") or name == "srcdoc":
        return True
    if name in URL_ATTRIBUTES:
        if name == "srcset":
            urls = [part.strip().split(" ", 1)[0] for part in value.split(",")]
            return not all(is_allowed_url(url) for url in urls)
        if name in ("action", "formaction") and _ELSEWHERE.match(_IGNORED.sub("", value)):
            return True  # a form sends to this page's own address, never to another site
        return not is_allowed_url(value)
    return name == "style" and bool(_ACTIVE_STYLE.search(_IGNORED.sub("", value)))


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
            if _drops_attribute(str(name).lower(), str(element.attrib[name])):
                del element.attrib[name]
                dropped += 1
    return dropped


def _runs_or_loads(element: Any) -> bool:
    tag = str(element.tag).lower().rsplit("}", 1)[-1]
    if tag == "script":
        return str(element.get("type", "")).strip().lower() not in DATA_SCRIPT_TYPES
    if tag == "meta":
        equiv = element.get("http-equiv")
        return equiv is not None and str(equiv).strip().lower() not in SAFE_HTTP_EQUIV
    if tag == "link":
        rels = str(element.get("rel", "")).lower().split()
        return not rels or not set(rels) <= SAFE_LINK_RELS
    if tag == "style":
        return bool(_ACTIVE_STYLE.search(_IGNORED.sub("", element.text_content() or "")))
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


def inert_fragment(raw: str) -> str:
    """A piece of raw HTML from a Markdown source (an HTML block, an inline element with what it
    holds) without what runs or loads code; as it was when nothing goes, "" when all of it goes."""
    from lxml import html

    if not raw.strip():
        return raw
    holder = html.Element("div")
    parts = html.fragments_fromstring(raw)
    if parts and isinstance(parts[0], str):
        holder.text = parts.pop(0)
    holder.extend(parts)
    if not drop_active_content(holder):
        return raw
    out = [holder.text or ""]
    out.extend(str(html.tostring(child, encoding="unicode", with_tail=True)) for child in holder)
    return "".join(out)


_TAG_NAME = re.compile(r"<\s*([A-Za-z][\w-]*)")


def inert_start_tag(raw: str) -> str | None:
    """An inline start tag (``<span onmouseover=...>``) without its active attributes; ``None`` for
    an element that runs or loads code (``<iframe ...>``)."""
    from html import escape

    from lxml import html

    name = _TAG_NAME.match(raw)
    if name is None:
        return raw
    try:
        element = html.fragment_fromstring(raw + f"</{name[1]}>")
    except Exception:  # not one element (an unclosed comment, two elements): kept out
        return None
    if not isinstance(element.tag, str) or _runs_or_loads(element):
        return None
    if not drop_active_content(element):
        return raw
    attrs = "".join(f' {key}="{escape(str(value), quote=True)}"' for key, value in element.attrib.items())
    return f"<{element.tag}{attrs}>"
