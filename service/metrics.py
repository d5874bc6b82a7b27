"""Prometheus metrics, read from the database and the broker at scrape time.

Workers run in other processes (and machines), so counters kept in memory would be partial;
the store is the one place that sees all of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client.core import (
    CollectorRegistry,
    CounterMetricFamily,
    GaugeMetricFamily,
    SummaryMetricFamily,
)
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from service.dispatch import Dispatcher
from service.job_records import JobState
from service.storage.db import Database
from service.storage.tables import Job, JobEvent, TranslationRow


class StoreCollector(Collector):
    def __init__(self, database: Database, dispatcher: Dispatcher) -> None:
        self.database = database
        self.dispatcher = dispatcher

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily | SummaryMetricFamily]:
        with self.database.session() as session:
            counts = {
                state: n for state, n in session.execute(select(Job.state, func.count()).group_by(Job.state))
            }
            jobs = GaugeMetricFamily("interlinear_jobs", "Jobs by state", labels=["state"])
            for state in JobState:
                jobs.add_metric([state.value], counts.get(state.value, 0))
            yield jobs

            translated = CounterMetricFamily(
                "interlinear_segments_translated",
                "Translated segments stored, by target language",
                labels=["lang"],
            )
            for lang, count in session.execute(
                select(TranslationRow.target_lang, func.count()).group_by(TranslationRow.target_lang)
            ):
                translated.add_metric([lang], count)
            yield translated

            finished = session.execute(
                select(Job.created_at, func.max(JobEvent.at))
                .join(JobEvent, JobEvent.job_id == Job.id)
                .where(Job.state == JobState.SUCCEEDED.value, JobEvent.state == JobState.SUCCEEDED.value)
                .group_by(Job.id, Job.created_at)
            ).all()
            memory = CounterMetricFamily(
                "interlinear_memory_hits",
                "Segments served from translation memory, by origin",
                labels=["origin"],
            )
            for origin, count in session.execute(
                select(TranslationRow.origin, func.count())
                .where(TranslationRow.origin != "model")
                .group_by(TranslationRow.origin)
            ):
                memory.add_metric([origin], count)
            yield memory

            latency = SummaryMetricFamily("interlinear_job_latency_seconds", "Submission to success, per job")
            durations = [(end - start).total_seconds() for start, end in finished if start and end]
            latency.add_metric([], count_value=len(durations), sum_value=sum(durations))
            yield latency

        depth = GaugeMetricFamily("interlinear_queue_depth", "Tasks waiting in the queue", labels=["queue"])
        try:
            for queue, size in self.dispatcher.queue_depths().items():
                depth.add_metric([queue], size)
        except Exception:
            pass  # broker down: /readyz reports it; metrics still serve the rest
        yield depth


def registry_for(database: Database, dispatcher: Dispatcher) -> CollectorRegistry:
    registry = CollectorRegistry()
    registry.register(StoreCollector(database, dispatcher))
    return registry
