"""Concurrency test of the HTTP API: bursts of GETs and POSTs from one client, on loopback only.

Run from anywhere: ``python benchmarks/concurrency.py [--gets 300:100 1000:200] [--posts 50:50]``. A
script, not a test: it prints a table, one row per scenario.

What it starts, with ``benchmarks/load.py``'s helpers, all on 127.0.0.1 and all stopped again at the
end (also on Ctrl-C, SIGTERM or an error): a fresh PostgreSQL schema in the local ``test`` database
(``--storage sqlite``: a temporary SQLite file; ``--database-url``: one of your own, left as it is), a
dedicated Redis database (``--redis-db``, must be empty; flushed afterwards) as broker and rate-limit
store, and ONE API process under uvicorn with the service's default settings otherwise. No worker:
submitted jobs stay queued in this run's own queues. A key for tenant ``concurrency`` is created with
rate limit ``--rate-limit`` (high, so that the rate limiter does not decide the outcome).

What it does: submits one seed job (so that ``GET /v1/jobs/{id}`` has an id), then runs each scenario:
``--gets REQUESTS:CONCURRENCY`` sends that many GETs, alternating ``/v1/jobs/{id}`` and
``/v1/documents``, at most CONCURRENCY in flight; ``--posts`` sends that many ``POST /v1/jobs`` with
distinct short German sentences. Each request has a deadline of ``--request-timeout`` seconds, each
scenario of ``--scenario-timeout`` seconds: requests still outstanding then are cancelled and counted
as "timeout", like requests that ran into their own deadline. After each scenario ``GET /readyz`` and
``GET /v1/documents`` (with the key) must both answer 200 within ``--health-timeout`` seconds; they are
polled for up to ``--recover-within`` seconds.

Exit code 0 if every answer was 2xx or 503 and the API was healthy after every scenario; 1 if not (a
client-side timeout or connection error counts as a failure; the reasons are printed); 2 if the setup
failed; 130 if interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# This script's folder, as when it runs, also when imported from elsewhere: load.py and machine.py.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # benchmarks/harness.py: the service setup this script shares
    DEFAULT_POSTGRES,
    DEFAULT_REDIS,
    Services,
    SetupError,
    api_ready,
    check_auth,
    create_key,
    log_tail,
    migrate,
    percentile,
    prepare_database,
    prepare_redis,
    service_env,
    sigterm_as_interrupt,
    start_api,
    versions,
    wait_for,
)
from machine import cpu_model  # benchmarks/machine.py

TENANT = "concurrency"
SEED_TEXT = "Guten Morgen. Heute scheint in Berlin die Sonne, und am Abend regnet es."
POST_TEXT = "Satz Nummer {i} über das Wetter in Berlin."
MAX_REQUESTS = 10_000  # per scenario: the run stays bounded whatever the options say
MAX_CONCURRENCY = 1_000
CLIENT_FAILURES = ("timeout", "error")


def acceptable(outcome: str) -> bool:
    """A 2xx answer, or 503 (the service may shed load); not a client-side timeout or error."""
    return outcome.isdigit() and (200 <= int(outcome) < 300 or outcome == "503")


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: dict[str, Any] | None = None


@dataclass(frozen=True)
class Scenario:
    method: str
    requests: int
    concurrency: int

    @property
    def name(self) -> str:
        return f"{self.method} {self.requests} @ {self.concurrency}"


@dataclass
class Outcome:
    scenario: Scenario
    counts: Counter[str] = field(default_factory=Counter)  # "200", "503", ..., "timeout", "error"
    latencies: list[float] = field(default_factory=list)  # seconds, requests that got an answer
    errors: Counter[str] = field(default_factory=Counter)  # client-side failures, by message
    wall: float = 0.0
    healthy: bool = False
    recovered_after: float = 0.0  # seconds from the end of the scenario to the first healthy probe
    health_detail: str = ""  # the last probe's answers, when not healthy

    @property
    def failures(self) -> int:
        return sum(n for outcome, n in self.counts.items() if not acceptable(outcome))


# --- the requests -----------------------------------------------------------------------------


def job_body(text: str, args: argparse.Namespace) -> dict[str, Any]:
    return {"text": text, "source_lang": args.source_lang, "targets": args.targets}


def requests_for(scenario: Scenario, job_id: str, args: argparse.Namespace) -> list[Request]:
    if scenario.method == "GET":
        paths = (f"/v1/jobs/{job_id}", "/v1/documents")
        return [Request("GET", paths[i % 2]) for i in range(scenario.requests)]
    return [
        Request("POST", "/v1/jobs", job_body(POST_TEXT.format(i=i + 1), args))
        for i in range(scenario.requests)
    ]


async def run_scenario(
    base_url: str,
    headers: dict[str, str],
    scenario: Scenario,
    requests: list[Request],
    args: argparse.Namespace,
) -> Outcome:
    import httpx

    outcome = Outcome(scenario)
    gate = asyncio.Semaphore(scenario.concurrency)
    limits = httpx.Limits(
        max_connections=scenario.concurrency, max_keepalive_connections=scenario.concurrency
    )

    async def one(client: httpx.AsyncClient, request: Request) -> None:
        async with gate:
            start = time.perf_counter()
            try:
                async with asyncio.timeout(args.request_timeout):  # the whole request, not per phase
                    response = await client.request(request.method, request.path, json=request.body)
            except (TimeoutError, httpx.TimeoutException):
                outcome.counts["timeout"] += 1
                return
            except Exception as exc:  # connection refused or reset, protocol errors: the client's view
                outcome.counts["error"] += 1
                outcome.errors[f"{type(exc).__name__}: {exc}"[:200]] += 1
                return
            outcome.latencies.append(time.perf_counter() - start)
            outcome.counts[str(response.status_code)] += 1

    async with httpx.AsyncClient(
        base_url=base_url, headers=headers, timeout=args.request_timeout, limits=limits
    ) as client:
        t0 = time.perf_counter()
        tasks = [asyncio.create_task(one(client, r)) for r in requests]
        try:
            _, pending = await asyncio.wait(tasks, timeout=args.scenario_timeout)
        finally:  # also on Ctrl-C: nothing is left running
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        outcome.wall = time.perf_counter() - t0
    if pending:
        outcome.counts["timeout"] += len(pending)
        outcome.errors[f"cut off: --scenario-timeout {args.scenario_timeout:g} s passed"] += len(pending)
    return outcome


async def probe_health(
    base_url: str, headers: dict[str, str], args: argparse.Namespace
) -> tuple[bool, float, str]:
    """Poll ``/readyz`` and ``/v1/documents`` until both answer 200 within ``--health-timeout`` seconds,
    for at most ``--recover-within`` seconds: (healthy, seconds until healthy or given up, last answers)."""
    import httpx

    start = time.perf_counter()
    probes: list[tuple[str, dict[str, str]]] = [("/readyz", {}), ("/v1/documents", headers)]
    async with httpx.AsyncClient(base_url=base_url, timeout=args.health_timeout) as client:
        while True:
            answers = []
            for path, probe_headers in probes:
                try:
                    async with asyncio.timeout(args.health_timeout):
                        response = await client.get(path, headers=probe_headers)
                    answers.append((path, str(response.status_code)))
                except (TimeoutError, httpx.TimeoutException):
                    answers.append((path, f"no answer in {args.health_timeout:g} s"))
                except httpx.HTTPError as exc:
                    answers.append((path, type(exc).__name__))
            elapsed = time.perf_counter() - start
            if all(answer == "200" for _, answer in answers):
                return True, elapsed, ""
            if elapsed >= args.recover_within:
                return False, elapsed, ", ".join(f"{path} {answer}" for path, answer in answers)
            await asyncio.sleep(0.5)


async def seed_job(base_url: str, headers: dict[str, str], args: argparse.Namespace) -> str:
    import httpx

    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=args.request_timeout) as client:
        response = await client.post("/v1/jobs", json=job_body(SEED_TEXT, args))
    if response.status_code != 202:
        raise SetupError(
            f"the seed job was not accepted: POST /v1/jobs answered {response.status_code}: "
            f"{response.text[:500]}"
        )
    job_id: str = response.json()["id"]
    return job_id


async def run_all(
    base_url: str,
    headers: dict[str, str],
    scenarios: list[Scenario],
    args: argparse.Namespace,
    outcomes: list[Outcome],
    api_alive: Callable[[], bool],
    console: Any,
) -> str:
    """Seed, then every scenario followed by its health probe; appends to ``outcomes`` as it goes
    (so an interrupted run still reports what finished). Returns the seed job's id."""
    job_id = await seed_job(base_url, headers, args)
    console.print(f"seed job {job_id}")
    for scenario in scenarios:
        with console.status(scenario.name):
            outcome = await run_scenario(
                base_url, headers, scenario, requests_for(scenario, job_id, args), args
            )
        with console.status(f"{scenario.name}: probing health (up to {args.recover_within:g} s)"):
            outcome.healthy, outcome.recovered_after, outcome.health_detail = await probe_health(
                base_url, headers, args
            )
        outcomes.append(outcome)
        console.print(
            f"{scenario.name}: {counts_text(outcome.counts)} in {outcome.wall:.1f} s; "
            f"healthy after: {healthy_text(outcome)}"
        )
        if not api_alive():
            break  # the API process exited: the remaining scenarios would only count refusals
    return job_id


# --- report -----------------------------------------------------------------------------------


def status_order(outcome: str) -> tuple[int, str]:
    return (int(outcome), "") if outcome.isdigit() else (1000 + CLIENT_FAILURES.index(outcome), outcome)


def counts_text(counts: Counter[str]) -> str:
    return ", ".join(f"{outcome}: {counts[outcome]}" for outcome in sorted(counts, key=status_order)) or "-"


def healthy_text(outcome: Outcome, detail: bool = True) -> str:
    if outcome.healthy:
        return (
            f"yes ({outcome.recovered_after:.1f} s to recover)"
            if detail
            else f"yes ({outcome.recovered_after:.1f} s)"
        )
    if detail:
        return f"no (not in {outcome.recovered_after:.0f} s: {outcome.health_detail})"
    return f"no (gave up after {outcome.recovered_after:.0f} s)"


def latency_ms(values: list[float], q: float) -> str:
    return f"{percentile(values, q) * 1000:.0f}" if values else "-"


def report(outcomes: list[Outcome], info: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    codes = sorted({c for o in outcomes for c in o.counts if c.isdigit()}, key=status_order)
    table = Table(title=f"Concurrency: one API process, {info['storage_short']}, loopback")
    table.add_column("scenario", no_wrap=True)
    for name in ("requests", "concurrency", *codes, *CLIENT_FAILURES, "p50 ms", "p95 ms", "wall s"):
        table.add_column(name, justify="right")
    table.add_column("not 2xx/503", justify="right")
    table.add_column("healthy after", no_wrap=True)
    for o in outcomes:
        failures = str(o.failures) if not o.failures else f"[bold red]{o.failures}[/]"
        table.add_row(
            o.scenario.name,
            str(o.scenario.requests),
            str(o.scenario.concurrency),
            *(str(o.counts[c]) for c in (*codes, *CLIENT_FAILURES)),
            latency_ms(o.latencies, 0.50),
            latency_ms(o.latencies, 0.95),
            f"{o.wall:.1f}",
            failures,
            healthy_text(o, detail=False) if o.healthy else f"[bold red]{healthy_text(o, detail=False)}[/]",
        )
    console.print(table)
    console.print(
        f"date {dt.date.today().isoformat()}; machine: {cpu_model()}, {os.cpu_count()} cores; load average "
        f"(1 min) before the run {info['load_before']:.2f}\n"
        "GET: /v1/jobs/{id} and /v1/documents alternately; POST: /v1/jobs, distinct short German texts; "
        "timeout: no answer within the request timeout, or cut off at the scenario timeout\n"
        f"settings: request timeout {info['request_timeout']:g} s, scenario timeout "
        f"{info['scenario_timeout']:g} s, health: 200 within {info['health_timeout']:g} s, polled for up "
        f"to {info['recover_within']:g} s; latency percentiles over answered requests (nearest rank)\n"
        f"storage: {info['storage']}; broker and rate limits: {info['broker']}; auth: {info['auth']}\n"
        f"versions: python {platform.python_version()}, {info['versions']}"
    )
    errors: Counter[str] = sum((o.errors for o in outcomes), Counter())
    if errors:
        console.print("client-side failures (first 10 distinct):")
        for message, n in errors.most_common(10):
            console.print(f"  {n} x {message}", highlight=False)


def failure_reasons(outcomes: list[Outcome]) -> list[str]:
    reasons = []
    for o in outcomes:
        if o.failures:
            bad = Counter({k: n for k, n in o.counts.items() if not acceptable(k)})
            reasons.append(f"{o.scenario.name}: {o.failures} answers other than 2xx/503 ({counts_text(bad)})")
        if not o.healthy:
            reasons.append(f"{o.scenario.name}: the API was not healthy after it ({o.health_detail})")
    return reasons


# --- main -------------------------------------------------------------------------------------


def parse_scenario(method: str, value: str) -> Scenario:
    try:
        requests, concurrency = (int(part) for part in value.split(":"))
    except ValueError as exc:
        raise ValueError(f"{value!r}: expected REQUESTS:CONCURRENCY, e.g. 300:100") from exc
    if not (1 <= requests <= MAX_REQUESTS and 1 <= concurrency <= MAX_CONCURRENCY):
        raise ValueError(f"{value!r}: requests 1..{MAX_REQUESTS}, concurrency 1..{MAX_CONCURRENCY}")
    return Scenario(method, requests, concurrency)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--gets",
        nargs="*",
        default=["300:100", "1000:200"],
        metavar="REQUESTS:CONCURRENCY",
        help="GET scenarios, in order (none: no GETs)",
    )
    parser.add_argument(
        "--posts",
        nargs="*",
        default=["50:50"],
        metavar="REQUESTS:CONCURRENCY",
        help="POST /v1/jobs scenarios, after the GETs (none: no POSTs)",
    )
    parser.add_argument("--request-timeout", type=float, default=30, help="seconds per request")
    parser.add_argument(
        "--scenario-timeout", type=float, default=180, help="seconds per scenario; then the rest is cancelled"
    )
    parser.add_argument("--health-timeout", type=float, default=5, help="seconds a health probe may take")
    parser.add_argument("--recover-within", type=float, default=30, help="seconds to poll health after each")
    parser.add_argument("--rate-limit", default="1000000/minute", help="the key's rate limit")
    parser.add_argument("--targets", default="en", help="comma-separated target languages of the jobs")
    parser.add_argument("--source-lang", default="de", help="sent with each job ('auto': detected)")
    parser.add_argument("--storage", choices=["postgres", "sqlite"], default="postgres", help="job store")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES, help="server for --storage postgres")
    parser.add_argument("--database-url", help="use this database as it is (no schema made or dropped)")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS, help="Redis server, without a database number")
    parser.add_argument(
        "--redis-db", type=int, default=12, help="Redis database for this run (must be empty)"
    )
    parser.add_argument("--redis-flush-first", action="store_true", help="empty --redis-db before the run")
    parser.add_argument("--keep-logs", type=Path, help="copy the API log into this folder")
    args = parser.parse_args(argv)
    args.targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    try:
        args.scenarios = [
            *(parse_scenario("GET", value) for value in args.gets),
            *(parse_scenario("POST", value) for value in args.posts),
        ]
    except ValueError as exc:
        parser.error(str(exc))
    timeouts = (args.request_timeout, args.scenario_timeout, args.health_timeout, args.recover_within)
    if not args.scenarios or not args.targets or not all(0 < t <= 900 for t in timeouts):
        parser.error("give at least one scenario and one target; timeouts must be in (0, 900] seconds")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from rich.console import Console

    console = Console(width=max(Console().width, 150))  # room for the table
    run = f"concurrency_{uuid.uuid4().hex[:8]}"
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="interlinear-concurrency-"))
    services = Services(tmp)
    services.cleanups.append(("temporary directory", lambda: shutil.rmtree(tmp, ignore_errors=True)))
    outcomes: list[Outcome] = []
    reasons: list[str] = []
    info: dict[str, Any] = {}
    code = 2
    with sigterm_as_interrupt():
        try:
            console.print(f"run {run}: everything on 127.0.0.1, temporary files in {tmp}")
            broker = prepare_redis(services, args.redis_url, args.redis_db, args.redis_flush_first)
            database_url, storage = prepare_database(services, args, run)
            env = service_env(
                {
                    "database_url": database_url,
                    "broker_url": broker,
                    "translation_queue": f"{run}-translate",  # nobody consumes them: jobs stay queued
                    "summary_queue": f"{run}-summarise",
                    "bulk_queue": f"{run}-bulk",
                }
            )
            with console.status("migrating the database"):
                migrate(database_url)
            with console.status(f"creating an API key for tenant {TENANT!r}"):
                key = create_key(env, tmp, tenant=TENANT, rate_limit=args.rate_limit)
            headers = {"Authorization": f"Bearer {key}"}
            api, base_url = start_api(services, env)
            with console.status("starting the API"):
                wait_for(lambda: api_ready(base_url), 120, "the API's /readyz", api)
                auth = f"API key of tenant {TENANT!r}, rate limit {args.rate_limit}" + check_auth(
                    base_url, headers
                )
            console.print(f"API {base_url} (one uvicorn process), broker {broker}, storage: {storage}")
            info = {
                "storage": storage,
                "storage_short": "SQLite" if database_url.startswith("sqlite") else "PostgreSQL",
                "broker": f"Redis {broker} (flushed after)",
                "auth": auth,
                "load_before": load_before,
                "request_timeout": args.request_timeout,
                "scenario_timeout": args.scenario_timeout,
                "health_timeout": args.health_timeout,
                "recover_within": args.recover_within,
                "versions": versions(),
            }
            asyncio.run(
                run_all(
                    base_url,
                    headers,
                    args.scenarios,
                    args,
                    outcomes,
                    lambda: api.process.poll() is None,
                    console,
                )
            )
            if api.process.poll() is not None:
                reasons.append(f"the API exited during the run (code {api.process.returncode})")
            reasons += failure_reasons(outcomes)
            code = 1 if reasons else 0
            if args.keep_logs:
                args.keep_logs.mkdir(parents=True, exist_ok=True)
                shutil.copy(api.log, args.keep_logs / api.log.name)
            if reasons:
                console.print("[bold]API log, last lines:[/]")
                console.print(log_tail(api.log, 2500) or "(empty)", highlight=False, markup=False)
        except SetupError as exc:
            console.print(f"[red]setup failed:[/] {exc}")
        except KeyboardInterrupt:
            console.print("[yellow]interrupted: stopping everything[/]")
            code = 130
        finally:
            with console.status("stopping the API, cleaning up"):
                problems = services.close()
            for problem in problems:
                console.print(f"[yellow]{problem}[/]")
    if outcomes:
        report(outcomes, info, console)
    if code == 1:
        console.print("[bold red]exit 1:[/]")
        for reason in reasons:
            console.print(f"  {reason}", highlight=False)
    elif code == 0:
        console.print("exit 0: every answer was 2xx or 503, and the API was healthy after every scenario")
    return code


if __name__ == "__main__":
    sys.exit(main())
