"""Shared engine batches: what several tasks of one worker process ask of the same model at about
the same time is translated in one engine call.

Each loaded engine gets one thread that owns it: the only caller of its ``translate`` (tokenizers
and models are not shared between threads). A task hands that thread its sentences and waits. The
thread takes the first request, collects more for up to ``wait`` seconds or until about
``max_tokens`` source tokens are in hand (four characters to a token), and translates each
language pair in the collection once, identical sentences once. Requests that arrive while it
decodes wait in its queue and make the next batch, so a busy worker batches without waiting.

When more is waiting than one batch takes, the more urgent job goes first: a task tells its job's
priority (:mod:`service.priorities`: breaking, normal, bulk) and submission time with
:func:`job_priority`. Among jobs of one priority, tenants take turns (:func:`fair_order`), and a
tenant's jobs take turns chunk by chunk (a task's first
chunk, then every other job's first chunk, then its second ...; the older job first within a turn),
so a small job is never behind all of a huge job's remaining sentences. Requests with no priority
come after, in arrival order. A request a person waits for (``POST /v1/translate``, priority
:data:`INTERACTIVE`) comes before every job, and its call takes no job's sentences. Breaking news
shares its call only with other breaking jobs: a shared call returns every sentence at its end,
so backlog riding along would delay the article by its own decoding time. The first
job's sentences may fill the whole budget; other jobs' join the call up to a limit that shrinks as
the first job grows: the budget less twice its tokens, and never less than half the budget. A
small job shares a nearly full call (small calls decode slowly: ``benchmarks/README.md``); a job of
a quarter of the budget or more shares only up to half of it, so a whole article is not held back
by the next one's sentences.

A lower priority is never starved for good: while a more urgent job fills the calls, every
:data:`LOWER_EVERY`-th call also takes the next chunk of a less urgent job that keeps waiting. Its
task holds a task thread while it waits, and with every thread held by bulk tasks that get no
turn, a newly queued normal or breaking task would find no thread until the urgent backlog is
gone (``benchmarks/mixed.py``: bulk tasks filled 15 of 16 threads behind one long job).

A task submits all its chunks in one step (:meth:`BatchingEngine.submit_all`) and waits for each in
turn, so one job's sentences reach the engine together rather than a chunk per call.

Every caller gets its own hypotheses back, in its own order, and stores and commits them itself:
what is committed before a task is acknowledged, and what a killed worker loses (only what no task
had committed yet), is the same as without batching. An engine error fails only the request that
causes it: a failed shared batch is run again one request at a time.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from workers.engines.engine import DecodeOptions, Hypothesis, ModelInfo, TranslationEngine

log = logging.getLogger(__name__)

CHARS_PER_TOKEN = 4  # the token estimate of the batch budget (the engine tokenizes for real)
RECENT_OUTPUTS = 8192  # sentences whose output a batching engine keeps, to answer them again

# (rank, submitted at) of the job a thread works for: lower rank first (0 breaking, 1 normal, 2 bulk).
_priority: ContextVar[tuple[float, float]] = ContextVar("batch_priority", default=(math.inf, math.inf))
_tenant: ContextVar[str] = ContextVar("batch_tenant", default="")
_arrivals = itertools.count()
INTERACTIVE = -math.inf  # a person waits (POST /v1/translate): before every job, in a call of its own
BREAKING_RANK = 0  # service.priorities.rank("breaking")
NORMAL_RANK = 1
LOWER_EVERY = 4  # one call in this many also serves a less urgent job that keeps waiting


@contextlib.contextmanager
def job_priority(submitted_at: float, rank: int = NORMAL_RANK, tenant: str = "") -> Iterator[None]:
    """Within this block, this thread's requests rank by ``rank`` (:func:`service.priorities.rank`),
    then take turns with other tenants' and other jobs' of that rank, the earlier ``submitted_at``
    (a POSIX time) first within a turn. :data:`INTERACTIVE` goes before every job."""
    token = _priority.set((-math.inf, INTERACTIVE) if submitted_at == INTERACTIVE else (rank, submitted_at))
    tenant_token = _tenant.set(tenant)
    try:
        yield
    finally:
        _priority.reset(token)
        _tenant.reset(tenant_token)


def fair_order(requests: list[_Request], served: dict[tuple[float, str], int]) -> list[_Request]:
    """Most urgent first; within a priority, tenants take turns (one tenant's backlog does not
    starve another's: ``served`` counts the chunks each (rank, tenant) has had while it kept
    waiting), and within a tenant, jobs take turns chunk by chunk, older job first."""
    ordered = sorted(requests)
    turns = dict(served)
    keyed = []
    for request in ordered:
        place = (request.job[0], request.tenant)
        turn = turns.get(place, 0)
        keyed.append(((request.job[0], turn, request.order), request))
        turns[place] = turn + 1
    return [request for _, request in sorted(keyed, key=lambda pair: pair[0])]


@dataclass
class _Request:
    sentences: list[str]
    source_lang: str
    target_lang: str
    job: tuple[float, float] = field(default_factory=_priority.get)  # (rank, submitted at)
    tenant: str = field(default_factory=_tenant.get)
    turn: int = 0  # the chunk's place in its task: jobs of one rank take turns by it
    arrival: int = field(default_factory=lambda: next(_arrivals))
    done: threading.Event = field(default_factory=threading.Event)
    result: list[Hypothesis] | None = None
    error: BaseException | None = None

    @property
    def tokens(self) -> int:
        return sum(len(s) // CHARS_PER_TOKEN + 1 for s in self.sentences)

    def wait(self) -> list[Hypothesis]:
        """The hypotheses, once the batching thread has translated them (or its error)."""
        self.done.wait()
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result

    @property
    def order(self) -> tuple[float, int, float, int]:
        rank, submitted = self.job
        return (rank, self.turn, submitted, self.arrival)

    def __lt__(self, other: _Request) -> bool:
        return self.order < other.order


@dataclass
class BatchStats:
    """What the batching thread did: engine calls, requests served, and how many calls served more
    than one request (``shared``)."""

    batches: int = 0
    requests: int = 0
    shared: int = 0
    largest: int = 0  # the most requests one engine call served
    reused: int = 0  # sentences answered from the recent outputs, with no engine call


class BatchingEngine:
    """A :class:`TranslationEngine` that shares engine calls between the threads that use it."""

    _numbers = itertools.count(1)

    def __init__(self, engine: TranslationEngine, wait: float, max_tokens: int) -> None:
        self.engine = engine
        self.info: ModelInfo = engine.info
        self.options: DecodeOptions = engine.options
        self.wait = wait
        self.max_tokens = max_tokens
        self.stats = BatchStats()
        self._queue: queue.SimpleQueue[list[_Request]] = queue.SimpleQueue()  # a task's chunks together
        self._waiting: list[_Request] = []  # ordered when a batch is taken; only the batching thread uses it
        self._served: dict[tuple[float, str], int] = {}  # chunks served per (rank, tenant) still waiting
        self._passed = 0  # calls in a row that left a less urgent job waiting
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()
        # The newest outputs by (source, target, sentence), used only by the batching thread: the
        # same sentence again within a while (a pivot's first hop after that pair's own job, a
        # resent task) is not decoded twice. Decoding is deterministic, so the output is the same.
        self._recent: OrderedDict[tuple[str, str, str], Hypothesis] = OrderedDict()

    def __getattr__(self, name: str) -> Any:
        # Everything else (the model's limits, token counts) is the wrapped engine's.
        if name == "engine":
            raise AttributeError(name)
        return getattr(self.engine, name)

    def translate(self, sentences: list[str], source_lang: str, target_lang: str) -> list[Hypothesis]:
        return self.submit(sentences, source_lang, target_lang).wait()

    def submit(self, sentences: list[str], source_lang: str, target_lang: str) -> _Request:
        """Queue sentences without waiting (``.wait()`` for the hypotheses)."""
        return self.submit_all([sentences], source_lang, target_lang)[0]

    def submit_all(self, chunks: list[list[str]], source_lang: str, target_lang: str) -> list[_Request]:
        """Queue a task's chunks in one step, without waiting: they reach the batching thread
        together, so none misses the call the first one starts (a chunk queued a moment later,
        after a database lookup or a thread switch, would). The task then waits for each when it
        stores it (``.wait()``)."""
        requests = [
            _Request(list(sentences), source_lang, target_lang, turn=turn)
            for turn, sentences in enumerate(chunks)
        ]
        for request in requests:
            if not request.sentences:
                request.result = []
                request.done.set()
        queued = [request for request in requests if request.sentences]
        if queued:
            self._ensure_thread()
            self._queue.put(queued)
        return requests

    def _ensure_thread(self) -> None:
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                name = f"batch-{self.info.model_id.rsplit('/', 1)[-1][:24]}"
                self._thread = threading.Thread(target=self._run, name=name, daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            batch = self._collect()
            try:
                self._serve(batch)
            except BaseException as exc:  # never leave a caller waiting
                for request in batch:
                    if not request.done.is_set():
                        request.error = exc
                        request.done.set()

    def _collect(self) -> list[_Request]:
        """The next batch: what waits and what arrives within ``wait`` s (or until the budget is in
        hand), then the oldest job's requests up to the budget and later jobs' up to the limit above;
        the rest wait for the next batch."""
        if not self._waiting:
            for request in self._queue.get():
                self._waiting.append(request)
        in_hand = sum(r.tokens for r in self._waiting)
        deadline = time.monotonic() + self.wait
        while True:
            remaining = deadline - time.monotonic()
            try:
                if in_hand < self.max_tokens and remaining > 0:
                    arrived = self._queue.get(timeout=remaining)
                else:
                    arrived = self._queue.get_nowait()  # what is queued already: it may be older
            except queue.Empty:
                break
            for request in arrived:
                self._waiting.append(request)
                in_hand += request.tokens
        self._catch_up_tenants()
        ordered = fair_order(self._waiting, self._served)
        first = ordered[0].job
        own = sum(r.tokens for r in self._waiting if r.job == first)
        others = max(self.max_tokens // 2, self.max_tokens - 2 * own)  # see the module's docstring
        if first[1] == INTERACTIVE:
            others = 0  # answered as soon as the call being decoded ends, not after a full call
        batch = [ordered[0]]
        aside = self._lower_due(ordered)
        if aside is not None:
            batch.append(aside)
        tokens = sum(r.tokens for r in batch)
        left = []
        for following in ordered[1:]:  # in turn; one that does not fit waits, later ones may fit
            if following is aside:
                continue
            if first[0] <= BREAKING_RANK and following.job[0] != first[0]:
                left.append(following)  # breaking news in a call of its own: no backlog rides along
                continue
            limit = self.max_tokens if following.job == first else others
            if tokens + following.tokens > limit:
                left.append(following)
                continue
            batch.append(following)
            tokens += following.tokens
        self._waiting = left
        for request in batch:
            place = (request.job[0], request.tenant)
            self._served[place] = self._served.get(place, 0) + 1
        return batch

    def _lower_due(self, ordered: list[_Request]) -> _Request | None:
        """The chunk of a less urgent job this call takes as well, if one is due (see the module's
        docstring): never beside breaking news or a person's request, which share with no one."""
        first = ordered[0].job
        lower = next((r for r in ordered if r.job[0] > first[0]), None)
        if lower is None or first[0] <= BREAKING_RANK:
            self._passed = 0
            return None
        self._passed += 1
        if self._passed < LOWER_EVERY:
            return None
        self._passed = 0
        return lower

    def _catch_up_tenants(self) -> None:
        """Chunks served count only while a tenant keeps waiting: one that has nothing left waiting
        is forgotten, and one that starts waiting starts level with the least served of its rank
        (a newcomer goes next, but gets no credit for the time it had nothing to do)."""
        places = {(r.job[0], r.tenant) for r in self._waiting}
        for place in [p for p in self._served if p not in places]:
            del self._served[place]
        for place in places - self._served.keys():
            level = [count for (rank, _), count in self._served.items() if rank == place[0]]
            self._served[place] = min(level, default=0)

    def _serve(self, batch: list[_Request]) -> None:
        pairs: dict[tuple[str, str], list[_Request]] = {}
        for request in batch:
            pairs.setdefault((request.source_lang, request.target_lang), []).append(request)
        for (source_lang, target_lang), requests in pairs.items():
            try:
                self._translate_together(requests, source_lang, target_lang)
            except Exception:
                if len(requests) == 1:
                    raise
                log.warning(
                    "a shared batch of %d requests failed; translating them one at a time", len(requests)
                )
                for request in requests:
                    self._translate_alone(request)

    def _remember(self, source_lang: str, target_lang: str, hypotheses: dict[str, Hypothesis]) -> None:
        for sentence, hypothesis in hypotheses.items():
            key = (source_lang, target_lang, sentence)
            self._recent[key] = hypothesis
            self._recent.move_to_end(key)
        while len(self._recent) > RECENT_OUTPUTS:
            self._recent.popitem(last=False)

    def _translate_alone(self, request: _Request) -> None:
        try:
            self._translate_together([request], request.source_lang, request.target_lang)
        except Exception as exc:
            request.error = exc
            request.done.set()

    def _translate_together(self, requests: list[_Request], source_lang: str, target_lang: str) -> None:
        distinct = list(dict.fromkeys(s for r in requests for s in r.sentences))
        number = next(self._numbers)
        shared = len(requests) > 1
        level = logging.INFO if shared else logging.DEBUG
        log.log(
            level,
            "batch %d started: %d sentences (%d distinct) from %d requests of %d jobs, %s>%s",
            number,
            sum(len(r.sentences) for r in requests),
            len(distinct),
            len(requests),
            len({r.job for r in requests}),
            source_lang,
            target_lang,
        )
        started = time.monotonic()
        hypotheses = {s: h for s in distinct if (h := self._recent.get((source_lang, target_lang, s)))}
        fresh = [s for s in distinct if s not in hypotheses]
        if fresh:
            generated = self.engine.translate(fresh, source_lang, target_lang)
            hypotheses |= dict(zip(fresh, generated, strict=True))
        self._remember(source_lang, target_lang, hypotheses)
        self.stats.reused += len(distinct) - len(fresh)
        log.log(level, "batch %d done in %.2f s (%d sentences known already)", number,
                time.monotonic() - started, len(distinct) - len(fresh))  # fmt: skip
        self.stats.batches += 1
        self.stats.requests += len(requests)
        self.stats.shared += int(shared)
        self.stats.largest = max(self.stats.largest, len(requests))
        for request in requests:
            request.result = [hypotheses[s] for s in request.sentences]
            request.done.set()
