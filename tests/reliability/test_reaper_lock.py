"""The reapers' lock in the real Redis: one pass at a time; a worker killed in the middle of its
pass holds the others up for a few seconds only (the lock used to live 60 s), while a pass longer
than the lock's short life keeps it; a pass whose lock is lost (Redis restarted) ends as usual and
says so in the log."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, cast

import pytest
import redis

from service.dispatch import Dispatcher
from service.settings import Settings
from tests.conftest import REPO_ROOT
from tests.reliability.harness import free_port, redis_server, redis_shutdown, wait_until
from workers import reaper
from workers.reaper import LOCK_KEY, reap

# A killed holder's lock frees within seconds now; it lived a minute before the fix. Generous, yet
# well short of that minute.
FREED_WITHIN = 30

# Runs a real reaper pass (the lock taken as a worker takes it) that never ends: it touches argv[3]
# once it is in the middle of the pass, then waits to be killed.
HOLDER = """
import sys, threading
from pathlib import Path
from service.dispatch import Dispatcher
from service.settings import Settings
from workers import reaper

def pass_that_never_ends(*args, **kwargs):
    Path(sys.argv[3]).touch()
    threading.Event().wait()

reaper.requeue_stale = pass_that_never_ends
reaper.reap(Settings(broker_url=sys.argv[1], database_url=sys.argv[2], reconcile_every=1), object())
"""


NOTHING = cast(Dispatcher, object())  # the passes of these tests send nothing


@pytest.fixture
def settings(redis_broker: str, tmp_path: Path) -> Settings:
    """A worker's settings on the test's Redis database, a reaper pass a second as in test_recovery."""
    return Settings(
        broker_url=redis_broker, database_url=f"sqlite:///{tmp_path / 'reaper.db'}", reconcile_every=1
    )


def passes_run_by(monkeypatch: pytest.MonkeyPatch, pass_: Callable[[], int]) -> None:
    """Every reaper pass of this process runs ``pass_`` (in the thread that took the lock)."""
    monkeypatch.setattr(reaper, "requeue_stale", lambda *args, **kwargs: pass_())


def test_a_worker_killed_mid_pass_holds_the_other_reapers_up_for_seconds_only(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passes: list[str] = []

    def pass_() -> int:
        passes.append(threading.current_thread().name)
        return 0

    passes_run_by(monkeypatch, pass_)
    in_pass = tmp_path / "in-pass"
    log = tmp_path / "holder.log"
    with log.open("wb") as out:
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, settings.broker_url, settings.database_url, str(in_pass)],
            cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:

        def holder_in_its_pass() -> bool:
            assert holder.poll() is None, f"the holder exited: {log.read_text()[-2000:]}"
            return in_pass.exists()

        wait_until(holder_in_its_pass, 120, "the holder to be in the middle of its pass")
        assert reap(settings, NOTHING) == 0
        assert not passes, "a second reaper ran a pass while the first was in its own"

        os.killpg(holder.pid, signal.SIGKILL)  # as when its container dies
        holder.wait(timeout=10)

        def another_reaper_ran_a_pass() -> bool:
            reap(settings, NOTHING)
            return bool(passes)

        wait_until(
            another_reaper_ran_a_pass, FREED_WITHIN,
            "another reaper to take the lock of the one killed in the middle of its pass", interval=0.2,
        )  # fmt: skip
    finally:
        if holder.poll() is None:
            os.killpg(holder.pid, signal.SIGKILL)
            holder.wait(timeout=10)


class LongPass:
    """A pass run in a thread of its own that lasts until :meth:`end`; passes of other threads are
    counted in ``others``."""

    def __init__(self, settings: Settings, monkeypatch: pytest.MonkeyPatch, sent: int) -> None:
        self.started = threading.Event()
        self.ended = threading.Event()
        self.others: list[str] = []
        self.pool = ThreadPoolExecutor(1)
        thread: list[threading.Thread] = []

        def pass_() -> int:
            if thread and threading.current_thread() is thread[0]:
                self.started.set()
                assert self.ended.wait(300), "the long pass was never ended"
                return sent
            self.others.append(threading.current_thread().name)
            return 0

        def run() -> int:
            thread.append(threading.current_thread())
            return reap(settings, NOTHING)

        passes_run_by(monkeypatch, pass_)
        self.result = self.pool.submit(run)
        wait_until(
            lambda: self.started.is_set() or self.result.done(), 120, "the long pass to start", interval=0.05
        )
        assert self.started.is_set(), f"the long pass did not run: {self.result.result()}"

    def end(self) -> Any:
        """Ends the pass; returns what :func:`reap` returned (raises what it raised)."""
        self.ended.set()
        try:
            return self.result.result(timeout=60)
        finally:
            self.pool.shutdown()


def test_a_pass_longer_than_the_lock_s_life_keeps_it_to_the_end(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = redis.Redis.from_url(settings.broker_url)
    long_pass = LongPass(settings, monkeypatch, sent=7)
    try:
        life_ms = client.pttl(LOCK_KEY)
        # What this test is about: the lock lives a few seconds; the pass below lasts three times that.
        assert 0 < life_ms < 15_000, f"the reapers' lock lives {life_ms} ms, not a few seconds"
        until = time.monotonic() + 3 * life_ms / 1000
        while time.monotonic() < until:
            assert reap(settings, NOTHING) == 0
            assert not long_pass.others, "another reaper took the lock while the long pass still ran"
            time.sleep(0.2)
    finally:
        sent = long_pass.end()
        client.close()
    assert sent == 7
    assert reap(settings, NOTHING) == 0
    assert long_pass.others, "the long pass did not give the lock back when it ended"


def test_a_pass_that_loses_its_lock_ends_as_usual_and_says_so(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    client = redis.Redis.from_url(settings.broker_url)
    try:
        # What a Redis restarted without persistence does to it (restarted for real below).
        lose_the_lock_mid_pass(settings, monkeypatch, caplog, lambda: client.delete(LOCK_KEY))
    finally:
        client.close()


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server: a Redis of its own")
def test_a_pass_whose_redis_restarts_ends_as_usual_and_says_so(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    """On a Redis of the test's own (the shared one serves other tests), without persistence."""
    port = free_port()
    directory = tmp_path / "redis"
    directory.mkdir()
    redis_server(port, directory, persistent=False)
    own = settings.model_copy(update={"broker_url": f"redis://127.0.0.1:{port}/0"})

    def restart() -> None:
        redis_shutdown(port)
        time.sleep(1)  # the pass goes on without Redis meanwhile: renewals fail
        redis_server(port, directory, persistent=False)

    try:
        lose_the_lock_mid_pass(own, monkeypatch, caplog, restart)
    finally:
        redis_shutdown(port)
    assert any("could not renew its lock" in record.getMessage() for record in caplog.records)


def lose_the_lock_mid_pass(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    lose: Callable[[], object],
) -> None:
    """A long pass whose lock ``lose`` makes it lose: it goes on, and another reaper may run
    meanwhile; it ends as usual, leaves no lock behind and logs a warning saying it lost the lock."""
    caplog.set_level(logging.INFO, logger="workers.reaper")
    long_pass = LongPass(settings, monkeypatch, sent=2)
    client = redis.Redis.from_url(settings.broker_url)
    try:
        lose()

        def lost_lock_logged() -> bool:
            return any("lost its lock" in record.getMessage() for record in caplog.records)

        wait_until(lost_lock_logged, FREED_WITHIN, "the reaper to log that it lost its lock mid-pass")
        # The lock is free: another worker's reaper may run now, beside the first.
        assert reap(settings, NOTHING) == 0
        assert long_pass.others, "no other reaper could run once the first had lost the lock"
        sent = long_pass.end()
        assert sent == 2, "the pass whose lock was lost did not end as usual"
        assert not client.exists(LOCK_KEY), "a lock was left in Redis"
    finally:
        long_pass.end()
        client.close()
    messages = [record.getMessage() for record in caplog.records]
    lost = [record for record in caplog.records if "lost its lock" in record.getMessage()]
    assert len(lost) == 1 and lost[0].levelno == logging.WARNING, messages
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR], messages
