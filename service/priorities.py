"""How urgent a job is: ``breaking`` news before ``normal`` work before ``bulk`` re-translation.

Honoured in three places: the broker (each priority has its queue, and workers ask for the more
urgent first: :attr:`service.settings.Settings.worker_queues`), the embedded in-process queue (most
urgent first, in order of arrival within a priority), and shared engine calls (more urgent jobs'
sentences first; among equals, jobs take turns chunk by chunk: ``workers/engines/batching.py``).
A key may be limited to a highest priority (``interlinear keys create --max-priority normal``).
"""

from __future__ import annotations

import enum

from service.storage.tables import Job


class Priority(enum.StrEnum):
    BREAKING = "breaking"
    NORMAL = "normal"
    BULK = "bulk"


ORDER = (Priority.BREAKING, Priority.NORMAL, Priority.BULK)  # most urgent first


def named(sent: str) -> str:
    """A priority as every interface takes it: in any case, with spaces around ("Breaking", " BULK"),
    as the service names it ("breaking", "bulk"); another word comes back as it was sent, for the
    interface's refusal to echo."""
    word = sent.strip().lower()
    return word if word in Priority._value2member_map_ else sent


def rank(priority: str) -> int:
    """0 for the most urgent; an unknown name ranks as normal."""
    try:
        return ORDER.index(Priority(priority))
    except ValueError:
        return ORDER.index(Priority.NORMAL)


def priority_of(job: Job) -> Priority:
    """A job's priority (stored in its options; jobs from before priorities are normal)."""
    value = (job.options or {}).get("priority", Priority.NORMAL.value)
    return Priority(value) if value in Priority._value2member_map_ else Priority.NORMAL


def within(limit: str | None, asked: str) -> bool:
    """Whether a key limited to ``limit`` (None: no limit) may ask for ``asked``."""
    return limit is None or rank(asked) >= rank(limit)
