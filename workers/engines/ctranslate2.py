"""The fast engine: a model converted to the CTranslate2 format (see :mod:`workers.engines.convert`),
run with ``ctranslate2.Translator`` and tokenized by the Hugging Face tokenizer saved beside it."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from service.errors import ModelError
from service.model_names import model_name
from workers.engines.convert import quantization_label, read_conversion_record
from workers.engines.engine import DecodeOptions, Hypothesis, ModelInfo, TranslatesOnWait
from workers.engines.hf import local_revision, token_count
from workers.engines.oom import decode_splitting_on_oom, is_out_of_memory
from workers.engines.split import ChunkOutput, split_to_fit, translate_in_chunks

DEFAULT_COMPUTE_TYPE = {"cpu": "int8", "cuda": "float16"}
# Inputs are grouped by length so each ``translate_batch`` call gets a decode cap that fits its
# longest input (the cap applies to a whole call); a group spans at most this many input tokens.
LENGTH_BUCKET = 16
# With several replicas on a CPU (inter_threads > 1), each group is cut into batches of this many
# sentences, which the replicas decode in parallel: the best of benchmarks/ct2_sweep.py's settings
# for both shapes measured (within 7 % of the fastest for each).
REPLICA_BATCH = 8
FALLBACK_INPUT_LIMIT = 512
MISSING_LIBRARY = "cannot be loaded"  # CTranslate2's words for a CUDA library it cannot open

_CONVERT_HINT = (
    "convert a Hugging Face model first: "
    "`python -m workers.engines.convert SOURCE OUTPUT_DIR --quantization int8`"
)


class CTranslate2Engine(TranslatesOnWait):
    """Loads a converted model directory.

    ``compute_type`` defaults to ``int8`` on CPU and ``float16`` on CUDA. ``threads`` is
    CTranslate2's ``intra_threads`` (0: its own default), ``inter_threads`` its ``inter_threads``:
    how many batches it decodes at once, each on ``threads`` threads, sharing the model's weights.
    With more than one, a call's length groups are handed to CTranslate2 together, so that they
    decode in parallel (``benchmarks/ct2_sweep.py`` compares the splits; the service's default,
    :meth:`service.settings.Settings.engine_thread_split`, is one thread per batch and a batch
    per core).
    """

    name = "ctranslate2"

    def __init__(
        self,
        model_dir: str | Path,
        device: str = "cpu",
        compute_type: str | None = None,
        options: DecodeOptions | None = None,
        threads: int = 0,
        language_codes: dict[str, str] | None = None,
        model_id: str | None = None,
        inter_threads: int = 1,
    ) -> None:
        import ctranslate2
        from transformers import AutoTokenizer

        self.options = options or DecodeOptions()
        self.codes = dict(
            language_codes or {}
        )  # the model's own language codes (M2M100 "ko", NLLB "kor_Hang")
        path = Path(model_dir)
        if not (path / "model.bin").is_file():
            raise ModelError(f"{path} is not a CTranslate2 model directory (no model.bin); {_CONVERT_HINT}")
        self.device = device
        self.compute_type = compute_type or DEFAULT_COMPUTE_TYPE.get(device, "default")
        self.conversion = read_conversion_record(path)
        try:
            self.tokenizer: Any = AutoTokenizer.from_pretrained(str(path))
        except (OSError, ValueError) as exc:
            raise ModelError(
                f"cannot load the tokenizer saved in {path}: {exc}; the conversion must copy the "
                f"tokenizer files: {_CONVERT_HINT} --force"
            ) from exc
        try:
            self.translator: Any = ctranslate2.Translator(
                str(path), device=device, compute_type=self.compute_type, intra_threads=threads,
                inter_threads=max(1, inter_threads),
            )  # fmt: skip
            self.inter_threads = max(1, inter_threads)
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(
                f"cannot load CTranslate2 model {path} on {device} as {self.compute_type}: {exc}. "
                "Check the device exists and supports this compute type (pass compute_type, e.g. "
                f"'int8' or 'float32'), or {_CONVERT_HINT} --force"
            ) from exc
        if device.startswith("cuda"):
            self._check_cuda_libraries()
        # The model it was converted from (a hub id), where it came from the model store.
        self.info = ModelInfo(
            model_id=model_name(model_id or str(model_dir)), revision=self._revision(path), engine=self.name
        )
        self.max_input_tokens = self._input_limit()
        self.oom_splits = 0  # groups split in half after running out of memory (see engines.oom)

    def _check_cuda_libraries(self) -> None:
        """Decode one token now: CTranslate2 opens cuBLAS at its first GPU translation, so a machine
        without the CUDA version its build needs fails here, at load, with what to do, rather than
        in every task."""
        token = self.tokenizer.eos_token or "</s>"
        try:
            self.translator.translate_batch([[token] * 8], max_decoding_length=4, min_decoding_length=4)
        except RuntimeError as exc:
            raise ModelError(cuda_library_advice(exc, self.device)) from exc

    def _revision(self, path: Path) -> str:
        """``<source revision>+ct2-<quantization>``, plus ``@<compute type>`` where the weights run
        as another type than they were stored in (the outputs then differ)."""
        if self.conversion is None:  # converted elsewhere: hash the converted files themselves
            revision = local_revision(path) + "+ct2"
            stored = None
        else:
            stored = self.conversion.get("quantization")
            revision = f"{self.conversion['source_revision']}+ct2-{quantization_label(stored)}"
        if self.compute_type not in {stored, "default"}:
            revision += f"@{self.compute_type}"
        return revision

    def _input_limit(self) -> int:
        limits = [
            self.conversion.get("max_input_tokens") if self.conversion else None,
            self.tokenizer.model_max_length,
        ]
        usable = [int(x) for x in limits if isinstance(x, int) and 0 < x < 100_000]
        return min(usable) if usable else FALLBACK_INPUT_LIMIT

    def count_tokens(self, text: str) -> int:
        return token_count(self.tokenizer, text)

    def split_to_fit(self, sentence: str) -> list[str]:
        """Split a sentence that is longer than the model's input limit; never truncate."""
        return split_to_fit(sentence, self.count_tokens, self.max_input_tokens)

    def translate(self, sentences: list[str], source_lang: str, target_lang: str) -> list[Hypothesis]:
        return translate_in_chunks(
            sentences, self.split_to_fit, lambda texts: self._decode(texts, source_lang, target_lang)
        )

    def _decode_cap(self, input_tokens: int) -> int:
        """Like the transformers engine: ``ratio * input + 10`` new tokens, within the model limit."""
        return min(self.max_input_tokens - 1, int(self.options.max_output_ratio * input_tokens) + 10)

    def _decode(self, texts: list[str], source_lang: str, target_lang: str) -> list[ChunkOutput]:
        """Batched decoding, shortest first, in groups of similar length.

        Each group is one ``translate_batch`` call with the decode cap of its longest input;
        CTranslate2 splits a group into batches of about ``batch_size`` inputs of that length
        (``batch_type="tokens"``), so short inputs share larger batches; with several replicas on a
        CPU, into batches of :data:`REPLICA_BATCH` sentences that they decode in parallel, every
        group handed over at once. A group that runs out of
        memory is split and retried (:func:`decode_splitting_on_oom`).
        """
        if hasattr(self.tokenizer, "src_lang"):  # multilingual tokenizers mark the source language
            self.tokenizer.src_lang = self.codes.get(source_lang, source_lang)
        tokens = [self.tokenizer.convert_ids_to_tokens(self.tokenizer(t)["input_ids"]) for t in texts]
        prefix = self._target_prefix(target_lang)
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        groups: list[list[int]] = []
        for i in order:
            if groups and len(tokens[i]) - len(tokens[groups[-1][0]]) < LENGTH_BUCKET:
                groups[-1].append(i)
            else:
                groups.append([i])
        out: list[ChunkOutput] = [("", 0, 0, None)] * len(texts)
        # With several CTranslate2 replicas, every group is handed over at once and they decode in
        # parallel; a group that fails (out of memory) is decoded again on its own, split.
        pending = [self._submit(group, tokens, prefix) for group in groups] if self.inter_threads > 1 else []
        for n, group in enumerate(groups):
            longest = max(len(tokens[i]) for i in group)
            results = self._collect(pending[n]) if pending else None
            if results is None:
                results, splits = decode_splitting_on_oom(
                    partial(self._translate_batch, prefix=prefix, longest=longest),
                    [tokens[i] for i in group],
                    f"decoding on {self.device} with",
                )
                self.oom_splits += splits
            for i, result in zip(group, results, strict=True):
                produced = result.hypotheses[0]
                if prefix and produced[: len(prefix)] == prefix:  # the target language token
                    produced = produced[len(prefix) :]
                ids = self.tokenizer.convert_tokens_to_ids(produced)
                text = self.tokenizer.decode(ids, skip_special_tokens=True)
                # return_scores with length_penalty 1: the log-probability divided by the length
                score = float(result.scores[0]) if result.scores else None
                out[i] = (text.strip(), len(tokens[i]), len(produced), score)
        return out

    def _translate_batch(
        self, batch: list[list[str]], prefix: list[str] | None, longest: int, asynchronous: bool = False
    ) -> list[Any]:
        """One ``translate_batch`` call; results aligned with ``batch``, decode cap of ``longest``
        (``asynchronous``: results to wait for, :meth:`_collect`)."""
        replicas = self.inter_threads > 1 and self.device == "cpu"
        try:
            return list(
                self.translator.translate_batch(
                    batch,
                    target_prefix=[prefix] * len(batch) if prefix else None,
                    max_batch_size=REPLICA_BATCH if replicas else self.options.batch_size * longest,
                    batch_type="examples" if replicas else "tokens",
                    beam_size=self.options.beam_size,
                    max_decoding_length=self._decode_cap(longest),
                    max_input_length=0,  # never truncate: inputs were split to fit already
                    return_end_token=True,  # counted in output_tokens, as the transformers engine does
                    return_scores=True,
                    length_penalty=1,  # scores are mean log-probabilities per token
                    asynchronous=asynchronous,
                )
            )
        except RuntimeError as exc:
            if missing_library(exc):  # not a failure of this input: no input can be decoded
                raise ModelError(cuda_library_advice(exc, self.device)) from exc
            raise

    def _submit(self, group: list[int], tokens: list[list[str]], prefix: list[str] | None) -> list[Any]:
        longest = max(len(tokens[i]) for i in group)
        return self._translate_batch([tokens[i] for i in group], prefix, longest, asynchronous=True)

    def _collect(self, pending: list[Any]) -> list[Any] | None:
        """The results of a group handed over with :meth:`_submit`; None where it ran out of memory
        (the caller decodes it again, split)."""
        try:
            return [result.result() for result in pending]
        except RuntimeError as exc:
            if missing_library(exc):
                raise ModelError(cuda_library_advice(exc, self.device)) from exc
            if is_out_of_memory(exc):
                return None
            raise

    def _target_prefix(self, target_lang: str) -> list[str] | None:
        """Multilingual models need the target language token first, as in the transformers engine."""
        if not hasattr(self.tokenizer, "src_lang"):
            return None  # a bilingual model (Marian/opus-mt)
        code = self.codes.get(target_lang, target_lang)
        get_lang_id = getattr(self.tokenizer, "get_lang_id", None)
        if callable(get_lang_id):  # M2M100: "ko" -> "__ko__"
            return [self.tokenizer.convert_ids_to_tokens(get_lang_id(code))]
        return [code]  # NLLB, mBART: the code is the token


def missing_library(exc: Exception) -> bool:
    """Whether CTranslate2 failed because it could not open a (CUDA) library."""
    return MISSING_LIBRARY in str(exc)


def cuda_library_advice(exc: Exception, device: str) -> str:
    """What to do when CTranslate2 cannot run on ``device``: a CUDA library its build was made for is
    missing (its PyPI wheels are built for CUDA 12 and open ``libcublas.so.12`` by that name)."""
    import ctranslate2

    message = f"CTranslate2 {ctranslate2.__version__} cannot run on {device}: {exc}"
    if missing_library(exc):
        return (
            f"{message}. Its build needs that CUDA library: install it (CUDA 12's cuBLAS: "
            "`pip install nvidia-cublas-cu12`, then put its nvidia/cublas/lib folder on LD_LIBRARY_PATH), "
            "use a CTranslate2 build for this machine's CUDA, or set INTERLINEAR_DEVICE=cpu"
        )
    return f"{message}. Check the GPU is visible (nvidia-smi), or set INTERLINEAR_DEVICE=cpu"
