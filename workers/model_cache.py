"""The worker's model cache: each model is loaded once per process and reused.

This is the only place that holds loaded models. A Celery worker fills it lazily (or at
``worker_process_init``); the CLI uses its own instance for one run. Each engine comes wrapped in a
:class:`~workers.engines.batching.BatchingEngine`: the tasks a worker runs in threads share its
engine calls, and a summarising model is used by one thread at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from service.errors import ModelError
from service.model_names import model_name
from service.registry import Hop, ModelSpec, Registry
from service.settings import Settings, default_model_store
from workers.engines.batching import BatchingEngine
from workers.engines.engine import DecodeOptions, TranslationEngine
from workers.engines.pivot import PivotEngine
from workers.summarise.summariser import Summariser, Summary, SummaryRequest

log = logging.getLogger(__name__)


class ModelCache:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engines: dict[tuple[str, str | None, str, str], TranslationEngine] = {}
        self.registry = Registry.load(settings)
        self._lock = threading.Lock()
        self.loads = 0  # how many models this cache has loaded (reported in metrics and tests)
        self._summariser: Summariser | None = None

    def engine_for(self, source_lang: str, target_lang: str, model: str | None = None) -> TranslationEngine:
        """The engine for a pair's route (direct or pivot), or for ``model`` (hub id or directory) instead."""
        if model is not None:
            hops = [Hop(source=source_lang, target=target_lang, spec=ModelSpec(model=model))]
        else:
            hops = self.registry.route(source_lang, target_lang).hops
        engines = [self._load(hop.spec) for hop in hops]
        if len(engines) == 1:
            return engines[0]
        return PivotEngine(engines[0], engines[1], via=hops[0].target)

    def preload(self, pairs: list[str]) -> None:
        """Load the models of ``pairs`` ("de-en") now; a pair that cannot be loaded is logged and left
        to the jobs that need it, which fail with the reason."""
        for pair in pairs:
            source, _, target = pair.strip().partition("-")
            started = time.monotonic()
            try:
                self.engine_for(source, target)
            except Exception as exc:
                log.warning("could not preload %s: %s", pair, exc)
                continue
            log.info("preloaded %s in %.1f s", pair, time.monotonic() - started)

    def _load(self, spec: ModelSpec) -> TranslationEngine:
        key = (spec.model, spec.revision or self.settings.model_revision, spec.engine, self.settings.device)
        with self._lock:
            engine = self._engines.get(key)
            if engine is None:
                options = DecodeOptions(
                    batch_size=self.settings.batch_size,
                    beam_size=self.settings.beam_size,
                    max_output_ratio=self.settings.max_output_ratio,
                )
                engine = BatchingEngine(
                    load_engine(
                        spec,
                        self.settings.device,
                        options,
                        self.settings.model_revision,
                        self.settings.model_store,
                        *self.settings.engine_thread_split(),
                    ),
                    wait=self.settings.batch_wait_ms / 1000,
                    max_tokens=self.settings.batch_max_tokens,
                )
                self._engines[key] = engine
                self.loads += 1
            return engine

    def summariser(self) -> Summariser:
        """The configured summariser, loaded once."""
        method = self.settings.summary_method
        with self._lock:
            if self._summariser is None:
                if method == "extractive":
                    from workers.summarise.extractive import ExtractiveSummariser

                    self._summariser = ExtractiveSummariser()
                    return self._summariser
                if not self.settings.summary_model:
                    raise ModelError(f"summary_method is {method} but INTERLINEAR_SUMMARY_MODEL is not set")
                if method == "abstractive":
                    from workers.summarise.abstractive import Seq2SeqSummariser

                    self._summariser = OneAtATime(
                        Seq2SeqSummariser(self.settings.summary_model, device=self.settings.device)
                    )
                else:
                    from workers.summarise.instruct import InstructSummariser, seq2seq_generate

                    generate, version = seq2seq_generate(self.settings.summary_model, self.settings.device)
                    self._summariser = OneAtATime(
                        InstructSummariser(
                            generate,
                            self.settings.prompts_dir,
                            model_version=f"{model_name(self.settings.summary_model)}@{version}",
                        )
                    )
                self.loads += 1
            return self._summariser


class OneAtATime:
    """A summarising model that the tasks of a threaded worker use in turn."""

    def __init__(self, summariser: Summariser) -> None:
        self.summariser = summariser
        self.method = summariser.method
        self._lock = threading.Lock()

    def summarise(self, request: SummaryRequest) -> Summary:
        with self._lock:
            return self.summariser.summarise(request)


def load_engine(
    spec: ModelSpec,
    device: str,
    options: DecodeOptions,
    default_revision: str | None,
    store: Path | None = None,
    threads: int = 0,
    inter_threads: int = 1,
) -> TranslationEngine:
    """Build the engine a spec names; the only place that knows the engine classes.

    A ``ctranslate2`` spec loads the model's conversion from the model store (made on first use);
    a model CTranslate2 cannot convert falls back to transformers, with a warning that says why.
    """
    revision = spec.revision or default_revision
    if spec.engine == "ctranslate2":
        from workers.engines.convert import NotConvertible
        from workers.engines.ctranslate2 import CTranslate2Engine
        from workers.engines.model_store import converted

        try:
            path = converted(spec.model, revision, device, store or default_model_store())
        except NotConvertible as exc:
            log.warning("%s; translating with the transformers engine instead", exc)
        else:
            return CTranslate2Engine(
                path,
                device=device,
                options=options,
                threads=threads,
                language_codes=spec.codes,
                model_id=spec.model,
                inter_threads=inter_threads,
            )
    from workers.engines.transformers import TransformersEngine

    return TransformersEngine(spec.model, revision, device, options, language_codes=spec.codes)
