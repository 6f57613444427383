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
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar, cast

import attrs

from govinfo_report.exceptions import RuleDefinitionError, UnknownPathError
from govinfo_report.rules._checks import (
    DOMAINS,
    EXACT,
    MESSAGE_FIELDS,
    PRINTED,
    Check,
    ConditionalMention,
    Domain,
    Mention,
    Narrative,
    Quantifier,
    Tolerance,
    YearCheck,
    check_paths,
)
from govinfo_report.rules._codes import ReasonCode
from govinfo_report.rules._describe import check_text
from govinfo_report.rules._expr import PREVIOUS, Relation, substitute, template_names
from govinfo_report.rules._instance import Kind, RuleInstance
from govinfo_report.schema import CELL_SPECS, Severity, cell_spec

__all__ = [
    "DOMAINS",
    "EXACT",
    "PRINTED",
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

_T = TypeVar("_T")


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

_ID = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*")


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
    paths = check_paths(rule.check)
    amount = any(
        CELL_SPECS[p].kind == "amount"
        for p in (q.removeprefix(PREVIOUS) for q in paths)
        if p in CELL_SPECS
    )
    return PRINTED if amount else EXACT


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
    out = (value,) if isinstance(value, str) else tuple(value)
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
        templates = [*check_paths(self.check)]
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
            for path in check_paths(check):
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
        return f"<rule {head}: {check_text(self.check)}>"

    def instances(self) -> tuple[RuleInstance, ...]:
        """Return the concrete instances, one per binding, in quantifier order."""
        return self._instances


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
    _derived: dict[str, object] = attrs.field(
        init=False, eq=False, repr=False, hash=False, factory=dict
    )

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

    def derived(self, key: str, make: Callable[[RuleSet], _T]) -> _T:
        """Return ``make(self)``, worked out once per rule set and *key*.

        What the layers above derive from a rule set (the evaluator's
        coefficient matrix) is kept here, so that a rule set used for many
        reports is compiled once.
        """
        if key not in self._derived:
            self._derived[key] = make(self)
        return cast("_T", self._derived[key])


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
