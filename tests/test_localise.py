"""Localisation: the fewest cells whose change explains the failures, every tie, and fills."""

from __future__ import annotations

import json

import govinfo_report as gr
from govinfo_report.rules import RuleSet, cell, relation, validate
from govinfo_report.schema import CELL_SPECS, T3_VALUE_ROWS, Report


def _rule(rule_id: str, check: gr.rules.Relation) -> gr.rules.Rule:
    return relation(rule_id, check, label_zh=rule_id, label_en=rule_id)


def _moved(truth: Report, row: str, n: int = 1) -> Report:
    """*truth* with *n* requests of *row* counted under 自然人 instead of 其他 (row total kept)."""
    return truth.with_cells(
        {
            f"t3.{row}.natural_person": truth.value(f"t3.{row}.natural_person") + n,
            f"t3.{row}.other_org": truth.value(f"t3.{row}.other_org") - n,
        }
    )


class TestMisclassification:
    """One request in the wrong applicant column, the row total right (洋河新区 2025)."""

    def test_named_with_its_values(self):
        """The two cells, their values and the pattern are named, in zh and en."""
        truth = gr.generate(8)  # 予以公开: 自然人 2, 其他 1; no other row has a 自然人
        result = validate(_moved(truth, "granted"))

        assert {"t3.processed_sum[natural_person]", "t3.processed_sum[other_org]"} == set(
            result.failed_ids
        )
        (only,) = result.explanations
        assert only.paths == ("t3.granted.natural_person", "t3.granted.other_org")
        assert [(c.value, c.suggested, c.delta) for c in only.changes] == [(3, 2, -1), (0, 1, 1)]
        assert only.pattern == "misclassification"
        assert "分类错误" in only.message_zh
        assert "行合计不变" in only.message_zh
        assert "counted in the wrong column" in only.message_en
        assert result.corrections == ()  # no single cell explains it

    def test_every_tie_in_canonical_order(self):
        """Each row whose 自然人 can give one request is an equally small explanation."""
        truth = gr.generate(0)
        result = validate(_moved(truth, "granted"))
        rows = [
            r
            for r in T3_VALUE_ROWS
            if (_moved(truth, "granted").value(f"t3.{r}.natural_person") or 0) >= 1
        ]

        expected = [(f"t3.{r}.natural_person", f"t3.{r}.other_org") for r in rows]
        assert expected == [e.paths for e in result.explanations]
        assert all(e.pattern == "misclassification" for e in result.explanations)
        order = [CELL_SPECS[e.paths[0]].index for e in result.explanations]
        assert sorted(order) == order

    def test_two_rows_of_one_column(self):
        """A request counted in the wrong result row of one column is named too."""
        truth = gr.generate(0)
        printed = truth.with_cells(
            {
                "t3.granted.natural_person": truth.value("t3.granted.natural_person") + 1,
                "t3.granted.total": truth.value("t3.granted.total") + 1,
                "t3.partial.natural_person": truth.value("t3.partial.natural_person") - 1,
                "t3.partial.total": truth.value("t3.partial.total") - 1,
            }
        )
        result = validate(printed)

        assert result.ok  # every sum still holds: nothing to localise
        assert result.explanations == ()

    def test_in_the_json_and_the_text(self):
        """Both outputs carry the explanation."""
        result = validate(_moved(gr.generate(8), "granted"))

        data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
        (entry,) = data["explanations"]
        assert entry["pattern"] == "misclassification"
        assert [c["cell"] for c in entry["cells"]] == [
            "t3.granted.natural_person",
            "t3.granted.other_org",
        ]
        assert [c["delta"] for c in entry["cells"]] == [-1, 1]
        assert "fewest cells to change" in result.to_text()
        assert "分类错误" in result.to_text()


class TestTwoCells:
    """Two wrong cells in different rows and columns are named as a pair."""

    def test_pair(self):
        """Each could be named on its own; together they are the one explanation."""
        truth = gr.generate(0)
        printed = truth.with_cells(
            {
                "t3.granted.natural_person": truth.value("t3.granted.natural_person") + 2,
                "t3.unable_not_held.commercial": truth.value("t3.unable_not_held.commercial") + 3,
            }
        )
        result = validate(printed)

        (only,) = result.explanations
        assert only.paths == ("t3.granted.natural_person", "t3.unable_not_held.commercial")
        assert [c.delta for c in only.changes] == [-2, -3]
        assert only.pattern is None

    def test_independent_groups(self):
        """A wrong cell in table 三 and one in table 四 are two groups, each explained alone."""
        truth = gr.generate(0)
        printed = truth.with_cells(
            {
                "t3.granted.natural_person": truth.value("t3.granted.natural_person") + 2,
                "t4.review.upheld": truth.value("t4.review.upheld") + 1,
            }
        )
        result = validate(printed)

        expected = [("t3.granted.natural_person",), ("t4.review.total",), ("t4.review.upheld",)]
        assert expected == sorted(e.paths for e in result.explanations)
        assert [p for (p,) in expected] == sorted(s.path for s in result.corrections)


_A, _B, _C, _D = (
    "t4.review.upheld",
    "t4.review.corrected",
    "t4.review.other",
    "t4.review.pending",
)


class TestConstraints:
    """A change must make every failing identity hold, and may not break anything else."""

    def test_never_breaks_a_rule_that_passed(self):
        """Of three cells that fix the failing rule, the one a passing rule reads is dropped."""
        rules = RuleSet(
            [
                _rule("x.fails", cell(_A) == cell(_B) + cell(_C)),
                _rule("x.passes", cell(_B) == cell(_D)),
            ]
        )
        report = Report.from_cells({_A: 5, _B: 2, _C: 1, _D: 2})
        result = validate(report, rules)

        assert [e.paths for e in result.explanations] == [(_A,), (_C,)]
        assert [e.changes[0].suggested for e in result.explanations] == [3, 3]

    def test_negative_corrections(self):
        """A value printed too high is lowered; a change that would go below 0 is not offered."""
        rules = RuleSet([_rule("x.sum", cell(_A) == cell(_B) + cell(_C))])
        report = Report.from_cells({_A: 0, _B: 1, _C: 0})
        result = validate(report, rules)

        assert [
            (e.paths[0], e.changes[0].suggested, e.changes[0].delta) for e in result.explanations
        ] == [(_A, 1, 1), (_B, 0, -1)]

    def test_coefficients(self):
        """A coefficient of 2 halves the change; a change that is not a whole count is refused."""
        rules = RuleSet([_rule("x.double", 2 * cell(_A) == cell(_B))])
        result = validate(Report.from_cells({_A: 3, _B: 7}), rules)

        assert [(e.paths[0], e.changes[0].suggested) for e in result.explanations] == [(_B, 6)]

    def test_nothing_small(self):
        """When no one or two cells explain the failures, the result says so."""
        e, f = "t4.review.total", "t4.suit_direct.upheld"
        rules = RuleSet(
            [
                _rule("x.fails", cell(_A) == cell(_B)),
                _rule("x.p1", cell(_A) == cell(_C)),
                _rule("x.p2", cell(_C) == cell(e)),
                _rule("x.p3", cell(_B) == cell(_D)),
                _rule("x.p4", cell(_D) == cell(f)),
            ]
        )
        report = Report.from_cells({_A: 1, _C: 1, e: 1, _B: 0, _D: 0, f: 0})
        result = validate(report, rules)

        (only,) = result.explanations
        assert only.changes == ()
        assert only.rules == ("x.fails",)
        assert "无法同时满足" in only.message_zh
        assert "no change of up to 2 cells" in only.message_en


class TestFills:
    """A blank is filled from the identities; a marker or text never is."""

    def _report(self, printed: str) -> Report:
        return Report.from_cells({_A: 5, _B: 2, _C: printed})

    def test_blank(self):
        """The one blank of an identity gets the value the others imply."""
        rules = RuleSet([_rule("x.sum", cell(_A) == cell(_B) + cell(_C))])
        (fill,) = validate(self._report(""), rules).fills

        assert (fill.path, fill.suggested, fill.rules) == (_C, 3, ("x.sum",))

    def test_marker_and_text(self):
        """``/`` says the cell does not apply, and ``三件`` is kept as printed: no fill."""
        rules = RuleSet([_rule("x.sum", cell(_A) == cell(_B) + cell(_C))])

        assert validate(self._report("/"), rules).fills == ()
        assert validate(self._report("三件"), rules).fills == ()
