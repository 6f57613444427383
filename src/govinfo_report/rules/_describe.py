"""How rules read as text: short formulas for reprs, and the form's labels for people."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from govinfo_report.rules._checks import Check, ConditionalMention, Domain, Narrative, YearCheck
from govinfo_report.rules._expr import PREVIOUS, Relation, Term, format_side
from govinfo_report.schema import CELL_SPECS, T3_ROWS

__all__ = ["check_text", "labelled_text"]


def check_text(check: Check, *, short: bool = False) -> str:
    if isinstance(check, Relation | Domain):
        relation = check if isinstance(check, Relation) else check.relation
        if short:
            return _short_relation(relation)
        return str(relation)
    if isinstance(check, Narrative):
        figures = " | ".join(
            " or ".join(format_side(alt) for alt in m.expect) for m in check.mentions
        )
        return f"prose figures == {figures}"
    if isinstance(check, ConditionalMention):
        return f"{check.condition} > 0 → section {check.section} mentions /{check.require}/"
    return f"year of the {check.part} == report year"


def _short_names(paths: Sequence[str]) -> dict[str, str]:
    """Drop the path components that all paths share: ``t3.granted.c`` → ``granted``."""
    bases = [p.removeprefix(PREVIOUS).split(".") for p in paths]
    if len(bases) < 2 or len({len(b) for b in bases}) != 1:
        return {p: p for p in paths}
    keep = [i for i in range(len(bases[0])) if len({b[i] for b in bases}) > 1]
    if not keep:
        return {p: p for p in paths}
    out: dict[str, str] = {}
    for path, parts in zip(paths, bases, strict=True):
        name = ".".join(parts[i] for i in keep)
        out[path] = ("previous." + name) if path.startswith(PREVIOUS) else name
    return out


def _short_side(terms: tuple[Term, ...], names: Mapping[str, str], constant: int) -> str:
    shown = [Term(names[t.path], t.coef) for t in terms]
    if len(shown) > 3:
        return format_side(shown[:2]) + " + …"
    return format_side(shown, constant)


def _short_relation(relation: Relation) -> str:
    names = _short_names(relation.paths)
    left = _short_side(relation.lhs, names, relation.lhs_constant)
    right = _short_side(relation.rhs, names, relation.rhs_constant)
    return f"{left} {relation.op} {right}"


_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


def _ordinal_of(label: str) -> str:
    """The ordinal a row label starts with, without its punctuation: ``一``, ``（三）``, ``7``."""
    found = _ORDINAL.match(label)
    return found[0].rstrip("、.") if found else ""


def _compact_row(path: str) -> str:
    spec = CELL_SPECS[path]
    if spec.table.key == "t3":
        return "".join(_ordinal_of(label) for label in spec.row_labels)
    return f"表{spec.table.number} {spec.row.label}"


def _compact_label(path: str) -> str:
    """A cell by its row's ordinals and its column: ``三（三）7/自然人``, ``表四 行政复议/总计``."""
    base = path.removeprefix(PREVIOUS)
    label = f"{_compact_row(base)}/{CELL_SPECS[base].column.label}"
    return f"上年 {label}" if path.startswith(PREVIOUS) else label


def _compact_relation(relation: Relation, op: str) -> str:
    terms = relation.terms
    shared = ""
    name: Callable[[str], str] = _compact_label
    bases = [t.path.removeprefix(PREVIOUS) for t in terms]
    if len(terms) > 2 and len({CELL_SPECS[b].table.key for b in bases}) == 1:
        columns = {CELL_SPECS[b].column.label for b in bases}
        rows = {_compact_row(b) for b in bases}
        if len(columns) == 1 and CELL_SPECS[bases[0]].table.key == "t3":
            shared, name = columns.pop(), _compact_row_of
        elif len(rows) == 1:
            shared, name = rows.pop(), _compact_column_of
    left = _compact_side(relation.lhs, relation.lhs_constant, name)
    right = _compact_side(relation.rhs, relation.rhs_constant, name)
    return f"{shared}：{left} {op} {right}" if shared else f"{left} {op} {right}"


def _compact_row_of(path: str) -> str:
    base = path.removeprefix(PREVIOUS)
    return f"上年 {_compact_row(base)}" if path.startswith(PREVIOUS) else _compact_row(base)


def _compact_column_of(path: str) -> str:
    base = path.removeprefix(PREVIOUS)
    label = CELL_SPECS[base].column.label
    return f"上年 {label}" if path.startswith(PREVIOUS) else label


_RUN = 4
"""Consecutive rows from this many on are written as the first and the last."""


def _compact_side(
    terms: tuple[Term, ...], constant: int, name: Callable[[str], str] = _compact_label
) -> str:
    """One side, compact; a run of consecutive table 三 rows (coefficient 1) is shortened."""
    order = [
        T3_ROWS.index(CELL_SPECS[t.path].row.key)
        if t.coef == 1 and t.path in CELL_SPECS and CELL_SPECS[t.path].table.key == "t3"
        else -1
        for t in terms
    ]
    if (
        len(terms) >= _RUN
        and -1 not in order
        and len({CELL_SPECS[t.path].column.key for t in terms}) == 1
        and order == list(range(order[0], order[0] + len(order)))
    ):
        body = f"{name(terms[0].path)} + … + {name(terms[-1].path)}（{len(terms)}项）"
        return f"{body} + {constant}" if constant else body
    return format_side([Term(name(t.path), t.coef) for t in terms], constant).replace("*", "×")


def _side_labels(terms: tuple[Term, ...], constant: int) -> str:
    named = [Term(_label_of(t.path), t.coef) for t in terms]
    return format_side(named, constant).replace("*", "×")


def _label_of(path: str) -> str:
    base = path.removeprefix(PREVIOUS)
    label = CELL_SPECS[base].short_label
    if CELL_SPECS[base].table.key != "t3":
        label = f"表{CELL_SPECS[base].table.number} {label}"
    return f"上年 {label}" if path.startswith(PREVIOUS) else label


def labelled_text(check: Check, *, compact: bool = False) -> str:
    """Return a check with the form's labels (``compact``: by ordinals, runs shortened)."""
    if isinstance(check, Narrative):
        if compact:
            readings = dict.fromkeys(alt for m in check.mentions for alt in m.expect)
            return "正文所述件数 = " + " 或 ".join(_compact_side(alt, 0) for alt in readings)
        figures = "；".join(
            " 或 ".join(_side_labels(alt, 0) for alt in m.expect) for m in check.mentions
        )
        return f"正文所述件数 = {figures}"
    if isinstance(check, ConditionalMention):
        condition = _compact_label(check.condition) if compact else _label_of(check.condition)
        return f"{condition} > 0 → 第{check.section}部分报告收费通知或信息处理费"
    if isinstance(check, YearCheck):
        part = {"title": "标题", "period": "统计期限", "narrative": "正文"}.get(
            check.part, check.part
        )
        return f"{part}所述年份 = 报告年度"
    relation = check if isinstance(check, Relation) else check.relation
    assert relation is not None
    op = relation.op.replace("==", "=")
    if compact:
        return _compact_relation(relation, op)
    return (
        f"{_side_labels(relation.lhs, relation.lhs_constant)} {op} "
        f"{_side_labels(relation.rhs, relation.rhs_constant)}"
    )
