"""Glossaries in the database, per tenant. Every function takes the caller's tenant: a tenant
never sees, uses or changes another's glossary."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.echo_text import ECHOED_ID_CHARS, shortened
from service.glossary.model import GlossaryEntry, GlossaryIn, GlossaryListItem, GlossaryOut
from service.storage.locks import lock_row
from service.storage.tables import GlossaryRow, utcnow


class NameTaken(Exception):
    """The tenant has a glossary of that name already."""


def glossary_out(row: GlossaryRow) -> GlossaryOut:
    return GlossaryOut(
        id=row.id,
        name=row.name,
        entries=entries_of(row),
        default=row.is_default,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def entries_of(row: GlossaryRow) -> list[GlossaryEntry]:
    return [GlossaryEntry.model_validate(entry) for entry in row.entries]


def _dump(glossary: GlossaryIn) -> list[dict[str, object]]:
    return [entry.model_dump() for entry in glossary.entries]


def _only_default(session: Session, tenant: str, keep: str) -> None:
    session.execute(
        update(GlossaryRow)
        .where(GlossaryRow.tenant == tenant, GlossaryRow.id != keep)
        .values(is_default=False)
    )


def create(session: Session, tenant: str, glossary: GlossaryIn) -> GlossaryRow:
    row = GlossaryRow(
        id=str(uuid.uuid4()),
        tenant=tenant,
        name=glossary.name,
        version=1,
        is_default=glossary.default,
        entries=_dump(glossary),
    )
    session.add(row)
    with _saving(session, glossary.name):
        if glossary.default:
            _only_default(session, tenant, row.id)
    return row


def replace(session: Session, row: GlossaryRow, glossary: GlossaryIn) -> GlossaryRow:
    """New name, entries and default flag; the version goes up by one. The row is held first and
    read again, so that replacements sent at the same moment each get a version of their own, one
    after the other (an outside attack: 20 at once were each told a version, 2 to 4, most of them
    told one another had too, and the stored one was version 2)."""
    lock_row(session, GlossaryRow, GlossaryRow.id, row.id)
    session.refresh(row)
    row.name = glossary.name
    row.entries = _dump(glossary)
    row.is_default = glossary.default
    row.version += 1
    row.updated_at = utcnow()
    with _saving(session, glossary.name):
        if glossary.default:
            _only_default(session, row.tenant, row.id)
    return row


@contextlib.contextmanager
def _saving(session: Session, name: str) -> Iterator[None]:
    """Store the pending glossary first, then what the block does, and commit; a name the tenant
    has already is NameTaken, wherever the database says so (the block's UPDATE flushes the row)."""
    try:
        session.flush()
        yield
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise NameTaken(name) from exc


def get(session: Session, tenant: str, glossary_id: str) -> GlossaryRow | None:
    row = session.get(GlossaryRow, glossary_id)
    return row if row is not None and row.tenant == tenant else None


def list_for(session: Session, tenant: str) -> list[GlossaryListItem]:
    rows = session.scalars(select(GlossaryRow).where(GlossaryRow.tenant == tenant).order_by(GlossaryRow.name))
    return [
        GlossaryListItem(
            id=r.id,
            name=r.name,
            version=r.version,
            default=r.is_default,
            entries=len(r.entries),
            updated_at=r.updated_at,
        )
        for r in rows
    ]


def delete(session: Session, row: GlossaryRow) -> None:
    session.delete(row)
    session.commit()


def default_for(session: Session, tenant: str) -> GlossaryRow | None:
    return session.scalars(
        select(GlossaryRow).where(GlossaryRow.tenant == tenant, GlossaryRow.is_default.is_(True))
    ).first()


def for_job(session: Session, tenant: str, named: str | None) -> GlossaryRow | None:
    """The glossary a new job uses: the one it names, else the tenant's default (or none).
    :class:`LookupError` when it names one the tenant does not have."""
    if named is None:
        return default_for(session, tenant)
    row = get(session, tenant, named)
    if row is None:
        raise LookupError(missing(named))
    return row


def missing(glossary_id: str) -> str:
    """The refusal of a glossary id the tenant does not have; a long id cut as one of a path is (a
    10,000-character id came back whole), a blank one said so."""
    named = (
        f"no glossary {shortened(glossary_id, ECHOED_ID_CHARS)}"
        if glossary_id.strip()
        else "no glossary has a blank id"
    )
    return f"{named}; GET /v1/glossaries lists this tenant's glossaries"
