"""``/v1/glossaries``: a tenant's glossaries (create, list, read, replace, delete, import CSV/TBX)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Response, status
from pydantic import ValidationError

from service.api.authentication import AdminDep, PrincipalDep, require_principal
from service.api.deps import RegistryDep, SessionDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.language_refusals import check_codes
from service.api.schemas import LanguageCode
from service.glossary import glossary_store as store
from service.glossary.model import GlossaryIn, GlossaryListItem, GlossaryOut
from service.glossary.term_files import GlossaryFileError, read_csv, read_tbx
from service.storage.tables import GlossaryRow

router = APIRouter(
    prefix="/v1/glossaries",
    tags=["glossaries"],
    dependencies=[Depends(require_principal)],
    responses=AUTH_RESPONSES,
)
NOT_FOUND = error_responses(404, e404="No such glossary")
NAME_TAKEN = error_responses(409, e409="This tenant has a glossary of that name already")
ADMIN = error_responses(403, e403="Changing glossaries needs an admin key")


def _found(session: SessionDep, principal: PrincipalDep, glossary_id: str) -> GlossaryRow:
    row = store.get(session, principal.tenant, glossary_id)
    if row is None:
        raise HTTPException(
            404, f"no glossary {glossary_id}; GET /v1/glossaries lists this tenant's glossaries"
        )
    return row


def _taken(name: str) -> HTTPException:
    return HTTPException(
        409, f"a glossary named {name!r} exists already: replace it with PUT, or pick another name"
    )


def _checked(registry: RegistryDep, glossary: GlossaryIn) -> GlossaryIn:
    """422 for a target language no configured pair has (a job could never use it)."""
    check_codes(registry, (("a glossary target", lang) for lang in sorted(glossary.target_languages())))
    return glossary


def _created(response: Response, row: GlossaryRow) -> GlossaryOut:
    response.headers["Location"] = f"/v1/glossaries/{row.id}"
    return store.glossary_out(row)


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=GlossaryOut, responses={**NAME_TAKEN, **ADMIN}
)
def create_glossary(
    body: GlossaryIn, response: Response, session: SessionDep, registry: RegistryDep, principal: AdminDep
) -> GlossaryOut:
    """Store a glossary. With ``default: true`` the tenant's jobs that name no glossary use it."""
    try:
        row = store.create(session, principal.tenant, _checked(registry, body))
    except store.NameTaken as exc:
        raise _taken(body.name) from exc
    return _created(response, row)


@router.post(
    "/import",
    status_code=status.HTTP_201_CREATED,
    response_model=GlossaryOut,
    responses={**NAME_TAKEN, **ADMIN, **error_responses(413)},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-tbx": {"schema": {"type": "string"}},
            },
        }
    },
)
def import_glossary(
    data: Annotated[bytes, Body(media_type="text/csv")],
    response: Response,
    session: SessionDep,
    registry: RegistryDep,
    principal: AdminDep,
    name: Annotated[str, Query(min_length=1, max_length=120)],
    file_format: Annotated[Literal["csv", "tbx"], Query(alias="format")] = "csv",
    source_lang: Annotated[
        LanguageCode, Query(description="TBX: the language whose terms are matched")
    ] = "de",
    default: bool = False,
) -> GlossaryOut:
    """A new glossary from a CSV file (header: ``source``, language columns such as ``en``/``ko``,
    optional ``do_not_translate``, ``case_sensitive``) or a TBX file."""
    try:
        entries = read_csv(data.decode("utf-8-sig")) if file_format == "csv" else read_tbx(data, source_lang)
    except UnicodeDecodeError as exc:
        raise HTTPException(422, "the CSV file is not UTF-8 text; save it as UTF-8") from exc
    except GlossaryFileError as exc:
        raise HTTPException(422, f"cannot import this {file_format.upper()} file: {exc}") from exc
    try:
        glossary = _checked(registry, GlossaryIn(name=name, entries=entries, default=default))
    except ValidationError as exc:
        problems = "; ".join(str(error["msg"]) for error in exc.errors())
        raise HTTPException(422, f"cannot import this {file_format.upper()} file: {problems}") from exc
    try:
        row = store.create(session, principal.tenant, glossary)
    except store.NameTaken as exc:
        raise _taken(name) from exc
    return _created(response, row)


@router.get("", response_model=list[GlossaryListItem])
def list_glossaries(session: SessionDep, principal: PrincipalDep) -> list[GlossaryListItem]:
    """The tenant's glossaries, by name."""
    return store.list_for(session, principal.tenant)


@router.get("/{glossary_id}", response_model=GlossaryOut, responses=NOT_FOUND)
def get_glossary(glossary_id: str, session: SessionDep, principal: PrincipalDep) -> GlossaryOut:
    return store.glossary_out(_found(session, principal, glossary_id))


@router.put("/{glossary_id}", response_model=GlossaryOut, responses={**NOT_FOUND, **NAME_TAKEN, **ADMIN})
def replace_glossary(
    glossary_id: str, body: GlossaryIn, session: SessionDep, registry: RegistryDep, principal: AdminDep
) -> GlossaryOut:
    """Replace name, entries and default flag. The version goes up: outputs whose sentences hold a
    changed term become stale (``interlinear retranslate`` redoes them)."""
    row = _found(session, principal, glossary_id)
    try:
        return store.glossary_out(store.replace(session, row, _checked(registry, body)))
    except store.NameTaken as exc:
        raise _taken(body.name) from exc


@router.delete("/{glossary_id}", status_code=status.HTTP_204_NO_CONTENT, responses={**NOT_FOUND, **ADMIN})
def delete_glossary(glossary_id: str, session: SessionDep, principal: AdminDep) -> Response:
    """Delete a glossary. Stored outputs keep the terms it gave them."""
    store.delete(session, _found(session, principal, glossary_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
