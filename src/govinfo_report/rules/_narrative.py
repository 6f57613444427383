"""Reading the prose: where the text is, Chinese numerals, years."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govinfo_report.schema import Report

__all__ = [
    "chinese_number",
    "excerpt",
    "narrative_years",
    "period_years",
    "texts",
    "title_years",
]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """Return the value of a number written in Arabic or Chinese numerals, or ``None``.

    >>> [chinese_number(t) for t in ("19", "十九", "二十五", "一百零三", "两千", "三万五千")]
    [19, 19, 25, 103, 2000, 35000]
    """
    if text.isdigit():
        return int(text)
    total = 0
    section = 0
    digit: int | None = None
    for char in text:
        if char in _DIGITS:
            if digit is not None and digit != 0:  # "二三": not a number
                return None
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        elif char == "万":
            total += (section + (digit or 0)) * 10_000
            section = 0
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def texts(report: Report, sections: tuple[int, ...], *, preamble: bool) -> list[tuple[int, str]]:
    """Return ``(section number, text)`` to read; 0 stands for the front matter."""
    out: list[tuple[int, str]] = []
    if preamble and report.meta.preamble:
        out.append((0, report.meta.preamble))
    for number in sections:
        text = report.sections[number - 1].text
        if text:
            out.append((number, text))
    return out


def excerpt(text: str, start: int, end: int, *, context: int = 12) -> str:
    """Return the matched text with a little context, on one line."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    body = text[left:right].replace("\n", " ")
    return f"{'…' if left else ''}{body}{'…' if right < len(text) else ''}"


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_PERIOD = re.compile(r"统计期限[^。\n]{0,60}")
_OPENING_YEAR = re.compile(
    r"(?:^|[。；！？!?\n])[ \t\u3000]*(?:[（(][一二三四五六七八九十]+[）)]|\d+[、.．])?[ \t\u3000]*((?:19|20)\d{2})\s*年"
)


def title_years(title: str) -> list[tuple[int, str]]:
    """Return ``(year, excerpt)`` for every year in a title."""
    return [(int(m[1]), m[0]) for m in _YEAR.finditer(title)]


def period_years(text: str) -> list[tuple[int, str]]:
    """Return ``(year, excerpt)`` for every year in the 统计期限 phrases of *text*."""
    out: list[tuple[int, str]] = []
    for phrase in _PERIOD.finditer(text):
        out.extend((int(m[1]), phrase[0]) for m in _YEAR.finditer(phrase[0]))
    return out


def narrative_years(text: str) -> list[tuple[int, str]]:
    """Return ``(year, excerpt)`` for every year that opens a sentence of *text*."""
    return [(int(m[1]), excerpt(text, m.start(1), m.end(), context=10)) for m in _OPENING_YEAR.finditer(text)]
