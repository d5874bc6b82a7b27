"""Where an en+ko job's time goes, per stage and per route (issue 26).

Run from anywhere: ``python benchmarks/stages.py [--articles 3] [--sentences 10]``. A script, not
a test. The embedded service (API and its in-process worker, one runner thread, SQLite in a
temporary folder, keys off) translates ``--articles`` German articles of ``--sentences``
newstest2019 sentences each with ``targets: ["en", "ko"]``, one after another, with the registry's
routes on random-weight models of the real shapes (``bench_models.py``, cached): de→en the
opus-mt-de-en shape, de→ko via en (the de-en model, then the tc-big en-ko shape), CTranslate2 int8.

Each stage is timed where the service calls it (wrapped for the run): parse (the API reading the
article), memory lookup, engine per model (the hops), checks per sentence and per article,
store (saving translations), summaries. Times are busy seconds summed over the run; the engine
decodes in its own thread while the task stores the chunk before, so the stages can add up to a
little more than the jobs' wall time; "the rest" is the jobs' time that no stage covers (queue,
commits, reading the document, job records).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_models
from machine import cpu_model

REPO_ROOT = Path(__file__).resolve().parents[1]
if sys.path[0] != str(REPO_ROOT):  # before benchmarks/, whose service.py would shadow the package
    sys.path.insert(0, str(REPO_ROOT))

SPENT: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
_lock = threading.Lock()


def timed(name: Callable[..., str] | str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            label = name(*args, **kwargs) if callable(name) else name
            with _lock:
                SPENT[label] += time.perf_counter() - start
                CALLS[label] += 1

    return wrapper


def instrument() -> None:
    """Wrap each stage where the service calls it. Engine time is per hop (de→en counts the ``en``
    target and the Korean pivot's first hop together)."""
    import service.usecases.intake as intake
    import workers.document_translation as translation
    import workers.task_bodies as bodies
    from workers.engines.ctranslate2 import CTranslate2Engine

    intake.read_article = timed("parse", intake.read_article)  # type: ignore[assignment]
    translation.memory_matches = timed("memory lookup", translation.memory_matches)  # type: ignore[assignment]
    translation._flags = timed("checks (per sentence)", translation._flags)  # type: ignore[assignment]
    translation.flag_article = timed("checks (per article)", translation.flag_article)  # type: ignore[assignment]
    translation.save_translations = timed("store", translation.save_translations)  # type: ignore[assignment]
    bodies.summarise_document = timed("summaries", bodies.summarise_document)  # type: ignore[assignment]

    CTranslate2Engine.translate = timed(  # type: ignore[method-assign]
        lambda engine, sentences, source, target: f"engine {source}→{target}", CTranslate2Engine.translate
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=10)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2, help="CTranslate2 threads")
    parser.add_argument("--model-cache", type=Path, default=bench_models.DEFAULT_CACHE)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ["HF_HUB_OFFLINE"] = "1"
    import engines as engine_bench

    dirs = {
        name: bench_models.model_dirs(name, args.model_cache)[1] for name in ("opus-mt-de-en", "tc-big-en-ko")
    }
    german = engine_bench.read_lines(engine_bench.SOURCE_FILE)[-args.articles * args.sentences :]
    articles = [
        f"Meldung {i + 1}\n\n" + " ".join(german[i * args.sentences : (i + 1) * args.sentences]) + "\n"
        for i in range(args.articles)
    ]
    instrument()
    from fastapi.testclient import TestClient

    from service.api.app import create_app
    from service.settings import Settings

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="interlinear-stages-") as tmp:
        settings = Settings(
            database_url=f"sqlite:///{tmp}/stages.db", broker_url="memory://", auth_required=False,
            engine="ctranslate2",
            models={"de-en": str(dirs["opus-mt-de-en"]), "en-ko": str(dirs["tc-big-en-ko"])},
            engine_threads=args.threads, model_store=Path(tmp) / "store",
        )  # fmt: skip
        app = create_app(settings)
        walls = []
        with TestClient(app) as client:
            # One untimed job first: loading the models and first-call costs are not a job's.
            body = {
                "text": "Aufwärmen\n\nEin Satz zum Aufwärmen.\n",
                "source_lang": "de",
                "targets": ["en", "ko"],
            }
            warm = client.post("/v1/jobs", json=body).json()
            wait(client, warm["id"])
            SPENT.clear()
            CALLS.clear()
            for text in articles:
                start = time.perf_counter()
                job = client.post(
                    "/v1/jobs", json={"text": text, "source_lang": "de", "targets": ["en", "ko"]}
                )
                state = wait(client, job.json()["id"])
                walls.append(time.perf_counter() - start)
                if state != "succeeded":
                    print(f"a job ended {state}")
                    return 1
        app.state.dispatcher.close()
    total = sum(walls)
    print(
        f"Where the time of {args.articles} German articles x {args.sentences} sentences, targets en+ko, goes"
    )
    print(f"{'stage':34} {'seconds':>8} {'calls':>6} {'of the jobs':>12}")
    for label, seconds in sorted(SPENT.items(), key=lambda item: -item[1]):
        print(f"{label:34} {seconds:8.2f} {CALLS[label]:6d} {seconds / total:12.0%}")
    rest = total - sum(SPENT.values())
    print(f"{'the rest':34} {max(rest, 0.0):8.2f} {'':6} {max(rest, 0.0) / total:12.0%}")
    print(
        f"jobs: {total:.1f} s in all ({', '.join(f'{w:.1f}' for w in walls)}); "
        "os.getloadavg() (1 min) before "
        f"{load_before:.2f}, after {os.getloadavg()[0]:.2f}; CTranslate2 threads {args.threads}; machine "
        f"{cpu_model()}, {os.cpu_count()} cores; random weights: every output runs to the decode cap"
    )
    return 0


def wait(client: Any, job_id: str, timeout: float = 1800) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = str(client.get(f"/v1/jobs/{job_id}").json()["state"])
        if state in ("succeeded", "failed"):
            return state
        time.sleep(0.2)
    return "unfinished"


if __name__ == "__main__":
    sys.exit(main())
