"""Glued text in match-key space: the form's labels and headings found in it, and where they lie.

A glued page has lost the marks between its cells; what is left to cut it
by is the labels.  :class:`Keyed` holds the text as matching keys
(:func:`~govinfo_report.schema.match_key`) with the position of every key
character in the text, so that a label found among the keys maps back to
the characters printed.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence
from itertools import compress

import attrs

from govinfo_report.codecs._form_labels import (
    T2_HEADERS,
    T2_TITLES,
    T3_GROUPS,
    T3_HEADERS,
    T3_NOTE,
    T4_HEADERS,
)
from govinfo_report.codecs._sections import HEADING_ALIASES
from govinfo_report.schema import FORMAT_2021, match_key, normalize_text

__all__ = [
    "AMOUNT",
    "DIGITS",
    "MARKS",
    "NOISE",
    "ROWS",
    "STARTS",
    "T3_NOTE",
    "Keyed",
    "find_headings",
    "narrow",
]

_TABLES = {t.key: t for t in FORMAT_2021.tables}
_CN = "一二三四五六"

_T3_GROUPS = (*T3_GROUPS, "（六）其他")
_ROW_ALIASES: dict[str, tuple[str, ...]] = {
    "normative_documents": ("规范性文件",),
    "partial": ("（二）部分公开",),
}
STARTS = {
    "t2": (*T2_TITLES[:1], "信息内容"),
    "t3": ("本列数据的勾稽关系为", "申请人情况"),
    "t4": ("行政复议行政诉讼", "结果维持结果纠正"),
}
NOISE = {
    "t2": tuple(sorted({match_key(t) for t in (*T2_TITLES, *T2_HEADERS)}, key=len)[::-1]),
    "t3": tuple(
        sorted({match_key(t) for t in (T3_NOTE, *T3_HEADERS, *_T3_GROUPS)}, key=len)[::-1]
    ),
    "t4": tuple(sorted({match_key(t) for t in T4_HEADERS}, key=len)[::-1]),
}
_CLOSERS = frozenset("）)”’」』】")
_OPENERS = frozenset("（(“‘「『【")
DIGITS = re.compile(r"[0-9\s/／\\—－–-]*")
"""A row's value text: digits, white space and the one-character markers (``00/00 00``)."""
MARKS = frozenset("/／\\—－–-")
"""The markers glued among digits (a zero printed ``/`` …)."""
AMOUNT = re.compile(r"\s*[0-9][0-9\s]*(?:\.[0-9]+)?")


def _row_keys(table: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (row.key, tuple(match_key(a) for a in (row.label, *_ROW_ALIASES.get(row.key, ()))))
        for row in _TABLES[table].rows
    ]


ROWS = {"t2": _row_keys("t2"), "t3": _row_keys("t3")}


@attrs.frozen
class Keyed:
    """A text in matching-key space, with the position of every key character in the text."""

    text: str
    key: str
    origin: array[int]  # 8 bytes a character: a text of many megabytes stays small

    @classmethod
    def of(cls, text: str) -> Keyed:
        keys = list(map(_KEYS.__getitem__, text))  # each character's key ("" when dropped)
        key = "".join(keys)
        origin = array("q", compress(range(len(text)), keys))
        if len(origin) != len(key):  # a character whose key is longer than one character
            origin = array("q")
            for index, k in enumerate(keys):
                origin.extend([index] * len(k))
        origin.append(len(text))
        return cls(text, key, origin)

    def start(self, k: int) -> int:
        """Text position where a match starting at key position *k* begins.

        Opening brackets and quotes, which the key drops, belong to the label.
        """
        pos = self.origin[k]
        while pos > 0 and self.text[pos - 1] in _OPENERS:
            pos -= 1
        return pos

    def at(self, k: int) -> int:
        """Text position of key position *k* (the end of the text for ``len(key)``)."""
        return self.origin[k]

    def end(self, k_end: int) -> int:
        """Text position just after a match ending (exclusive) at key position *k_end*.

        Closing brackets and quotes, which the key drops, belong to the label.
        """
        if k_end == 0:
            return 0
        pos = self.origin[k_end - 1] + 1
        while pos < len(self.text) and self.text[pos] in _CLOSERS:
            pos += 1
        return pos

    def key_at(self, pos: int) -> int:
        """The first key position at or after text position *pos*."""
        lo, hi = 0, len(self.key)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.origin[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def find(self, needles: Sequence[str], start: int, stop: int) -> tuple[int, int] | None:
        """The earliest (then longest) of *needles* in ``key[start:stop]`` as key positions."""
        best: tuple[int, int] | None = None
        for needle in needles:
            if not needle:
                continue
            k = self.key.find(needle, start, stop)
            if k < 0:
                continue
            if best is None or k < best[0] or (k == best[0] and k + len(needle) > best[1]):
                best = (k, k + len(needle))
        return best


def find_headings(keyed: Keyed) -> dict[int, tuple[int, int]]:
    """Section → (key start, key end) of its heading, found in order (with an ordinal)."""
    found: dict[int, tuple[int, int]] = {}
    position = 0
    for number in range(1, 7):
        aliases = [match_key(a) for a in HEADING_ALIASES[number]]
        hit = keyed.find([_CN[number - 1] + a for a in aliases], position, len(keyed.key))
        if hit is None:
            hit = keyed.find([str(number) + a for a in aliases], position, len(keyed.key))
        if hit is not None:
            found[number] = hit
            position = hit[1]
    return found


def narrow(text: str) -> str:
    """*text* with full-width digits, points and spaces made ASCII, character for character."""
    if text.isascii():
        return text
    return "".join(map(_NARROW.__getitem__, text))


class _PerCharacter(dict[str, str]):
    """A function of one character, each worked out once (up to :data:`_REMEMBERED` kept)."""

    def __init__(self, func: Callable[[str], str]) -> None:
        super().__init__()
        self.func = func

    def __missing__(self, char: str) -> str:
        if len(self) >= _REMEMBERED:  # hostile text of many distinct characters
            self.clear()
        value = self[char] = self.func(char)
        return value


def _narrow_char(char: str) -> str:
    """The character as the form normalises it (``normalize_text``), when it stays one.

    Full-width digits, points and spaces become ASCII; ``₃``, ``³`` and ``①`` stay as
    printed, for only ASCII and full-width digits are digits of this form.
    """
    normal = normalize_text(char)
    return normal if len(normal) == 1 else char


_REMEMBERED = 1 << 16
_NARROW = _PerCharacter(_narrow_char)
_KEYS = _PerCharacter(match_key)
