"""An HTML page's publication date, read only from what the page declares about itself.

trafilatura's metadata step asks htmldate for a date, and htmldate, finding none in the page's
metadata, searches the text: a page that mentions "ein Schiff aus dem Jahr 1998" got 1998-01-01,
one about "den Haushalt für 2025" 2025-01-01. A date guessed from the body is worse than none (the
pages show it as the article's), so the date comes from these, in this order, and is None where
the page has none of them:

* ``<meta>`` tags that name a publication date (``article:published_time``, ``date``,
  ``dc.date.issued``, ``itemprop=datePublished``, ...);
* JSON-LD (``<script type="application/ld+json">``): ``datePublished``, else ``dateCreated``;
* microdata in the page (``itemprop="datePublished"`` with a ``datetime`` or ``content``);
* a ``<time datetime>`` marked ``pubdate`` or in the article's ``<header>``;
* a date in the page's canonical URL (``/2025/03/04/``);
* last, a modification date the metadata gives (``article:modified_time``, ``dateModified``).

Only a whole date counts (a year alone, as a ``copyrightYear``, is no day of publication), and no
date after tomorrow (a page's time zone may be ahead of ours).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections import deque
from collections.abc import Iterator
from typing import Any

# <meta name|property|itemprop=...> naming when the article was published (lower case)
_PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "article:published",
        "article.published",
        "og:article:published_time",
        "og:published_time",
        "published_time",
        "published-date",
        "published_date",
        "publication_date",
        "publication-date",
        "publishdate",
        "publish-date",
        "publish_date",
        "pubdate",
        "date",
        "datepublished",
        "datecreated",
        "dc.date",
        "dc.date.issued",
        "dc.date.created",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
        "citation_publication_date",
        "citation_date",
        "originalpublicationdate",
        "article_date_original",
        "sailthru.date",
        "parsely-pub-date",
        "cxenseparse:recs:publishtime",
        "date.release",
        "release_date",
        "og:release_date",
    }
)
# ... and when it was last changed: used only where nothing says when it was published
_MODIFIED_META = frozenset(
    {
        "article:modified_time",
        "og:updated_time",
        "og:article:modified_time",
        "datemodified",
        "dc.date.modified",
        "dcterms.modified",
        "last-modified",
        "lastmod",
        "modified_time",
    }
)
_META_NAMES = ("name", "property", "itemprop", "http-equiv")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_DOTTED_DAY = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_COMPACT_DAY = re.compile(r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?:T|\s|$)")


def published_date(root: Any | None, today: dt.date | None = None) -> dt.date | None:
    """The publication date the parsed page (an lxml tree) declares, or None (see the module)."""
    if root is None:
        return None
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    for value in _published_values(root):
        day = parse_declared_date(value)
        if day is not None and day <= latest:
            return day
    return None


def parse_declared_date(value: str | None) -> dt.date | None:
    """A date as metadata writes it: ISO 8601 (``2025-03-04T08:00:00+01:00``, the date as written,
    in the publisher's time zone), RFC 2822 (``Tue, 04 Mar 2025 08:00:00 GMT``), ``04.03.2025`` or
    ``20250304``; None for anything else, a year or a month alone included."""
    if not value:
        return None
    text = value.strip()
    for pattern, order in ((_ISO_DAY, (0, 1, 2)), (_DOTTED_DAY, (2, 1, 0)), (_COMPACT_DAY, (0, 1, 2))):
        match = pattern.match(text)
        if match is not None:
            parts = [int(part) for part in match.groups()]
            return _day(parts[order[0]], parts[order[1]], parts[order[2]])
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _day(parsed.year, parsed.month, parsed.day)


def _day(year: int, month: int, day: int) -> dt.date | None:
    if year < 1800:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _published_values(root: Any) -> Iterator[str]:
    modified: list[str] = []
    for meta in root.iter("meta"):
        value = meta.get("content") or meta.get("datetime")
        if not value:
            continue
        names = {(meta.get(name) or "").strip().lower() for name in _META_NAMES}
        if names & _PUBLISHED_META:
            yield value
        elif names & _MODIFIED_META:
            modified.append(value)
    for data in _json_ld(root):
        published = _json_ld_values(data, "datepublished") or _json_ld_values(data, "datecreated")
        yield from published
        modified.extend(_json_ld_values(data, "datemodified"))
    for element in root.xpath("//*[@itemprop]"):
        if element.tag == "meta":
            continue
        prop = (element.get("itemprop") or "").strip().lower()
        value = element.get("datetime") or element.get("content")
        if value and prop in ("datepublished", "datecreated"):
            yield value
        elif value and prop == "datemodified":
            modified.append(value)
    for time in root.xpath("//time[@datetime][@pubdate] | //article//header//time[@datetime]"):
        yield time.get("datetime")
    for link in root.xpath("//link[@rel='canonical'][@href] | //meta[@property='og:url'][@content]"):
        match = _URL_DATE.search(link.get("href") or link.get("content") or "")
        if match is not None:
            yield "-".join(f"{int(part):02d}" for part in match.groups())
    yield from modified


def _json_ld(root: Any) -> Iterator[Any]:
    for script in root.xpath("//script[@type]"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            yield json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # a broken (or absurdly nested) block: nothing in it is trusted


def _json_ld_values(data: Any, key: str) -> list[str]:
    """Every string under ``key`` (any case) in the JSON-LD, depth first (an @graph included)."""
    found: list[str] = []
    stack = deque([data])
    while stack:
        item = stack.popleft()
        if isinstance(item, dict):
            for name, value in item.items():
                if name.lower() == key and isinstance(value, str):
                    found.append(value)
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return found
