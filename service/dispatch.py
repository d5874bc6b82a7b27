"""How the core hands work to workers, and which tasks follow which: the one place that decides.

:class:`Dispatcher` is the protocol; its implementations (Celery over a real broker, or in-process
for the one-machine default) live with the workers (:mod:`workers.dispatchers`). The use cases,
the fetch task, a finished translation and the reaper all queue through the functions below.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from service.settings import Settings


class Dispatcher(Protocol):
    def translate(self, job_id: str, target_lang: str, priority: str = "normal") -> None:
        """Queue a (job, language) translation at ``priority`` (:mod:`service.priorities`)."""
        ...

    def summarise(self, job_id: str, lang: str) -> None: ...

    def fetch(self, job_id: str, priority: str = "normal") -> None:
        """Queue the fetch of a job's article by URL (it queues the job's other tasks once stored)."""
        ...

    def translate_text(self, sentences: list[str], source_lang: str, target_lang: str,
                       timeout: float) -> dict[str, Any]:  # fmt: skip
        """Translate ``sentences`` on a worker, ahead of every job, and wait for them: the
        translations, ``model_id``, ``model_revision`` and ``engine``. Raises Python's
        :class:`TimeoutError` where no worker answered within ``timeout`` seconds (the request
        withdrawn), and the worker's :class:`~service.errors.ModelError`."""
        ...

    def broker_ok(self) -> bool: ...

    def queue_depths(self) -> dict[str, int]: ...

    def waiting_tasks(self) -> set[tuple[str, str, str]] | None:
        """``(kind, job id, language)`` of every task not lost: waiting in a queue, or held by a
        live worker (running, reserved, or scheduled for a retry); kind is "translate" or
        "summarise" or "fetch" (language ""). None where the broker cannot be looked into."""
        ...


def queue_intake(dispatcher: Dispatcher, settings: Settings, job_id: str, source_lang: str,
                 targets: Iterable[str], priority: str = "normal") -> None:  # fmt: skip
    """The tasks of a job whose article is stored: each language's translation at the job's
    priority, and the source's summaries where they are a task of their own (else the first
    language's task makes them)."""
    for target in targets:
        dispatcher.translate(job_id, target, priority)
    if settings.summaries_enabled and not settings.summaries_inline:
        dispatcher.summarise(job_id, source_lang)


def queue_after_translation(dispatcher: Dispatcher, settings: Settings, job_id: str, lang: str) -> None:
    """What follows a language whose translations are all stored: its summaries, where they are a
    task of their own (with ``summaries_inline`` the translation task made them already)."""
    if settings.summaries_enabled and not settings.summaries_inline:
        dispatcher.summarise(job_id, lang)
