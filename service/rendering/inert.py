"""A rendered HTML page keeps no code that runs on its own: the source's event-handler attributes
(``onclick``, ``onerror``, ...) are dropped, and so are URLs with a script scheme (``javascript:``,
``vbscript:``) in the attributes that take a URL. The download also carries a Content-Security-Policy
without scripts (:mod:`service.api.headers`); this holds where no header does (the file saved and
opened from disk)."""

from __future__ import annotations

import re
from typing import Any

URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "background", "poster", "data", "cite",
    "longdesc", "lowsrc", "dynsrc", "manifest", "codebase", "ping", "srcset",
})  # fmt: skip
# Browsers ignore control characters and white space in a URL's scheme ("java\tscript:").
_SCRIPT_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript):", re.I)
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def is_script_url(value: str) -> bool:
    return bool(_SCRIPT_SCHEME.match(_IGNORED.sub("", value)))


def drop_active_content(root: Any) -> int:
    """Remove event handlers and script URLs from every element under ``root`` (lxml); returns how
    many attributes went."""
    dropped = 0
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        for name in list(element.attrib):
            lowered = str(name).lower()
            if lowered.startswith("on") or (
                lowered in URL_ATTRIBUTES and is_script_url(str(element.attrib[name]))
            ):
                del element.attrib[name]
                dropped += 1
    return dropped
