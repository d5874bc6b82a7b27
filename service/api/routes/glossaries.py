"""``/v1/glossaries``: a tenant's glossaries (create, list, read, replace, delete, import CSV/TBX)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Query, Response, status

from service.api.authentication import GlossaryAdminDep, PrincipalDep, require_principal
from service.api.deps import ServicesDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.ids import GlossaryId
from service.api.schemas import LanguageCode
from service.glossary import glossary_store
from service.glossary.model import GlossaryIn, GlossaryListItem, GlossaryOut
from service.storage.tables import GlossaryRow
from service.usecases import glossary_admin
from service.usecases.intake import check_codes

router = APIRouter(
    prefix="/v1/glossaries",
    tags=["glossaries"],
    dependencies=[Depends(require_principal)],
    responses=AUTH_RESPONSES,
)
NOT_FOUND = error_responses(404, e404="No such glossary")
NAME_TAKEN = error_responses(409, e409="This tenant has a glossary of that name already")
ADMIN = error_responses(403, e403="Changing glossaries needs an admin key")


def _created(response: Response, row: GlossaryRow) -> GlossaryOut:
    response.headers["Location"] = f"/v1/glossaries/{row.id}"
    return glossary_store.glossary_out(row)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=GlossaryOut,
    responses={**NAME_TAKEN, **ADMIN, **error_responses(413)},
)
def create_glossary(
    body: GlossaryIn, response: Response, services: ServicesDep, principal: GlossaryAdminDep
) -> GlossaryOut:
    """Store a glossary. With ``default: true`` the tenant's jobs that name no glossary use it."""
    return _created(response, glossary_admin.create(services, principal, body))


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
    services: ServicesDep,
    principal: GlossaryAdminDep,
    name: Annotated[str, Query(min_length=1, max_length=120)],
    file_format: Annotated[Literal["csv", "tbx"], Query(alias="format")] = "csv",
    source_lang: Annotated[
        LanguageCode, Query(description="TBX: the language whose terms are matched")
    ] = "de",
    default: bool = False,
) -> GlossaryOut:
    """A new glossary from a CSV file (header: ``source``, language columns such as ``en``/``ko``,
    optional ``do_not_translate``, ``case_sensitive``) or a TBX file."""
    check_codes(services.registry, [("source_lang", source_lang)])
    row = glossary_admin.import_file(services, principal, data, name, file_format, source_lang, default)
    return _created(response, row)


@router.get("", response_model=list[GlossaryListItem])
def list_glossaries(services: ServicesDep, principal: PrincipalDep) -> list[GlossaryListItem]:
    """The tenant's glossaries, by name."""
    return glossary_admin.listing(services, principal)


@router.get("/{glossary_id}", response_model=GlossaryOut, responses=NOT_FOUND)
def get_glossary(glossary_id: GlossaryId, services: ServicesDep, principal: PrincipalDep) -> GlossaryOut:
    return glossary_store.glossary_out(glossary_admin.find(services, principal, glossary_id))


@router.put(
    "/{glossary_id}",
    response_model=GlossaryOut,
    responses={**NOT_FOUND, **NAME_TAKEN, **ADMIN, **error_responses(413)},
)
def replace_glossary(
    glossary_id: GlossaryId, body: GlossaryIn, services: ServicesDep, principal: GlossaryAdminDep
) -> GlossaryOut:
    """Replace name, entries and default flag. The version goes up: outputs whose sentences hold a
    changed term become stale (``interlinear retranslate`` redoes them)."""
    return glossary_store.glossary_out(glossary_admin.replace(services, principal, glossary_id, body))


@router.delete("/{glossary_id}", status_code=status.HTTP_204_NO_CONTENT, responses={**NOT_FOUND, **ADMIN})
def delete_glossary(glossary_id: GlossaryId, services: ServicesDep, principal: GlossaryAdminDep) -> Response:
    """Delete a glossary. Stored outputs keep the terms it gave them."""
    glossary_admin.delete(services, principal, glossary_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
