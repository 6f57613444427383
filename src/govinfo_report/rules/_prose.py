"""The prose checks: figures stated in the text, the fee notice, and the years named.

Each check is read the same way for its status and for its record: the
figures found (:class:`Hit`), the denial or mention found, the years found.
A sentence ends with ``。`` or a line break; a mention is looked for only in
the sentences that hold a literal every match of its pattern contains, found
left to right without reading any part of the text twice, so a text is read
in time linear in its length.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

from govinfo_report.rules._checks import ConditionalMention, Narrative, YearCheck
from govinfo_report.rules._codes import NotEvaluatedReason
from govinfo_report.rules._compile import column
from govinfo_report.rules._details import fill, not_evaluated, not_evaluated_cells
from govinfo_report.rules._narrative import (
    chinese_number,
    excerpt,
    opening_year_spans,
    period_spans,
    year_spans,
)
from govinfo_report.rules._records import (
    CellInvolved,
    Evidence,
    NotEvaluated,
    Violation,
    format_number,
)
from govinfo_report.schema import CellValue

if TYPE_CHECKING:
    from govinfo_report.rules._checks import Mention
    from govinfo_report.rules._rule import RuleInstance
    from govinfo_report.schema import Report

__all__ = [
    "MAX_DIGITS",
    "Hit",
    "ProseText",
    "Texts",
    "conditional_outcome",
    "literal_needs",
    "narrative_hits",
    "narrative_outcome",
    "sentence_windows",
    "year_outcome",
]

MAX_DIGITS = 12
"""A figure of more digits is no count: it disagrees with any table value."""

_BREAKS = "。\n"
_BREAK_RE = re.compile("[。\n]")

Hit: TypeAlias = tuple[int, int, int | None, tuple[CellValue, ...], bool]
"""A figure found in the prose: (start, end, figure, the table's readings, agrees).

The figure is ``None`` when it has more than :data:`MAX_DIGITS` digits.
"""

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
def _compiled(pattern: str) -> tuple[re.Pattern[str], str]:
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
        for m in _BREAK_RE.finditer(text):
            out.append((start, m.end()))
            start = m.end()
        if start < len(text):
            out.append((start, len(text)))
        return out
    search = _BREAK_RE.search
    lo = 0  # the end of the last sentence found: a sentence starts there
    i = text.find(need)
    while i >= 0:
        start = max(text.rfind("。", lo, i), text.rfind("\n", lo, i), lo - 1) + 1
        found = search(text, i)
        end = found.end() if found is not None else len(text)
        out.append((start, end))
        lo = end
        i = text.find(need, end)
    return out


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


# --- figures in the prose ------------------------------------------------------------


def _figure(printed: str) -> tuple[int | None, bool]:
    """Return (value, readable): ``(None, True)`` for a figure of more than MAX_DIGITS digits."""
    if printed.isdigit():
        if len(printed) > MAX_DIGITS:
            return None, True
        return int(printed), True
    value = chinese_number(printed)
    return value, value is not None


@functools.cache
def _plan(
    mention: Mention,
) -> tuple[re.Pattern[str], str, bool, tuple[tuple[tuple[int, int], ...], ...]]:
    """Return a mention compiled: its pattern, anchor, whether it states a figure, its readings.

    A reading is a sum of cells: ``((column, coefficient), …)``.
    """
    regex, need = _compiled(mention.pattern)
    readings = tuple(tuple((column(t.path), t.coef) for t in alt) for alt in mention.expect)
    return regex, need, "n" in regex.groupindex, readings


def _readings(
    alternatives: tuple[tuple[tuple[int, int], ...], ...], values: Sequence[Any]
) -> tuple[CellValue, ...]:
    """Return the table figure of each reading a mention accepts (``None`` where unknown)."""
    out: list[CellValue] = []
    for alternative in alternatives:
        total: Any = 0
        for j, coef in alternative:
            value = values[j]
            if value is None:
                total = None
                break
            total += coef * value
        out.append(total)
    return tuple(out)


def narrative_hits(check: Narrative, texts: Texts, values: Sequence[Any]) -> list[Hit]:
    """Return every figure the prose states for *check*, in text order."""
    prose = texts.joined(check.sections, check.preamble)
    text = prose.text
    hits: list[Hit] = []
    if not text:
        return hits
    for mention in check.mentions:
        regex, need, numeric, alternatives = _plan(mention)
        readings: tuple[CellValue, ...] | None = None
        for start, end in prose.windows(need):
            m = regex.search(text, start, end)
            while m is not None:
                a, b = m.span()
                figure, readable = _figure(m["n"]) if numeric else (0, True)
                if readable:
                    if readings is None:
                        readings = _readings(alternatives, values)
                    agrees = figure in readings or all(r is None for r in readings)
                    hits.append((a, b, figure, readings, agrees))
                b = max(b, a + 1)  # like finditer: on after an empty match
                m = regex.search(text, b, end) if b < end else None
    hits.sort(key=lambda hit: (hit[0], hit[1]))
    return hits


def narrative_outcome(
    instance: RuleInstance,
    hits: list[Hit],
    cells_of: Callable[[], list[CellInvolved]],
    texts: Texts,
) -> Violation | NotEvaluated | None:
    """Return the violation, the reason for not evaluating, or ``None`` when the prose agrees.

    *cells_of* returns the table cells the check compares with (built only
    when the record needs them).
    """
    known = [hit for hit in hits if any(r is not None for r in hit[3])]
    if known and all(hit[4] for hit in known):
        return None
    if not hits:
        return not_evaluated(
            instance,
            NotEvaluatedReason.NO_MENTION,
            f"无法评估：正文未提及（{instance.label_zh}）",
            f"not evaluated: the prose does not state the figure ({instance.label_en})",
        )
    cells = cells_of()
    if not known:
        return not_evaluated_cells(instance, [c for c in cells if c.value is None])
    check = instance.check
    assert isinstance(check, Narrative)
    prose = texts.joined(check.sections, check.preamble)
    evidence: list[Evidence] = []
    for start, end, figure, readings, agrees in hits:
        section, passage = prose.excerpt(start, end)
        evidence.append(Evidence(section, passage, figure, readings, agrees))
    bad = [ev for ev in evidence if not ev.agrees]
    first = bad[0]
    table = next(e for e in first.expected if e is not None)
    diff: int | Decimal | None = None if first.figure is None else first.figure - table
    shown = [format_number(e) for e in dict.fromkeys(first.expected)]
    fields = {
        "label": instance.label_zh,
        "lhs": f"（超过 {MAX_DIGITS} 位的数字）"
        if first.figure is None
        else format_number(first.figure),
        "rhs": "或".join(shown),
        "diff": format_number(diff),
        "absdiff": format_number(None if diff is None else -diff if diff < 0 else diff),
    }
    passages = "；".join(f"“{ev.excerpt}”" for ev in bad)
    zh = fill(instance.message_zh, "正文称 {lhs}，表中为 {rhs}（{label}）：" + passages, **fields)
    fields["label"] = instance.label_en
    fields["rhs"] = " or ".join(shown)
    if first.figure is None:
        fields["lhs"] = f"a number of more than {MAX_DIGITS} digits"
    en = fill(
        instance.message_en, "the prose states {lhs}, the table gives {rhs} ({label})", **fields
    )
    return Violation.of(
        instance, tuple(cells), (first.figure, table, diff), (zh, en), evidence=tuple(evidence)
    )


# --- the fee notice -------------------------------------------------------------------


def conditional_outcome(
    instance: RuleInstance, check: ConditionalMention, cell: CellInvolved, report: Report
) -> Violation | NotEvaluated | None:
    """Check that section *n* reports fee notices when the condition cell is above 0."""
    if cell.value is None:
        return not_evaluated_cells(instance, [cell])
    if not cell.value > 0:
        return None
    section = report.sections[check.section - 1]
    if section.heading is None and not section.text:
        return not_evaluated(
            instance,
            NotEvaluatedReason.NO_TEXT,
            f"无法评估：文本中没有第{check.section}部分",
            f"not evaluated: section {check.section} is not in the text",
        )
    text = section.text
    deny = _compiled(check.deny)[0].search(text)
    if deny is None and _compiled(check.require)[0].search(text) is not None:
        return None
    evidence: tuple[Evidence, ...] = ()
    if deny is not None:
        evidence = (
            Evidence(check.section, excerpt(text, deny.start(), deny.end()), None, (), False),
        )
        zh = (
            f"{cell.label} 为 {cell.value}（发出过收费通知），但第{check.section}部分称“{deny[0]}”"
        )
        en = (
            f"{cell.path} is {cell.value} (fee notices were sent), "
            f"but section {check.section} says {deny[0]!r}"
        )
    else:
        zh = (
            f"{cell.label} 为 {cell.value}（发出过收费通知），"
            f"但第{check.section}部分未报告收费通知或信息处理费情况"
        )
        en = (
            f"{cell.path} is {cell.value} (fee notices were sent), but section {check.section} "
            "does not report fee notices or the processing fee"
        )
    value = format_number(cell.value)
    fields = {
        "label": instance.label_zh,
        "lhs": value,
        "rhs": "0",
        "diff": value,
        "absdiff": value,
    }
    zh = fill(instance.message_zh, zh, **fields)
    fields["label"] = instance.label_en
    en = fill(instance.message_en, en, **fields)
    return Violation.of(instance, (cell,), (cell.value, None, None), (zh, en), evidence=evidence)


# --- years -----------------------------------------------------------------------------

_PART_ZH = {"title": "标题", "period": "统计期限", "narrative": "正文"}
_ALL_SECTIONS = (1, 2, 3, 4, 5, 6)


def year_outcome(
    instance: RuleInstance, check: YearCheck, texts: Texts
) -> Violation | NotEvaluated | None:
    """Check the years the title, the 统计期限 or the narrative names against the report's year."""
    report = texts.report
    t = report.meta.year
    part = check.part
    if t is None:
        return not_evaluated(
            instance,
            NotEvaluatedReason.NO_YEAR,
            "无法评估：报告年度未知",
            "not evaluated: the report's year is not known",
        )
    if part == "title":
        title = report.meta.title
        if not title:
            return not_evaluated(
                instance,
                NotEvaluatedReason.NO_TEXT,
                "无法评估：文本中没有标题",
                "not evaluated: the text has no title",
            )
        prose = ProseText([(-1, title)])
        spans = year_spans(title)
        allowed = {t}
    else:
        prose = texts.joined(_ALL_SECTIONS, True)
        if part == "period":
            spans = period_spans(prose.text)
            allowed = {t}
        else:
            body = prose.starts[1] if prose.numbers[:1] == (0,) and len(prose.starts) > 1 else 0
            if prose.numbers == (0,):
                body = len(prose.text)
            spans = [s for s in opening_year_spans(prose.text) if s[0] >= body]
            allowed = {t - 1, t, t + 1}
    if not spans:
        return not_evaluated(
            instance,
            NotEvaluatedReason.NO_MENTION,
            f"无法评估：{_PART_ZH[part]}中没有年份",
            f"not evaluated: the {part} states no year",
        )
    if all(year in allowed for _, _, year in spans):
        return None
    evidence: list[Evidence] = []
    for start, end, year in spans:
        section, passage = prose.excerpt(start, end, context=10)
        evidence.append(Evidence(section, passage, year, (t,), year in allowed))
    bad = [ev for ev in evidence if not ev.agrees]
    first = bad[0].figure
    assert first is not None
    shown = "、".join(f"{ev.figure}年（“{ev.excerpt}”）" for ev in bad)
    allowed_zh = f"{t}年" if part != "narrative" else f"{t - 1}–{t + 1}年"
    fields = {
        "label": instance.label_zh,
        "lhs": str(first),
        "rhs": str(t),
        "diff": format_number(first - t),
        "absdiff": str(abs(first - t)),
    }
    zh = fill(
        instance.message_zh,
        f"{_PART_ZH[part]}出现 {shown}，报告年度为 {t} 年（应为{allowed_zh}）",
        **fields,
    )
    fields["label"] = instance.label_en
    en = fill(
        instance.message_en,
        f"the {part} names {', '.join(str(ev.figure) for ev in bad)}; the report is for {t}",
        **fields,
    )
    return Violation.of(instance, (), (first, t, first - t), (zh, en), evidence=tuple(evidence))
