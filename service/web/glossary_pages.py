"""``/glossaries``: the tenant's glossaries as pages. Everyone signed in lists and reads them;
admins create, edit (the entries as CSV), import a CSV or TBX file, and delete (after a page that
asks first). Over the same use cases as the API (:mod:`service.usecases.glossary_admin`): the same
checks and messages. What was just done ("Saved.", "Deleted glossary X.") is said on the page the
form's redirect lands on, carried there by a cookie that lives a minute and is read once."""

from __future__ import annotations

import csv
import io
from typing import Annotated
from urllib.parse import quote, unquote

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from service.api.deps import DatabaseDep, ServicesDep, SettingsDep
from service.api.http_errors import status_of
from service.api_keys import Principal
from service.echo_text import escaped
from service.errors import Conflict, RequestRefused
from service.glossary import glossary_store
from service.glossary.model import GlossaryEntry, GlossaryEntryIn, GlossaryIn
from service.glossary.term_files import GlossaryFileError, read_csv, read_tbx
from service.language_checks import normalised_code
from service.permissions import Action, authorize, may
from service.storage.tables import GlossaryRow
from service.usecases import glossary_admin
from service.web.document_view import LANGUAGE_NAMES
from service.web.forms import Kept, PostingPrincipal, csrf_token, form_principal
from service.web.page_ids import GlossaryId
from service.web.pages import PagePrincipal, sign_in
from service.web.templating import templates

router = APIRouter(include_in_schema=False)

SAID = "interlinear_said"  # what the glossary forms just did, for the next page to say


def said(request: Request) -> str | None:
    """What the last glossary form did, if it was just done."""
    message = request.cookies.get(SAID)
    return unquote(message)[:300] if message else None


def forget_said(request: Request, response: Response) -> Response:
    """Said once: the cookie goes with the page that says it."""
    if request.cookies.get(SAID) is not None:
        response.delete_cookie(SAID, path="/glossaries")
    return response


def redirect_saying(location: str, message: str, request: Request) -> RedirectResponse:
    response = RedirectResponse(location, status_code=303)
    response.set_cookie(SAID, quote(message), max_age=60, path="/glossaries", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")  # fmt: skip
    return response


def as_csv(entries: list[GlossaryEntry]) -> str:
    """Entries in the CSV layout the import reads: source, a column per language, then the flags."""
    langs = sorted({lang for entry in entries for lang in entry.targets})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["source", *langs, "do_not_translate", "case_sensitive"])
    for e in entries:
        flags = ["yes" if e.do_not_translate else "no", "yes" if e.case_sensitive else "no"]
        writer.writerow([e.source, *[e.targets.get(lang, "") for lang in langs], *flags])
    return out.getvalue()


def _form(
    request: Request,
    principal: Principal,
    values: dict[str, object],
    row: GlossaryRow | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "glossary_form.html",
        {"principal": principal, "values": values, "row": row, "error": error, "csrf": csrf_token(request),
         "names": LANGUAGE_NAMES},
        status_code=status_code,
    )  # fmt: skip


@router.get("/glossaries", response_class=HTMLResponse, response_model=None)
def glossaries_page(request: Request, services: ServicesDep, principal: PagePrincipal) -> Response:
    if principal is None:
        return sign_in(request)
    response = templates.TemplateResponse(
        request,
        "glossaries.html",
        {
            "glossaries": glossary_admin.listing(services, principal),
            "principal": principal,
            "can_admin": may(principal, Action.MANAGE_GLOSSARIES),
            "can_submit": may(principal, Action.SUBMIT),  # a reader is not told to name one when submitting
            "said": said(request),
        },
    )
    return forget_said(request, response)


@router.get("/glossaries/new", response_class=HTMLResponse, response_model=None)
def new_glossary_page(request: Request, principal: PagePrincipal) -> Response:
    if principal is None:
        return sign_in(request)
    authorize(principal, Action.MANAGE_GLOSSARIES)  # Forbidden: a page saying which role it needs
    return _form(request, principal, {"name": "", "csv": "", "default": False, "source_lang": "de"})


@router.get("/glossaries/{glossary_id}", response_class=HTMLResponse, response_model=None)
def glossary_page(
    glossary_id: GlossaryId, request: Request, services: ServicesDep, principal: PagePrincipal
) -> Response:
    if principal is None:
        return sign_in(request)
    glossary = glossary_store.glossary_out(glossary_admin.find(services, principal, glossary_id))
    response = templates.TemplateResponse(
        request,
        "glossary.html",
        {
            "glossary": glossary,
            "langs": sorted(glossary.target_languages()),
            "principal": principal,
            "can_admin": may(principal, Action.MANAGE_GLOSSARIES),
            "csrf": csrf_token(request),
            "said": said(request),
        },
    )
    return forget_said(request, response)


@router.get("/glossaries/{glossary_id}/delete", response_class=HTMLResponse, response_model=None)
def delete_glossary_page(
    glossary_id: GlossaryId, request: Request, services: ServicesDep, principal: PagePrincipal
) -> Response:
    """Asks before deleting: the glossary's name and size, a button that deletes, a way back."""
    if principal is None:
        return sign_in(request)
    authorize(principal, Action.MANAGE_GLOSSARIES)
    glossary = glossary_store.glossary_out(glossary_admin.find(services, principal, glossary_id))
    return templates.TemplateResponse(
        request,
        "glossary_delete.html",
        {"glossary": glossary, "principal": principal, "csrf": csrf_token(request)},
    )


@router.get("/glossaries/{glossary_id}/edit", response_class=HTMLResponse, response_model=None)
def edit_glossary_page(
    glossary_id: GlossaryId, request: Request, services: ServicesDep, principal: PagePrincipal
) -> Response:
    if principal is None:
        return sign_in(request)
    authorize(principal, Action.MANAGE_GLOSSARIES)
    row = glossary_admin.find(services, principal, glossary_id)
    values = {
        "name": row.name,
        "csv": as_csv(glossary_store.entries_of(row)),
        "default": row.is_default,
        "source_lang": "de",
    }
    return _form(request, principal, values, row)


def _entries(values: dict[str, object], upload: UploadFile | None) -> list[GlossaryEntryIn]:
    """The entries of an uploaded CSV or TBX file, else of the CSV typed in the form."""
    if upload is not None and upload.filename:
        data = upload.file.read()
        if upload.filename.lower().endswith((".tbx", ".xml")):
            return read_tbx(data, str(values["source_lang"]))
        try:
            return read_csv(data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise GlossaryFileError("the CSV file is not UTF-8 text; save it as UTF-8") from exc
    return read_csv(str(values["csv"]))


def glossary_values(
    name: Annotated[str, Form(max_length=200)] = "",
    entries: Annotated[str, Form(max_length=2_000_000)] = "",
    default: Annotated[bool, Form()] = False,
    source_lang: Annotated[str, Form(max_length=8)] = "de",
) -> dict[str, object]:
    """The glossary form's fields, as the form shows them again after a refusal."""
    return {"name": name, "csv": entries, "default": default, "source_lang": normalised_code(source_lang)}


GlossaryValues = Annotated[dict[str, object], Depends(glossary_values)]
Upload = Annotated[UploadFile | None, File()]


def _save(
    request: Request,
    services: ServicesDep,
    principal: Principal,
    values: dict[str, object],
    upload: UploadFile | None,
    glossary_id: str | None = None,
) -> Response:
    authorize(principal, Action.MANAGE_GLOSSARIES)  # before reading what was sent
    row = glossary_admin.find(services, principal, glossary_id) if glossary_id else None
    try:
        glossary = GlossaryIn(
            name=str(values["name"]).strip(),
            entries=_entries(values, upload),
            default=bool(values["default"]),
        )
    except GlossaryFileError as exc:
        if upload is not None and upload.filename:  # the file, named; a browser empties its field
            where = f"cannot read the entries of the file {escaped(upload.filename)}: {exc}"
            return _form(
                request, principal, values, row, f"{where}. Choose the file again once it is put right", 422
            )
        return _form(request, principal, values, row, f"cannot read the entries: {exc}", 422)
    except ValidationError as exc:
        problems = "; ".join(str(error["msg"]) for error in exc.errors())
        return _form(request, principal, values, row, problems, 422)
    try:
        if glossary_id is None:
            saved = glossary_admin.create(services, principal, glossary)
        else:
            saved = glossary_admin.replace(services, principal, glossary_id, glossary)
    except (Conflict, RequestRefused) as exc:  # a name taken, a language no model has
        return _form(request, principal, values, row, str(exc), status_of(exc))
    message = f"Saved. {saved.name} is at version {saved.version}."
    return redirect_saying(f"/glossaries/{saved.id}", message, request)


def _kept(values: dict[str, object], page: str) -> Kept:
    """What a glossary's form keeps where its sign-in ended or it is out of date: the entries typed,
    shown back to copy, and ``page``, the form's page."""
    return Kept(str(values["csv"]), page)


@router.post("/glossaries", response_model=None)
def create_glossary_form(
    request: Request,
    response: Response,
    services: ServicesDep,
    database: DatabaseDep,
    settings: SettingsDep,
    values: GlossaryValues,
    csrf: Annotated[str, Form()] = "",
    upload: Upload = None,
) -> Response:
    kept = _kept(values, "/glossaries/new")
    principal = form_principal(request, response, database, settings, csrf, kept)
    return _save(request, services, principal, values, upload)


@router.post("/glossaries/{glossary_id}", response_model=None)
def edit_glossary_form(
    glossary_id: GlossaryId,
    request: Request,
    response: Response,
    services: ServicesDep,
    database: DatabaseDep,
    settings: SettingsDep,
    values: GlossaryValues,
    csrf: Annotated[str, Form()] = "",
    upload: Upload = None,
) -> Response:
    kept = _kept(values, f"/glossaries/{quote(glossary_id)}/edit")
    principal = form_principal(request, response, database, settings, csrf, kept)
    return _save(request, services, principal, values, upload, glossary_id)


@router.post("/glossaries/{glossary_id}/delete", response_model=None)
def delete_glossary_form(
    glossary_id: GlossaryId,
    request: Request,
    services: ServicesDep,
    principal: PostingPrincipal,
    confirm: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """Deletes once asked (``confirm=yes``, sent by the page that asks); without it, that page."""
    if confirm != "yes":
        return RedirectResponse(f"/glossaries/{quote(glossary_id)}/delete", status_code=303)
    name = glossary_admin.find(services, principal, glossary_id).name
    glossary_admin.delete(services, principal, glossary_id)
    return redirect_saying("/glossaries", f"Deleted glossary {name}.", request)
