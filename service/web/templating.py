"""The pages' one template environment: every page extends ``base.html``, whose header links the
pages the signed-in key may use and, for a browser signed in with its key cookie, offers to sign
out (a form with the page's CSRF token)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from service.api.authentication import SESSION_COOKIE
from service.api.http_errors import capped_ids
from service.echo_text import escaped, is_hidden
from service.permissions import Action, may
from service.segment_places import place_of, role_words
from service.storage.tables import as_utc
from service.web.confidence import engine_confidence, scale
from service.web.forms import Kept, csrf_token, signed_in
from service.web.languages import language_name

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")  # autoescapes .html
templates.env.globals["csrf_token"] = csrf_token
templates.env.globals["session_cookie"] = SESSION_COOKIE
templates.env.globals["place_of"] = place_of
templates.env.globals["role_words"] = role_words
templates.env.globals["language_name"] = language_name
templates.env.globals["confidence_of"] = engine_confidence
templates.env.globals["confidence_scale"] = scale


def may_here(request: Request, action: str) -> bool:
    """In templates, ``may(request, "submit")``: whether the key signed in on this request may do
    ``action`` (an :class:`~service.permissions.Action`'s value), so that a page offers only what
    the key may use; False where the request named no one (the sign-in page, an unknown address).
    The routes refuse the rest whatever a page shows."""
    principal = getattr(request.state, "principal", None)
    return principal is not None and may(principal, Action(action))


templates.env.globals["may"] = may_here


def last_page(total: int, size: int) -> int:
    """The number of a paged page's last page, ``size`` items a page (1 for an empty list: a list
    with nothing in it says so on its first page)."""
    return max(1, -(-total // size))


def segment_address(
    document_id: str,
    segment_key: str,
    lang: str | None = None,
    keep: Sequence[tuple[str, str]] = (),
    anchor: str | None = None,
) -> str:
    """A link to a sentence's row on the document page: a long document is paged, so the link
    names the segment (the page that holds it is shown) as well as its anchor; ``keep``: the page's
    own query (its languages, its size); ``anchor``: an element of the row to land on instead (a
    correction box's text field: a browser leaves ``autofocus`` aside where the address names an
    element, and focuses that element instead)."""
    query = urlencode([*keep, *([("lang", lang)] if lang else []), ("segment", segment_key)])
    return f"/documents/{quote(document_id)}?{query}#{quote(anchor or f'row-{segment_key}')}"


templates.env.globals["segment_address"] = segment_address


def when(value: dt.datetime | dt.date | str | None) -> Markup:
    """A date or time as every page shows it, the same for every reader whatever the browser's
    locale: ``<time datetime="2026-12-01T13:45:00Z">2026-12-01 13:45 UTC</time>`` (a stored time
    without a zone is UTC); a date alone as ``2026-12-01``. In templates: ``{{ job.created_at | when }}``."""
    if value is None or value == "":
        return Markup("")
    if isinstance(value, str):  # an ISO date or time as text; anything else is shown as it is
        try:
            timed = "T" in value or " " in value
            value = dt.datetime.fromisoformat(value) if timed else dt.date.fromisoformat(value)
        except ValueError:
            return escape(value)
    if isinstance(value, dt.datetime):
        moment = as_utc(value)
        machine, shown = moment.strftime("%Y-%m-%dT%H:%M:%SZ"), moment.strftime("%Y-%m-%d %H:%M UTC")
    else:
        machine = shown = value.isoformat()
    return Markup('<time datetime="{}">{}</time>').format(machine, shown)


templates.env.filters["when"] = when


_BACKTICKED = re.compile(r"`([^`\n]+)`")


def code_spans(text: str) -> Markup:
    """``text`` escaped, with each backticked command (the messages the API and the CLI share say
    "`interlinear keys create …`") as ``<code>``, not literal backticks."""
    return Markup(_BACKTICKED.sub(r"<code>\1</code>", str(escape(text))))


templates.env.filters["code_spans"] = code_spans

HEADINGS = {403: "Not allowed", 404: "Not found", 405: "Not allowed"}


def heading_of(request: Request, status_code: int) -> str:
    """The error page's heading: what kind of no it is. A refused address or filter (a 400 or 422
    on a page opened with GET) is "Not understood": nothing was to be done; a form's refusal
    "Not done"."""
    if status_code in HEADINGS:
        return HEADINGS[status_code]
    if status_code in (400, 422) and request.method in ("GET", "HEAD"):
        return "Not understood"
    return "Not done"


_LEADING_NAME = re.compile(r"[a-z]+(?:_[a-z]+)+\b")


def sentence(text: str) -> str:
    """``text`` as a sentence on a page: its first letter a capital (the API's messages, which the
    pages show too, start in lower case, as JSON details do). One that starts with a name to be
    typed as it is (a query parameter: ``source_lang``) keeps it, backticked as code
    (:func:`code_spans`): "Source_lang" would name no parameter."""
    if name := _LEADING_NAME.match(text):
        return f"`{name[0]}`{text[name.end() :]}"
    return text[:1].upper() + text[1:]


templates.env.filters["sentence"] = sentence


def _addressed(address: str) -> str:
    """``address`` (a link) with each control or invisible character percent-encoded, as a browser
    sends it: the "Back" of a form whose address held a U+202E held it raw."""
    if address.isprintable():
        return address
    return "".join(quote(c) if is_hidden(c) else c for c in address)


def problem_page(
    request: Request,
    status_code: int,
    message: str,
    back: str,
    kept: Kept | None = None,
    again: bool = False,
) -> HTMLResponse:
    """What a form could not do, as a page with a way back (a browser shows no JSON problem),
    headed, as every page is, by who is signed in; ``kept``: the text a form brought that was not
    saved, shown to copy (service.web.forms.FormNotTaken); ``again``: the form was not taken (out
    of date), and ``back``, its page, is linked as where to send it again. The message echoes no
    control or invisible character raw (:func:`service.echo_text.escaped`, as the API's
    ``detail``): a U+202E from an address reversed the text after it on the page."""
    signed_in(request)  # for the header: an error may come before the route asked
    return templates.TemplateResponse(
        request,
        "problem.html",
        {
            "message": sentence(escaped(capped_ids(request, message))),
            "back": _addressed(back),
            "status_code": status_code,
            "heading": heading_of(request, status_code),
            "kept": kept,
            "again": again,
        },
        status_code=status_code,
    )
