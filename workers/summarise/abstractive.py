"""Abstractive summaries from a Hugging Face seq2seq summarisation model (BART, mT5, ...).

The model loads with ``from_pretrained`` from a hub id or a local directory; with
``HF_HUB_OFFLINE=1`` a hub id resolves from the local cache only. Input longer than the
model's limit is never truncated: whole sentences are packed into chunks that fit (a single
sentence that does not fit is split between words), each chunk is summarised, and the chunk
summaries are joined in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from service.model_names import model_name
from workers.engines.hf import load_seq2seq, token_count
from workers.engines.split import pack, split_to_fit
from workers.summarise.summariser import Summary, SummaryRequest, fit_to_limits

METHOD = "abstractive"


class Seq2SeqSummariser:
    method = METHOD

    def __init__(
        self,
        model_id_or_dir: str | Path,
        revision: str | None = None,
        device: str = "cpu",
        max_new_tokens: int = 128,
        *,
        num_beams: int | None = None,  # None: the model's generation config
        prefix: str = "",  # task prefix some models expect, e.g. "summarize: " for T5
    ) -> None:
        import torch

        model_id = str(model_id_or_dir)
        self._torch = torch
        loaded = load_seq2seq(model_id, revision, device)
        self.tokenizer: Any = loaded.tokenizer
        self.model: Any = loaded.model
        self.device = device
        self.model_id = model_name(model_id)  # a directory by its name, not its path on the server
        self.max_new_tokens = max_new_tokens
        self.num_beams = num_beams
        self.prefix = prefix
        self.method_version: str = loaded.revision
        self.max_input_tokens = loaded.max_input_tokens

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` as the model sees it: with the prefix and special tokens."""
        return token_count(self.tokenizer, self.prefix + text)

    def chunks(self, sentences: list[str]) -> list[str]:
        """Pack sentences, in order, into as few chunks as fit the model's input limit."""
        pieces = [p for s in sentences for p in split_to_fit(s, self.count_tokens, self.max_input_tokens)]
        return pack(pieces, self.count_tokens, self.max_input_tokens)

    def summarise(self, request: SummaryRequest) -> Summary:
        if request.output_lang != request.language:
            raise ValueError(
                f"this model summarises in the source language ({request.language}), not "
                f"{request.output_lang}; translate the summary, or use a prompted model"
            )
        sentences = [" ".join(text.split()) for _, text in request.sentences]
        sentences = [s for s in sentences if s]
        empty = not sentences or request.sentence_limit == 0 or request.max_chars == 0
        if empty or request.max_tokens == 0:
            outputs: list[str] = []
        else:
            chunks = self.chunks(sentences)
            budget = self.max_new_tokens
            if request.max_tokens is not None:  # the joined summary stays within max_tokens
                budget = min(budget, max(1, request.max_tokens // len(chunks)))
            outputs = self._generate(chunks, min(budget, self.max_input_tokens - 1))
        text = " ".join(output for output in outputs if output)
        return Summary(
            text=fit_to_limits(text, request.language, request.sentence_limit, request.max_chars),
            sentence_keys=request.keys,
            method=self.method,
            method_version=self.method_version,
        )

    def _generate(self, chunks: list[str], max_new_tokens: int) -> list[str]:
        batch = self.tokenizer(
            [self.prefix + chunk for chunk in chunks], return_tensors="pt", padding=True, truncation=False
        ).to(self.device)
        options: dict[str, Any] = {"max_new_tokens": max_new_tokens}
        if self.num_beams is not None:
            options["num_beams"] = self.num_beams
        with self._torch.inference_mode():
            generated = self.model.generate(**batch, **options)
        return [text.strip() for text in self.tokenizer.batch_decode(generated, skip_special_tokens=True)]
