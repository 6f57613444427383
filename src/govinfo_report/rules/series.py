"""Rules across reports: a series of years, and a government against its departments.

Both are rule-set data written in the public DSL, listed and serialised like
``RULES_2021``:

* :data:`SERIES_2021` — the cross-year rules of ``RULES_2021`` (上年结转 =
  last year's 结转下年度; 现行有效 rolls forward), run on each consecutive
  pair of an agency's reports (``validate(report, SERIES_2021,
  previous=last_year)``);
* :data:`HIERARCHY_2021` — a government's figures against the sum of its
  departments': every count of table 二, the 总计 column of every row of
  table 三, every cell of table 四.  They read the departments' sum as the
  comparison report: ``validate(government, HIERARCHY_2021,
  previous=departments_sum)``, where :func:`govinfo_report.batch.sum_reports`
  builds that sum.  Warnings, since a government's own report may cover only
  its own office.

>>> from govinfo_report.rules.series import HIERARCHY_2021, SERIES_2021
>>> len(HIERARCHY_2021.instances()), len(SERIES_2021.instances())
(49, 9)
>>> HIERARCHY_2021.by_id("hierarchy.t3[granted]")
<rule hierarchy.t3[granted]: t3.granted.total == previous.t3.granted.total>

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from govinfo_report.rules import RULES_2021, Rule, RuleSet, cell, previous, relation

__all__ = ["HIERARCHY_2021", "SERIES_2021"]

#: The cross-year rules, run on each consecutive pair of an agency's reports.
SERIES_2021: RuleSet = RULES_2021.select(tags=["cross-year"])

_DESCRIPTION = (
    "A government's (本级) figure equals the sum of its departments' (所属部门) when its "
    "report consolidates theirs; it legitimately differs when the government reports only "
    "its own office, or when a department's report is missing (the children missing are "
    "named)."
)


def _hierarchy(
    rule_id: str,
    path: str,
    for_each: Mapping[str, str | Sequence[str]],
    where_zh: str,
    where_en: str,
) -> Rule:
    """A government's cell *path* against the sum of its departments' (a warning)."""
    return relation(
        rule_id,
        cell(path) == previous(path),
        for_each=dict(for_each),
        severity="warning",
        code="govinfo.hierarchy",
        label_zh=f"{where_zh}：本级数字等于所属部门之和",
        label_en=f"{where_en}: the government's figure = the sum of its departments'",
        message_zh=f"{where_zh}：本级为 {{lhs}}，所属部门合计为 {{rhs}}，相差 {{absdiff}}",
        message_en=(
            f"{where_en}: the government reports {{lhs}}, its departments add up to {{rhs}}, "
            "difference {diff}"
        ),
        description=_DESCRIPTION,
        tags=("2021", "hierarchy"),
    )


HIERARCHY_T2 = _hierarchy(
    "hierarchy.t2",
    "{p}",
    {
        "p": [
            "t2.regulations.issued",
            "t2.regulations.repealed",
            "t2.regulations.in_force",
            "t2.normative_documents.issued",
            "t2.normative_documents.repealed",
            "t2.normative_documents.in_force",
            "t2.licensing.decisions",
            "t2.punishment.decisions",
            "t2.coercion.decisions",
        ]
    },
    "表二 {p}",
    "table 2 {p}",
)
HIERARCHY_T3 = _hierarchy(
    "hierarchy.t3", "t3.{r}.total", {"r": "t3.rows"}, "表三 {r} 总计", "table 3 {r}, total"
)
HIERARCHY_T4 = _hierarchy(
    "hierarchy.t4",
    "t4.{g}.{o}",
    {"g": "t4.groups", "o": "t4.outcomes"},
    "表四 {g} {o}",
    "table 4 {g}, {o}",
)

#: A government against the sum of its departments (warnings).
HIERARCHY_2021: RuleSet = RuleSet([HIERARCHY_T2, HIERARCHY_T3, HIERARCHY_T4])
