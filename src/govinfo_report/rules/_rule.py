"""Rules as data: :class:`Rule`, its instances, and :class:`RuleSet`.

A rule is a frozen attrs value: an id, a *check* (a linear :class:`Relation`,
a :class:`Domain` bound, or one of the prose checks), zh and en labels, a
severity, a tolerance and an optional quantifier.  ``rule.instances()``
expands the quantifier: ``t3.balance`` over the seven columns gives
``t3.balance[natural_person]`` … ``t3.balance[total]``, each with its
binding in its id, labels and messages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, TypeAlias

import attrs

from govinfo_report.exceptions import RuleDefinitionError, UnknownPathError
from govinfo_report.rules._codes import ReasonCode
from govinfo_report.rules._expr import (
    PREVIOUS,
    LinearExpr,
    Op,
    Relation,
    Term,
    format_side,
    parse_expr,
    substitute,
    template_names,
)
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    T3_COLUMNS,
    T3_ROWS,
    T4_GROUPS,
    T4_OUTCOMES,
    Severity,
    cell_spec,
)

if TYPE_CHECKING:
    from govinfo_report.rules._evaluate import Program

__all__ = [
    "DOMAINS",
    "Check",
    "ConditionalMention",
    "Domain",
    "Kind",
    "Mention",
    "Narrative",
    "Quantifier",
    "Rule",
    "RuleInstance",
    "RuleSet",
    "Tolerance",
    "YearCheck",
]

Kind: TypeAlias = Literal[
    "relation",
    "balance",
    "sum",
    "bound",
    "carryover",
    "rollforward",
    "narrative",
    "fee",
    "year",
]
"""What a rule says; it decides the default code and the cells' roles in a violation."""

_KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

_DEFAULT_CODE: dict[str, ReasonCode] = {
    "relation": ReasonCode.RELATION,
    "balance": ReasonCode.BALANCE,
    "sum": ReasonCode.SUM,
    "bound": ReasonCode.BOUND,
    "carryover": ReasonCode.CARRYOVER,
    "rollforward": ReasonCode.ROLLFORWARD,
    "narrative": ReasonCode.NARRATIVE,
    "fee": ReasonCode.FEE,
    "year": ReasonCode.YEAR,
}

MESSAGE_FIELDS = frozenset({"label", "lhs", "rhs", "diff", "absdiff"})
"""Placeholders a message template may use besides the quantifier's variables."""

_ID = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*")
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
    """A bound on one cell: ``value ≥ minimum``, an integer when ``integral``.

    A cell printed as text (``六``, ``251000元``) breaks it (code
    ``govinfo.parse``); a blank, a marker or an absent cell leaves it not
    evaluated.

    .. versionadded:: 0.1.0
    """

    path: str
    integral: bool = True
    minimum: int = 0

    @property
    def relation(self) -> Relation:
        """The bound as a relation: ``path >= minimum``."""
        return Relation((Term(self.path, 1),), ">=", (), 0, self.minimum)

    def bind(self, mapping: Mapping[str, str]) -> Domain:
        """Return the check with placeholders filled in."""
        return attrs.evolve(self, path=substitute(self.path, mapping))


@attrs.frozen
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


# --- the rule --------------------------------------------------------------------


def _severity(value: Severity | str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        msg = f"a severity is error, warning or info, got {value!r}"
        raise RuleDefinitionError(msg) from None


def _code(value: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+", value):
        msg = f"a code looks like 'govinfo.sum' (dotted, lower case), got {value!r}"
        raise RuleDefinitionError(msg)
    try:
        return ReasonCode(value)
    except ValueError:
        return value


def _default_code(rule: Rule) -> str:
    return _DEFAULT_CODE[rule.kind]


def _default_tolerance(rule: Rule) -> Tolerance:
    paths = _check_paths(rule.check)
    amount = any(
        CELL_SPECS[p].kind == "amount"
        for p in (q.removeprefix(PREVIOUS) for q in paths)
        if p in CELL_SPECS
    )
    return PRINTED if amount else EXACT


def _check_paths(check: Check) -> tuple[str, ...]:
    if isinstance(check, Relation):
        return check.paths
    if isinstance(check, Domain):
        return (check.path,)
    if isinstance(check, Narrative | ConditionalMention):
        return check.paths
    return ()


def _quantifiers(value: object) -> tuple[Quantifier, ...]:
    if isinstance(value, Quantifier):
        return (value,)
    if isinstance(value, Mapping):
        return tuple(Quantifier.over(k, v) for k, v in value.items())
    if isinstance(value, Iterable) and not isinstance(value, str):
        out = tuple(value)
        if all(isinstance(q, Quantifier) for q in out):
            return out
    msg = f"for_each is a mapping var -> values (or a domain name), got {value!r}"
    raise RuleDefinitionError(msg)


def _tags(value: Iterable[str] | str) -> tuple[str, ...]:
    out = _values(value)
    for tag in out:
        if not isinstance(tag, str) or not tag:
            msg = f"tags are non-empty strings, got {tag!r}"
            raise RuleDefinitionError(msg)
    return out


@attrs.frozen(repr=False)
class Rule:
    """One rule, possibly quantified: data that describes itself, never a function.

    Attributes:
        id: The family id (``"t3.balance"``); instance ids add the binding
            (``"t3.balance[natural_person]"``).
        check: What is checked: a :class:`Relation`, a :class:`Domain`
            bound, a :class:`Narrative`, a :class:`ConditionalMention` or a
            :class:`YearCheck`.
        label_zh: What the rule says, in Chinese; ``{var}`` is replaced by
            the zh label of the bound value (``自然人``).
        label_en: The same in English.
        kind: What the rule is (``"balance"``, ``"sum"``, ``"bound"`` …): it
            gives the default code and the cells' roles in a violation.
        severity: ``error``, ``warning`` or ``info``.
        code: A stable code (``"govinfo.balance"``); defaults from ``kind``.
        for_each: Quantifiers; one instance per combination of values.
        tolerance: How close the sides must be; defaults to exact, or to
            printed-decimal intervals when an amount cell is involved.
        description: Why the rule holds, and when it legitimately breaks.
        tags: Free-form tags for :meth:`RuleSet.select`.
        message_zh: The failure message template; it may use the
            quantifier's variables and ``{label}``, ``{lhs}``, ``{rhs}``,
            ``{diff}``, ``{absdiff}``.  ``None`` uses a generic message.
        message_en: The same in English.

    Raises:
        RuleDefinitionError: for an unknown cell path (with suggestions), a
            placeholder no quantifier binds, or any malformed field.

    .. versionadded:: 0.1.0
    """

    id: str
    check: Check
    label_zh: str
    label_en: str
    kind: Kind = "relation"
    severity: Severity = attrs.field(default=Severity.ERROR, converter=_severity)
    code: str = attrs.field(default=attrs.Factory(_default_code, takes_self=True), converter=_code)
    for_each: tuple[Quantifier, ...] = attrs.field(default=(), converter=_quantifiers)
    tolerance: Tolerance = attrs.field(default=attrs.Factory(_default_tolerance, takes_self=True))
    description: str = ""
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tags)
    message_zh: str | None = None
    message_en: str | None = None
    _instances: tuple[RuleInstance, ...] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.fullmatch(self.id):
            msg = f"a rule id is lower-case and dotted (e.g. 't3.balance'), got {self.id!r}"
            raise RuleDefinitionError(msg)
        if self.kind not in _KINDS:
            msg = f"{self.id}: unknown kind {self.kind!r}; choose one of {', '.join(_KINDS)}"
            raise RuleDefinitionError(msg)
        if not isinstance(
            self.check, Relation | Domain | Narrative | ConditionalMention | YearCheck
        ):
            msg = f"{self.id}: a check is a Relation, Domain, Narrative, ConditionalMention or YearCheck, got {self.check!r}"
            raise RuleDefinitionError(msg)
        names = [q.var for q in self.for_each]
        if len(set(names)) != len(names):
            msg = f"{self.id}: a quantifier variable is repeated: {names}"
            raise RuleDefinitionError(msg)
        self._check_templates(frozenset(names))
        object.__setattr__(self, "_instances", tuple(self._expand()))

    def _check_templates(self, names: frozenset[str]) -> None:
        templates = [*_check_paths(self.check)]
        if isinstance(self.check, YearCheck):
            templates.append(self.check.part)
        for text in templates:
            unbound = template_names(text) - names
            if unbound:
                msg = (
                    f"{self.id}: {text!r} uses {{{sorted(unbound)[0]}}}, which no quantifier binds"
                )
                raise RuleDefinitionError(msg)
        checks: tuple[tuple[str, str | None, frozenset[str]], ...] = (
            ("label_zh", self.label_zh, names),
            ("label_en", self.label_en, names),
            ("message_zh", self.message_zh, names | MESSAGE_FIELDS),
            ("message_en", self.message_en, names | MESSAGE_FIELDS),
        )
        for field, template, allowed in checks:
            if template is None:
                continue
            if not isinstance(template, str):
                msg = f"{self.id}: {field} must be a string, got {template!r}"
                raise RuleDefinitionError(msg)
            unknown = template_names(template) - allowed
            if unknown:
                msg = f"{self.id}: {field} uses {{{sorted(unknown)[0]}}}, which is not a quantifier variable"
                raise RuleDefinitionError(msg)

    def _expand(self) -> Iterator[RuleInstance]:
        combos: list[tuple[tuple[str, str], ...]] = [()]
        for q in self.for_each:
            combos = [(*c, (q.var, v)) for c in combos for v in q.values]
        quantifiers = {q.var: q for q in self.for_each}
        for binding in combos:
            keys = dict(binding)
            zh = {k: quantifiers[k].label(v, "zh") for k, v in binding}
            en = {k: quantifiers[k].label(v, "en") for k, v in binding}
            check = self.check.bind(keys)
            for path in _check_paths(check):
                base = path.removeprefix(PREVIOUS)
                if base not in CELL_SPECS:
                    try:
                        cell_spec(base)
                    except UnknownPathError as exc:
                        msg = f"{self.id}: {exc}"
                        raise RuleDefinitionError(msg) from None
            suffix = f"[{','.join(v for _, v in binding)}]" if binding else ""
            label_zh = substitute(self.label_zh, zh)
            label_en = substitute(self.label_en, en)
            yield RuleInstance(
                id=self.id + suffix,
                family=self.id,
                kind=self.kind,
                binding=binding,
                check=check,
                severity=self.severity,
                code=self.code,
                tolerance=self.tolerance,
                label_zh=label_zh,
                label_en=label_en,
                message_zh=None if self.message_zh is None else substitute(self.message_zh, zh),
                message_en=None if self.message_en is None else substitute(self.message_en, en),
                description=self.description,
                tags=self.tags,
            )

    def __repr__(self) -> str:
        over = ",".join(f"{q.var} ∈ {q.domain or ','.join(q.values)}" for q in self.for_each)
        head = f"{self.id}[{over}]" if over else self.id
        return f"<rule {head}: {_check_text(self.check)}>"

    def instances(self) -> tuple[RuleInstance, ...]:
        """Return the concrete instances, one per binding, in quantifier order."""
        return self._instances


def _check_text(check: Check, *, short: bool = False) -> str:
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


@attrs.frozen(repr=False)
class RuleInstance:
    """One concrete rule: a rule with its quantifier bound.

    >>> from govinfo_report.rules import RULES_2021
    >>> RULES_2021.by_id("t3.processed_sum[natural_person]")
    <rule t3.processed_sum[natural_person]: total_processed == granted + partial + …>

    Attributes:
        id: ``family[value,…]`` (``"t3.balance[natural_person]"``), or the
            family id for a rule without quantifier.
        family: The rule's id (``"t3.balance"``).
        kind: The rule's kind.
        binding: ``((var, value), …)``.
        check: The check with every placeholder filled in.
        severity: ``error``, ``warning`` or ``info``.
        code: The stable code of a violation.
        tolerance: How close the sides must be.
        label_zh: What the instance says, in Chinese, binding included.
        label_en: The same in English.
        message_zh: The failure message template (binding filled in), or ``None``.
        message_en: The same in English.
        description: Why the rule holds, and when it legitimately breaks.
        tags: The rule's tags.

    .. versionadded:: 0.1.0
    """

    id: str
    family: str
    kind: Kind
    binding: tuple[tuple[str, str], ...]
    check: Check
    severity: Severity
    code: str
    tolerance: Tolerance
    label_zh: str
    label_en: str
    message_zh: str | None = None
    message_en: str | None = None
    description: str = ""
    tags: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"<rule {self.id}: {_check_text(self.check, short=True)}>"

    @property
    def relation(self) -> Relation | None:
        """The linear relation (a bound as ``path >= minimum``), or ``None`` for a prose check."""
        if isinstance(self.check, Relation):
            return self.check
        if isinstance(self.check, Domain):
            return self.check.relation
        return None

    @property
    def is_linear(self) -> bool:
        """``True`` for a linear relation or a bound (what the incidence matrix holds)."""
        return isinstance(self.check, Relation | Domain)

    @property
    def terms(self) -> tuple[Term, ...]:
        """The relation as ``lhs − rhs``: ``((path, coef), …)``; ``()`` for a prose check."""
        relation = self.relation
        return () if relation is None else relation.terms

    @property
    def op(self) -> Op | None:
        """``"=="``, ``"<="`` or ``">="`` (``sum(coef*value) + constant op 0``); ``None`` for a prose check."""
        relation = self.relation
        return None if relation is None else relation.op

    @property
    def constant(self) -> int:
        """The relation's constant (``lhs − rhs``); 0 for every 2021 rule."""
        relation = self.relation
        return 0 if relation is None else relation.constant

    @property
    def paths(self) -> tuple[str, ...]:
        """Cells of this year's report the instance reads, in order."""
        return tuple(p for p in _check_paths(self.check) if not p.startswith(PREVIOUS))

    @property
    def previous_paths(self) -> tuple[str, ...]:
        """Cells of last year's report the instance reads (without the ``previous.`` prefix)."""
        return tuple(
            p.removeprefix(PREVIOUS) for p in _check_paths(self.check) if p.startswith(PREVIOUS)
        )

    @property
    def needs_previous(self) -> bool:
        """``True`` when the instance compares with last year's report."""
        return bool(self.previous_paths)

    def role(self, path: str) -> str:
        """Return the role of a path in this instance.

        ``lhs``/``rhs`` (``total``/``item`` in a sum), ``previous`` for last
        year's cells, ``table`` for cells a prose check compares with,
        ``condition`` for the cell that triggers a conditional mention.
        """
        if path.startswith(PREVIOUS):
            return "previous"
        check = self.check
        if isinstance(check, Narrative):
            return "table"
        if isinstance(check, ConditionalMention):
            return "condition"
        if isinstance(check, Domain):
            return "cell"
        if isinstance(check, Relation):
            left = any(t.path == path for t in check.lhs)
            if self.kind == "sum":
                return "total" if left else "item"
            return "lhs" if left else "rhs"
        return "cell"

    def relation_text(self, *, labels: bool = False, compact: bool = False) -> str:
        """Return the check as text: with paths, or with the form's labels (``labels=True``).

        ``compact=True`` (with ``labels=True``) names each cell by its row's
        ordinals and its column (``三（三）7/自然人``), says a row or column
        all the cells share once, writes four or more consecutive rows as the
        first and the last, and lists each table reading of a prose check once.

        >>> from govinfo_report.rules import RULES_2021
        >>> RULES_2021.by_id("t4.group_sum[review]").relation_text(labels=True)
        '表四 行政复议 / 总计 = 表四 行政复议 / 结果维持 + 表四 行政复议 / 结果纠正 + 表四 行政复议 / 其他结果 + 表四 行政复议 / 尚未审结'
        >>> RULES_2021.by_id("t3.processed_sum[natural_person]").relation_text(labels=True, compact=True)
        '自然人：三（七） = 三（一） + … + 三（六）3（21项）'
        >>> RULES_2021.by_id("t3.row_sum[granted]").relation_text(labels=True, compact=True)
        '三（一）：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他'

        .. versionchanged:: 0.1.0 *compact*.
        """
        if not labels:
            return _check_text(self.check)
        check = self.check
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
        relation = self.relation
        assert relation is not None
        op = relation.op.replace("==", "=")
        if compact:
            return _compact_relation(relation, op)
        return (
            f"{_side_labels(relation.lhs, relation.lhs_constant)} {op} "
            f"{_side_labels(relation.rhs, relation.rhs_constant)}"
        )


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


# --- rule sets -------------------------------------------------------------------


def _rules(value: Iterable[Rule | RuleSet]) -> tuple[Rule, ...]:
    out: list[Rule] = []
    for item in value:
        if isinstance(item, RuleSet):
            out.extend(item.rules)
        elif isinstance(item, Rule):
            out.append(item)
        else:
            msg = f"a rule set holds Rule objects, got {item!r}"
            raise RuleDefinitionError(msg)
    return tuple(out)


@attrs.frozen(repr=False)
class RuleSet:
    """An ordered, flat collection of rules.

    ``a | b`` is a new flat rule set (a rule appearing in both is kept once;
    two different rules with one id are an error); :meth:`select` picks
    rules by instance id, family, tag, kind or severity.

    Attributes:
        rules: The rules, in order.

    Raises:
        RuleDefinitionError: when two different rules share an id.

    .. versionadded:: 0.1.0
    """

    rules: tuple[Rule, ...] = attrs.field(default=(), converter=_rules)
    _by_id: dict[str, RuleInstance] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        seen: dict[str, Rule] = {}
        unique: list[Rule] = []
        for rule in self.rules:
            other = seen.get(rule.id)
            if other is None:
                seen[rule.id] = rule
                unique.append(rule)
            elif other != rule:
                msg = f"two different rules have the id {rule.id!r}"
                raise RuleDefinitionError(msg)
        object.__setattr__(self, "rules", tuple(unique))
        by_id = {i.id: i for r in unique for i in r.instances()}
        object.__setattr__(self, "_by_id", by_id)

    def __repr__(self) -> str:
        return f"<RuleSet: {len(self.rules)} rules, {len(self._by_id)} instances>"

    def __or__(self, other: RuleSet | Rule) -> RuleSet:
        if not isinstance(other, RuleSet | Rule):
            return NotImplemented
        return RuleSet((self, other))

    def __ror__(self, other: Rule) -> RuleSet:
        if not isinstance(other, Rule):
            return NotImplemented
        return RuleSet((other, self))

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Rule):
            return item in self.rules
        return item in self._by_id or any(r.id == item for r in self.rules)

    def __getitem__(self, family: str) -> Rule:
        for rule in self.rules:
            if rule.id == family:
                return rule
        raise KeyError(family)

    @property
    def families(self) -> tuple[str, ...]:
        """The rules' ids, in order."""
        return tuple(r.id for r in self.rules)

    @functools.cached_property
    def _instances(self) -> tuple[RuleInstance, ...]:
        return tuple(self._by_id.values())

    def instances(self) -> tuple[RuleInstance, ...]:
        """Return every rule instance (quantifiers expanded), in order."""
        return self._instances

    def by_id(self, instance_id: str) -> RuleInstance:
        """Return the instance with this id (``"t3.row_sum[granted]"``).

        Raises:
            KeyError: for an unknown id; the message suggests close ids.
        """
        try:
            return self._by_id[instance_id]
        except KeyError:
            from difflib import get_close_matches

            close = get_close_matches(instance_id, list(self._by_id), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            msg = f"no rule instance {instance_id!r}{hint}"
            raise KeyError(msg) from None

    def select(
        self,
        *ids: str,
        families: Iterable[str] = (),
        tags: Iterable[str] = (),
        kinds: Iterable[str] = (),
        severities: Iterable[Severity | str] = (),
    ) -> RuleSet:
        """Return the rules that match any of the criteria given.

        Positional *ids* are instance ids (``"t3.row_sum[granted]"``, which
        keeps only that binding of its rule) or family ids (``"t3.balance"``).

        >>> from govinfo_report.rules import RULES_2021
        >>> [i.id for i in RULES_2021.select("t3.row_sum[granted]", "t4.group_sum").instances()]
        ['t3.row_sum[granted]', 't4.group_sum[review]', 't4.group_sum[suit_direct]', 't4.group_sum[suit_after_review]']

        Raises:
            KeyError: for an id that is neither a family nor an instance.
        """
        wanted_families = set(families)
        wanted_tags = set(tags)
        wanted_kinds = set(kinds)
        wanted_severities = {_severity(s) for s in severities}
        wanted_instances: dict[str, set[str]] = {}
        for item in ids:
            if any(r.id == item for r in self.rules):
                wanted_families.add(item)
            else:
                instance = self.by_id(item)
                wanted_instances.setdefault(instance.family, set()).add(instance.id)
        out: list[Rule] = []
        for rule in self.rules:
            if (
                rule.id in wanted_families
                or wanted_tags & set(rule.tags)
                or rule.kind in wanted_kinds
                or rule.severity in wanted_severities
            ):
                out.append(rule)
            elif rule.id in wanted_instances:
                out.append(_restrict(rule, wanted_instances[rule.id]))
        return RuleSet(out)

    def without(self, *families: str) -> RuleSet:
        """Return the rule set without the rules with these ids."""
        drop = set(families)
        return RuleSet(r for r in self.rules if r.id not in drop)

    @functools.cached_property
    def program(self) -> Program:
        """The rule set compiled for the evaluator (index and coefficient arrays)."""
        from govinfo_report.rules._evaluate import compile_rules

        return compile_rules(self)


def _restrict(rule: Rule, instance_ids: set[str]) -> Rule:
    """Return *rule* quantified only over the bindings of *instance_ids*."""
    keep = [i.binding for i in rule.instances() if i.id in instance_ids]
    quantifiers = tuple(
        attrs.evolve(q, values=tuple(dict.fromkeys(dict(b)[q.var] for b in keep)))
        for q in rule.for_each
    )
    restricted = attrs.evolve(rule, for_each=quantifiers)
    if len(restricted.instances()) != len(keep):  # a product of several quantifiers
        msg = f"{rule.id}: cannot select {sorted(instance_ids)} alone from a multi-variable rule"
        raise RuleDefinitionError(msg)
    return restricted
