"""The dispatchers: Celery over a real broker, or in-process for the one-machine default.

The embedded mode (``INTERLINEAR_BROKER_URL=memory://``) runs the same task bodies in a thread
inside the API process, one at a time. We do not use Celery's eager mode because it runs a task
inside the HTTP request that submitted it; a background thread keeps ``POST /v1/jobs`` at 202.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import heapq
import itertools
import json
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import redis
from celery import Celery
from celery.exceptions import TimeoutError as CeleryTimeout
from kombu.exceptions import OperationalError

from service.dispatch import Dispatcher
from service.settings import Settings
from service.storage.db import database_for
from workers.celery_app import (
    FETCH_TASK,
    SUMMARISE_TASK,
    TRANSLATE_TASK,
    TRANSLATE_TEXT_TASK,
    make_celery,
)
from workers.model_cache import ModelCache
from workers.task_bodies import (
    PermanentError,
    fail,
    run_fetch,
    run_summary,
    run_translation,
    translate_sentences,
)

log = logging.getLogger(__name__)


# Job tasks report through the database, not a result backend (no subscription to wait on), and a
# broker that is down is reported within about a second instead of after Celery's default retries.
PUBLISH: dict[str, Any] = {
    "ignore_result": True,
    "retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.3, "interval_max": 0.3},
}


@contextlib.contextmanager
def _result_store_as_broker() -> Iterator[None]:
    """Celery's Redis result store that gave up reconnecting raises a bare RuntimeError (after about
    20 s of retries, e.g. in an API started while Redis was down): that is the broker being
    unreachable, which the API answers with 503, not an unexpected error (500)."""

    try:
        yield
    except RuntimeError as exc:
        if "result store" not in str(exc):
            raise
        said = " ".join(str(exc).split())
        raise OperationalError(f"the result store (Redis) is unreachable: {said}") from exc


class CeleryDispatcher:
    def __init__(self, settings: Settings, celery: Celery | None = None) -> None:
        self.settings = settings
        self.celery = celery or make_celery(settings)

    def translate(self, job_id: str, target_lang: str, priority: str = "normal") -> None:
        queue = self.settings.job_queue(priority)
        self.celery.send_task(TRANSLATE_TASK, args=[job_id, target_lang], queue=queue, **PUBLISH)

    def summarise(self, job_id: str, lang: str) -> None:
        self.celery.send_task(
            SUMMARISE_TASK, args=[job_id, lang], queue=self.settings.summary_queue, **PUBLISH
        )

    def fetch(self, job_id: str, priority: str = "normal") -> None:
        queue = self.settings.job_queue(priority)
        self.celery.send_task(FETCH_TASK, args=[job_id, ""], queue=queue, **PUBLISH)

    def translate_text(self, sentences: list[str], source_lang: str, target_lang: str,
                       timeout: float) -> dict[str, Any]:  # fmt: skip
        # Its own queue, which workers take before jobs; a request nobody took in time expires
        # rather than being translated for nobody later.
        with _result_store_as_broker():
            result = self.celery.send_task(
                TRANSLATE_TEXT_TASK,
                args=[sentences, source_lang, target_lang],
                queue=self.settings.interactive_queue,
                expires=timeout,
            )
            try:
                value: dict[str, Any] = result.get(timeout=timeout)
            except CeleryTimeout as exc:  # as the protocol says it: Python's own TimeoutError
                result.revoke()
                raise TimeoutError(f"no worker answered within {timeout:g} s") from exc
            except Exception:
                result.revoke()
                raise
        return value

    def broker_ok(self) -> bool:
        try:
            with self.celery.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
            return True
        except Exception:
            return False

    def queue_depths(self) -> dict[str, int]:
        if not self.settings.redis_broker:
            return {}

        client = redis.Redis.from_url(self.settings.broker_url, socket_timeout=2)
        try:
            return {q: int(client.llen(q)) for q in self.settings.worker_queues}
        finally:
            client.close()

    def waiting_tasks(self) -> set[tuple[str, str, str]] | None:
        if not self.settings.redis_broker:
            return None

        kinds = {TRANSLATE_TASK: "translate", SUMMARISE_TASK: "summarise", FETCH_TASK: "fetch"}
        client = redis.Redis.from_url(self.settings.broker_url, socket_timeout=10)
        found: set[tuple[str, str, str]] = set()
        try:
            for queue in (
                self.settings.breaking_queue,
                self.settings.summary_queue,
                self.settings.translation_queue,
                self.settings.bulk_queue,
            ):
                for raw in client.lrange(queue, 0, -1):
                    task = _task_of(raw)
                    if task is not None and task[0] in kinds:
                        found.add((kinds[task[0]], task[1], task[2]))
        finally:
            client.close()
        return found | self._held_by_workers(kinds)

    def _held_by_workers(self, kinds: dict[str, str]) -> set[tuple[str, str, str]]:
        """Tasks live workers have taken from the queues: running, reserved, or waiting for a retry.
        A killed worker answers nothing, so its tasks are missing here: those are the lost ones."""
        # A worker answers from its consumer thread, which waits its turn for the interpreter while
        # task threads run Python (checks, storing): give it 3 s, not 1 (a live worker's task taken
        # for a lost one is run twice; it stores nothing twice, but the work is done again).
        inspect = self.celery.control.inspect(timeout=3.0)
        with ThreadPoolExecutor(3) as pool:  # three broadcasts, each waiting 3 s for replies
            replies = list(
                pool.map(lambda ask: ask() or {}, (inspect.active, inspect.reserved, inspect.scheduled))
            )
        held: set[tuple[str, str, str]] = set()
        for reply in replies:
            for tasks in reply.values():
                for task in tasks:
                    request = task.get("request", task)  # scheduled ones wrap the request
                    args = request.get("args")
                    if isinstance(args, str):  # older workers report a repr
                        try:
                            args = ast.literal_eval(args)
                        except (ValueError, SyntaxError):
                            continue
                    name = request.get("name") or request.get("type")
                    if name in kinds and isinstance(args, list | tuple) and len(args) >= 2:
                        held.add((kinds[name], str(args[0]), str(args[1])))
        return held


def _task_of(raw: bytes | str) -> tuple[str, str, str] | None:
    """``(task name, first argument, second argument)`` of a Celery message as kombu stores it in Redis."""

    try:
        message = json.loads(raw)
        body = message["body"]
        if message.get("properties", {}).get("body_encoding") == "base64":
            body = base64.b64decode(body)
        args = json.loads(body)[0]
        return str(message["headers"]["task"]), str(args[0]), str(args[1])
    except (ValueError, KeyError, IndexError, TypeError):
        return None


class PriorityRunner:
    """One thread that runs what it is given most urgent first (lowest rank), in order of arrival
    within a rank: the embedded default's queue, ordered as a worker orders the broker's queues."""

    def __init__(self, name: str) -> None:
        self._heap: list[tuple[int, int, Callable[[], None], Future[Any]]] = []
        self._arrivals = itertools.count()
        self._ready = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def submit(self, rank: int, call: Callable[[], Any]) -> Future[Any]:
        future: Future[Any] = Future()
        with self._ready:
            heapq.heappush(self._heap, (rank, next(self._arrivals), call, future))
            self._ready.notify()
        return future

    def _loop(self) -> None:
        while True:
            with self._ready:
                while not self._heap and not self._stopping:
                    self._ready.wait()
                if not self._heap:
                    return  # stopping, and nothing left
                _, _, call, future = heapq.heappop(self._heap)
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(call())
                except BaseException as exc:
                    future.set_exception(exc)

    def shutdown(self) -> None:
        """Run what is queued, then stop; returns when the thread has ended."""
        with self._ready:
            self._stopping = True
            self._ready.notify()
        self._thread.join()


# The embedded queue's order, as a worker takes the broker's queues (Settings.worker_queues).
INTERACTIVE_RANK, SUMMARY_RANK = -1, 1
JOB_RANKS = {"breaking": 0, "normal": 2, "bulk": 3}


class InProcessDispatcher:
    """Runs task bodies in one background thread of this process, with its own model cache: most
    urgent first (a person waiting, breaking news, summaries, normal jobs, bulk), in order of
    arrival within each."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cache = ModelCache(settings)
        self.pool = PriorityRunner("interlinear-worker")
        self.pending = 0
        self.closed = False
        self._tasks: set[tuple[str, str, str]] = set()  # (kind, job id, language): queued or running
        self._tasks_lock = threading.Lock()

    def translate(self, job_id: str, target_lang: str, priority: str = "normal") -> None:
        self._submit(job_id, target_lang, JOB_RANKS.get(priority, JOB_RANKS["normal"]), summary=False)

    def summarise(self, job_id: str, lang: str) -> None:
        self._submit(job_id, lang, SUMMARY_RANK, summary=True)

    def fetch(self, job_id: str, priority: str = "normal") -> None:
        self._submit(job_id, "", JOB_RANKS.get(priority, JOB_RANKS["normal"]), summary=False, fetch=True)

    def _submit(self, job_id: str, lang: str, rank: int, summary: bool, fetch: bool = False) -> None:
        if self.closed:  # shutting down: the job stays unfinished and is requeued as stale later
            log.warning("not queued (shutting down): job %s %s; the API's reaper resends it when it starts",
                        job_id, lang)  # fmt: skip
            return
        self.pending += 1
        with self._tasks_lock:
            self._tasks.add(self._kind(job_id, lang, summary, fetch))
        self.pool.submit(rank, lambda: self._run(job_id, lang, summary=summary, fetch=fetch))

    @staticmethod
    def _kind(job_id: str, lang: str, summary: bool, fetch: bool) -> tuple[str, str, str]:
        return ("fetch" if fetch else "summarise" if summary else "translate", job_id, lang)

    def close(self) -> None:
        """Finish the task in hand and what is queued; tasks it queues are left for the reaper."""
        self.closed = True
        self.pool.shutdown()

    def _run(self, job_id: str, lang: str, summary: bool = False, fetch: bool = False) -> None:
        """One task body. Tasks run one at a time in submission order, so a language's summaries
        (queued when its translation completes) always find its translations stored."""

        try:
            with database_for(self.settings.database_url).session() as session:
                try:
                    if fetch:
                        run_fetch(session, self.cache, job_id, self)
                    elif summary:
                        run_summary(session, self.cache, job_id, lang)
                    else:
                        run_translation(session, self.cache, job_id, lang, self)
                except PermanentError:
                    pass
                except Exception as exc:  # no broker to retry with: record the failure on the job
                    log.exception("job %s failed", job_id)
                    fail(session, job_id, f"{type(exc).__name__}: {exc}")
        finally:
            self.pending -= 1
            with self._tasks_lock:
                self._tasks.discard(self._kind(job_id, lang, summary, fetch))

    def translate_text(self, sentences: list[str], source_lang: str, target_lang: str,
                       timeout: float) -> dict[str, Any]:  # fmt: skip
        future = self.pool.submit(
            INTERACTIVE_RANK, lambda: translate_sentences(self.cache, sentences, source_lang, target_lang)
        )
        try:
            return future.result(timeout=timeout)
        except TimeoutError:  # concurrent.futures' is Python's own
            future.cancel()  # withdrawn: not translated for nobody later, unless it has begun
            raise

    def broker_ok(self) -> bool:
        return True

    def queue_depths(self) -> dict[str, int]:
        return {"in-process": self.pending}

    def waiting_tasks(self) -> set[tuple[str, str, str]] | None:
        with self._tasks_lock:
            return set(self._tasks)


def make_dispatcher(settings: Settings) -> Dispatcher:
    if settings.broker_url.startswith("memory"):
        return InProcessDispatcher(settings)
    return CeleryDispatcher(settings)
