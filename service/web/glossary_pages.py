"""``/glossaries``: the tenant's glossaries as pages. Everyone signed in lists and reads them;
admins create, edit (the entries as CSV), import a CSV or TBX file, and delete. Over the glossary
core (:mod:`service.glossary`), with the API's checks and messages."""

from __future__ import annotations

import csv
import io
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from service.api.deps import DatabaseDep, RegistryDep, SessionDep, SettingsDep
from service.api_keys import Principal, role_allows
from service.glossary import glossary_store as store
from service.glossary.model import GlossaryEntry, GlossaryIn
from service.glossary.term_files import GlossaryFileError, read_csv, read_tbx
from service.language_checks import code_refusal
from service.registry import Registry
from service.storage.tables import GlossaryRow
from service.web.document_view import LANGUAGE_NAMES
from service.web.forms import csrf_token, form_principal
from service.web.pages import PagePrincipal, sign_in
from service.web.templating import problem_page, templates

router = APIRouter(include_in_schema=False)

ADMIN_ONLY = "your key's role is {role}: changing glossaries needs an admin key"


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


def _found(session: SessionDep, principal: Principal, glossary_id: str) -> GlossaryRow:
    row = store.get(session, principal.tenant, glossary_id)
    if row is None:
        raise HTTPException(404, f"no glossary {glossary_id}: see the list of glossaries")
    return row


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
def glossaries_page(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    if principal is None:
        return sign_in(request)
    return templates.TemplateResponse(
        request,
        "glossaries.html",
        {
            "glossaries": store.list_for(session, principal.tenant),
            "principal": principal,
            "can_admin": role_allows(principal.role, "admin"),
        },
    )


@router.get("/glossaries/new", response_class=HTMLResponse, response_model=None)
def new_glossary_page(request: Request, principal: PagePrincipal) -> Response:
    if principal is None:
        return sign_in(request)
    if not role_allows(principal.role, "admin"):
        return problem_page(request, 403, ADMIN_ONLY.format(role=principal.role), "/glossaries")
    return _form(
        request, principal, {"name": "", "csv": "source,en\n", "default": False, "source_lang": "de"}
    )


@router.get("/glossaries/{glossary_id}", response_class=HTMLResponse, response_model=None)
def glossary_page(
    glossary_id: str, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    if principal is None:
        return sign_in(request)
    row = _found(session, principal, glossary_id)
    glossary = store.glossary_out(row)
    return templates.TemplateResponse(
        request,
        "glossary.html",
        {
            "glossary": glossary,
            "langs": sorted(glossary.target_languages()),
            "principal": principal,
            "can_admin": role_allows(principal.role, "admin"),
            "csrf": csrf_token(request),
        },
    )


@router.get("/glossaries/{glossary_id}/edit", response_class=HTMLResponse, response_model=None)
def edit_glossary_page(
    glossary_id: str, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    if principal is None:
        return sign_in(request)
    if not role_allows(principal.role, "admin"):
        return problem_page(
            request, 403, ADMIN_ONLY.format(role=principal.role), f"/glossaries/{glossary_id}"
        )
    row = _found(session, principal, glossary_id)
    values = {
        "name": row.name,
        "csv": as_csv(store.entries_of(row)),
        "default": row.is_default,
        "source_lang": "de",
    }
    return _form(request, principal, values, row)


def _read(csv_text: str, upload: UploadFile | None, source_lang: str) -> list[GlossaryEntry]:
    """The entries of an uploaded CSV or TBX file, else of the CSV typed in the form."""
    if upload is not None and upload.filename:
        data = upload.file.read()
        if upload.filename.lower().endswith((".tbx", ".xml")):
            return read_tbx(data, source_lang)
        try:
            return read_csv(data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise GlossaryFileError("the CSV file is not UTF-8 text; save it as UTF-8") from exc
    return read_csv(csv_text)


def _checked(registry: Registry, glossary: GlossaryIn) -> str | None:
    return code_refusal(
        registry, (("a glossary target", lang) for lang in sorted(glossary.target_languages()))
    )


def _save(
    request: Request,
    response: Response,
    session: SessionDep,
    database: DatabaseDep,
    settings: SettingsDep,
    registry: Registry,
    csrf: str,
    values: dict[str, object],
    upload: UploadFile | None,
    glossary_id: str | None = None,
) -> Response:
    principal = form_principal(request, response, database, settings, csrf)
    if principal is None:
        return sign_in(request)
    back = f"/glossaries/{glossary_id}" if glossary_id else "/glossaries"
    if not role_allows(principal.role, "admin"):
        return problem_page(request, 403, ADMIN_ONLY.format(role=principal.role), back)
    row = _found(session, principal, glossary_id) if glossary_id else None
    try:
        entries = _read(str(values["csv"]), upload, str(values["source_lang"]))
        glossary = GlossaryIn(
            name=str(values["name"]).strip(), entries=entries, default=bool(values["default"])
        )
    except GlossaryFileError as exc:
        return _form(request, principal, values, row, f"cannot read the entries: {exc}", 422)
    except ValidationError as exc:
        problems = "; ".join(str(error["msg"]) for error in exc.errors())
        return _form(request, principal, values, row, problems, 422)
    refusal = _checked(registry, glossary)
    if refusal is not None:
        return _form(request, principal, values, row, refusal, 422)
    try:
        saved = (
            store.replace(session, row, glossary)
            if row is not None
            else store.create(session, principal.tenant, glossary)
        )
    except store.NameTaken:
        return _form(
            request, principal, values, row, f"a glossary named {glossary.name!r} exists already", 409
        )
    return RedirectResponse(f"/glossaries/{saved.id}", status_code=303)


@router.post("/glossaries", response_model=None)
def create_glossary_form(
    request: Request,
    response: Response,
    session: SessionDep,
    database: DatabaseDep,
    settings: SettingsDep,
    registry: RegistryDep,
    csrf: Annotated[str, Form()] = "",
    name: Annotated[str, Form(max_length=200)] = "",
    entries: Annotated[str, Form(max_length=2_000_000)] = "",
    default: Annotated[bool, Form()] = False,
    source_lang: Annotated[str, Form(max_length=8)] = "de",
    upload: Annotated[UploadFile | None, File()] = None,
) -> Response:
    values = {"name": name, "csv": entries, "default": default, "source_lang": source_lang}
    return _save(request, response, session, database, settings, registry, csrf, values, upload)


@router.post("/glossaries/{glossary_id}", response_model=None)
def edit_glossary_form(
    glossary_id: str,
    request: Request,
    response: Response,
    session: SessionDep,
    database: DatabaseDep,
    settings: SettingsDep,
    registry: RegistryDep,
    csrf: Annotated[str, Form()] = "",
    name: Annotated[str, Form(max_length=200)] = "",
    entries: Annotated[str, Form(max_length=2_000_000)] = "",
    default: Annotated[bool, Form()] = False,
    source_lang: Annotated[str, Form(max_length=8)] = "de",
    upload: Annotated[UploadFile | None, File()] = None,
) -> Response:
    values = {"name": name, "csv": entries, "default": default, "source_lang": source_lang}
    return _save(request, response, session, database, settings, registry, csrf, values, upload, glossary_id)


@router.post("/glossaries/{glossary_id}/delete", response_model=None)
def delete_glossary_form(
    glossary_id: str,
    request: Request,
    response: Response,
    session: SessionDep,
    database: DatabaseDep,
    settings: SettingsDep,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    principal = form_principal(request, response, database, settings, csrf)
    if principal is None:
        return sign_in(request)
    if not role_allows(principal.role, "admin"):
        return problem_page(
            request, 403, ADMIN_ONLY.format(role=principal.role), f"/glossaries/{glossary_id}"
        )
    store.delete(session, _found(session, principal, glossary_id))
    return RedirectResponse("/glossaries", status_code=303)
