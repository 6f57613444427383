"""Reading the prose: where the text is, Chinese numerals, years."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govinfo_report.schema import Report

__all__ = [
    "Span",
    "chinese_number",
    "excerpt",
    "opening_year_spans",
    "opening_years",
    "period_spans",
    "period_windows",
    "period_years",
    "texts",
    "year_spans",
    "years",
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


def excerpt(
    text: str, start: int, end: int, *, context: int = 12, lo: int = 0, hi: int | None = None
) -> str:
    """Return the matched text with a little context, on one line.

    Only ``text[lo:hi]`` is read (a section of a longer text); a match longer
    than 40 characters keeps its first and last 20.
    """
    hi = len(text) if hi is None else hi
    left = max(lo, start - context)
    right = min(hi, end + context)
    if end - start > _LONGEST:
        half = _LONGEST // 2
        body = f"{text[left : start + half]}…{text[end - half : right]}"
    else:
        body = text[left:right]
    body = body.replace("\n", " ")
    return f"{'…' if left > lo else ''}{body}{'…' if right < hi else ''}"


_LONGEST = 40


# Literal-first: the engine skips to each 年, then looks behind for the digits.
_YEAR = re.compile(r"年(?:(?<=(?:19|20)[0-9][0-9]年)|(?<=(?:19|20)[0-9][0-9][ \u3000]年))")
_PERIOD = "统计期限"
_PERIOD_LENGTH = 60
_BREAKS = "。\n"
_BREAK = frozenset(_BREAKS)
_BEFORE_OPENING = frozenset(" \t\u3000）)、.．")
_ORDINAL_BEFORE = re.compile(r"(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．])[ \t\u3000]*$")
_SPACE = " \t\u3000"


def _year_after(before: str) -> str:
    """Look behind a 年 for a year (digits captured) that *before* precedes."""
    return rf"(?<={before}((?:19|20)[0-9][0-9])年)|(?<={before}((?:19|20)[0-9][0-9])[ \u3000]年)"


# The same years as _YEAR, with the digits captured (one of the two groups).
# A 年 after anything but a digit or a space fails at once.
_YEARS = re.compile("年(?<=[0-9 \u3000]年)(?:" + _year_after("") + ")")
# Years after a break or at the start (groups 1-2), or after a character that
# may precede an opening year (groups 3-4: the slow check decides).
_OPENING_YEARS = re.compile(
    "年(?<=[0-9 \u3000]年)(?:"
    + _year_after(f"(?<![^{_BREAKS}])")
    + "|"
    + _year_after("[" + "".join(map(re.escape, sorted(_BEFORE_OPENING))) + "]")
    + ")"
)

Span = tuple[int, int, int]
"""A year found in a text: (start, end, year)."""


def year_spans(text: str) -> list[Span]:
    """Return every ``YYYY年`` (1900–2099) in *text* as (start, end, year).

    >>> year_spans("2024年政府信息公开工作年度报告，2023 年")
    [(0, 5, 2024), (18, 24, 2023)]
    """
    out: list[Span] = []
    for m in _YEAR.finditer(text):
        end = m.end()
        start = end - 5 if text[end - 2].isdigit() else end - 6
        out.append((start, end, int(text[start : start + 4])))
    return out


def period_spans(text: str, years: list[Span] | None = None) -> list[Span]:
    """Return the years inside every 统计期限 phrase of *text* (up to the end of its sentence).

    *years* are the year spans of *text*, when already known.
    """
    i = text.find(_PERIOD)
    out: list[Span] = []
    while i >= 0:
        end = min(len(text), i + _PERIOD_LENGTH)
        for mark in _BREAK:
            j = text.find(mark, i, end)
            if j >= 0:
                end = j
        if years is None:
            out.extend((i + a, i + b, y) for a, b, y in year_spans(text[i:end]))
        else:
            out.extend(span for span in years if i <= span[0] and span[1] <= end)
        i = text.find(_PERIOD, end)
    return out


def _opens(text: str, start: int) -> bool:
    if start == 0 or text[start - 1] in _BREAK:
        return True
    if text[start - 1] not in _BEFORE_OPENING:
        return False
    j = start
    while j > 0 and text[j - 1] in _SPACE:
        j -= 1
    ordinal = _ORDINAL_BEFORE.search(text, max(0, j - 8), j)
    if ordinal is not None:
        j = ordinal.start()
        while j > 0 and text[j - 1] in _SPACE:
            j -= 1
    return j == 0 or text[j - 1] in _BREAK


def opening_year_spans(text: str, years: list[Span] | None = None) -> list[Span]:
    """Return the years that open a sentence or a paragraph (``2022年，我局…``).

    A sentence opens after ``。``; a paragraph after a line break.  An
    ordinal (``（二）``, ``2、``) and spaces may come first.  *years* are
    the year spans of *text*, when already known.

    >>> opening_year_spans("2024年，我局……将于2025年完成。（二）2023年底")
    [(0, 5, 2024), (23, 28, 2023)]
    """
    if years is not None:
        return [span for span in years if _opens(text, span[0])]
    out: list[Span] = []
    for m in _YEAR.finditer(text):
        end = m.end()
        start = end - 5 if text[end - 2].isdigit() else end - 6
        before = text[start - 1] if start else "\n"
        if before in _BREAK or (before in _BEFORE_OPENING and _opens(text, start)):
            out.append((start, end, int(text[start : start + 4])))
    return out


def _values(found: list[tuple[str, str]]) -> set[int]:
    out: set[int] = set()
    for a, b in found:
        out.add(int(a or b))
    return out


def years(text: str) -> set[int]:
    """Return the years of :func:`year_spans`, without their places (faster).

    >>> sorted(years("2024年政府信息公开工作年度报告，2023 年"))
    [2023, 2024]
    """
    return _values(_YEARS.findall(text))


def period_windows(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every 统计期限 phrase, as :func:`period_spans` reads them.

    A phrase starts with 统计期限, so no year straddles its start: the years
    of ``text[start:end]`` are those of the text found from *start* to *end*.

    >>> period_windows("统计期限自2024年1月1日至12月31日。统计期限")
    [(0, 21), (22, 26)]
    """
    find = text.find
    key = _PERIOD[0]  # str.find of one character is the fastest scan
    i = find(key)
    out: list[tuple[int, int]] = []
    end = 0
    while i >= 0:
        if i < end or not text.startswith(_PERIOD, i):
            i = find(key, i + 1)
            continue
        end = min(i + _PERIOD_LENGTH, len(text))
        for mark in _BREAKS:
            j = find(mark, i, end)
            if j >= 0:
                end = j
        out.append((i, end))
        i = find(key, end)
    return out


def period_years(text: str) -> set[int]:
    """Return the years of :func:`period_spans`, without their places (faster).

    >>> sorted(period_years("本报告所列数据统计期限自2024年1月1日至12月31日。2023年"))
    [2024]
    """
    out: set[int] = set()
    for start, end in period_windows(text):
        for a, b in _YEARS.findall(text, start, end):
            out.add(int(a or b))
    return out


def opening_years(text: str, start: int = 0) -> set[int]:
    """Return the years of :func:`opening_year_spans` that start at *start* or later (faster).

    *start* is 0 or follows a line break, so that no year straddles it.

    >>> sorted(opening_years("2024年，我局……将于2025年完成。（二）2023年底"))
    [2023, 2024]
    """
    out: set[int] = set()
    for a, b, c, d in set(_OPENING_YEARS.findall(text, start)):
        if c or d:  # after a space, a bracket or a dot: the slow check decides
            return {year for at, _, year in opening_year_spans(text) if at >= start}
        out.add(int(a or b))
    return out
