"""Stop a real worker in the middle of a job, however fast the machine: the test holds back the
job's stores, as another client holding those rows would.

The tiny test model translates a whole article in a second or two, so a test that polls until
"some" outputs are stored and then kills or restarts something can find the job already done (a
fast machine does all the work before the first poll): the test then fails, or passes without
testing what it says. Instead, storing a translation waits for the test:

- :func:`stores_held` first locks the translations table (``SHARE``): every insert waits, so a
  worker started before the job is posted does nothing that counts until the next step;
- :meth:`HeldStores.only_from` then locks the job's segments from the n-th on (``FOR UPDATE``;
  an insert checks its segment, the foreign key) and lets the table go: the task stores and
  commits every batch before the n-th segment's, then waits at that insert, mid-job, with its
  transaction open, until :meth:`HeldStores.release` (or a restart of the server, or the worker's
  death) ends the wait.

Nothing in the product is replaced: the real worker, the real database and real locks
(PostgreSQL only).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, select, text
from sqlalchemy.exc import SQLAlchemyError

from service.storage.db import Database, make_engine
from service.storage.tables import Job, SegmentRow, TranslationRow


def translatable_ids(database: Database, job_id: str) -> list[int]:
    """The ids of the job document's translatable segments, in the order a task translates them."""
    with database.session() as session:
        document_id = session.scalar(select(Job.document_id).where(Job.id == job_id))
        return list(
            session.scalars(
                select(SegmentRow.id)
                .where(SegmentRow.document_id == document_id, SegmentRow.translatable.is_(True))
                .order_by(SegmentRow.order)
            )
        )


class HeldStores:
    """Translations held back by transactions of the test's own: every one until :meth:`only_from`,
    then those of the given segments until :meth:`release`."""

    def __init__(self, database_url: str) -> None:
        self.engine = make_engine(database_url)
        self.connections: list[Connection] = []
        self.pid = 0  # the session that holds the segments
        try:
            table = self._connect()
            table.execute(text(f"LOCK TABLE {TranslationRow.__tablename__} IN SHARE MODE"))
        except BaseException:
            self.release()
            raise

    def _connect(self) -> Connection:
        connection = self.engine.connect()
        self.connections.append(connection)
        return connection

    def only_from(self, segment_ids: Sequence[int]) -> None:
        """Hold the translations of these segments only: the others are stored from now on."""
        assert segment_ids, "no segments to hold"
        rows = self._connect()
        self.pid = int(rows.scalar(text("SELECT pg_backend_pid()")) or 0)
        query = select(SegmentRow.id).where(SegmentRow.id.in_(list(segment_ids))).with_for_update()
        held = rows.execute(query).all()
        assert len(held) == len(segment_ids), f"{len(held)} of {len(segment_ids)} segments found to hold"
        self.connections[0].rollback()  # the table's lock

    def waiting(self) -> int:
        """How many other sessions wait for the held segments: each is a task stopped at one."""
        with self.engine.connect() as connection:
            count = connection.scalar(
                text("SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))"),
                {"pid": self.pid},
            )
        return int(count or 0)

    def reached(self, stored: int, kept: int) -> bool:
        """Whether a task stored the ``kept`` segments before the held ones (``stored`` of them are)
        and now waits at a held one; fails at once where more were stored."""
        assert stored <= kept, f"{stored} segments stored, {kept} before the held ones: held ones too"
        return stored == kept and self.waiting() > 0

    def release(self) -> None:
        """Let the waiting inserts go on (a killed worker's then end with its connection, rolled
        back). Quiet where the server restarted meanwhile: the locks went with the connections."""
        for connection in self.connections:
            with contextlib.suppress(SQLAlchemyError):
                connection.rollback()
            with contextlib.suppress(SQLAlchemyError):
                connection.close()
        self.connections.clear()
        self.engine.dispose()


@contextlib.contextmanager
def stores_held(database_url: str) -> Iterator[HeldStores]:
    """:class:`HeldStores` for the block; released when it ends (if not before)."""
    held = HeldStores(database_url)
    try:
        yield held
    finally:
        held.release()
