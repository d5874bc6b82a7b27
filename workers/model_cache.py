"""The worker's model cache: each model is loaded once per process and reused.

This is the only place that holds loaded models. A Celery worker fills it lazily (or at
``worker_process_init``); the CLI uses its own instance for one run.
"""

from __future__ import annotations

import threading

from service.errors import ModelError
from service.settings import Settings
from workers.engines.base import DecodeOptions, TranslationEngine
from workers.summarise.base import Summariser


class ModelCache:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engines: dict[tuple[str, str | None, str], TranslationEngine] = {}
        self._lock = threading.Lock()
        self.loads = 0  # how many models this cache has loaded (reported in metrics and tests)
        self._summariser: Summariser | None = None

    def engine_for(self, source_lang: str, target_lang: str, model: str | None = None) -> TranslationEngine:
        """The engine for a pair: the configured model, or ``model`` (a hub id or directory) instead."""
        model_id = model or self.settings.model_for(source_lang, target_lang)
        key = (model_id, self.settings.model_revision, self.settings.device)
        with self._lock:
            engine = self._engines.get(key)
            if engine is None:
                from workers.engines.transformers import TransformersEngine

                options = DecodeOptions(
                    batch_size=self.settings.batch_size,
                    beam_size=self.settings.beam_size,
                    max_output_ratio=self.settings.max_output_ratio,
                )
                engine = TransformersEngine(
                    model_id, self.settings.model_revision, self.settings.device, options
                )
                self._engines[key] = engine
                self.loads += 1
            return engine

    def summariser(self) -> Summariser:
        """The configured summariser, loaded once."""
        with self._lock:
            if self._summariser is None:
                if self.settings.summary_method == "abstractive":
                    if not self.settings.summary_model:
                        raise ModelError(
                            "summary_method is abstractive but INTERLINEAR_SUMMARY_MODEL is not set"
                        )
                    from workers.summarise.abstractive import Seq2SeqSummariser

                    self._summariser = Seq2SeqSummariser(
                        self.settings.summary_model, device=self.settings.device
                    )
                    self.loads += 1
                else:
                    from workers.summarise.extractive import ExtractiveSummariser

                    self._summariser = ExtractiveSummariser()
            return self._summariser
