"""The prose checks: figures stated in the text, the fee notice, and the years named.

Each check is compiled once per rule set (:func:`plan`): its patterns with
their anchors, the columns of the table figures it compares with, and its
reasons for not being evaluated that name no cell, the same records for
every report.  A report's status and record come from one reading: the
figures found (:class:`Hit`), the denial or mention found, the years found.
The texts are read by :mod:`._texts`, in time linear in their length.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from govinfo_report.rules._checks import ConditionalMention, Narrative, YearCheck
from govinfo_report.rules._codes import NotEvaluatedReason
from govinfo_report.rules._columns import column
from govinfo_report.rules._details import fill, not_evaluated, not_evaluated_cells
from govinfo_report.rules._narrative import (
    chinese_number,
    excerpt,
    opening_year_spans,
    opening_years,
    period_spans,
    period_years,
    year_spans,
    years,
)
from govinfo_report.rules._records import (
    CellInvolved,
    Evidence,
    NotEvaluated,
    Violation,
    format_number,
)
from govinfo_report.rules._texts import ProseText, Texts, compiled_pattern
from govinfo_report.schema import CellValue

if TYPE_CHECKING:
    from govinfo_report.rules._rule import RuleInstance
    from govinfo_report.schema import Report

__all__ = [
    "MAX_DIGITS",
    "Hit",
    "MentionPlan",
    "ProsePlan",
    "conditional_outcome",
    "narrative_hits",
    "narrative_outcome",
    "plan",
    "year_outcome",
]

MAX_DIGITS = 12
"""A figure of more digits is no count: it disagrees with any table value."""

Hit: TypeAlias = tuple[int, int, int | None, tuple[CellValue, ...], bool]
"""A figure found in the prose: (start, end, figure, the table's readings, agrees).

The figure is ``None`` when it has more than :data:`MAX_DIGITS` digits.
"""

_NO_MENTION = NotEvaluatedReason.NO_MENTION
_NO_TEXT = NotEvaluatedReason.NO_TEXT
_NO_YEAR = NotEvaluatedReason.NO_YEAR
_PART_ZH = {"title": "标题", "period": "统计期限", "narrative": "正文"}
_ALL_SECTIONS = (1, 2, 3, 4, 5, 6)

# --- compiled once per rule set ------------------------------------------------------


@attrs.frozen
class MentionPlan:
    """A mention compiled: its pattern, its anchor, whether it states a figure, its readings.

    Attributes:
        regex: The compiled pattern.
        need: The longest literal every match holds (``""`` if none): only
            the sentences that hold it are searched.
        numeric: Whether the pattern captures a figure (group ``n``); else it states 0.
        readings: The accepted readings, each a sum of cells ``((column, coefficient), …)``.
    """

    regex: re.Pattern[str]
    need: str
    numeric: bool
    readings: tuple[tuple[tuple[int, int], ...], ...]


@attrs.frozen
class ProsePlan:
    """A prose check compiled once per rule set.

    Attributes:
        mentions: A figure check's mentions, compiled (else ``()``).
        condition: The column of a fee check's condition cell (else ``-1``).
        reasons: The records of the reasons for not evaluating the check
            that name no cell (no mention, no text, no year), which are the
            same for every report.
    """

    mentions: tuple[MentionPlan, ...]
    condition: int
    reasons: Mapping[NotEvaluatedReason, NotEvaluated]


def plan(instance: RuleInstance) -> ProsePlan:
    """Compile a prose check: its patterns, the columns it reads and its fixed reasons."""
    check = instance.check
    if isinstance(check, Narrative):
        mentions = []
        for mention in check.mentions:
            regex, need = compiled_pattern(mention.pattern)
            readings = tuple(
                tuple((column(t.path), t.coef) for t in alternative)
                for alternative in mention.expect
            )
            mentions.append(MentionPlan(regex, need, "n" in regex.groupindex, readings))
        reason = not_evaluated(
            instance,
            _NO_MENTION,
            f"无法评估：正文未提及（{instance.label_zh}）",
            f"not evaluated: the prose does not state the figure ({instance.label_en})",
        )
        return ProsePlan(tuple(mentions), -1, {_NO_MENTION: reason})
    if isinstance(check, ConditionalMention):
        reason = not_evaluated(
            instance,
            _NO_TEXT,
            f"无法评估：文本中没有第{check.section}部分",
            f"not evaluated: section {check.section} is not in the text",
        )
        return ProsePlan((), column(check.condition), {_NO_TEXT: reason})
    assert isinstance(check, YearCheck)
    part = check.part
    reasons = {
        _NO_YEAR: not_evaluated(
            instance,
            _NO_YEAR,
            "无法评估：报告年度未知",
            "not evaluated: the report's year is not known",
        ),
        _NO_TEXT: not_evaluated(
            instance,
            _NO_TEXT,
            "无法评估：文本中没有标题",
            "not evaluated: the text has no title",
        ),
        _NO_MENTION: not_evaluated(
            instance,
            _NO_MENTION,
            f"无法评估：{_PART_ZH.get(part, part)}中没有年份",
            f"not evaluated: the {part} states no year",
        ),
    }
    return ProsePlan((), -1, reasons)


# --- figures in the prose ------------------------------------------------------------

_FORM_DIGITS = re.compile("[0-9０-９]+")


def _figure(printed: str) -> tuple[int | None, bool]:
    """Return (value, readable): ``(None, True)`` for a figure of more than MAX_DIGITS digits.

    Only ASCII and full-width digits are digits of a figure: a pattern's
    ``\\d`` also matches those of other scripts (``١٢``), which are no figure.
    """
    if printed.isdigit():
        if _FORM_DIGITS.fullmatch(printed) is None:
            return None, False
        if len(printed) > MAX_DIGITS:
            return None, True
        return int(printed), True
    value = chinese_number(printed)
    return value, value is not None


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


def narrative_hits(plan: ProsePlan, prose: ProseText, values: Sequence[Any]) -> list[Hit]:
    """Return every figure the prose states for a figure check, in text order.

    Each mention is searched for in the sentences that hold its anchor.
    """
    text = prose.text
    hits: list[Hit] = []
    for mention in plan.mentions:
        windows = prose.windows(mention.need)
        if not windows:
            continue
        regex = mention.regex
        readings: tuple[CellValue, ...] | None = None
        for start, end in windows:
            m = regex.search(text, start, end)
            while m is not None:
                a, b = m.span()
                figure, readable = _figure(m["n"]) if mention.numeric else (0, True)
                if readable:
                    if readings is None:
                        readings = _readings(mention.readings, values)
                    agrees = figure in readings or all(r is None for r in readings)
                    hits.append((a, b, figure, readings, agrees))
                b = max(b, a + 1)  # like finditer: on after an empty match
                m = regex.search(text, b, end) if b < end else None
    if len(hits) > 1:
        hits.sort(key=lambda hit: (hit[0], hit[1]))
    return hits


def narrative_outcome(
    instance: RuleInstance,
    plan: ProsePlan,
    prose: ProseText,
    values: Sequence[Any],
    cells_of: Callable[[], list[CellInvolved]],
) -> Violation | NotEvaluated | None:
    """Return the violation, the reason for not evaluating, or ``None`` when the prose agrees.

    *prose* is the text the check reads; *cells_of* returns the table
    cells the check compares with (built only when the record needs them).
    """
    hits = narrative_hits(plan, prose, values)
    if not hits:
        return plan.reasons[_NO_MENTION]
    known = [hit for hit in hits if any(r is not None for r in hit[3])]
    if known and all(hit[4] for hit in known):
        return None
    cells = cells_of()
    if not known:
        return not_evaluated_cells(instance, [c for c in cells if c.value is None])
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
    instance: RuleInstance,
    plan: ProsePlan,
    values: Sequence[Any],
    cell_of: Callable[[], CellInvolved],
    report: Report,
) -> Violation | NotEvaluated | None:
    """Check that section *n* reports fee notices when the condition cell is above 0.

    *cell_of* returns the condition cell (built only when the record needs it).
    """
    check = instance.check
    assert isinstance(check, ConditionalMention)
    value = values[plan.condition]
    if value is None:
        return not_evaluated_cells(instance, [cell_of()])
    if not value > 0:
        return None
    section = report.sections[check.section - 1]
    if section.heading is None and not section.text:
        return plan.reasons[_NO_TEXT]
    text = section.text
    deny = compiled_pattern(check.deny)[0].search(text)
    if deny is None and compiled_pattern(check.require)[0].search(text) is not None:
        return None
    cell = cell_of()
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


def year_outcome(
    instance: RuleInstance, plan: ProsePlan, texts: Texts
) -> Violation | NotEvaluated | None:
    """Check the years the title, the 统计期限 or the narrative names against the report's year.

    The years named are found first (without their places); where they
    are read again to tell where, only when one of them is wrong.
    """
    check = instance.check
    assert isinstance(check, YearCheck)
    report = texts.report
    t = report.meta.year
    if t is None:
        return plan.reasons[_NO_YEAR]
    part = check.part
    if part == "title":
        title = report.meta.title
        if not title:
            return plan.reasons[_NO_TEXT]
        found = years(title)
        allowed = {t}
    else:
        prose = texts.joined(_ALL_SECTIONS, True)
        if part == "period":
            found = period_years(prose.text)
            allowed = {t}
        else:
            found = opening_years(prose.text, _body(prose))
            allowed = {t - 1, t, t + 1}
    if not found:
        return plan.reasons[_NO_MENTION]
    if found <= allowed:
        return None
    return _year_violation(instance, part, texts, t, allowed)


def _body(prose: ProseText) -> int:
    """Where the sections start in the front matter and sections joined (after the preamble)."""
    if prose.numbers == (0,):
        return len(prose.text)
    return prose.starts[1] if prose.numbers[:1] == (0,) and len(prose.starts) > 1 else 0


def _year_violation(
    instance: RuleInstance, part: str, texts: Texts, t: int, allowed: set[int]
) -> Violation:
    """The record of a year check that found a year not *allowed*, with every year found."""
    if part == "title":
        title = texts.report.meta.title
        assert title
        prose = ProseText([(-1, title)])
        spans = year_spans(title)
    else:
        prose = texts.joined(_ALL_SECTIONS, True)
        if part == "period":
            spans = period_spans(prose.text)
        else:
            body = _body(prose)
            spans = [s for s in opening_year_spans(prose.text) if s[0] >= body]
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
