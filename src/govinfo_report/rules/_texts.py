"""The texts the prose checks read: sections joined once, split into sentences, and patterns.

A sentence ends with ``。`` or a line break.  A pattern is looked for only
in the sentences that hold a literal every match of it contains (its
anchor), found left to right without reading any part of the text twice,
so a text is read in time linear in its length.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from govinfo_report.rules._narrative import excerpt

if TYPE_CHECKING:
    from govinfo_report.schema import Report

__all__ = [
    "ProseText",
    "Texts",
    "compiled_pattern",
    "literal_needs",
    "sentence_windows",
]

_BREAKS = "。\n"
_BREAK_RE = re.compile("[。\n]")

# --- patterns ------------------------------------------------------------------------


def literal_needs(pattern: str) -> tuple[str, ...]:
    """Return literal strings every match of *pattern* contains (a cheap prefilter).

    Only runs of plain characters outside groups, classes and alternations
    count; a character made optional by a quantifier does not.  When in
    doubt the answer is ``()``, which filters nothing.

    >>> literal_needs(r"(?:无|未发生)[^，。]{0,20}?行政复议(?!后)")
    ('行政复议',)
    >>> literal_needs(r"上一?年度?结转")
    ('上', '年', '结转')
    >>> literal_needs(r"a|b")
    ()
    """
    if re.search(r"\(\?[aiLmsux-]+[):]", pattern):
        return ()
    out: list[str] = []
    run: list[str] = []
    depth = 0
    i = 0
    while i < len(pattern):
        char = pattern[i]
        step = 1
        if char == "\\":
            step = 2
        elif char == "[":
            end = _class_end(pattern, i)
            if end < 0:
                return ()
            step = end + 1 - i
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return ()
        elif char in "?*{":
            if char == "{":
                bounds = re.match(r"\{\d*(?:,\d*)?\}", pattern[i:])
                if bounds is None:
                    return ()
                step = bounds.end()
            if run and depth == 0:
                run.pop()  # the previous character is optional
        elif char not in "+.^$|" and depth == 0:
            run.append(char)
            i += 1
            continue
        if run:
            out.append("".join(run))
            run.clear()
        i += step
    if run:
        out.append("".join(run))
    return tuple(out)


def _class_end(pattern: str, start: int) -> int:
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i
        i += 1
    return -1


@functools.cache
def compiled_pattern(pattern: str) -> tuple[re.Pattern[str], str]:
    """Return the compiled pattern and its anchor: the longest literal it needs ("" if none).

    An anchor never holds a sentence break, so it lies in the sentence of the match.
    """
    needs = [n for n in literal_needs(pattern) if not any(b in n for b in _BREAKS)]
    return re.compile(pattern), max(needs, key=len, default="")


# --- texts and sentences -------------------------------------------------------------


class ProseText:
    """Some sections' texts joined by blank lines, with where each section and sentence starts.

    Attributes:
        text: The joined text.
        starts: The offset of each part.
        numbers: The section number of each part (0: the front matter; -1: the title).
    """

    __slots__ = ("_windows", "numbers", "starts", "text")

    def __init__(self, parts: Sequence[tuple[int, str]]) -> None:
        self.text = "\n\n".join(t for _, t in parts)
        starts = []
        at = 0
        for _, t in parts:
            starts.append(at)
            at += len(t) + 2
        self.starts = tuple(starts)
        self.numbers = tuple(n for n, _ in parts)
        self._windows: dict[str, list[tuple[int, int]]] = {}

    def windows(self, need: str) -> list[tuple[int, int]]:
        """Return (start, end) of each sentence that holds *need* (found once per text and need)."""
        got = self._windows.get(need)
        if got is None:
            got = self._windows[need] = _windows(self, need)
        return got

    def locate(self, offset: int) -> tuple[int, int, int]:
        """Return (section number, start, end) of the part holding an offset of the joined text."""
        i = bisect_right(self.starts, offset) - 1
        end = self.starts[i + 1] - 2 if i + 1 < len(self.starts) else len(self.text)
        return self.numbers[i], self.starts[i], end

    def excerpt(self, start: int, end: int, *, context: int = 12) -> tuple[int, str]:
        """Return the section number and an excerpt of the match at ``start:end``."""
        number, lo, hi = self.locate(start)
        return number, excerpt(self.text, start, end, context=context, lo=lo, hi=hi)


def sentence_windows(text: str, need: str) -> list[tuple[int, int]]:
    r"""Return ``(start, end)`` of every sentence of *text* that contains *need*.

    A sentence ends with ``。`` or a line break (included); with ``need=""``
    every sentence is returned.

    >>> sentence_windows("甲。乙丙。\n丙丁", "丙")
    [(2, 5), (6, 8)]
    """
    prose = ProseText([(1, text)])
    return list(_windows(prose, need))


def _windows(prose: ProseText, need: str) -> list[tuple[int, int]]:
    """Return the sentences of the text that hold *need* (every sentence for ``""``).

    Each search starts where the last sentence found ends, and looks back no
    further: the text is read once, however many sentences hold *need*.
    """
    text = prose.text
    out: list[tuple[int, int]] = []
    if not need:
        start = 0
        for brk in _BREAK_RE.finditer(text):
            out.append((start, brk.end()))
            start = brk.end()
        if start < len(text):
            out.append((start, len(text)))
        return out
    search = _BREAK_RE.search
    find = _literal(need).search  # faster than str.find on Chinese text
    lo = 0  # the end of the last sentence found: a sentence starts there
    m = find(text)
    while m is not None:
        i = m.start()
        start = max(text.rfind("。", lo, i), text.rfind("\n", lo, i), lo - 1) + 1
        found = search(text, i)
        end = found.end() if found is not None else len(text)
        out.append((start, end))
        lo = end
        m = find(text, end)
    return out


@functools.lru_cache(maxsize=1024)
def _literal(need: str) -> re.Pattern[str]:
    """The pattern that finds *need* as it is."""
    return re.compile(re.escape(need))


class Texts:
    """The parts of one report the prose checks read, joined once each."""

    __slots__ = ("_joined", "report")

    def __init__(self, report: Report) -> None:
        self.report = report
        self._joined: dict[tuple[tuple[int, ...], bool], ProseText] = {}

    def joined(self, sections: tuple[int, ...], preamble: bool) -> ProseText:
        """Return the front matter (with *preamble*) and *sections*, joined."""
        key = (sections, preamble)
        got = self._joined.get(key)
        if got is None:
            report = self.report
            parts = [(0, report.meta.preamble)] if preamble and report.meta.preamble else []
            parts += [(n, report.sections[n - 1].text) for n in sections]
            got = self._joined[key] = ProseText([(n, t) for n, t in parts if t])
        return got
