"""Stop a real worker in the middle of a job, however fast the machine: the test holds some of the
job's segments, as another client holding those rows would.

The tiny test model translates a whole article in a second or two, so a test that polls until
"some" outputs are stored and then kills or restarts something can find the job already done (a
fast machine does all the work before the first poll): the test then fails, or passes without
testing what it says. Storing a translation checks its segment (the foreign key), which waits
while another transaction holds that segment ``FOR UPDATE``. So with the segments from the n-th on
held, a task stores and commits every batch before the n-th segment's, then waits at that insert,
mid-job, with its transaction open, until :meth:`HeldSegments.release` (or the server's restart, or
the worker's death) ends the wait. Nothing in the product is replaced: it is the real worker, the
real database and a real lock (PostgreSQL only).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from service.storage.db import Database, make_engine
from service.storage.tables import Job, SegmentRow


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


class HeldSegments:
    """Segments locked ``FOR UPDATE`` by a transaction of the test's own, until :meth:`release`."""

    def __init__(self, database_url: str, segment_ids: Sequence[int]) -> None:
        assert segment_ids, "no segments to hold"
        self.engine = make_engine(database_url)
        self.connection = self.engine.connect()
        try:
            self.pid = int(self.connection.scalar(text("SELECT pg_backend_pid()")) or 0)
            query = select(SegmentRow.id).where(SegmentRow.id.in_(list(segment_ids))).with_for_update()
            held = self.connection.execute(query).all()
        except BaseException:
            self.release()
            raise
        assert len(held) == len(segment_ids), f"{len(held)} of {len(segment_ids)} segments found to hold"

    def waiting(self) -> int:
        """How many other sessions wait for these segments: each is a task stopped at a held one."""
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
        back). Quiet where the server restarted meanwhile: the lock went with the connection."""
        with contextlib.suppress(SQLAlchemyError):
            self.connection.rollback()
        with contextlib.suppress(SQLAlchemyError):
            self.connection.close()
        self.engine.dispose()


@contextlib.contextmanager
def held_segments(database_url: str, segment_ids: Sequence[int]) -> Iterator[HeldSegments]:
    """:class:`HeldSegments` for the block; released when it ends (if not before)."""
    held = HeldSegments(database_url, segment_ids)
    try:
        yield held
    finally:
        held.release()
