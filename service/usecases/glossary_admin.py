"""A tenant's glossaries as editors read them and admins change them (API and pages alike)."""

from __future__ import annotations

from pydantic import ValidationError

from service.api_keys import Principal
from service.errors import Conflict, NotFound, RequestRefused
from service.glossary import glossary_store
from service.glossary.model import GlossaryIn, GlossaryListItem
from service.glossary.term_files import GlossaryFileError, read_csv, read_tbx
from service.permissions import Action, authorize
from service.storage.tables import GlossaryRow
from service.usecases.context import Services
from service.usecases.intake import check_codes


def find(services: Services, principal: Principal, glossary_id: str) -> GlossaryRow:
    authorize(principal, Action.READ)
    row = glossary_store.get(services.session, principal.tenant, glossary_id)
    if row is None:
        raise NotFound(glossary_store.missing(glossary_id))
    return row


def listing(services: Services, principal: Principal) -> list[GlossaryListItem]:
    authorize(principal, Action.READ)
    return glossary_store.list_for(services.session, principal.tenant)


def _taken(name: str) -> Conflict:
    return Conflict(f"a glossary named {name!r} exists already: replace it with PUT, or pick another name")


def _checked(services: Services, glossary: GlossaryIn) -> GlossaryIn:
    """Refuse a target language no configured pair has (a job could never use it)."""
    check_codes(
        services.registry, (("a glossary target", lang) for lang in sorted(glossary.target_languages()))
    )
    return glossary


def create(services: Services, principal: Principal, glossary: GlossaryIn) -> GlossaryRow:
    """Store a glossary. With ``default`` the tenant's jobs that name no glossary use it."""
    authorize(principal, Action.MANAGE_GLOSSARIES)
    try:
        return glossary_store.create(services.session, principal.tenant, _checked(services, glossary))
    except glossary_store.NameTaken as exc:
        raise _taken(glossary.name) from exc


def import_file(
    services: Services,
    principal: Principal,
    data: bytes,
    name: str,
    file_format: str,
    source_lang: str = "de",
    default: bool = False,
) -> GlossaryRow:
    """A new glossary from a CSV (header ``source``, language columns, optional ``do_not_translate``,
    ``case_sensitive``) or TBX file."""
    authorize(principal, Action.MANAGE_GLOSSARIES)
    kind = file_format.upper()
    try:
        entries = read_csv(data.decode("utf-8-sig")) if file_format == "csv" else read_tbx(data, source_lang)
    except UnicodeDecodeError as exc:
        raise RequestRefused("the CSV file is not UTF-8 text; save it as UTF-8") from exc
    except GlossaryFileError as exc:
        raise RequestRefused(f"cannot import this {kind} file: {exc}") from exc
    try:
        glossary = GlossaryIn(name=name, entries=entries, default=default)
    except ValidationError as exc:
        problems = "; ".join(str(error["msg"]) for error in exc.errors())
        raise RequestRefused(f"cannot import this {kind} file: {problems}") from exc
    return create(services, principal, glossary)


def replace(services: Services, principal: Principal, glossary_id: str, glossary: GlossaryIn) -> GlossaryRow:
    """Replace name, entries and default flag; the version goes up (outputs whose sentences hold a
    changed term become stale)."""
    authorize(principal, Action.MANAGE_GLOSSARIES)
    row = find(services, principal, glossary_id)
    try:
        return glossary_store.replace(services.session, row, _checked(services, glossary))
    except glossary_store.NameTaken as exc:
        raise _taken(glossary.name) from exc


def delete(services: Services, principal: Principal, glossary_id: str) -> None:
    """Delete a glossary. Stored outputs keep the terms it gave them."""
    authorize(principal, Action.MANAGE_GLOSSARIES)
    glossary_store.delete(services.session, find(services, principal, glossary_id))
