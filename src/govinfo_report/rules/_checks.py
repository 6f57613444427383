"""What a rule can check, as data: quantifiers, tolerances, bounds and the prose checks.

:class:`Quantifier` (``for each c in the seven columns``) with the named
:data:`DOMAINS`, :class:`Tolerance`, and the checks other than a linear
:class:`~govinfo_report.rules.Relation`: :class:`Domain` (a bound on one
cell), :class:`Narrative` (figures in the prose), :class:`ConditionalMention`
(the fee notice) and :class:`YearCheck`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal, TypeAlias

import attrs

from govinfo_report.exceptions import RuleDefinitionError
from govinfo_report.rules._expr import LinearExpr, Relation, Term, parse_expr, substitute
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    T3_COLUMNS,
    T3_ROWS,
    T4_GROUPS,
    T4_OUTCOMES,
    cell_spec,
)

__all__ = [
    "DOMAINS",
    "EXACT",
    "MESSAGE_FIELDS",
    "PRINTED",
    "Check",
    "ConditionalMention",
    "Domain",
    "Mention",
    "Narrative",
    "Quantifier",
    "Tolerance",
    "YearCheck",
    "check_paths",
]

MESSAGE_FIELDS = frozenset({"label", "lhs", "rhs", "diff", "absdiff"})
"""Placeholders a message template may use besides the quantifier's variables."""

_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# --- quantifier domains -----------------------------------------------------------


def _row_label(row: str) -> str:
    return cell_spec(f"t3.{row}.total").short_label.split(" / ")[0]


def _t4_label(group: str) -> str:
    spec = cell_spec(f"t4.{group}.total")
    return " ".join(spec.row_labels)


@attrs.frozen
class _DomainLabels:
    values: tuple[str, ...]
    zh: tuple[str, ...]
    en: tuple[str, ...]

    def label(self, value: str, lang: str) -> str | None:
        try:
            i = self.values.index(value)
        except ValueError:
            return None
        return (self.zh if lang == "zh" else self.en)[i]


def _domains() -> dict[str, _DomainLabels]:
    t3 = [cell_spec(f"t3.new_received.{c}").column for c in T3_COLUMNS]
    t4 = [cell_spec(f"t4.review.{o}").column for o in T4_OUTCOMES]
    count_paths = tuple(p for p in CELL_PATHS if CELL_SPECS[p].kind == "count")
    return {
        "t3.columns": _DomainLabels(
            T3_COLUMNS, tuple(c.label for c in t3), tuple(c.label_en for c in t3)
        ),
        "t3.rows": _DomainLabels(
            T3_ROWS,
            tuple(_row_label(r) for r in T3_ROWS),
            tuple(cell_spec(f"t3.{r}.total").row.label_en for r in T3_ROWS),
        ),
        "t4.groups": _DomainLabels(
            T4_GROUPS,
            tuple(_t4_label(g) for g in T4_GROUPS),
            tuple(cell_spec(f"t4.{g}.total").row.label_en for g in T4_GROUPS),
        ),
        "t4.outcomes": _DomainLabels(
            T4_OUTCOMES, tuple(c.label for c in t4), tuple(c.label_en for c in t4)
        ),
        "t2.documents": _DomainLabels(
            ("regulations", "normative_documents"),
            ("规章", "行政规范性文件"),
            ("rules", "normative documents"),
        ),
        "cells.count": _DomainLabels(
            count_paths,
            tuple(CELL_SPECS[p].short_label for p in count_paths),
            tuple(CELL_SPECS[p].label_en for p in count_paths),
        ),
        "cells": _DomainLabels(
            CELL_PATHS,
            tuple(CELL_SPECS[p].short_label for p in CELL_PATHS),
            tuple(CELL_SPECS[p].label_en for p in CELL_PATHS),
        ),
        "text.parts": _DomainLabels(
            ("title", "period", "narrative"),
            ("标题", "统计期限", "正文"),
            ("title", "reporting period", "narrative"),
        ),
    }


DOMAINS: Mapping[str, _DomainLabels] = _domains()
"""Named value sets a quantifier can range over, with the zh and en label of each value.

``t3.columns``, ``t3.rows``, ``t4.groups``, ``t4.outcomes``, ``t2.documents``,
``cells``, ``cells.count`` and ``text.parts``.
"""


def _infer_domain(values: tuple[str, ...]) -> str | None:
    for name, domain in DOMAINS.items():
        if set(values) <= set(domain.values):
            return name
    return None


def _values(value: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@attrs.frozen
class Quantifier:
    """``for each var in values``: one rule instance per value.

    Attributes:
        var: The placeholder name (``"c"`` fills ``{c}``).
        values: The values, in order (``T3_COLUMNS``).
        domain: The named set (:data:`DOMAINS`) the values come from, which
            gives each value its zh and en label; ``None`` labels a value by
            itself.

    .. versionadded:: 0.1.0
    """

    var: str
    values: tuple[str, ...] = attrs.field(converter=_values)
    domain: str | None = None

    def __attrs_post_init__(self) -> None:
        if not _VAR.fullmatch(self.var) or self.var in MESSAGE_FIELDS:
            msg = f"a quantifier variable is an identifier other than {sorted(MESSAGE_FIELDS)}, got {self.var!r}"
            raise RuleDefinitionError(msg)
        if not self.values:
            msg = f"the quantifier over {self.var!r} has no values"
            raise RuleDefinitionError(msg)
        if len(set(self.values)) != len(self.values):
            msg = f"the quantifier over {self.var!r} repeats a value: {self.values!r}"
            raise RuleDefinitionError(msg)
        for value in self.values:
            if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_.]+", value):
                msg = f"quantifier values are ASCII keys, got {value!r}"
                raise RuleDefinitionError(msg)
        if self.domain is not None:
            if self.domain not in DOMAINS:
                msg = f"unknown quantifier domain {self.domain!r}; known: {', '.join(DOMAINS)}"
                raise RuleDefinitionError(msg)
            outside = [v for v in self.values if v not in DOMAINS[self.domain].values]
            if outside:
                msg = f"{outside[0]!r} is not in the domain {self.domain!r}"
                raise RuleDefinitionError(msg)

    @classmethod
    def over(cls, var: str, values: Iterable[str] | str) -> Quantifier:
        """Return a quantifier over a domain name (``"t3.columns"``) or explicit values.

        The domain of explicit values is inferred when they all belong to one.
        """
        if isinstance(values, str) and values in DOMAINS:
            return cls(var, DOMAINS[values].values, values)
        vals = _values(values)
        return cls(var, vals, _infer_domain(vals))

    def label(self, value: str, lang: Literal["zh", "en"]) -> str:
        """Return the zh or en label of one of the values."""
        if self.domain is not None:
            got = DOMAINS[self.domain].label(value, lang)
            if got is not None:
                return got
        return value


# --- tolerance -------------------------------------------------------------------


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        msg = f"a tolerance is a number ≥ 0, got {value!r}"
        raise RuleDefinitionError(msg)
    try:
        number = Decimal(value) if isinstance(value, int | str | Decimal) else Decimal("NaN")
    except ArithmeticError:
        number = Decimal("NaN")
    if not number.is_finite() or number < 0:
        msg = f"a tolerance is a finite number ≥ 0, got {value!r}"
        raise RuleDefinitionError(msg)
    return number


@attrs.frozen
class Tolerance:
    """How close the two sides must be.

    ``exact`` compares the values as printed.  ``printed`` reads a 万元 amount
    printed with *k* decimals as the interval ±½·10⁻ᵏ around it (``3.3``
    is anything in [3.25, 3.35]) and passes when the relation holds for some
    point of those intervals; counts are exact either way.  ``absolute``
    widens both by a fixed amount.

    .. versionadded:: 0.1.0
    """

    mode: Literal["exact", "printed"] = attrs.field(default="exact")
    absolute: Decimal = attrs.field(default=Decimal(0), converter=_decimal)

    @mode.validator
    def _check_mode(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if value not in ("exact", "printed"):
            msg = f"a tolerance mode is 'exact' or 'printed', got {value!r}"
            raise RuleDefinitionError(msg)

    def __str__(self) -> str:
        text = "exact" if self.mode == "exact" else "printed decimals"
        return f"{text} ± {self.absolute}" if self.absolute else text


EXACT = Tolerance()
"""Exact comparison (the default for counts)."""
PRINTED = Tolerance("printed")
"""Interval arithmetic on amounts from their printed decimals (the default for 万元 amounts)."""


# --- checks ----------------------------------------------------------------------


def _alternatives(value: Iterable[object]) -> tuple[tuple[Term, ...], ...]:
    out: list[tuple[Term, ...]] = []
    for item in value:
        if isinstance(item, str):
            expr = parse_expr(item)
        elif isinstance(item, LinearExpr):
            expr = item
        else:
            msg = f"an expected figure is a cell expression, got {item!r}"
            raise RuleDefinitionError(msg)
        if not expr.terms or expr.constant:
            msg = f"an expected figure is a sum of cells without a constant, got {str(expr)!r}"
            raise RuleDefinitionError(msg)
        out.append(expr.terms)
    if not out:
        msg = "a mention needs at least one expected figure"
        raise RuleDefinitionError(msg)
    return tuple(out)


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        msg = f"not a regular expression: {value!r} ({exc})"
        raise RuleDefinitionError(msg) from None
    return value


@attrs.frozen
class Domain:
    """A bound on one cell: ``minimum ≤ value`` (and ``≤ maximum``), an integer when ``integral``.

    A cell printed as text (``六``, ``251000元``) breaks it (code
    ``govinfo.parse``); a blank, a marker or an absent cell leaves it not
    evaluated.  ``maximum`` catches absurd magnitudes (a 30-digit count is
    a misprint, never a number of requests).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 *maximum*.
    """

    path: str
    integral: bool = True
    minimum: int = 0
    maximum: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.maximum is not None and self.maximum < self.minimum:
            msg = f"{self.path}: the maximum {self.maximum} is below the minimum {self.minimum}"
            raise RuleDefinitionError(msg)

    @property
    def relation(self) -> Relation:
        """The bound as a relation: ``path >= minimum``."""
        return Relation((Term(self.path, 1),), ">=", (), 0, self.minimum)

    def bind(self, mapping: Mapping[str, str]) -> Domain:
        """Return the check with placeholders filled in."""
        return attrs.evolve(self, path=substitute(self.path, mapping))


@attrs.frozen(cache_hash=True)
class Mention:
    """A phrase in the prose that states a figure, and the table figures it may mean.

    Attributes:
        pattern: A regular expression; its group ``n`` holds the figure
            (Arabic or Chinese numerals).  A pattern without a group ``n``
            states zero (``无上年度结转``).
        expect: The accepted readings, each a sum of cells; the mention
            agrees with the table when it equals any of them (``受理`` is
            新收 in some reports and 新收 + 上年结转 in others).

    .. versionadded:: 0.1.0
    """

    pattern: str = attrs.field(converter=_regex)
    expect: tuple[tuple[Term, ...], ...] = attrs.field(converter=_alternatives)

    def bind(self, mapping: Mapping[str, str]) -> Mention:
        """Return the mention with placeholders in its paths filled in."""
        return Mention(
            self.pattern,
            tuple(
                LinearExpr(tuple(Term(substitute(t.path, mapping), t.coef) for t in alt))
                for alt in self.expect
            ),
        )


def _mention_tuple(value: Iterable[Mention]) -> tuple[Mention, ...]:
    out = tuple(value)
    for item in out:
        if not isinstance(item, Mention):
            msg = f"a narrative check's mentions are Mention objects, got {item!r}"
            raise RuleDefinitionError(msg)
    return out


def _sections(value: Iterable[int]) -> tuple[int, ...]:
    out = tuple(value)
    if not out or any(isinstance(n, bool) or n not in range(1, 7) for n in out):
        msg = f"sections are numbers 1–6, got {out!r}"
        raise RuleDefinitionError(msg)
    return out


@attrs.frozen
class Narrative:
    """Figures stated in the prose must match the table (every match, not only the first).

    Attributes:
        mentions: The phrases to look for.
        sections: The sections (1–6) whose prose is read.
        preamble: Whether the front matter is read too.

    .. versionadded:: 0.1.0
    """

    mentions: tuple[Mention, ...] = attrs.field(converter=_mention_tuple)
    sections: tuple[int, ...] = attrs.field(default=(1, 2, 3, 4, 5, 6), converter=_sections)
    preamble: bool = True

    def __attrs_post_init__(self) -> None:
        if not self.mentions:
            msg = "a narrative check needs at least one mention"
            raise RuleDefinitionError(msg)

    def bind(self, mapping: Mapping[str, str]) -> Narrative:
        """Return the check with placeholders filled in."""
        return attrs.evolve(self, mentions=tuple(m.bind(mapping) for m in self.mentions))

    @property
    def paths(self) -> tuple[str, ...]:
        """Every cell the check compares with."""
        return tuple(dict.fromkeys(t.path for m in self.mentions for alt in m.expect for t in alt))


@attrs.frozen
class ConditionalMention:
    """When a cell is above zero, a section must mention something, and not deny it.

    The 2021 rule: ``t3.other_fee_unpaid.total > 0`` means fee notices were
    sent, so section 六 should mention 收费通知 or 信息处理费, and not say
    none were sent.

    .. versionadded:: 0.1.0
    """

    condition: str
    section: int = attrs.field(default=6, validator=attrs.validators.in_(range(1, 7)))
    require: str = attrs.field(default="收费通知|信息处理费|信息公开处理费", converter=_regex)
    deny: str = attrs.field(default="未(?:发出|发送|送达)[^。；]{0,8}收费通知", converter=_regex)

    def bind(self, mapping: Mapping[str, str]) -> ConditionalMention:
        """Return the check with placeholders filled in."""
        return attrs.evolve(self, condition=substitute(self.condition, mapping))

    @property
    def paths(self) -> tuple[str, ...]:
        """The condition cell."""
        return (self.condition,)


@attrs.frozen
class YearCheck:
    """The report's year *t* where a part of the text states it.

    ``title``: every year in the title is *t*.  ``period``: the 统计期限 runs
    from 1月1日 to 12月31日 of *t*.  ``narrative``: a year opening a
    sentence (``2022年，我局…``) is *t*−1, *t* or *t*+1.

    .. versionadded:: 0.1.0
    """

    part: str

    def bind(self, mapping: Mapping[str, str]) -> YearCheck:
        """Return the check with placeholders filled in."""
        part = substitute(self.part, mapping)
        if part not in ("title", "period", "narrative"):
            msg = f"a year check reads the title, the period or the narrative, got {part!r}"
            raise RuleDefinitionError(msg)
        return YearCheck(part)


Check: TypeAlias = Relation | Domain | Narrative | ConditionalMention | YearCheck
"""What a rule checks: a linear relation, a bound, or one of the prose checks."""


def check_paths(check: Check) -> tuple[str, ...]:
    """Return the cell paths a check reads (``previous.`` ones included), in order."""
    if isinstance(check, Relation):
        return check.paths
    if isinstance(check, Domain):
        return (check.path,)
    if isinstance(check, Narrative | ConditionalMention):
        return check.paths
    return ()
