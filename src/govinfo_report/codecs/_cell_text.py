"""What a printed cell's text is: a value or (a piece of) a label, and the :class:`Cell` it gives.

The tests here decide, from the text alone, whether a cell of tables 二–四
holds a value (a number, a blank, a marker, short junk) or a label; table
四 has words of its own.  They are cached: readers ask them of every cell.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Callable, Sequence

from govinfo_report.codecs._form_labels import LABELS, PREFIXES
from govinfo_report.codecs._tokens import ABSENT_TEXT, Token, TokenKind
from govinfo_report.schema import MARKERS, Cell, Presence, match_key, strip_artefacts

__all__ = [
    "NUMBER_START",
    "ORDINAL_LABEL",
    "clean_text",
    "is_blank",
    "is_ordinal",
    "is_value",
    "label_fragment",
    "looks_like_prose",
    "padded_after_total",
    "parse_cell",
    "printed_value",
    "row_numbers",
    "starts_an_item",
    "t4_fragment",
    "value_test",
]

_VALUE = operator.attrgetter("value")
_T4_CHARS = frozenset("行政复议诉讼结果维持纠正其他尚未审结总计经直接起后")
_NUMERALS = frozenset("一二三四五六七八九十")
_CN_ORDINAL = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
ORDINAL_LABEL = re.compile(r"^\d+\s*[.、．](?:\s*\D|\s*$)")
"""An item's ordinal (``1.属于…``, or ``2.`` alone, cut from its label): a label, no value."""
NUMBER_START = re.compile(r"^[-+−－]?\s*\d")


@functools.lru_cache(maxsize=8192)
def clean_text(text: str) -> str:
    """A cell's text as matched: artefacts stripped, NFKC, ``&nbsp;`` as space, trimmed."""
    return unicodedata.normalize("NFKC", strip_artefacts(text)).replace("&nbsp;", " ").strip()


def is_blank(token: Token) -> bool:
    """Whether a cell token shows nothing but spaces and artefacts."""
    return not clean_text(token.text)


def is_value(token: Token, table: str | None) -> bool:
    """Whether a cell token is a value (number, blank, marker, short junk), not a label."""
    return token.kind is TokenKind.VALUE or value_test(table)(token.text)


def value_test(table: str | None) -> Callable[[str], bool]:
    """The test whether a cell's text is a value, in *table* (table 四 has its own words)."""
    return _value_in_t4 if table == "t4" else _value_elsewhere


@functools.lru_cache(maxsize=8192)
def _value_in_t4(raw: str) -> bool:
    return _value_like_text(raw, in_t4=True)


@functools.lru_cache(maxsize=8192)
def _value_elsewhere(raw: str) -> bool:
    return _value_like_text(raw, in_t4=False)


def _value_like_text(raw: str, *, in_t4: bool) -> bool:
    text = clean_text(raw)
    if not text or text in MARKERS or raw == ABSENT_TEXT:
        return True
    if NUMBER_START.match(text):
        return ORDINAL_LABEL.match(text) is None
    if text[0] in "(（[【" or _CN_ORDINAL.match(text):
        return False
    key = match_key(text)
    if key in LABELS or not key:
        return not key
    if in_t4 and set(key) <= _T4_CHARS:
        return False
    if len(key) > 2:
        return False
    return key not in PREFIXES or key in _NUMERALS


def parse_cell(text: str, amount: bool) -> Cell:
    """A printed cell's :class:`Cell` (a count, or the 万元 amount when *amount*)."""
    return _parse_amount(text) if amount else _parse_count(text)


@functools.lru_cache(maxsize=8192)
def _parse_count(text: str) -> Cell:
    return Cell.parse(text)


@functools.lru_cache(maxsize=8192)
def _parse_amount(text: str) -> Cell:
    return Cell.parse(text, amount=True)


@functools.lru_cache(maxsize=4096)
def row_numbers(texts: tuple[str, ...], amount: bool) -> tuple[Cell, ...] | None:
    """The cells of a row printed *texts*, when every one is a number (else ``None``)."""
    cells = tuple(map(_parse_amount if amount else _parse_count, texts))
    return None if None in map(_VALUE, cells) else cells


@functools.lru_cache(maxsize=4096)
def t4_fragment(text: str) -> bool:
    """A word of table 四's header, whole or broken (``结果``, ``维持``, ``总``, ``其他结果``)."""
    key = match_key(text)
    return bool(key) and set(key) <= _T4_CHARS and not NUMBER_START.match(clean_text(text))


_ALL_LABEL_KEYS = "\n".join(LABELS)


@functools.lru_cache(maxsize=4096)
def label_fragment(text: str) -> bool:
    """A piece of one of the form's labels (``)项``, ``予公开``): never a value's text."""
    key = match_key(text)
    return bool(key) and not any(ch.isdigit() for ch in key) and key in _ALL_LABEL_KEYS


@functools.lru_cache(maxsize=8192)
def printed_value(raw: str) -> bool:
    """A number (notes, units, damage allowed) or a marker: the cells PDF text can show."""
    if raw == ABSENT_TEXT or _parse_count(raw).presence in (Presence.NUMBER, Presence.MARKER):
        return True
    text = clean_text(raw)
    return NUMBER_START.match(text) is not None and ORDINAL_LABEL.match(text) is None


def is_ordinal(text: str) -> bool:
    """Whether a cell's text is an item's ordinal (``2.``, ``2.其他…``): a label, never a value."""
    return ORDINAL_LABEL.match(clean_text(text)) is not None


def padded_after_total(values: Sequence[Token], columns: int) -> bool:
    """Whether the empty cells ending a row of table 三 pad it after its 总计.

    A row of seven cells whose last printed number, not 0, is the sum of
    the cells printed before it (a blank or a marker counting as none) ends
    with its 总计: the empty cells after
    it are the padding of a row that lost cells (``| 3 | 0 | 0 | 0 | 0 | 3 |
    |``), not blank cells of its own, and the row is short.
    """
    if columns != 7 or len(values) != columns or not is_blank(values[-1]):
        return False
    if values[-1].kind is TokenKind.VALUE:
        return False  # a cell of the table's grid (HTML): a blank 总计, no padding
    printed = list(values)
    while printed and is_blank(printed[-1]):
        printed.pop()
    cells = [parse_cell(token.text, False) for token in printed]
    if len(cells) < 2 or any(c.presence is Presence.TEXT for c in cells):
        return False
    numbers = [c.value if isinstance(c.value, int) else 0 for c in cells]  # blank, '/': none
    return numbers[-1] > 0 and numbers[-1] == sum(numbers[:-1])


_GROUP_ORDINAL = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*(?:[）)]|$)")
"""``（六）…``, or ``（七`` cut from its ``）总计`` by a line break."""


def starts_an_item(text: str) -> bool:
    """Whether *text* opens an item of a table: ``1.申请人…``, ``2.``, ``（六）``, ``（七``, ``三、``."""
    return bool(ORDINAL_LABEL.match(text) or _GROUP_ORDINAL.match(text) or _CN_ORDINAL.match(text))


_SENTENCE = re.compile(r"[。；;：:！？!?]")
_MAX_VALUE_TEXT = 24
"""Characters of a text printed where a value belongs (``12件``, ``约20``), at the most."""


def looks_like_prose(text: str) -> bool:
    """Whether *text* is a paragraph or a heading, never a cell's text: a sentence, a long
    text, or one opening an item (``（一）存在的主要问题``)."""
    text = text.strip()
    return len(text) > _MAX_VALUE_TEXT or bool(_SENTENCE.search(text)) or starts_an_item(text)
