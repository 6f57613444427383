"""Finding the label that starts at a token: whole, broken over several tokens, glued or cut off.

A label may be printed in one cell, broken over several (``商业`` /
``企业``), glued to the next (``信息内容本年处理决定数量``), followed by an
annotation (``现行有效件数 (历史累计)``) or cut off by the end of the text;
:func:`match_label` tells which, and which label (or labels) it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from govinfo_report.codecs._cell_text import NUMBER_START, ORDINAL_LABEL, clean_text, is_value
from govinfo_report.codecs._form_labels import LABELS, PREFIXES, T3_NOTE, Label
from govinfo_report.codecs._tokens import Token, TokenKind, joined, next_cell
from govinfo_report.schema import match_key

__all__ = ["LabelMatch", "match_label", "pick_label"]

_LONGEST_LABEL = max(map(len, LABELS))
_NOTE_KEY = match_key("本列数据的勾稽关系为")


def pick_label(labels: Sequence[Label], table: str | None) -> Label:
    for label in labels:
        if label.table == table:
            return label
    return labels[0]


class LabelMatch(NamedTuple):
    labels: tuple[Label, ...]
    width: int  # the number of tokens the label covers (row ends included)
    variant: bool = False
    truncated: bool = False
    text: str = ""
    # For a whole label (one token), what the feed needs most: the row label it is,
    # or the tables of which it is only a header, title or note.
    row: Label | None = None
    headers: frozenset[str] = frozenset()


_WHOLE = {
    key: LabelMatch(
        tuple(labels),
        1,
        any(label.variant for label in labels),
        row=labels[0] if len(labels) == 1 and labels[0].kind == "row" else None,
        headers=frozenset(lb.table for lb in labels)
        if all(lb.kind in ("header", "title", "note") for lb in labels)
        else frozenset(),
    )
    for key, labels in LABELS.items()
    if not any(other != key and other.startswith(key) for other in LABELS)
}
"""The labels no longer label starts with: one token holding one of them is that label."""


def _segment(key: str) -> list[str] | None:
    """Cover *key* with two or three label keys (``信息内容本年处理决定数量``)."""
    if len(key) > 80:
        return None

    def go(rest: str, depth: int) -> list[str] | None:
        if not rest:
            return []
        if depth == 3:
            return None
        for end in range(len(rest), 0, -1):
            head = rest[:end]
            if head in LABELS:
                tail = go(rest[end:], depth + 1)
                if tail is not None:
                    return [head, *tail]
        return None

    parts = go(key, 0)
    return parts if parts and len(parts) > 1 else None


def match_label(tokens: Sequence[Token], i: int, table: str | None) -> LabelMatch | None:
    """The label that starts at ``tokens[i]`` (read in *table*), or ``None`` if none does."""
    whole = _WHOLE.get(match_key(tokens[i].text))
    if whole is not None:  # a whole label that no longer label starts with
        return whole
    n = len(tokens)
    acc = ""
    best: tuple[str, int] | None = None
    j = i
    used = 0
    last_cell = i
    while j < n and used < 12:
        token = tokens[j]
        if token.kind is TokenKind.ROW_END:
            j += 1
            continue
        if token.kind is TokenKind.VALUE:
            break
        key = match_key(token.text)
        if not key:
            break
        if used and (
            (
                NUMBER_START.match(clean_text(token.text)) is not None
                and ORDINAL_LABEL.match(clean_text(token.text)) is None
            )
            or acc + key not in PREFIXES
        ):
            break
        acc += key
        used += 1
        last_cell = j
        if acc in LABELS:
            best = (acc, j + 1)
        if acc not in PREFIXES:
            break
        j += 1
    if best is not None:
        labels = tuple(LABELS[best[0]])
        return LabelMatch(labels, best[1] - i, variant=any(lb.variant for lb in labels))
    first = match_key(tokens[i].text)
    if first.startswith(_NOTE_KEY):
        return LabelMatch((LABELS[match_key(T3_NOTE)][0],), 1, variant=True)
    parts = _segment(first)
    if parts is not None:
        labels = tuple(pick_label(LABELS[p], table) for p in parts)
        return LabelMatch(labels, 1, variant=True)
    # a label followed by an annotation: 现行有效件数 (历史累计)
    for end in range(min(len(first) - 1, _LONGEST_LABEL), 1, -1):
        head = first[:end]
        if head in LABELS and not first[end].isdigit():
            found = [lb for lb in LABELS[head] if lb.kind in ("header", "row")]
            if found:
                return LabelMatch(tuple(found), 1, variant=True)
            break
    if acc in PREFIXES:
        following = next_cell(tokens, last_cell + 1)
        if following is None:
            return LabelMatch((), n - i, truncated=True, text=joined(tokens, i, last_cell))
        candidates = [k for k in LABELS if k.startswith(acc)]
        if len(acc) >= 4 and len(candidates) == 1 and is_value(following, table):
            labels = tuple(LABELS[candidates[0]])
            return LabelMatch(labels, last_cell + 1 - i, variant=True)
    return None
