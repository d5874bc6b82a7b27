"""The reference engine: a Hugging Face seq2seq model run with ``generate``."""

from __future__ import annotations

from typing import Any

from service.errors import ModelError
from service.model_names import model_name
from workers.engines.engine import DecodeOptions, Hypothesis, ModelInfo, TranslatesOnWait
from workers.engines.hf import load_seq2seq, token_count
from workers.engines.oom import decode_splitting_on_oom
from workers.engines.split import ChunkOutput, split_to_fit, translate_in_chunks


class TransformersEngine(TranslatesOnWait):
    """Loads with ``from_pretrained`` from a hub id or a local directory.

    ``HF_HUB_OFFLINE=1`` makes hub ids resolve from the local cache only; a missing model then
    fails with a :class:`ModelError` that says how to get it.
    """

    name = "transformers"

    def __init__(self, model_id: str, revision: str | None = None, device: str = "cpu",
                 options: DecodeOptions | None = None,
                 language_codes: dict[str, str] | None = None) -> None:  # fmt: skip
        import torch

        self.options = options or DecodeOptions()
        # Multilingual models name languages their own way (M2M100 "ko", NLLB "kor_Hang").
        self.codes = dict(language_codes or {})
        self._torch = torch
        loaded = load_seq2seq(model_id, revision, device)
        self.tokenizer: Any = loaded.tokenizer
        self.model: Any = loaded.model
        self.device = device
        self.info = ModelInfo(model_id=model_name(model_id), revision=loaded.revision, engine=self.name)
        self.max_input_tokens = loaded.max_input_tokens
        self.oom_splits = 0  # batches split in half after running out of memory (see engines.oom)

    def count_tokens(self, text: str) -> int:
        return token_count(self.tokenizer, text)

    def split_to_fit(self, sentence: str) -> list[str]:
        """Split a sentence that is longer than the model's input limit; never truncate.

        Splits at clause boundaries first, then between words; each chunk fits the limit.
        """
        return split_to_fit(sentence, self.count_tokens, self.max_input_tokens)

    def translate(self, sentences: list[str], source_lang: str, target_lang: str) -> list[Hypothesis]:
        return translate_in_chunks(
            sentences, self.split_to_fit, lambda texts: self._generate(texts, source_lang, target_lang)
        )

    def _generate(self, texts: list[str], source_lang: str, target_lang: str) -> list[ChunkOutput]:
        """Batched generation, longest first so each batch has little padding; a batch that runs
        out of memory is split and retried (:func:`decode_splitting_on_oom`)."""
        if hasattr(self.tokenizer, "src_lang"):  # multilingual tokenizers mark the source language
            self.tokenizer.src_lang = self.codes.get(source_lang, source_lang)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out: list[ChunkOutput] = [("", 0, 0, None)] * len(texts)
        for start in range(0, len(order), self.options.batch_size):
            batch_ids = order[start : start + self.options.batch_size]
            results, splits = decode_splitting_on_oom(
                lambda batch: self._generate_batch(batch, target_lang),
                [texts[i] for i in batch_ids],
                f"generating on {self.device} with",
            )
            self.oom_splits += splits
            for i, result in zip(batch_ids, results, strict=True):
                out[i] = result
        return out

    def _generate_batch(self, texts: list[str], target_lang: str) -> list[ChunkOutput]:
        """Tokenize, generate and decode one batch; results aligned with ``texts``."""
        batch = self.tokenizer(texts, return_tensors="pt", padding=True, truncation=False).to(self.device)
        input_lengths = batch["attention_mask"].sum(dim=1).tolist()
        max_new = min(self.max_input_tokens - 1, int(self.options.max_output_ratio * max(input_lengths)) + 10)
        with self._torch.inference_mode():
            result = self.model.generate(
                **batch,
                num_beams=self.options.beam_size,
                max_new_tokens=max_new,
                output_scores=True,
                output_logits=True,
                return_dict_in_generate=True,
                length_penalty=1.0,
                **self._lang_kwargs(target_lang),
            )
            scores = self._scores(result)
        generated = result.sequences
        decoded = self.tokenizer.batch_decode(generated, skip_special_tokens=True)
        pad_id = self.tokenizer.pad_token_id
        return [
            (
                decoded[row].strip(),
                int(input_lengths[row]),
                int((generated[row] != pad_id).sum().item()),
                scores[row],
            )
            for row in range(len(texts))
        ]

    def _scores(self, result: Any) -> list[float | None]:
        """Mean log-probability per generated token of each output, from the model's raw logits at
        each step (before logits processors: an end forced at the length cap counts at the model's
        odds, as in CTranslate2), along the beam kept; padding after the end is left out.
        (``sequences_scores`` would divide by a length that counts the start token too.)"""
        logits = getattr(result, "logits", None) or getattr(result, "scores", None)
        if not logits:
            return [None] * len(result.sequences)
        beams = getattr(result, "beam_indices", None)
        steps = self.model.compute_transition_scores(result.sequences, logits, beams, normalize_logits=True)
        if beams is not None:
            keep = beams[:, : steps.shape[1]] >= 0
        else:
            keep = result.sequences[:, -steps.shape[1] :] != self.tokenizer.pad_token_id
        totals = (steps * keep).sum(dim=1)
        counts = keep.sum(dim=1).clamp(min=1)
        return [float(v) for v in (totals / counts).tolist()]

    def _lang_kwargs(self, target_lang: str) -> dict[str, Any]:
        """Multilingual models need the target language forced as the first generated token."""
        if not hasattr(self.tokenizer, "src_lang"):
            return {}  # a bilingual model (Marian/opus-mt)
        code = self.codes.get(target_lang, target_lang)
        get_lang_id = getattr(self.tokenizer, "get_lang_id", None)
        token_id = get_lang_id(code) if callable(get_lang_id) else self.tokenizer.convert_tokens_to_ids(code)
        if token_id is None or token_id == self.tokenizer.unk_token_id:
            raise ModelError(
                f"the model has no language code {code!r} for {target_lang}; set codes in the registry"
            )
        return {"forced_bos_token_id": token_id}
