"""``interlinear jobs``: inspect and repair queued jobs."""

from __future__ import annotations

from typing import Annotated

import typer

from service.cli_common import Typer, out
from service.cli_common import fail as _fail
from service.settings import Settings, get_settings

jobs_app = Typer(help="Inspect and repair queued jobs.", no_args_is_help=True)


@jobs_app.command("requeue-stale")
def requeue_stale_jobs(
    older_than: Annotated[
        int | None, typer.Option(help="Seconds without progress; default INTERLINEAR_STALE_AFTER.")
    ] = None,
) -> None:
    """Send the tasks of unfinished jobs again (after a broker lost its queue). Safe to repeat.

    With the embedded queue the API process does this itself: the command says so and how many
    jobs are waiting for it (exit 1 where the reaper is disabled, so that nothing would).
    """
    import datetime as dt

    from service.storage.db import database_for
    from workers.dispatchers import make_dispatcher
    from workers.reaper import requeue_stale

    settings = get_settings()
    seconds = settings.stale_after if older_than is None else older_than
    if settings.broker_url.startswith("memory"):
        _embedded_requeue(settings, seconds)
        return
    dispatcher = make_dispatcher(settings)
    with database_for(settings.database_url).session() as session:
        sent = requeue_stale(session, dispatcher, dt.timedelta(seconds=seconds), settings)
    out.print(f"requeued {sent} task(s)")


def _embedded_requeue(settings: Settings, seconds: int) -> None:
    """``jobs requeue-stale`` with the embedded queue (INTERLINEAR_BROKER_URL=memory://): the API
    process runs the jobs and its reaper sends the tasks of unfinished ones again; this command
    would run them in its own short-lived process (a job then failed with "can't register atexit
    after shutdown"). It says so and exits 0, or 1 where stale jobs wait and the reaper is disabled."""
    import datetime as dt

    from service.job_records import stale_jobs
    from service.storage.db import database_for

    with database_for(settings.database_url).session() as session:
        stale = len(stale_jobs(session, dt.timedelta(seconds=seconds)))
    jobs = f"{stale} unfinished job{'' if stale == 1 else 's'} silent for over {seconds} s"
    embedded = "with the embedded queue (INTERLINEAR_BROKER_URL=memory://) the API process runs the jobs"
    if not settings.reaper_enabled:
        if stale:
            raise _fail(
                f"{jobs}, and the reaper is disabled (INTERLINEAR_REAPER_ENABLED=false): {embedded}, and "
                "without its reaper nothing sends them again. Set INTERLINEAR_REAPER_ENABLED=true and "
                "restart the API: it sends every unfinished job again when it starts. This command "
                "cannot: it would run them in its own short-lived process, which stops before they end",
                1,
            )
        out.print(f"nothing to requeue: {jobs}. The reaper is disabled (INTERLINEAR_REAPER_ENABLED=false): "
                  f"{embedded}, and a job it leaves unfinished (the API killed) stays so until the reaper "
                  "is enabled and the API restarted", highlight=False, soft_wrap=True)  # fmt: skip
        return
    todo = "restart the API if it is not running (it sends them at once)" if stale else "nothing to do"
    out.print(
        f"nothing to requeue from here: {embedded}, and its reaper sends their tasks again itself, "
        f"every unfinished job when it starts, then every {settings.reconcile_every} s those silent for "
        f"{settings.stale_after} s. {jobs}: {todo}",
        highlight=False,
        soft_wrap=True,
    )
