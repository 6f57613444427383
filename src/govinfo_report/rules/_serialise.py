"""Rule sets to and from JSON and YAML; validation results as rows, tables, text and JSON.

A rule set serialises to plain data, one object per rule; relations and
expected figures are written as text (``"t3.granted.{c} <= t3.total_processed.{c}"``)
and read back by a small tokenizer, never by ``eval``.  ``rules_from_dict``
of ``rules_to_dict`` of a rule set is an equal rule set.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from typing import Any

from govinfo_report.exceptions import MissingExtraError, RuleDefinitionError
from govinfo_report.rules._expr import Relation, format_side, parse_relation
from govinfo_report.rules._rule import (
    ConditionalMention,
    Domain,
    Mention,
    Narrative,
    Quantifier,
    Rule,
    RuleInstance,
    RuleSet,
    Tolerance,
    YearCheck,
)

__all__ = [
    "FORMAT_VERSION",
    "dump_yaml",
    "instance_rows",
    "rules_from_dict",
    "rules_from_json",
    "rules_from_yaml",
    "rules_to_dict",
    "rules_to_json",
    "rules_to_yaml",
    "yaml_module",
]

FORMAT_VERSION = 1
"""The version of the serialised rule-set format."""


# --- rule sets -------------------------------------------------------------------------


def _check_to_dict(check: object) -> dict[str, Any]:
    if isinstance(check, Relation):
        return {"relation": str(check)}
    if isinstance(check, Domain):
        return {
            "bound": {"cell": check.path, "integral": check.integral, "minimum": check.minimum}
            | ({} if check.maximum is None else {"maximum": check.maximum})
        }
    if isinstance(check, Narrative):
        return {
            "narrative": {
                "mentions": [
                    {"pattern": m.pattern, "expect": [format_side(alt) for alt in m.expect]}
                    for m in check.mentions
                ],
                "sections": list(check.sections),
                "preamble": check.preamble,
            }
        }
    if isinstance(check, ConditionalMention):
        return {
            "conditional_mention": {
                "condition": check.condition,
                "section": check.section,
                "require": check.require,
                "deny": check.deny,
            }
        }
    if isinstance(check, YearCheck):
        return {"year": {"part": check.part}}
    msg = f"cannot serialise the check {check!r}"  # pragma: no cover - Rule checks the type
    raise RuleDefinitionError(msg)  # pragma: no cover


def _rule_to_dict(rule: Rule) -> dict[str, Any]:
    data: dict[str, Any] = {"id": rule.id, "kind": rule.kind}
    data.update(_check_to_dict(rule.check))
    if rule.for_each:
        data["for_each"] = [
            {"var": q.var, "values": list(q.values), "domain": q.domain} for q in rule.for_each
        ]
    data["label_zh"] = rule.label_zh
    data["label_en"] = rule.label_en
    if rule.message_zh is not None:
        data["message_zh"] = rule.message_zh
    if rule.message_en is not None:
        data["message_en"] = rule.message_en
    data["severity"] = rule.severity.value
    data["code"] = str(rule.code)
    data["tolerance"] = {"mode": rule.tolerance.mode, "absolute": str(rule.tolerance.absolute)}
    if rule.description:
        data["description"] = rule.description
    if rule.tags:
        data["tags"] = list(rule.tags)
    return data


def rules_to_dict(rules: RuleSet | Rule) -> dict[str, Any]:
    """Return a rule set as plain data: ``{"format": "govinfo-rules", "version": 1, "rules": [...]}``.

    .. versionadded:: 0.1.0
    """
    ruleset = rules if isinstance(rules, RuleSet) else RuleSet((rules,))
    return {
        "format": "govinfo-rules",
        "version": FORMAT_VERSION,
        "rules": [_rule_to_dict(r) for r in ruleset.rules],
    }


_CHECK_KEYS = ("relation", "bound", "narrative", "conditional_mention", "year")
_RULE_KEYS = frozenset(
    {
        "id",
        "kind",
        *_CHECK_KEYS,
        "for_each",
        "label_zh",
        "label_en",
        "message_zh",
        "message_en",
        "severity",
        "code",
        "tolerance",
        "description",
        "tags",
    }
)


def _require(data: Mapping[str, Any], key: str, where: str) -> Any:
    try:
        return data[key]
    except KeyError:
        msg = f"{where}: missing {key!r}"
        raise RuleDefinitionError(msg) from None


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        msg = f"{where}: expected a mapping, got {value!r}"
        raise RuleDefinitionError(msg)
    return value


def _check_from_dict(data: Mapping[str, Any], where: str) -> tuple[str, object]:
    present = [k for k in _CHECK_KEYS if k in data]
    if len(present) != 1:
        msg = (
            f"{where}: a rule has exactly one of {', '.join(_CHECK_KEYS)}; got {present or 'none'}"
        )
        raise RuleDefinitionError(msg)
    key = present[0]
    value = data[key]
    if key == "relation":
        if not isinstance(value, str):
            msg = f"{where}: a relation is written as text, e.g. 'a.b.c == a.b.d + a.b.e'"
            raise RuleDefinitionError(msg)
        return "relation", parse_relation(value)
    body = _mapping(value, f"{where}.{key}")
    if key == "bound":
        return "bound", Domain(
            _require(body, "cell", where),
            integral=bool(body.get("integral", True)),
            minimum=int(body.get("minimum", 0)),
            maximum=None if body.get("maximum") is None else int(body["maximum"]),
        )
    if key == "narrative":
        mentions = []
        for i, item in enumerate(_require(body, "mentions", where)):
            m = _mapping(item, f"{where}.narrative.mentions[{i}]")
            mentions.append(
                Mention(_require(m, "pattern", where), tuple(_require(m, "expect", where)))
            )
        return "narrative", Narrative(
            tuple(mentions),
            tuple(body.get("sections", (1, 2, 3, 4, 5, 6))),
            bool(body.get("preamble", True)),
        )
    if key == "conditional_mention":
        fields = {k: body[k] for k in ("section", "require", "deny") if k in body}
        return "conditional_mention", ConditionalMention(
            _require(body, "condition", where), **fields
        )
    return "year", YearCheck(_require(body, "part", where))


_DEFAULT_KIND = {
    "relation": "relation",
    "bound": "bound",
    "narrative": "narrative",
    "conditional_mention": "fee",
    "year": "year",
}


def _rule_from_dict(data: Mapping[str, Any], where: str) -> Rule:
    data = _mapping(data, where)
    rule_id = _require(data, "id", where)
    where = f"{where} ({rule_id})"
    unknown = set(data) - _RULE_KEYS
    if unknown:
        msg = f"{where}: unknown field {sorted(unknown)[0]!r}; a rule has {', '.join(sorted(_RULE_KEYS))}"
        raise RuleDefinitionError(msg)
    try:
        check_key, check = _check_from_dict(data, where)
    except RuleDefinitionError as exc:
        text = str(exc)
        msg = text if text.startswith(where) else f"{where}: {text}"
        raise RuleDefinitionError(msg) from None
    fields: dict[str, Any] = {
        "id": rule_id,
        "check": check,
        "label_zh": _require(data, "label_zh", where),
        "label_en": _require(data, "label_en", where),
        "kind": data.get("kind", _DEFAULT_KIND[check_key]),
    }
    if "for_each" in data:
        quantifiers = []
        for i, item in enumerate(data["for_each"]):
            q = _mapping(item, f"{where}.for_each[{i}]")
            values = _require(q, "values", where)
            if isinstance(values, str):
                quantifiers.append(Quantifier.over(_require(q, "var", where), values))
            else:
                quantifiers.append(
                    Quantifier(_require(q, "var", where), tuple(values), q.get("domain"))
                )
        fields["for_each"] = tuple(quantifiers)
    for key in ("message_zh", "message_en", "description", "code"):
        if key in data:
            fields[key] = data[key]
    if "severity" in data:
        fields["severity"] = data["severity"]
    if "tags" in data:
        tags = data["tags"]
        fields["tags"] = (tags,) if isinstance(tags, str) else tuple(tags)
    if "tolerance" in data:
        tol = _mapping(data["tolerance"], f"{where}.tolerance")
        fields["tolerance"] = Tolerance(tol.get("mode", "exact"), tol.get("absolute", "0"))
    try:
        return Rule(**fields)
    except (TypeError, ValueError) as exc:
        msg = f"{where}: {exc}"
        raise RuleDefinitionError(msg) from None


def rules_from_dict(data: Mapping[str, Any] | list[Any]) -> RuleSet:
    """Return the rule set that :func:`rules_to_dict` wrote (a bare list of rules is accepted).

    Raises:
        RuleDefinitionError: naming the rule and the field that is wrong.

    .. versionadded:: 0.1.0
    """
    if isinstance(data, Mapping):
        version = data.get("version", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            msg = (
                f"rule-set format version {version!r} is not supported (expected {FORMAT_VERSION})"
            )
            raise RuleDefinitionError(msg)
        items = _require(data, "rules", "rule set")
    else:
        items = data
    if not isinstance(items, list):
        msg = f"rule set: 'rules' is a list, got {items!r}"
        raise RuleDefinitionError(msg)
    return RuleSet(_rule_from_dict(item, f"rules[{i}]") for i, item in enumerate(items))


def rules_to_json(rules: RuleSet | Rule, *, indent: int | None = 2) -> str:
    """Return a rule set as JSON (UTF-8 text, Chinese kept readable).

    .. versionadded:: 0.1.0
    """
    return json.dumps(rules_to_dict(rules), ensure_ascii=False, indent=indent)


def rules_from_json(text: str) -> RuleSet:
    """Read a rule set from JSON.

    Raises:
        RuleDefinitionError: for invalid JSON or an invalid rule.

    .. versionadded:: 0.1.0
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"rule set: not JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise RuleDefinitionError(msg) from None
    except RecursionError:
        raise RuleDefinitionError("rule set: JSON nested too deeply") from None
    return rules_from_dict(data)


def yaml_module() -> Any:
    """Return the ``yaml`` module (PyYAML).

    Raises:
        MissingExtraError: when PyYAML (the ``yaml`` extra) is not installed.
    """
    try:
        import yaml
    except ImportError:
        raise MissingExtraError("reading or writing rule sets as YAML", "yaml") from None
    return yaml


def _needs_quotes(text: str) -> bool:
    """YAML reads some characters (NEL, line and paragraph separators, controls) as breaks."""
    return any(
        ch in "\x85\u2028\u2029\ufeff" or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
        for ch in text
    )


def dump_yaml(data: object) -> str:
    """Return *data* as YAML: Chinese kept readable, unusual characters double-quoted and escaped.

    Raises:
        MissingExtraError: when PyYAML (the ``yaml`` extra) is not installed.
    """
    yaml = yaml_module()

    class _Dumper(yaml.SafeDumper):  # type: ignore[name-defined,misc]
        pass

    def represent_str(dumper: Any, value: str) -> Any:
        style = '"' if _needs_quotes(value) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, represent_str)
    text: str = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return text


def rules_to_yaml(rules: RuleSet | Rule) -> str:
    """Return a rule set as YAML.

    Raises:
        MissingExtraError: when PyYAML (the ``yaml`` extra) is not installed.

    .. versionadded:: 0.1.0
    """
    return dump_yaml(rules_to_dict(rules))


def rules_from_yaml(text: str) -> RuleSet:
    """Read a rule set from YAML (the whole document, or a list of rules).

    Raises:
        MissingExtraError: when PyYAML (the ``yaml`` extra) is not installed.
        RuleDefinitionError: for invalid YAML or an invalid rule.

    .. versionadded:: 0.1.0
    """
    yaml = yaml_module()
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        msg = f"rule set: not YAML: {exc}"
        raise RuleDefinitionError(msg) from None
    except RecursionError:
        raise RuleDefinitionError("rule set: YAML nested too deeply") from None
    return rules_from_dict(data)


# --- rule listings ----------------------------------------------------------------------


def instance_rows(rules: RuleSet) -> list[dict[str, Any]]:
    """Return one plain dict per rule instance: id, family, severity, code, labels, relation.

    ``relation`` uses the paths; ``relation_zh`` the form's labels.

    .. versionadded:: 0.1.0
    """
    return [_instance_row(i) for i in rules.instances()]


def _instance_row(instance: RuleInstance) -> dict[str, Any]:
    return {
        "id": instance.id,
        "family": instance.family,
        "kind": instance.kind,
        "severity": instance.severity.value,
        "code": str(instance.code),
        "label_zh": instance.label_zh,
        "label_en": instance.label_en,
        "relation": instance.relation_text(),
        "relation_zh": instance.relation_text(labels=True),
        "cells": list(instance.paths),
        "previous_cells": list(instance.previous_paths),
    }
