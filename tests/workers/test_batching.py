"""Shared engine batches in one process, on the tiny random-weight model (plumbing, not quality):
threads that translate at the same time get one engine call, each its own results in its order,
and one request's engine error stays with that request."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from service.errors import InputError
from service.storage.db import Database
from workers.engines.batching import (
    CHARS_PER_TOKEN,
    INTERACTIVE,
    LOWER_EVERY,
    BatchingEngine,
    job_priority,
)
from workers.engines.engine import Hypothesis
from workers.engines.transformers import TransformersEngine

FIRST = ["Die Regierung hat am Montag neue Maßnahmen angekündigt.", "Wer weiß?", "Das ist viel."]
SECOND = ["Das ist viel.", "Der Zug fährt um acht Uhr ab."]
BROKEN = "Dieser Satz lässt die Engine scheitern."


class CountingEngine:
    """The real tiny engine, counting its calls; it fails on :data:`BROKEN` as a bad input would,
    and its first call waits for ``gate`` (so that requests queue up behind it)."""

    def __init__(self, engine: TransformersEngine, gate: threading.Event | None = None) -> None:
        self.engine = engine
        self.info = engine.info
        self.options = engine.options
        self.calls: list[list[str]] = []
        self.gate = gate

    def translate(self, sentences: list[str], source_lang: str, target_lang: str) -> list[Hypothesis]:
        self.calls.append(list(sentences))
        if self.gate is not None and len(self.calls) == 1:
            assert self.gate.wait(60), "the test never opened the gate"
        if BROKEN in sentences:
            raise InputError("this sentence cannot be translated")
        return self.engine.translate(sentences, source_lang, target_lang)


@pytest.fixture(scope="module")
def tiny(tiny_marian_dir: Path) -> TransformersEngine:
    return TransformersEngine(str(tiny_marian_dir))


def _together(engine: BatchingEngine, requests: list[list[str]]) -> list[list[Hypothesis] | Exception]:
    """Call ``translate`` from one thread per request, all started before the first call."""
    results: list[list[Hypothesis] | Exception] = [[] for _ in requests]
    gate = threading.Barrier(len(requests))

    def call(i: int) -> None:
        gate.wait()
        try:
            results[i] = engine.translate(requests[i], "de", "en")
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_threads_share_one_engine_call_and_get_their_own_results(tiny: TransformersEngine) -> None:
    counting = CountingEngine(tiny)
    batching = BatchingEngine(counting, wait=2.0, max_tokens=10_000)
    first, second = _together(batching, [FIRST, SECOND])

    assert len(counting.calls) == 1, counting.calls
    assert sorted(counting.calls[0]) == sorted(set(FIRST + SECOND))  # "Das ist viel." once
    assert batching.stats.shared == 1 and batching.stats.largest == 2
    everything = FIRST + SECOND
    alone = {s: h.text for s, h in zip(everything, tiny.translate(everything, "de", "en"), strict=True)}
    assert isinstance(first, list) and isinstance(second, list)
    assert [h.text for h in first] == [alone[s] for s in FIRST]
    assert [h.text for h in second] == [alone[s] for s in SECOND]


def test_the_budget_closes_a_batch_before_the_wait_ends(tiny: TransformersEngine) -> None:
    counting = CountingEngine(tiny)
    batching = BatchingEngine(counting, wait=30.0, max_tokens=1)  # one request is over the budget
    assert [h.text for h in batching.translate(FIRST, "de", "en")] == [
        h.text for h in tiny.translate(FIRST, "de", "en")
    ]
    assert len(counting.calls) == 1 and batching.stats.shared == 0


def test_an_engine_error_stays_with_the_request_that_caused_it(tiny: TransformersEngine) -> None:
    counting = CountingEngine(tiny)
    batching = BatchingEngine(counting, wait=2.0, max_tokens=10_000)
    good, bad = _together(batching, [FIRST, [BROKEN]])

    assert isinstance(bad, InputError), bad
    assert isinstance(good, list) and len(good) == len(FIRST)
    assert len(counting.calls) == 3  # the shared call, then each request alone


def test_other_attributes_are_the_wrapped_engines(tiny: TransformersEngine) -> None:
    batching = BatchingEngine(tiny, wait=0, max_tokens=100)
    assert batching.max_input_tokens == tiny.max_input_tokens
    assert batching.info == tiny.info
    assert batching.translate([], "de", "en") == []


def test_when_requests_wait_the_oldest_job_goes_first(tiny: TransformersEngine) -> None:
    gate = threading.Event()
    counting = CountingEngine(tiny, gate)
    batching = BatchingEngine(counting, wait=0, max_tokens=1)  # one request per engine call
    sentences = {3.0: ["Der dritte Auftrag."], 1.0: ["Der erste Auftrag."], 2.0: ["Der zweite Auftrag."]}

    def call(submitted: float | None) -> None:
        if submitted is None:
            batching.translate(["Das blockiert."], "de", "en")
            return
        with job_priority(submitted):
            batching.translate(sentences[submitted], "de", "en")

    first = threading.Thread(target=call, args=(None,))
    first.start()
    while not counting.calls:  # the batching thread is busy with the first request
        threading.Event().wait(0.01)
    others = [threading.Thread(target=call, args=(when,)) for when in (3.0, 1.0, 2.0)]  # arrive newest first
    for thread in others:
        thread.start()
    while batching._queue.qsize() < 3:
        threading.Event().wait(0.01)
    gate.set()
    for thread in [first, *others]:
        thread.join(timeout=60)
    assert counting.calls == [["Das blockiert."], sentences[1.0], sentences[2.0], sentences[3.0]]


def test_a_request_a_person_waits_for_goes_before_every_job_in_a_call_of_its_own(
    tiny: TransformersEngine,
) -> None:
    """POST /v1/translate's sentences, queued behind two jobs, are the next call, and it takes none
    of the jobs' sentences, though the budget would hold them all."""
    gate = threading.Event()
    counting = CountingEngine(tiny, gate)
    batching = BatchingEngine(counting, wait=0, max_tokens=10_000)
    blocker = batching.submit(["Das blockiert."], "de", "en")
    while not counting.calls:  # the engine is busy: what follows waits together
        threading.Event().wait(0.01)
    requests = []
    for submitted, sentences in ((1.0, ["Der erste Auftrag."]), (2.0, ["Der zweite Auftrag."])):
        with job_priority(submitted):
            requests.append(batching.submit(sentences, "de", "en"))
    with job_priority(INTERACTIVE):
        requests.append(batching.submit(["Ein kurzer Satz."], "de", "en"))
    while batching._queue.qsize() < len(requests):
        threading.Event().wait(0.01)
    gate.set()
    for request in [blocker, *requests]:
        request.wait()
    assert counting.calls[1:] == [["Ein kurzer Satz."], ["Der erste Auftrag.", "Der zweite Auftrag."]]


def test_a_large_oldest_job_is_not_held_back_and_small_jobs_still_share(tiny: TransformersEngine) -> None:
    """The oldest job may fill the budget; later jobs join up to the budget less twice the oldest
    job's tokens, never less than half of it. Two large jobs get a call each (job A is not held back
    by job B's sentences); small jobs share one call beyond half the budget."""

    def job(name: str, count: int) -> list[str]:
        return [f"Im Auftrag {name} steht der Satz Nummer {n:02d}." for n in range(count)]

    def tokens(sentences: list[str]) -> int:
        return sum(len(s) // CHARS_PER_TOKEN + 1 for s in sentences)

    first_a, second_a, b = job("A", 6), job("A", 6)[::-1], job("B", 11)
    small = [job("C", 1), *(job(name, 3) for name in "DEFG")]
    all_small = [sentence for sentences in small for sentence in sentences]
    budget = tokens(first_a + second_a) + tokens(b)  # sharing by budget alone put A and B in one call
    half = budget // 2
    assert tokens(first_a + second_a) > half and tokens(b) + tokens(small[0]) > half
    assert half < tokens(all_small) <= budget - 2 * tokens(small[0])
    gate = threading.Event()
    counting = CountingEngine(tiny, gate)
    batching = BatchingEngine(counting, wait=0, max_tokens=budget)
    blocker = batching.submit(["Das blockiert."], "de", "en")
    while not counting.calls:  # the engine is busy: the jobs' requests wait together
        threading.Event().wait(0.01)
    jobs = [first_a, second_a, b, *small]
    requests = []
    for submitted, sentences in zip((1.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0), jobs, strict=True):
        with job_priority(submitted):
            requests.append(batching.submit(sentences, "de", "en"))
    while batching._queue.qsize() < len(requests):
        threading.Event().wait(0.01)
    gate.set()
    for request in [blocker, *requests]:
        request.wait()
    assert [sorted(call) for call in counting.calls[1:]] == [
        sorted(first_a),
        sorted(b),
        sorted(all_small),
    ]


def test_a_task_hands_in_all_its_chunks_at_once_and_commits_each(
    database: Database, tiny: TransformersEngine
) -> None:
    """A document of three chunks: its three requests are handed to the engine in one step (none can
    miss the call the first one starts), queue behind a busy engine and are translated in one call,
    and each chunk is still stored and committed on its own."""
    from service.ingest import store_article
    from service.parse import parse_article
    from workers.document_translation import translate_document

    text = "Neue Regeln\n\n" + " ".join(f"Der Satz Nummer {n} steht hier." for n in range(1, 71))
    gate = threading.Event()
    counting = CountingEngine(tiny, gate)
    batching = BatchingEngine(counting, wait=0, max_tokens=100_000)
    handed: list[int] = []  # requests per item put on the batching thread's queue

    class Recording(queue.Queue):
        def put(self, item: list[Any], block: bool = True, timeout: float | None = None) -> None:
            handed.append(len(item) if isinstance(item, list) else 1)
            super().put(item, block, timeout)

    batching._queue = Recording()  # type: ignore[assignment]
    blocker = threading.Thread(target=batching.translate, args=(["Das blockiert."], "de", "en"))
    blocker.start()
    while not counting.calls:  # the engine is busy: what the task submits has to wait in the queue
        threading.Event().wait(0.01)
    steps: list[tuple[int, int]] = []
    with database.session() as session:
        document = store_article(session, text, parse_article(text, "text", "de"), "de")
        task = threading.Thread(
            target=translate_document, args=(session, document.id, "de", "en", batching),
            kwargs={"chunk_size": 32, "progress": lambda done, total: steps.append((done, total))},
        )  # fmt: skip
        task.start()
        deadline = time.monotonic() + 60
        while len(handed) < 2:  # the blocker's request, then the task's
            assert task.is_alive(), "the task ended before its chunks were queued"
            assert time.monotonic() < deadline, "the task never handed its chunks to the engine"
            threading.Event().wait(0.01)
        assert handed == [1, 3]  # all three chunks in one step, before the first is stored
        assert steps == [(0, 71)]  # nothing stored yet
        gate.set()
        task.join(timeout=120)
        blocker.join(timeout=60)
    assert steps == [(0, 71), (32, 71), (64, 71), (71, 71)]  # committed chunk by chunk
    assert len(counting.calls) == 2 and len(counting.calls[1]) == 71  # one engine call for all three


def _queued_behind_a_blocker(
    tiny: TransformersEngine, max_tokens: int
) -> tuple[CountingEngine, BatchingEngine, threading.Event]:
    """A batching engine whose first call waits for the returned gate, so what is queued next waits
    together and its order can be seen."""
    gate = threading.Event()
    counting = CountingEngine(tiny, gate)
    batching = BatchingEngine(counting, wait=0, max_tokens=max_tokens)
    batching.submit(["Das blockiert."], "de", "en")
    while not counting.calls:
        threading.Event().wait(0.01)
    return counting, batching, gate


def test_a_breaking_job_goes_before_an_older_normal_job(tiny: TransformersEngine) -> None:
    counting, batching, gate = _queued_behind_a_blocker(tiny, max_tokens=1)  # one chunk per call
    with job_priority(1.0, rank=1):  # normal, submitted first
        normal = batching.submit_all([["Normal eins."], ["Normal zwei."]], "de", "en")
    with job_priority(5.0, rank=0):  # breaking, submitted later
        breaking = batching.submit_all([["Eilmeldung eins."], ["Eilmeldung zwei."]], "de", "en")
    with job_priority(0.5, rank=2):  # bulk, the oldest of all
        bulk = batching.submit_all([["Archiv eins."]], "de", "en")
    gate.set()
    for request in [*normal, *breaking, *bulk]:
        request.wait()
    assert counting.calls[1:] == [
        ["Eilmeldung eins."],
        ["Eilmeldung zwei."],
        ["Normal eins."],
        ["Normal zwei."],
        ["Archiv eins."],
    ]


def test_breaking_news_shares_its_call_only_with_breaking_news(tiny: TransformersEngine) -> None:
    """The budget would hold everything, but a shared call returns all its sentences at its end: the
    backlog must not ride along with breaking news (found by benchmarks/mixed.py: a breaking
    article waited out a call it shared with eleven backlog jobs)."""
    counting, batching, gate = _queued_behind_a_blocker(tiny, max_tokens=10_000)
    with job_priority(1.0, rank=1):
        normal = batching.submit_all([["Normal eins."], ["Normal zwei."]], "de", "en")
    with job_priority(5.0, rank=0):
        breaking = batching.submit_all([["Eilmeldung eins."]], "de", "en")
    with job_priority(6.0, rank=0):
        second = batching.submit_all([["Eilmeldung zwei."]], "de", "en")
    gate.set()
    for request in [*normal, *breaking, *second]:
        request.wait()
    assert counting.calls[1:] == [["Eilmeldung eins.", "Eilmeldung zwei."], ["Normal eins.", "Normal zwei."]]


def test_a_less_urgent_job_gets_a_chunk_every_few_calls_while_it_waits(tiny: TransformersEngine) -> None:
    """Bulk work waiting behind a long normal job still moves (its task holds a task thread while it
    waits: with none ever served, threads held by bulk tasks are lost to newly queued jobs)."""
    counting, batching, gate = _queued_behind_a_blocker(tiny, max_tokens=1)  # one chunk per call
    with job_priority(1.0, rank=1):
        normal = batching.submit_all([[f"Normal {n}."] for n in range(1, 7)], "de", "en")
    with job_priority(0.5, rank=2):
        bulk = batching.submit_all([["Archiv eins."], ["Archiv zwei."]], "de", "en")
    gate.set()
    for request in [*normal, *bulk]:
        request.wait()
    assert LOWER_EVERY == 4
    assert counting.calls[1:] == [
        ["Normal 1."], ["Normal 2."], ["Normal 3."], ["Normal 4.", "Archiv eins."],
        ["Normal 5."], ["Normal 6."], ["Archiv zwei."],
    ]  # fmt: skip


def test_jobs_of_one_priority_take_turns_chunk_by_chunk(tiny: TransformersEngine) -> None:
    """A small job submitted after a large one waits for one of its chunks, not all of them."""
    counting, batching, gate = _queued_behind_a_blocker(tiny, max_tokens=1)
    with job_priority(1.0):
        large = batching.submit_all([[f"Langer Artikel, Teil {n}."] for n in range(1, 5)], "de", "en")
    with job_priority(2.0):
        small = batching.submit_all([["Kurze Meldung."], ["Zweiter Satz."]], "de", "en")
    gate.set()
    for request in [*large, *small]:
        request.wait()
    assert counting.calls[1:] == [
        ["Langer Artikel, Teil 1."], ["Kurze Meldung."],
        ["Langer Artikel, Teil 2."], ["Zweiter Satz."],
        ["Langer Artikel, Teil 3."], ["Langer Artikel, Teil 4."],
    ]  # fmt: skip


def test_tenants_of_one_priority_take_turns(tiny: TransformersEngine) -> None:
    """One tenant's backlog of jobs does not starve another tenant's job submitted after it."""
    counting, batching, gate = _queued_behind_a_blocker(tiny, max_tokens=1)
    backlog = []
    for n in range(1, 4):
        with job_priority(float(n), tenant="scraper"):
            backlog += batching.submit_all([[f"Agenturmeldung {n}."]], "de", "en")
    with job_priority(10.0, tenant="newsroom"):
        own = batching.submit_all([["Eigener Bericht."]], "de", "en")
    gate.set()
    for request in [*backlog, *own]:
        request.wait()
    assert counting.calls[1:] == [
        ["Agenturmeldung 1."],
        ["Eigener Bericht."],
        ["Agenturmeldung 2."],
        ["Agenturmeldung 3."],
    ]


def test_a_sentence_translated_a_moment_ago_is_not_decoded_again(tiny: TransformersEngine) -> None:
    """A German article for en and ko: the ko route pivots through English on the same de→en model,
    so its first hop asks for the sentences the en task has just had translated."""
    counting = CountingEngine(tiny)
    batching = BatchingEngine(counting, wait=0, max_tokens=10_000)
    first = batching.translate(["Der erste Satz.", "Der zweite Satz."], "de", "en")
    again = batching.translate(["Der zweite Satz.", "Der dritte Satz.", "Der erste Satz."], "de", "en")
    assert counting.calls == [["Der erste Satz.", "Der zweite Satz."], ["Der dritte Satz."]]
    assert [again[2], again[0]] == first  # the same hypotheses, score included
    assert batching.stats.reused == 2
    batching.translate(["Der dritte Satz."], "de", "ko")  # another pair is another output
    assert counting.calls[-1] == ["Der dritte Satz."]
