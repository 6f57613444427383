"""The evaluator: the only code that compares numbers.

A rule set is compiled once (:func:`compile_rules`) into index arrays over
``report.flat_cells`` (200 cells of this year, then 200 of last year's
report, then a constant 0).  :func:`validate` reads the values once, sums
each relation with C-level ``itemgetter``/``sum`` calls and records one
status per instance; the details of a failure (cells, sides, messages) are
worked out only when asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.rules._codes import NotEvaluatedReason, ReasonCode
from govinfo_report.rules._expr import PREVIOUS, Term
from govinfo_report.rules._narrative import (
    chinese_number,
    excerpt,
    narrative_years,
    period_years,
    texts,
    title_years,
)
from govinfo_report.rules._result import (
    CellInvolved,
    Evidence,
    NotEvaluated,
    ValidationResult,
    Violation,
    format_number,
)
from govinfo_report.rules._rule import (
    ConditionalMention,
    Domain,
    Narrative,
    Rule,
    RuleInstance,
    RuleSet,
    YearCheck,
)
from govinfo_report.schema import CELL_PATHS, CELL_SPECS, Cell, CellValue, Presence, Report

if TYPE_CHECKING:
    from govinfo_report.rules._expr import Relation

__all__ = ["Program", "Raw", "compile_rules", "validate"]

_N = len(CELL_PATHS)
_ZERO = 2 * _N  # index of the constant 0 in the value vector
_INDEX = {path: spec.index for path, spec in CELL_SPECS.items()}
_VALUE = attrgetter("value")
_EQ, _LE, _GE = 0, 1, 2
_OPCODE = {"==": _EQ, "<=": _LE, ">=": _GE}
_MAX_REPEAT = 4  # coefficients up to ±4 are unrolled into repeated indices


def _index(path: str) -> int:
    if path.startswith(PREVIOUS):
        return _N + _INDEX[path[len(PREVIOUS) :]]
    return _INDEX[path]


def _getter(indices: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """An itemgetter that always returns a tuple (padded with the constant 0)."""
    while len(indices) < 2:
        indices.append(_ZERO)
    return itemgetter(*indices)


@attrs.frozen
class _Linear:
    k: int
    pos: Callable[[Sequence[Any]], tuple[Any, ...]]
    neg: Callable[[Sequence[Any]], tuple[Any, ...]]
    constant: int
    op: int


@attrs.frozen
class Program:
    """A rule set compiled for evaluation.

    Attributes:
        instances: The rule instances, in order.
        linear: Relations evaluated by index arrays (exact, small coefficients).
        cross: The same for relations that read last year's report.
        bounds: Instance numbers of ``path ≥ 0`` count bounds checked together.
        bound_cells: Their cells, in the same order.
        general: Instance numbers evaluated one by one (tolerances, amounts, prose).

    .. versionadded:: 0.1.0
    """

    instances: tuple[RuleInstance, ...]
    linear: tuple[_Linear, ...]
    cross: tuple[_Linear, ...]
    bounds: tuple[int, ...]
    bound_cells: tuple[int, ...]
    general: tuple[int, ...]
    patterns: dict[str, re.Pattern[str]] = attrs.field(eq=False, repr=False)

    @property
    def bound_getter(self) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
        """The getter of the bound cells' values."""
        return _getter(list(self.bound_cells))


def _fast(instance: RuleInstance, k: int) -> _Linear | None:
    relation = instance.relation
    if relation is None or instance.tolerance.absolute:
        return None
    terms = relation.terms
    if instance.tolerance.mode == "printed" and any(
        CELL_SPECS[t.path.removeprefix(PREVIOUS)].kind == "amount" for t in terms
    ):
        return None
    if any(abs(t.coef) > _MAX_REPEAT for t in terms):
        return None
    pos: list[int] = []
    neg: list[int] = []
    for t in terms:
        (pos if t.coef > 0 else neg).extend([_index(t.path)] * abs(t.coef))
    return _Linear(k, _getter(pos), _getter(neg), relation.constant, _OPCODE[relation.op])


def compile_rules(rules: RuleSet) -> Program:
    """Compile *rules* into index arrays over the flat cells (done once per rule set).

    .. versionadded:: 0.1.0
    """
    instances = rules.instances()
    linear: list[_Linear] = []
    cross: list[_Linear] = []
    bounds: list[int] = []
    bound_cells: list[int] = []
    general: list[int] = []
    patterns: dict[str, re.Pattern[str]] = {}
    for k, instance in enumerate(instances):
        check = instance.check
        if isinstance(check, Domain):
            spec = CELL_SPECS[check.path]
            if check.minimum == 0 and spec.kind == "count" and not check.path.startswith(PREVIOUS):
                bounds.append(k)
                bound_cells.append(spec.index)
                continue
            general.append(k)
            continue
        if isinstance(check, Narrative):
            for m in check.mentions:
                patterns.setdefault(m.pattern, re.compile(m.pattern))
        if isinstance(check, ConditionalMention):
            for p in (check.require, check.deny):
                patterns.setdefault(p, re.compile(p))
        fast = _fast(instance, k) if instance.is_linear else None
        if fast is None:
            general.append(k)
        elif instance.needs_previous:
            cross.append(fast)
        else:
            linear.append(fast)
    return Program(
        instances, tuple(linear), tuple(cross), tuple(bounds), tuple(bound_cells), tuple(general), patterns
    )


# --- the fast pass -------------------------------------------------------------------


class Raw:
    """Statuses of one evaluation (0 pass, 1 fail, 2 not evaluated), details on demand."""

    __slots__ = ("_details", "blank_as_zero", "previous", "program", "report", "status")

    def __init__(
        self,
        program: Program,
        report: Report,
        previous: Report | None,
        blank_as_zero: bool,
        status: tuple[int, ...],
        details: dict[int, Violation | NotEvaluated],
    ) -> None:
        self.program = program
        self.report = report
        self.previous = previous
        self.blank_as_zero = blank_as_zero
        self.status = status
        self._details = details

    def detail(self, k: int) -> Violation | NotEvaluated | None:
        """Return the violation or the reason for instance *k* (``None`` when it passed)."""
        if self.status[k] == 0:
            return None
        try:
            return self._details[k]
        except KeyError:
            pass
        detail = _explain(self.program.instances[k], self)
        self._details[k] = detail  # type: ignore[assignment]
        return detail


def _values(report: Report, previous: Report | None, blank_as_zero: bool) -> list[Any]:
    vals: list[Any] = list(map(_VALUE, report.flat_cells))
    vals += list(map(_VALUE, previous.flat_cells)) if previous is not None else [None] * _N
    vals.append(0)
    if blank_as_zero:
        for base, cells in ((0, report.flat_cells), (_N, previous.flat_cells if previous else ())):
            for i, c in enumerate(cells):
                if c.value is None and c.presence is Presence.BLANK:
                    vals[base + i] = 0
    return vals


def _run_linear(items: tuple[_Linear, ...], vals: list[Any], status: list[int]) -> None:
    for item in items:
        try:
            s = sum(item.pos(vals)) - sum(item.neg(vals)) + item.constant
        except TypeError:  # a cell without a number
            status[item.k] = 2
            continue
        op = item.op
        if (s != 0) if op == _EQ else (s > 0) if op == _LE else (s < 0):
            status[item.k] = 1


def validate(
    report: Report,
    rules: RuleSet | Rule | None = None,
    *,
    previous: Report | None = None,
    blank_as_zero: bool = False,
) -> ValidationResult:
    """Check a report against a rule set; return every outcome, never raise for a broken rule.

    >>> import govinfo_report as gr
    >>> r = gr.Report.from_cells({"t4.suit_direct.upheld": 2, "t4.suit_direct.corrected": 0,
    ...     "t4.suit_direct.other": 1, "t4.suit_direct.pending": 0, "t4.suit_direct.total": 0})
    >>> result = validate(r)
    >>> sorted(result.failed_ids), result.ok
    (['t4.group_sum[suit_direct]'], False)
    >>> v = result.violations[0]
    >>> v.code, v.lhs, v.rhs, v.diff
    (<ReasonCode.SUM: 'govinfo.sum'>, 0, 3, -3)

    Args:
        report: The report.
        rules: A :class:`RuleSet` (or one :class:`Rule`); ``RULES_2021`` by default.
        previous: Last year's report, for the cross-year rules; without it
            they are not evaluated (reason ``no_previous``).
        blank_as_zero: Read blank cells as 0.  Off by default: a blank is a
            missing value, not a zero.  Markers (``/``) and absent cells stay
            unknown either way.

    Returns:
        A :class:`ValidationResult`.

    Raises:
        InvalidArgument: when *report* or *previous* is not a Report, or
            *rules* not a rule set.

    .. versionadded:: 0.1.0
    """
    if rules is None:
        from govinfo_report.rules.builtin import RULES_2021

        rules = RULES_2021
    elif isinstance(rules, Rule):
        rules = RuleSet((rules,))
    if not isinstance(rules, RuleSet):
        msg = f"rules must be a RuleSet or a Rule, got {rules!r}"
        raise InvalidArgument(msg)
    if not isinstance(report, Report):
        msg = f"validate() needs a Report, got {type(report).__name__}"
        raise InvalidArgument(msg)
    if previous is not None and not isinstance(previous, Report):
        msg = f"previous must be a Report or None, got {type(previous).__name__}"
        raise InvalidArgument(msg)
    program = rules.program
    vals = _values(report, previous, blank_as_zero)
    status = [0] * len(program.instances)
    _run_linear(program.linear, vals, status)
    if program.cross:
        if previous is None or _previous_year_mismatch(report, previous):
            for item in program.cross:
                status[item.k] = 2
        else:
            _run_linear(program.cross, vals, status)
    if program.bounds:
        got = program.bound_getter(vals)
        if None in got or min(got) < 0:
            for k, v in zip(program.bounds, got, strict=False):
                if v is None:
                    status[k] = 1 if report.flat_cells[_INDEX[program.instances[k].check.path]].presence is Presence.TEXT else 2  # type: ignore[union-attr]
                elif v < 0:
                    status[k] = 1
    raw = Raw(program, report, previous, blank_as_zero, (), {})
    details: dict[int, Violation | NotEvaluated] = {}
    for k in program.general:
        detail = _explain(program.instances[k], raw)
        if detail is not None:
            details[k] = detail
            status[k] = 1 if isinstance(detail, Violation) else 2
    raw.status = tuple(status)
    raw._details = details  # noqa: SLF001 - the same module
    return ValidationResult(report, rules, previous, blank_as_zero, raw=raw)


def _previous_year_mismatch(report: Report, previous: Report) -> bool:
    t, p = report.meta.year, previous.meta.year
    return t is not None and p is not None and p != t - 1


# --- details ---------------------------------------------------------------------------


def _label(path: str) -> tuple[str, str]:
    spec = CELL_SPECS[path]
    label = spec.short_label
    if spec.table.key != "t3":
        label = f"表{spec.table.number} {label}"
    return label, spec.label_en


def _involved(instance: RuleInstance, term: Term, raw: Raw, role: str | None = None) -> CellInvolved:
    is_prev = term.path.startswith(PREVIOUS)
    path = term.path.removeprefix(PREVIOUS)
    source = raw.previous if is_prev else raw.report
    cell = source.flat_cells[_INDEX[path]] if source is not None else Cell()
    value = _value_of(cell, raw.blank_as_zero)
    label, label_en = _label(path)
    return CellInvolved(
        path=path,
        role=role or instance.role(term.path),
        value=value,
        printed=cell.printed,
        label=f"上年 {label}" if is_prev else label,
        label_en=f"last year, {label_en}" if is_prev else label_en,
        coef=term.coef,
        previous=is_prev,
    )


def _value_of(cell: Cell, blank_as_zero: bool) -> CellValue:
    if cell.value is None and blank_as_zero and cell.presence is Presence.BLANK:
        return 0
    return cell.value


_REASON_ORDER = (
    (Presence.TEXT, NotEvaluatedReason.TEXT),
    (Presence.MARKER, NotEvaluatedReason.MARKER),
    (Presence.BLANK, NotEvaluatedReason.BLANK),
    (Presence.ABSENT, NotEvaluatedReason.ABSENT),
)
_REASON_ZH = {
    NotEvaluatedReason.TEXT: "印为非数字（按原样保留）",
    NotEvaluatedReason.MARKER: "印为标记（按原样保留）",
    NotEvaluatedReason.BLANK: "为空白",
    NotEvaluatedReason.ABSENT: "文本中没有",
}
_REASON_EN = {
    NotEvaluatedReason.TEXT: "is not a number (kept as printed)",
    NotEvaluatedReason.MARKER: "holds a marker (kept as printed)",
    NotEvaluatedReason.BLANK: "is blank",
    NotEvaluatedReason.ABSENT: "is not in the text",
}


def _presence(c: CellInvolved) -> Presence:
    return Cell(None, c.printed).presence if c.value is None else Presence.NUMBER


def _not_evaluated_cells(instance: RuleInstance, unknown: list[CellInvolved]) -> NotEvaluated:
    presences = [_presence(c) for c in unknown]
    reason = next(r for p, r in _REASON_ORDER if p in presences)
    shown = [c for c, p in zip(unknown, presences, strict=True) if p is not Presence.NUMBER]
    zh = "；".join(
        f"{c.label}（{'上年 ' if c.previous else ''}{c.path}）{_REASON_ZH[_reason(p)]}"
        + (f"：“{c.printed}”" if p in (Presence.TEXT, Presence.MARKER) else "")
        for c, p in zip(shown, [_presence(c) for c in shown], strict=True)
    )
    en = "; ".join(
        f"{'previous.' if c.previous else ''}{c.path} {_REASON_EN[_reason(p)]}"
        + (f": {c.printed!r}" if p in (Presence.TEXT, Presence.MARKER) else "")
        for c, p in zip(shown, [_presence(c) for c in shown], strict=True)
    )
    return NotEvaluated(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        reason,
        tuple(shown),
        f"无法评估：{zh}",
        f"not evaluated: {en}",
    )


def _reason(presence: Presence) -> NotEvaluatedReason:
    return next(r for p, r in _REASON_ORDER if p is presence)


def _not_evaluated(
    instance: RuleInstance, reason: NotEvaluatedReason, zh: str, en: str
) -> NotEvaluated:
    return NotEvaluated(
        instance.id, instance.family, instance.binding, instance.severity, reason, (), zh, en
    )


def _explain(instance: RuleInstance, raw: Raw) -> Violation | NotEvaluated | None:
    check = instance.check
    if isinstance(check, Domain):
        return _explain_domain(instance, check, raw)
    if isinstance(check, Narrative):
        return _explain_narrative(instance, check, raw)
    if isinstance(check, ConditionalMention):
        return _explain_conditional(instance, check, raw)
    if isinstance(check, YearCheck):
        return _explain_year(instance, check, raw)
    return _explain_relation(instance, check, raw)


def _fill(template: str | None, fallback: str, **fields: str) -> str:
    text = template if template is not None else fallback
    for key, value in fields.items():
        text = text.replace("{" + key + "}", value)
    return text


def _radius(instance: RuleInstance, cells: Sequence[CellInvolved]) -> Decimal:
    radius = instance.tolerance.absolute
    if instance.tolerance.mode == "printed":
        for c in cells:
            if isinstance(c.value, Decimal):
                exponent = c.value.as_tuple().exponent
                if isinstance(exponent, int):
                    radius += abs(c.coef) * Decimal((0, (5,), exponent - 1))
    return radius


def _explain_relation(instance: RuleInstance, relation: Relation, raw: Raw) -> Violation | NotEvaluated | None:
    if instance.needs_previous:
        if raw.previous is None:
            return _not_evaluated(
                instance,
                NotEvaluatedReason.NO_PREVIOUS,
                "无法评估：未提供上年报告",
                "not evaluated: no previous year's report was given",
            )
        if _previous_year_mismatch(raw.report, raw.previous):
            return _not_evaluated(
                instance,
                NotEvaluatedReason.PREVIOUS_YEAR,
                f"无法评估：上年报告为 {raw.previous.meta.year} 年度，不是 {raw.report.meta.year} 年的上一年",
                f"not evaluated: the previous report is for {raw.previous.meta.year}, "
                f"not the year before {raw.report.meta.year}",
            )
    lhs_cells = [_involved(instance, t, raw) for t in relation.lhs]
    rhs_cells = [_involved(instance, t, raw) for t in relation.rhs]
    cells = [*lhs_cells, *rhs_cells]
    unknown = [c for c in cells if c.value is None]
    if unknown:
        return _not_evaluated_cells(instance, unknown)
    lhs: Any = sum((c.coef * c.value for c in lhs_cells), relation.lhs_constant)  # type: ignore[operator]
    rhs: Any = sum((c.coef * c.value for c in rhs_cells), relation.rhs_constant)  # type: ignore[operator]
    diff = lhs - rhs
    radius = _radius(instance, cells)
    op = relation.op
    holds = abs(diff) <= radius if op == "==" else diff - radius <= 0 if op == "<=" else diff + radius >= 0
    if holds:
        return None
    neg = {"==": "≠", "<=": ">", ">=": "<"}[op]
    fields = {
        "label": instance.label_zh,
        "lhs": format_number(lhs),
        "rhs": format_number(rhs),
        "diff": format_number(diff),
        "absdiff": format_number(abs(diff)),
    }
    zh = _fill(instance.message_zh, "不满足“{label}”：左边为 {lhs}，右边为 {rhs}，相差 {absdiff}", **fields)
    fields["label"] = instance.label_en
    en = _fill(
        instance.message_en,
        "{label} does not hold: left side {lhs} " + neg + " right side {rhs}, difference {diff}",
        **fields,
    )
    return Violation(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        instance.code,
        tuple(cells),
        lhs,
        rhs,
        diff,
        zh,
        en,
    )


def _explain_domain(instance: RuleInstance, check: Domain, raw: Raw) -> Violation | NotEvaluated | None:
    c = _involved(instance, Term(check.path, 1), raw)
    if c.value is None:
        presence = _presence(c)
        if presence is Presence.TEXT:
            expected = "件数（非负整数）" if check.integral else "数字"
            expected_en = "a count (an integer ≥ 0)" if check.integral else "a number"
            return Violation(
                instance.id,
                instance.family,
                instance.binding,
                instance.severity,
                ReasonCode.PARSE,
                (c,),
                None,
                None,
                None,
                f"{c.label}（{c.path}）应为{expected}，印为“{c.printed}”（按原样保留）",
                f"{c.label_en} ({c.path}): expected {expected_en}, got {c.printed!r} (kept as printed)",
            )
        return _not_evaluated_cells(instance, [c])
    value = c.value
    if value >= check.minimum and not (check.integral and isinstance(value, Decimal) and value != value.to_integral_value()):
        return None
    fields = {
        "label": instance.label_zh,
        "lhs": format_number(value),
        "rhs": str(check.minimum),
        "diff": format_number(value - check.minimum),
        "absdiff": format_number(abs(value - check.minimum)),
    }
    zh = _fill(instance.message_zh, f"{c.label}（{c.path}）为 {{lhs}}，应为不小于 {{rhs}} 的{'整数' if check.integral else '数'}", **fields)
    fields["label"] = instance.label_en
    en = _fill(instance.message_en, f"{c.path} is {{lhs}}; expected {'an integer' if check.integral else 'a number'} ≥ {{rhs}}", **fields)
    return Violation(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        instance.code,
        (c,),
        value,
        check.minimum,
        value - check.minimum,
        zh,
        en,
    )


def _alternative_value(alt: tuple[Term, ...], raw: Raw) -> CellValue:
    total: Any = 0
    for t in alt:
        v = _value_of(raw.report.flat_cells[_INDEX[t.path]], raw.blank_as_zero)
        if v is None:
            return None
        total += t.coef * v
    return total  # type: ignore[no-any-return]


def _explain_narrative(instance: RuleInstance, check: Narrative, raw: Raw) -> Violation | NotEvaluated | None:
    patterns = raw.program.patterns
    evidence: list[Evidence] = []
    for section, text in texts(raw.report, check.sections, preamble=check.preamble):
        for mention in check.mentions:
            pattern = patterns.get(mention.pattern) or re.compile(mention.pattern)
            for m in pattern.finditer(text):
                figure = chinese_number(m["n"]) if "n" in pattern.groupindex else 0
                if figure is None:
                    continue
                expected = tuple(_alternative_value(alt, raw) for alt in mention.expect)
                agrees = figure in expected or all(e is None for e in expected)
                evidence.append(Evidence(section, excerpt(text, m.start(), m.end()), figure, expected, agrees))
    cells = [
        _involved(instance, Term(p, 1), raw) for p in instance.paths
    ]
    if not evidence:
        return _not_evaluated(
            instance,
            NotEvaluatedReason.NO_MENTION,
            f"无法评估：正文未提及（{instance.label_zh}）",
            f"not evaluated: the prose does not state the figure ({instance.label_en})",
        )
    if all(all(e is None for e in ev.expected) for ev in evidence):
        return _not_evaluated_cells(instance, [c for c in cells if c.value is None])
    bad = [ev for ev in evidence if not ev.agrees]
    if not bad:
        return None
    first = bad[0]
    table = next(e for e in first.expected if e is not None)
    diff = first.figure - table  # type: ignore[operator]
    readings = "或".join(format_number(e) for e in first.expected)
    readings_en = " or ".join(format_number(e) for e in first.expected)
    fields = {
        "label": instance.label_zh,
        "lhs": format_number(first.figure),
        "rhs": readings,
        "diff": format_number(diff),
        "absdiff": format_number(abs(diff)),
    }
    passages = "；".join(f"“{ev.excerpt}”" for ev in bad)
    zh = _fill(instance.message_zh, "正文称 {lhs}，表中为 {rhs}（{label}）：" + passages, **fields)
    fields["label"] = instance.label_en
    fields["rhs"] = readings_en
    en = _fill(instance.message_en, "the prose states {lhs}, the table gives {rhs} ({label})", **fields)
    return Violation(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        instance.code,
        tuple(cells),
        first.figure,
        table,
        diff,
        zh,
        en,
        tuple(evidence),
    )


def _section_present(report: Report, number: int) -> bool:
    section = report.sections[number - 1]
    return section.heading is not None or bool(section.text)


def _explain_conditional(
    instance: RuleInstance, check: ConditionalMention, raw: Raw
) -> Violation | NotEvaluated | None:
    c = _involved(instance, Term(check.condition, 1), raw)
    if c.value is None:
        return _not_evaluated_cells(instance, [c])
    if not c.value > 0:
        return None
    if not _section_present(raw.report, check.section):
        return _not_evaluated(
            instance,
            NotEvaluatedReason.NO_TEXT,
            f"无法评估：文本中没有第{check.section}部分",
            f"not evaluated: section {check.section} is not in the text",
        )
    text = raw.report.sections[check.section - 1].text
    patterns = raw.program.patterns
    deny = (patterns.get(check.deny) or re.compile(check.deny)).search(text)
    require = (patterns.get(check.require) or re.compile(check.require)).search(text)
    if require is not None and deny is None:
        return None
    evidence: tuple[Evidence, ...] = ()
    if deny is not None:
        evidence = (Evidence(check.section, excerpt(text, deny.start(), deny.end()), None, (), False),)
        zh = f"{c.label} 为 {c.value}（发出过收费通知），但第{check.section}部分称“{deny[0]}”"
        en = f"{c.path} is {c.value} (fee notices were sent), but section {check.section} says {deny[0]!r}"
    else:
        zh = f"{c.label} 为 {c.value}（发出过收费通知），但第{check.section}部分未报告收费通知或信息处理费情况"
        en = f"{c.path} is {c.value} (fee notices were sent), but section {check.section} does not report fee notices or the processing fee"
    fields = {"label": instance.label_zh, "lhs": format_number(c.value), "rhs": "0", "diff": format_number(c.value), "absdiff": format_number(c.value)}
    zh = _fill(instance.message_zh, zh, **fields)
    fields["label"] = instance.label_en
    en = _fill(instance.message_en, en, **fields)
    return Violation(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        instance.code,
        (c,),
        c.value,
        None,
        None,
        zh,
        en,
        evidence,
    )


_PART_ZH = {"title": "标题", "period": "统计期限", "narrative": "正文"}


def _explain_year(instance: RuleInstance, check: YearCheck, raw: Raw) -> Violation | NotEvaluated | None:
    report = raw.report
    t = report.meta.year
    if t is None:
        return _not_evaluated(
            instance, NotEvaluatedReason.NO_YEAR, "无法评估：报告年度未知", "not evaluated: the report's year is not known"
        )
    part = check.part
    found: list[tuple[int, int, str]] = []  # (section, year, excerpt)
    if part == "title":
        if not report.meta.title:
            return _not_evaluated(
                instance, NotEvaluatedReason.NO_TEXT, "无法评估：文本中没有标题", "not evaluated: the text has no title"
            )
        found = [(-1, y, e) for y, e in title_years(report.meta.title)]
        allowed = {t}
    elif part == "period":
        for section, text in texts(report, (1, 2, 3, 4, 5, 6), preamble=True):
            found.extend((section, y, e) for y, e in period_years(text))
        allowed = {t}
    else:
        for section, text in texts(report, (1, 2, 3, 4, 5, 6), preamble=False):
            found.extend((section, y, e) for y, e in narrative_years(text))
        allowed = {t - 1, t, t + 1}
    if not found:
        return _not_evaluated(
            instance,
            NotEvaluatedReason.NO_MENTION,
            f"无法评估：{_PART_ZH[part]}中没有年份",
            f"not evaluated: the {part} states no year",
        )
    evidence = tuple(Evidence(s, e, y, (t,), y in allowed) for s, y, e in found)
    bad = [ev for ev in evidence if not ev.agrees]
    if not bad:
        return None
    year = bad[0].figure
    assert year is not None  # noqa: S101
    shown = "、".join(f"{ev.figure}年（“{ev.excerpt}”）" for ev in bad)
    allowed_zh = f"{t}年" if part != "narrative" else f"{t - 1}–{t + 1}年"
    fields = {
        "label": instance.label_zh,
        "lhs": str(year),
        "rhs": str(t),
        "diff": format_number(year - t),
        "absdiff": str(abs(year - t)),
    }
    zh = _fill(instance.message_zh, f"{_PART_ZH[part]}出现 {shown}，报告年度为 {t} 年（应为{allowed_zh}）", **fields)
    fields["label"] = instance.label_en
    en = _fill(
        instance.message_en,
        f"the {part} names {', '.join(str(ev.figure) for ev in bad)}; the report is for {t}",
        **fields,
    )
    return Violation(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        instance.code,
        (),
        year,
        t,
        year - t,
        zh,
        en,
        evidence,
    )
