"""CTranslate2's converter, taught what transformers 5 changed for multilingual tokenizers.

CTranslate2 4.x builds an M2M100 vocabulary from the pieces plus
``special_tokens_map["additional_special_tokens"]``; transformers 5 no longer lists the language
tokens (``__de__``, ``__ko__``, ...) there, so they go missing and the conversion fails on the
vocabulary size. The loader registered here reads every token by its id instead: the pieces, the
language tokens where the tokenizer puts them, and the "madeup" words that fill the embedding.
NLLB (``NllbTokenizer``, a sentencepiece vocabulary with the language codes as added tokens) is
read by CTranslate2's own loader, since ``get_vocab()`` includes added tokens.
"""

from __future__ import annotations

from typing import Any


def register() -> None:
    """Replace CTranslate2's M2M100 loader with :class:`M2M100ById` (idempotent)."""
    from ctranslate2.converters import transformers as converters

    base: type = converters.M2M100Loader

    class M2M100ById(base):
        def get_vocabulary(self, model: Any, tokenizer: Any) -> list[str]:
            languages: dict[str, int] = getattr(tokenizer, "lang_token_to_id", None) or {}
            if not languages:
                tokens: list[str] = super().get_vocabulary(model, tokenizer)
                return tokens
            by_id = {index: token for token, index in tokenizer.get_vocab().items()}
            by_id.update({index: token for token, index in languages.items()})
            size = int(model.config.vocab_size)
            first_madeup = max(languages.values()) + 1
            return [by_id.get(i, f"madeupword{i - first_madeup}") for i in range(size)]

    converters._MODEL_LOADERS["M2M100Config"] = M2M100ById()
