"""Localisation: the fewest cells whose change explains the failures, every tie, and fills."""

from __future__ import annotations

import json

import pytest

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

    def test_ties_in_the_text(self):
        """The text shows five ties and says how many more the JSON holds."""
        result = validate(_moved(gr.generate(0), "granted"))
        text = result.to_text()

        assert text.count("疑为分类错误") == 5
        assert f"… {len(result.explanations) - 5} more, equally small" in text

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


class TestFillArithmetic:
    """A fill solves the identity exactly, whatever the coefficients and the side."""

    def test_coefficient_and_side(self):
        """``2·a == b + blank`` with the blank on the right, and ``a + 3·blank == b`` on the left."""
        right = RuleSet([_rule("x.r", 2 * cell(_A) == cell(_B) + cell(_C))])
        left = RuleSet([_rule("x.l", cell(_A) + 3 * cell(_C) == cell(_B))])

        (fill,) = validate(Report.from_cells({_A: 5, _B: 4, _C: ""}), right).fills
        assert (fill.path, fill.suggested) == (_C, 6)
        (fill,) = validate(Report.from_cells({_A: 2, _B: 11, _C: ""}), left).fills
        assert (fill.path, fill.suggested) == (_C, 3)

    def test_no_whole_or_no_positive_value(self):
        """A fill that would be a fraction or negative is not offered; 0 is."""
        rules = RuleSet([_rule("x.l", cell(_A) + 2 * cell(_C) == cell(_B))])

        assert validate(Report.from_cells({_A: 2, _B: 5, _C: ""}), rules).fills == ()
        assert validate(Report.from_cells({_A: 7, _B: 5, _C: ""}), rules).fills == ()
        (fill,) = validate(Report.from_cells({_A: 5, _B: 5, _C: ""}), rules).fills
        assert fill.suggested == 0

    def test_two_blanks_or_an_inequality(self):
        """Two blanks in one identity, or a blank in an inequality, fix nothing."""
        two = RuleSet([_rule("x.two", cell(_A) == cell(_B) + cell(_C))])
        ineq = RuleSet([_rule("x.le", cell(_A) <= cell(_B) + cell(_C))])

        assert validate(Report.from_cells({_A: 5, _B: "", _C: ""}), two).fills == ()
        assert validate(Report.from_cells({_A: 5, _B: 2, _C: ""}), ineq).fills == ()

    def test_blank_as_zero(self):
        """With blanks read as 0 there is nothing to fill."""
        rules = RuleSet([_rule("x.sum", cell(_A) == cell(_B) + cell(_C))])

        assert (
            validate(Report.from_cells({_A: 5, _B: 2, _C: ""}), rules, blank_as_zero=True).fills
            == ()
        )

    def test_several_rules_one_value(self):
        """Two identities implying one value are listed together, in order."""
        rules = RuleSet(
            [
                _rule("x.one", cell(_A) == cell(_B) + cell(_C)),
                _rule("x.two", cell(_D) == cell(_C)),
                _rule("x.three", cell(_B) == cell(_C) + 1),
            ]
        )
        fills = validate(Report.from_cells({_A: 5, _B: 2, _C: "", _D: 3}), rules).fills

        assert [(f.path, f.suggested, f.rules) for f in fills] == [
            (_C, 1, ("x.three",)),
            (_C, 3, ("x.one", "x.two")),
        ]
        assert (
            fills[1].message_zh
            == "表四 行政复议 / 其他结果 为空白；按 x.one、x.two 应为 3（仅为建议，未写入）"
        )
        assert (
            fills[1].message_en
            == "t4.review.other is blank; x.one, x.two imply 3 (a suggestion, not written back)"
        )

    def test_fills_sorted_by_cell(self):
        """Blanks are listed in canonical cell order."""
        rules = RuleSet(
            [
                _rule("x.one", cell(_D) == cell(_A) + 1),
                _rule("x.two", cell(_C) == cell(_B) + 1),
            ]
        )
        fills = validate(Report.from_cells({_A: 1, _B: "", _C: 3, _D: ""}), rules).fills

        assert [f.path for f in fills] == [_B, _D]
        assert all(f.label and f.label_en and f.printed == "" for f in fills)


class TestMessages:
    """The words of an explanation and of a correction, exactly."""

    def test_correction(self):
        """One cell: its label, the value, what it is printed as, the rules it satisfies."""
        rules = RuleSet([_rule("x.sum", cell(_A) == cell(_B) + cell(_C))])
        result = validate(Report.from_cells({_A: 5, _B: 2, _C: 1}), rules)
        by_path = {s.path: s for s in result.corrections}

        assert (
            by_path[_A].message_zh == "表四 行政复议 / 结果维持 应为 3（印为 5），可同时满足 x.sum"
        )
        assert (
            by_path[_A].message_en
            == "t4.review.upheld would be 3 (printed '5'), which satisfies x.sum"
        )
        assert (
            by_path[_A].kind,
            by_path[_A].value,
            by_path[_A].suggested,
            by_path[_A].rules,
        ) == ("correction", 5, 3, ("x.sum",))

    def test_unexplained(self):
        """When nothing small explains the failures, every failing rule is named."""
        rules = RuleSet([_rule("x.a", cell(_A) == cell(_B)), _rule("x.b", cell(_A) == cell(_C))])
        pinned = RuleSet(
            [
                *rules,
                _rule("x.pa", cell(_A) == cell(_D)),
                _rule("x.pb", cell(_B) == cell("t4.review.total")),
                _rule("x.pc", cell(_C) == cell("t4.suit_direct.total")),
            ]
        )
        report = Report.from_cells(
            {_A: 1, _D: 1, _B: 0, _C: 2, "t4.review.total": 0, "t4.suit_direct.total": 2}
        )
        (only,) = validate(report, pinned).explanations

        assert (
            only.message_zh
            == "改动不超过 2 个单元格无法同时满足 x.a、x.b：错误不止一两处，或在表外"
        )
        assert (
            only.message_en == "no change of up to 2 cells satisfies x.a, x.b: "
            "more cells are wrong, or the error lies outside the tables"
        )


class TestPatternWords:
    """The misclassification is described the right way round."""

    def test_row_the_other_way(self):
        """Printed 自然人 too low and 其他 too high: the words say so."""
        truth = gr.generate(8)  # 予以公开: 自然人 2, 其他 1
        printed = truth.with_cells({"t3.granted.natural_person": 1, "t3.granted.other_org": 2})
        (e,) = validate(printed).explanations

        assert [c.delta for c in e.changes] == [1, -1]
        assert e.message_zh.endswith(
            "疑为分类错误：同一行中 三、（一）予以公开 / 法人或其他组织 其他 多计 1、"
            "三、（一）予以公开 / 自然人 少计 1（行合计不变），即有申请计入了错误的申请人类别"
        )
        assert e.message_en.endswith(
            "likely a misclassification: in one row, t3.granted.other_org is 1 too high and "
            "t3.granted.natural_person 1 too low (the row total unchanged): "
            "counted in the wrong column"
        )

    def test_column(self):
        """Two rows of one column, the column total unchanged."""
        rules = RuleSet(
            [
                _rule("x.r1", cell("t4.review.total") == cell(_A) + cell(_B)),
                _rule("x.r2", cell("t4.suit_direct.total") == cell("t4.suit_direct.upheld")),
                _rule(
                    "x.col",
                    cell("t4.review.total") + cell("t4.suit_direct.total")
                    == cell("t4.suit_after_review.total"),
                ),
            ]
        )
        report = Report.from_cells(
            {
                "t4.review.total": 5,
                _A: 2,
                _B: 1,
                "t4.suit_direct.total": 3,
                "t4.suit_direct.upheld": 5,
                "t4.suit_after_review.total": 8,
            }
        )
        found = validate(report, rules).explanations
        pair = [e for e in found if e.paths == (_A, "t4.suit_direct.upheld")]

        assert len(pair) == 1
        (e,) = pair
        assert e.pattern == "misclassification"
        assert e.message_zh.endswith(
            "疑为分类错误：同一列中 表四 行政诉讼 未经复议直接起诉 / 结果维持 多计 2、"
            "表四 行政复议 / 结果维持 少计 2（列合计不变），即有申请归入了错误的行"
        )
        assert "in one column, t4.suit_direct.upheld is 2 too high" in e.message_en

    def test_not_a_pattern(self):
        """Changes that are not equal and opposite, or in other tables, name no pattern."""
        from govinfo_report.rules._localise import _pattern

        assert _pattern(("t3.granted.natural_person", "t3.granted.other_org"), (1, -2)) is None
        assert _pattern(("t3.granted.natural_person", "t4.review.upheld"), (1, -1)) is None
        assert _pattern(("t3.granted.natural_person", "t3.partial.other_org"), (1, -1)) is None
        assert _pattern(("t3.granted.natural_person",), (1,)) is None


class TestBoundsInLocalisation:
    """A suggested value stays within its bound."""

    def test_maximum(self):
        """A fix above the cell's maximum is not offered; one at it is."""
        bounded = gr.rules.bound("x.max", _B, maximum=5, label_zh="乙", label_en="b")
        rules = RuleSet([_rule("x.sum", cell(_A) == cell(_B) + cell(_C)), bounded])

        over = validate(Report.from_cells({_A: 9, _B: 2, _C: 1}), rules)
        assert [e.paths for e in over.explanations] == [(_A,), (_C,)]
        at = validate(Report.from_cells({_A: 6, _B: 2, _C: 1}), rules)
        assert [e.paths for e in at.explanations] == [(_A,), (_B,), (_C,)]
        assert at.explanations[1].changes[0].suggested == 5

    def test_suggestion_fields(self):
        """A correction carries the cell's labels and its printed text."""
        rules = RuleSet([_rule("x.sum", cell(_A) == cell(_B) + cell(_C))])
        (first, *_) = validate(Report.from_cells({_A: 5, _B: 2, _C: 1}), rules).corrections

        assert (first.label, first.printed) == ("表四 行政复议 / 结果维持", "5")
        assert "table 4" in first.label_en.lower() or first.label_en


class TestIncidence:
    """The incidence matrix of the linear instances (cells × instances)."""

    def test_lookups(self):
        """Which instances read a cell, which cells an instance reads, and the coefficients."""
        from govinfo_report.rules import RULES_2021, incidence

        inc = incidence(RULES_2021)
        ids = inc.instances_of("t3.carried_forward.total")

        assert {"t3.balance[total]", "t3.row_sum[carried_forward]"} <= set(ids)
        assert "domain.count[t3.carried_forward.total]" in ids
        assert inc.instances_of("t3.carried_forward.total", ops=[">="], rules=RULES_2021) == (
            "domain.count[t3.carried_forward.total]",
        )
        assert inc.instances_of("no.such.cell") == ()
        assert list(inc.cells_of("t3.balance[total]")) == [
            "t3.new_received.total",
            "t3.carried_over.total",
            "t3.total_processed.total",
            "t3.carried_forward.total",
        ]
        matrix = inc.matrix()
        row = inc.cells.index("t3.carried_forward.total")
        col = inc.instances.index("t3.balance[total]")
        assert matrix[row][col] == -1
        assert "t3.carryover[total]" in inc.instances


class TestBlanksFilled:
    """Blanks are filled by the identities the same way: together, when they fix them."""

    def test_two_blanks_together(self):
        """A 自然人 cell and its row's total, both blank: the column sums and the row sum fix both."""
        truth = gr.generate(0)
        gaps = truth.with_cells({"t3.granted.natural_person": "", "t3.granted.total": ""})
        (e,) = validate(gaps).explanations

        assert e.paths == ("t3.granted.natural_person", "t3.granted.total")
        assert [truth.value(p) for p in e.paths] == [c.suggested for c in e.changes]
        assert [c.delta for c in e.changes] == [None, None]
        assert {
            "t3.processed_sum[natural_person]",
            "t3.processed_sum[total]",
            "t3.row_sum[granted]",
        } == set(e.rules)
        assert e.message_zh.startswith("三、（一）予以公开 / 自然人 为空白，应为 ")
        assert "t3.granted.natural_person is blank; it would be" in e.message_en
        assert validate(gaps).corrections == ()  # a fill is no correction

    def test_three_blanks_together(self):
        """Three blanks of one row: the three column sums fix each, the row sum agrees."""
        truth = gr.generate(0)
        paths = ("t3.granted.natural_person", "t3.granted.commercial", "t3.granted.total")
        gaps = truth.with_cells(dict.fromkeys(paths, ""))
        (e,) = validate(gaps).explanations

        assert paths == e.paths
        assert [truth.value(p) for p in paths] == [c.suggested for c in e.changes]

    def test_blanks_the_rows_cannot_fix(self):
        """Blanks whose values the identities leave open are not filled."""
        rules = RuleSet(
            [
                _rule("x.one", cell(_A) == cell(_B) + cell(_C) + cell(_D)),
                _rule("x.two", cell(_B) + cell(_C) == cell(_D)),
            ]
        )
        report = Report.from_cells({_A: 6, _B: "", _C: "", _D: ""})

        assert validate(report, rules).explanations == ()
        solved = validate(Report.from_cells({_A: 6, _B: 1, _C: "", _D: ""}), rules).explanations
        assert [(c.path, c.suggested) for c in solved[0].changes] == [(_C, 2), (_D, 3)]

    def test_marker_never_filled(self):
        """``/`` and text are never filled, alone or with others."""
        truth = gr.generate(0)

        assert validate(truth.with_cells({"t3.granted.natural_person": "/"})).explanations == ()
        assert validate(truth.with_cells({"t3.granted.natural_person": "六"})).explanations == ()

    def test_not_fixed(self):
        """Two blanks that only one identity reads are left blank."""
        rules = RuleSet([_rule("x.sum", cell(_A) == cell(_B) + cell(_C))])

        assert validate(Report.from_cells({_A: 5, _B: "", _C: ""}), rules).explanations == ()

    def test_blank_apart_from_a_wrong_cell(self):
        """A blank and a wrong number elsewhere: one filled, the other corrected."""
        truth = gr.generate(0)
        both = truth.with_cells(
            {
                "t3.granted.natural_person": "",
                "t4.review.upheld": truth.value("t4.review.upheld") + 2,
            }
        )
        result = validate(both)

        assert ("t3.granted.natural_person",) in [e.paths for e in result.explanations]
        assert {"t4.review.upheld", "t4.review.total"} == {s.path for s in result.corrections}


class TestExactWords:
    """The whole explanation of the 洋河 case, word for word."""

    def test_messages(self):
        """Both cells, their printed values, the rules, and the pattern the right way round."""
        (e,) = validate(_moved(gr.generate(8), "granted")).explanations
        granted = "三、（一）予以公开 / "

        assert (
            f"{granted}自然人 应为 2（印为 3）；{granted}法人或其他组织 其他 应为 1（印为 0），"
            "可同时满足 t3.processed_sum[natural_person]、t3.processed_sum[other_org]。"
            f"疑为分类错误：同一行中 {granted}自然人 多计 1、{granted}法人或其他组织 其他 少计 1"
            "（行合计不变），即有申请计入了错误的申请人类别"
        ) == e.message_zh
        assert e.message_en == (
            "t3.granted.natural_person would be 2 (printed '3'); "
            "t3.granted.other_org would be 1 (printed '0'), which satisfies "
            "t3.processed_sum[natural_person], t3.processed_sum[other_org]. "
            "likely a misclassification: in one row, t3.granted.natural_person is 1 too high and "
            "t3.granted.other_org 1 too low (the row total unchanged): counted in the wrong column"
        )

    def test_two_requests_moved(self):
        """Two requests moved: the words say 2."""
        (e,) = validate(_moved(gr.generate(19), "granted", 2)).explanations[:1]

        assert "多计 2" in e.message_zh
        assert "少计 2" in e.message_zh
        assert "is 2 too high" in e.message_en


class TestSolving:
    """The changes are solved exactly, and kept only when every rule still holds."""

    def test_division(self):
        """``2·a == b``: a is off by half the difference."""
        rules = RuleSet([_rule("x.double", 2 * cell(_A) == cell(_B))])
        result = validate(Report.from_cells({_A: 3, _B: 8}), rules)

        assert [(e.paths, e.changes[0].suggested) for e in result.explanations] == [
            ((_A,), 4),
            ((_B,), 6),
        ]

    @pytest.mark.parametrize(("limit", "kept"), [(4, True), (3, False)])
    def test_a_passing_inequality_bounds_the_change(self, limit, kept):
        """``b ≤ d`` passed; raising *b* to 4 keeps it only when d is 4 or more."""
        rules = RuleSet(
            [
                _rule("x.sum", cell(_A) == cell(_B) + cell(_C)),
                _rule("x.le", cell(_B) <= cell(_D)),
            ]
        )
        report = Report.from_cells({_A: 5, _B: 2, _C: 1, _D: limit})
        found = [e.paths for e in validate(report, rules).explanations]

        assert kept == ((_B,) in found)

    @pytest.mark.parametrize(("floor", "kept"), [(3, True), (4, False)])
    def test_a_passing_lower_bound(self, floor, kept):
        """``a ≥ d`` passed; lowering *a* to 3 keeps it only when d is 3 or less."""
        rules = RuleSet(
            [
                _rule("x.sum", cell(_A) == cell(_B) + cell(_C)),
                _rule("x.ge", cell(_A) >= cell(_D)),
            ]
        )
        report = Report.from_cells({_A: 5, _B: 2, _C: 1, _D: floor})
        found = [e.paths for e in validate(report, rules).explanations]

        assert kept == ((_A,) in found)
