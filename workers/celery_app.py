"""The Celery application. Start a worker with::

    celery -A workers.celery_app worker

It runs ``INTERLINEAR_WORKER_CONCURRENCY`` tasks at once, as threads of one process whose
translations share engine batches (``INTERLINEAR_WORKER_POOL``, ``-P`` and ``--concurrency``
override). It takes tasks from every queue, in order of priority: ``POST /v1/translate`` (a person waits),
summaries (what finishes a job), jobs, bulk re-translation; and it runs the reaper
(:mod:`workers.reaper`). ``-Q`` narrows the queues (keep their order). Configuration comes from
:class:`service.settings.Settings` (``INTERLINEAR_BROKER_URL`` etc.).
"""

from __future__ import annotations

from celery import Celery
from kombu import Queue

from service.settings import Settings, get_settings
from workers.broker_reconnect import keep_consuming_after_broker_loss

TRANSLATE_TASK = "interlinear.translate"
TRANSLATE_TEXT_TASK = "interlinear.translate_text"
RECONCILE_TASK = "interlinear.translate_reconcile"
SUMMARISE_TASK = "interlinear.summarise"
FETCH_TASK = "interlinear.fetch"


def make_celery(settings: Settings) -> Celery:
    backend = settings.result_backend or (settings.broker_url if settings.redis_broker else None)
    if settings.redis_broker:
        keep_consuming_after_broker_loss()
    app = Celery("interlinear", broker=settings.broker_url, backend=backend)
    app.conf.update(
        task_acks_late=True,  # ack after the task ran: a killed worker's task is redelivered
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # long tasks: do not hoard messages a sibling could run
        worker_pool=settings.worker_pool,  # threads: tasks share engine batches (engines/batching.py)
        worker_concurrency=settings.worker_concurrency,
        task_default_queue=settings.translation_queue,
        task_routes={
            "interlinear.translate_text": {"queue": settings.interactive_queue},
            "interlinear.fetch": {"queue": settings.translation_queue},
            "interlinear.translate*": {"queue": settings.translation_queue},
            # bulk re-translation is sent explicitly to settings.bulk_queue
            "interlinear.summarise*": {"queue": settings.summary_queue},
        },
        # Queues in priority order: with "priority", Redis is asked for the first non-empty one.
        task_queues=[Queue(name) for name in settings.worker_queues],
        broker_transport_options={
            "visibility_timeout": settings.visibility_timeout,
            "queue_order_strategy": "priority",
        },
        broker_connection_retry_on_startup=True,
        task_serializer="json",
        accept_content=["json"],
        result_expires=3600,
        worker_hijack_root_logger=False,
        beat_schedule={"reconcile": {"task": RECONCILE_TASK, "schedule": float(settings.reconcile_every)}},
    )
    return app


app = make_celery(get_settings())
app.conf.imports = ["workers.tasks"]
