"""Which words changed between two versions of a sentence, for the changes page: each side as
pieces, the changed ones marked (the page shows them as ``<del>`` and ``<ins>``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")  # words, each punctuation mark, and the spaces between


@dataclass(frozen=True)
class Piece:
    text: str
    changed: bool = False


def word_changes(before: str, after: str) -> tuple[list[Piece], list[Piece]]:
    """``(old, new)``: ``before`` and ``after`` as pieces, changed where the words differ (a word
    replaced is removed on the old side and added on the new one)."""
    a, b = TOKEN.findall(before), TOKEN.findall(after)
    old: list[Piece] = []
    new: list[Piece] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        old.append(Piece("".join(a[i1:i2]), op != "equal"))
        new.append(Piece("".join(b[j1:j2]), op != "equal"))
    return _joined(old), _joined(new)


def _joined(pieces: list[Piece]) -> list[Piece]:
    """Runs of one kind as one piece: spaces alone between two changes join them ("<del>am
    Montag</del>", not two marks); a change's spaces at either end, and a change of spaces alone,
    are left unmarked."""
    pieces = [p for p in pieces if p.text]
    for i in range(1, len(pieces) - 1):
        if pieces[i].text.isspace() and pieces[i - 1].changed and pieces[i + 1].changed:
            pieces[i] = Piece(pieces[i].text, True)
    runs: list[Piece] = []
    for piece in pieces:
        if runs and runs[-1].changed == piece.changed:
            runs[-1] = Piece(runs[-1].text + piece.text, piece.changed)
        else:
            runs.append(piece)
    out: list[Piece] = []
    for run in runs:
        core = run.text.strip()
        if not run.changed or core == run.text:
            out.append(run)
            continue
        if not core:  # only spaces changed: nothing an editor reads
            out.append(Piece(run.text))
            continue
        start = run.text.index(core)
        out += [Piece(run.text[:start]), Piece(core, True), Piece(run.text[start + len(core) :])]
    return [p for p in out if p.text]
