"""Write a rule of your own, in Python and in YAML, and validate a report with it.

Run it::

    .venv/bin/python examples/custom_rule.py

The rule: in every column of table 三, the requests disclosed in full
(（一）予以公开) cannot outnumber those handled (（七）总计).  It is data:
it lists itself, serialises, and the evaluator reads it like any built-in
rule.
"""

from __future__ import annotations

import govinfo_report as gr
from govinfo_report.rules import (
    RULES_2021,
    RuleSet,
    cell,
    relation,
    rules_from_yaml,
    rules_to_yaml,
)

# In Python: a relation built with <=, quantified over the seven columns.
granted_le_total = relation(
    "my.granted_le_total",
    cell("t3.granted.{c}") <= cell("t3.total_processed.{c}"),
    for_each={"c": "t3.columns"},
    label_zh="{c}列：予以公开不超过（七）总计",
    label_en="column {c}: disclosed ≤ total handled",
    severity="warning",
    tags=["mine"],
)

# The same rule in YAML.
YAML = """
rules:
  - id: my.granted_le_total
    relation: t3.granted.{c} <= t3.total_processed.{c}
    for_each: [{var: c, values: t3.columns}]
    label_zh: "{c}列：予以公开不超过（七）总计"
    label_en: "column {c}: disclosed ≤ total handled"
    severity: warning
    tags: [mine]
"""


def main() -> None:
    """Check that both spellings are one rule, then validate a broken report with it."""
    from_yaml = rules_from_yaml(YAML)
    assert from_yaml == RuleSet([granted_le_total])
    assert rules_from_yaml(rules_to_yaml(from_yaml)) == from_yaml

    rules = RULES_2021 | granted_le_total
    print(rules.by_id("my.granted_le_total[total]"))

    # 予以公开 9 > （七）总计 7 in the 总计 column (the rows do not add up either).
    report = gr.Report.from_cells({"t3.granted.total": 9, "t3.total_processed.total": 7})
    result = gr.validate(report, rules.select(families=["my.granted_le_total"]))
    for violation in result.violations:
        print(violation.rule_id, violation.code, violation.lhs, violation.rhs)
        print(violation.message_zh)
    print(sorted(result.failed_ids))


if __name__ == "__main__":
    main()
