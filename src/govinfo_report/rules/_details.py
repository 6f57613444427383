"""The pieces of an outcome's record: the cells involved, and why a rule was not evaluated."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from govinfo_report.rules._codes import NotEvaluatedReason
from govinfo_report.rules._expr import PREVIOUS
from govinfo_report.rules._records import CellInvolved, NotEvaluated
from govinfo_report.schema import CELL_SPECS, Cell, CellValue, Presence

if TYPE_CHECKING:
    from govinfo_report.rules._rule import RuleInstance
    from govinfo_report.schema import Report

__all__ = [
    "cell_label",
    "fill",
    "involved",
    "no_previous",
    "not_evaluated",
    "not_evaluated_cells",
    "used_to_read",
]

_INDEX = {path: spec.index for path, spec in CELL_SPECS.items()}


def cell_label(path: str) -> tuple[str, str]:
    """Return a cell's short zh label (table 三 without its table) and its en gloss."""
    spec = CELL_SPECS[path]
    label = spec.short_label
    if spec.table.key != "t3":
        label = f"表{spec.table.number} {label}"
    return label, spec.label_en


def involved(
    instance: RuleInstance,
    path: str,
    coef: int,
    *,
    report: Report,
    previous: Report | None,
    blank_as_zero: bool,
) -> CellInvolved:
    """Return a cell an instance reads, with its role, value, printed text and label."""
    is_prev = path.startswith(PREVIOUS)
    base = path.removeprefix(PREVIOUS)
    source = previous if is_prev else report
    cell = source.flat_cells[_INDEX[base]] if source is not None else Cell()
    value: CellValue = cell.value
    if value is None and blank_as_zero and cell.presence is Presence.BLANK:
        value = 0
    label, label_en = cell_label(base)
    return CellInvolved(
        path=base,
        role=instance.role(path),
        value=value,
        printed=cell.printed,
        label=f"上年 {label}" if is_prev else label,
        label_en=f"last year, {label_en}" if is_prev else label_en,
        coef=coef,
        previous=is_prev,
    )


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


def presence(c: CellInvolved) -> Presence:
    """Return whether an involved cell is a number, blank, marker, text or absent."""
    return Cell(None, c.printed).presence if c.value is None else Presence.NUMBER


def not_evaluated(
    instance: RuleInstance, reason: NotEvaluatedReason, zh: str, en: str
) -> NotEvaluated:
    """Return the record of an instance not evaluated for a reason that names no cell."""
    return NotEvaluated(
        instance.id, instance.family, instance.binding, instance.severity, reason, (), zh, en
    )


def no_previous(instance: RuleInstance) -> NotEvaluated:
    """Return the record of an instance that reads last year's report, validated without it."""
    return not_evaluated(
        instance,
        NotEvaluatedReason.NO_PREVIOUS,
        "无法评估：未提供上年报告",
        "not evaluated: no previous year's report was given",
    )


def not_evaluated_cells(instance: RuleInstance, cells: Iterable[CellInvolved]) -> NotEvaluated:
    """Return the record of an instance not evaluated because of cells without a number.

    The reason is the most telling presence among them: text, then a marker,
    a blank, an absent cell.
    """
    shown = [(c, presence(c)) for c in cells]
    shown = [(c, p) for c, p in shown if p is not Presence.NUMBER]
    presences = {p for _, p in shown}
    reason = next(r for p, r in _REASON_ORDER if p in presences)
    reasons = dict(_REASON_ORDER)
    zh = "；".join(
        f"{c.label}（{'上年 ' if c.previous else ''}{c.path}）{_REASON_ZH[reasons[p]]}"
        + (f"：“{c.printed}”" if p in (Presence.TEXT, Presence.MARKER) else "")
        for c, p in shown
    )
    en = "; ".join(
        f"{'previous.' if c.previous else ''}{c.path} {_REASON_EN[reasons[p]]}"
        + (f": {c.printed!r}" if p in (Presence.TEXT, Presence.MARKER) else "")
        for c, p in shown
    )
    return NotEvaluated(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        reason,
        tuple(c for c, _ in shown),
        f"无法评估：{zh}",
        f"not evaluated: {en}",
    )


def used_to_read(instance: RuleInstance, cells: tuple[CellInvolved, ...]) -> NotEvaluated:
    """Return the record of an instance the reader used to choose the values of *cells*.

    Such a rule holds because the reader made it hold: checking it again
    would prove nothing, so it is neither a pass nor a failure.
    """
    paths_zh = "、".join(f"{c.label}（{c.path}）" for c in cells) or "某些单元格"
    paths_en = ", ".join(c.path for c in cells) or "some cells"
    return NotEvaluated(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        NotEvaluatedReason.USED_TO_READ,
        cells,
        f"无法评估：读取时已用此规则推定 {paths_zh} 的数值，再据此校验不能证明其正确",
        f"not evaluated: the reader used this rule to read {paths_en}, "
        "so checking it again proves nothing",
    )


def fill(template: str | None, fallback: str, **fields: str) -> str:
    """Return a message: *template* (or *fallback*) with ``{name}`` fields filled in."""
    text = template if template is not None else fallback
    for key, value in fields.items():
        text = text.replace("{" + key + "}", value)
    return text
