"""One row held until the transaction ends, on PostgreSQL and SQLite alike.

Found by outside attacks: requests sent at the same moment each read what was stored, each decided
on it, and each wrote (a quota passed twice, one correction stored five times). What is read after
:func:`lock_row` and written before the commit is decided by one request at a time.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import InstrumentedAttribute, Session


def lock_row(session: Session, entity: type[Any], column: InstrumentedAttribute[Any], value: object) -> None:
    """Hold the row of ``entity`` whose ``column`` is ``value`` until the session's transaction ends.

    PostgreSQL: ``SELECT ... FOR UPDATE`` (the reads after it, READ COMMITTED, see what the request
    before committed). SQLite has no row locks: an ``UPDATE`` that changes nothing takes the
    database's one write lock (waiting, as for any write, up to the busy timeout), so the reads
    after it see every commit and nothing else is written until this transaction ends. Call it
    before reading what the decision needs (on SQLite, before the transaction's first read)."""
    if session.get_bind().dialect.name == "sqlite":
        statement = update(entity).where(column == value).values({column.key: column})
        session.execute(statement.execution_options(synchronize_session=False))
    else:
        session.execute(select(column).where(column == value).with_for_update())
