"""Articles by URL: fetch a page within limits, safely, and say where it really lives.

Only http(s), to public addresses (:mod:`service.netguard`) unless the operator allows internal
ones (``INTERLINEAR_FETCH_ALLOW_PRIVATE``, or hosts in ``INTERLINEAR_FETCH_ALLOWED_HOSTS``).
Redirects are followed by hand, at most ``fetch_max_redirects``, each target checked like the
first; the body is read up to the article size limit, and only HTML or plain text is accepted.

``fetch_timeout`` is a deadline for the whole fetch (resolving the host name, connecting, every
redirect, the body), not a limit per read: a page that sends a byte a second would otherwise hold
a worker thread for as long as it likes (:class:`service.http_deadline.Deadline`), and so would a
resolver that does not answer (each lookup runs within what is left, and connections go to the
addresses it gave); the error says in which phase the deadline was hit.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

import httpcore
import httpx

from service.errors import InputError
from service.external_ids import external_id_problem
from service.http_deadline import Deadline, connect_resolved
from service.netguard import (
    ResolutionTimeout,
    UnsafeURL,
    addresses,
    check_addresses,
    check_url,
    may_be_internal,
)
from service.settings import Settings

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def as_utf8(body: bytes, charset: str | None) -> bytes:
    """The body in UTF-8 where it is not and the server said which charset it is in (a page in
    windows-1252 served with ``charset=iso-8859-1`` and no ``<meta charset>``); else as it came."""
    import codecs

    if not charset:
        return body
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        return body
    if codec in ("iso8859-1", "latin-1", "ascii"):  # as browsers read them (WHATWG): windows-1252
        codec = "cp1252"
    return body.decode(codec, errors="replace").encode("utf-8")


class FetchError(InputError):
    """The page could not be fetched as an article; the message says why and what to do."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes

    @property
    def format(self) -> str:
        return "text" if self.content_type == "text/plain" else "html"


def check_fetch_url(url: str, settings: Settings, timeout: float | None = None) -> None:
    check_url(
        url, settings.fetch_allow_private, allowed_hosts=tuple(settings.fetch_allowed_hosts), timeout=timeout
    )


def resolver(settings: Settings, deadline: Deadline) -> Callable[[str, int], list[str]]:
    """The addresses a connection of this fetch goes to: resolved within what is left of the
    deadline, and checked again (a name may resolve differently than when the URL was checked)."""

    def resolve(host: str, port: int) -> list[str]:
        try:
            found = addresses(host, port, timeout=deadline.left())
            if not may_be_internal(host, port, settings.fetch_allow_private,
                                   tuple(settings.fetch_allowed_hosts)):  # fmt: skip
                check_addresses(f"{host}:{port}", found)
        except ResolutionTimeout as exc:
            raise httpcore.ConnectTimeout(str(exc)) from exc
        except UnsafeURL as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        return [str(address) for address in found]

    return resolve


def fetch_page(url: str, settings: Settings) -> Fetched:
    limit = settings.max_article_bytes
    headers = {"User-Agent": "Interlinear/1 (+article fetch)", "Accept": "text/html, text/plain;q=0.5"}
    deadline = Deadline(settings.fetch_timeout)
    phase = "connecting"
    received = 0
    try:
        client = connect_resolved(
            httpx.Client(follow_redirects=False, headers=headers), resolver(settings, deadline)
        )
        with client:
            for _hop in range(settings.fetch_max_redirects + 1):
                try:
                    phase = "resolving the host name"
                    check_fetch_url(url, settings, timeout=deadline.left())
                except ResolutionTimeout as exc:
                    raise _DeadlinePassed from exc
                except UnsafeURL as exc:
                    raise FetchError(f"refused to fetch: {exc}") from exc
                try:
                    phase, received = "resolving, connecting or waiting for the answer", 0
                    request = client.build_request(
                        "GET", url, timeout=deadline.timeout(), extensions={"trace": deadline.trace}
                    )
                    response = client.send(request, stream=True)
                    try:
                        if response.is_redirect:
                            location = response.headers.get("location", "")
                            url = urllib.parse.urljoin(url, location)
                            continue
                        if response.status_code != 200:
                            raise FetchError(
                                f"{url} answered HTTP {response.status_code}; "
                                "check the URL opens in a browser"
                            )
                        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                        if content_type not in ACCEPTED_TYPES:
                            raise FetchError(
                                f"{url} is {content_type or 'of no declared type'}, not a web page (HTML or "
                                "plain text); send the article's text instead"
                            )
                        phase = "reading the page"
                        body = bytearray()
                        for chunk in response.iter_bytes():
                            body += chunk
                            received = len(body)
                            if len(body) > limit:
                                raise FetchError(
                                    f"{url} is larger than {limit} bytes (INTERLINEAR_MAX_ARTICLE_BYTES); "
                                    "send the article's text instead"
                                )
                            if deadline.passed:
                                break
                        if deadline.passed:
                            raise _DeadlinePassed
                        charset = response.charset_encoding  # the Content-Type header's charset
                        return Fetched(url=url, content_type=content_type, body=as_utf8(bytes(body), charset))
                    finally:
                        response.close()
                except httpx.HTTPError as exc:
                    if deadline.passed or isinstance(exc, httpx.TimeoutException):
                        raise _DeadlinePassed from exc
                    raise FetchError(f"cannot fetch {url}: {type(exc).__name__}: {exc}") from exc
    except _DeadlinePassed as exc:
        got = f" ({received:,} bytes of the page after {deadline.seconds:g} s)" if received else ""
        raise FetchError(
            f"{url} did not deliver the page within {deadline.seconds:g} s, the total time allowed "
            "for a fetch (INTERLINEAR_FETCH_TIMEOUT: resolving, connecting, redirects and the body); the "
            f"deadline passed while {phase}{got}. Check that the page opens quickly in a browser, or "
            "send the article's text instead"
        ) from exc.__cause__
    finally:
        deadline.cancel()
    raise FetchError(f"more than {settings.fetch_max_redirects} redirects from the URL; send the final URL")


class _DeadlinePassed(Exception):
    """The fetch's deadline passed (turned into a :class:`FetchError` saying so)."""


def canonical_url(fetched: Fetched) -> str | None:
    """The page's canonical URL (``<link rel=canonical>``, ``og:url``), else where it was fetched
    from: the document's ``external_id``, so one the rule of :mod:`service.external_ids` refuses (a
    hidden character, as a client's id would be refused; over 300 characters) is not taken. None
    where neither is an id (a long address with tracking parameters and no canonical URL): the
    article is stored with no id, so fetching it again makes a new article, not a revision."""
    if fetched.format == "html":
        import trafilatura

        try:
            meta = trafilatura.extract_metadata(fetched.body.decode("utf-8", errors="replace"))
        except Exception:  # trafilatura raises assorted lxml errors on broken pages
            meta = None
        found = getattr(meta, "url", None) if meta is not None else None
        web = bool(found) and urllib.parse.urlsplit(found).scheme in ("http", "https")
        if web and external_id_problem(str(found)) is None:
            return str(found)
    return fetched.url if external_id_problem(fetched.url) is None else None
