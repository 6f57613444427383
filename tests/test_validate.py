"""Validation: outcomes, violations, reasons, localisation, prose, cross-year, output."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.exceptions import InvalidArgument, ReportInvalid
from govinfo_report.rules import (
    RULES_2021,
    NotEvaluatedReason,
    ReasonCode,
    RuleSet,
    Status,
    Tolerance,
    cell,
    incidence,
    relation,
    validate,
)
from govinfo_report.schema import CELL_PATHS, CELL_SPECS, Cell, Report, ReportMeta
from tests.conftest import SEEDS, expected

IDENTITIES = RULES_2021.select(tags=["identity"])


def seed_from_cells(name: str) -> Report:
    """The seed built from its hand-checked cells (no prose)."""
    data = expected(name)
    return Report.from_cells(
        data["cells"], meta=ReportMeta(agency=data["agency"], year=data["year"])
    )


def seed_from_text(name: str) -> Report:
    """The seed read from its Word text export."""
    return gr.load(SEEDS[name])


@pytest.fixture(params=["cells", "text"])
def seed(request: pytest.FixtureRequest, seed_name: str) -> Report:
    """Each seed, built from its expected cells and read from its text."""
    if request.param == "cells":
        return seed_from_cells(seed_name)
    return seed_from_text(seed_name)


class TestSeeds:
    """Both seeds pass every rule."""

    def test_no_violation(self, seed):
        """Nothing fails; every identity and bound is evaluated."""
        result = validate(seed)

        assert frozenset() == result.failed_ids
        assert result.ok
        evaluated = {
            i.id
            for i, s in zip(RULES_2021.instances(), result.statuses, strict=True)
            if s is Status.PASS
        }
        assert {i.id for i in IDENTITIES.instances()} <= evaluated
        assert {i.id for i in RULES_2021.select(tags=["domain"]).instances()} <= evaluated

    def test_seed_004_prose_agrees(self):
        """Seed 004's 受理19条, 无上年度结转, 行政复议1件 and 无行政诉讼案件 match its tables."""
        result = validate(seed_from_text("seed-004"))

        statuses = {
            rule: result.outcome(rule).status
            for rule in (
                "text.new_received",
                "text.carried_over",
                "text.review",
                "text.litigation",
            )
        }
        assert dict.fromkeys(statuses, Status.PASS) == statuses

    def test_seed_000_fee_not_linked_to_table_two(self):
        """Seed 000 charges 3.3 万元 行政事业性收费 and 未收取信息处理费: no fee warning."""
        report = seed_from_text("seed-000")

        assert Decimal("3.3") == report.t2.admin_fees.amount.value
        assert validate(report).outcome("text.fee_notice").status == Status.PASS

    def test_counts(self, seed):
        """Every instance has exactly one outcome."""
        counts = validate(seed).counts()

        assert len(RULES_2021.instances()) == sum(counts.values())


def _linear_failures(result: gr.ValidationResult) -> set[str]:
    return {i for i in result.failed_ids if RULES_2021.by_id(i).is_linear}


def _expected_by_incidence(path: str) -> set[str]:
    inc = incidence(RULES_2021)
    return {
        i
        for i in inc.instances_of(path, ops=["=="], rules=RULES_2021)
        if not RULES_2021.by_id(i).needs_previous
    }


class TestOneCellOff:
    """Changing one cell by +1 breaks exactly the identities that read it, and names it."""

    @pytest.mark.parametrize("source", ["cells", "text"])
    def test_every_cell(self, seed_name, source):
        """For all 200 cells: failures = the cell's equalities (incidence); the cell is named."""
        report = seed_from_cells(seed_name) if source == "cells" else seed_from_text(seed_name)
        for path in CELL_PATHS:
            value = report.value(path)
            assert value is not None, path
            result = validate(report.with_cells({path: Cell(value + 1)}))

            want = _expected_by_incidence(path)
            assert want == _linear_failures(result), path
            named = {s.path: s.suggested for s in result.corrections}
            if want:
                assert value == named.get(path), path
            else:
                assert named == {}, path

    def test_table_three_cell_is_unique(self):
        """A wrong table-三 cell is the only candidate: its row and column meet there."""
        report = seed_from_cells("seed-000").with_cells({"t3.granted.research": 2})

        result = validate(report)

        assert [(s.path, s.suggested) for s in result.corrections] == [("t3.granted.research", 1)]

    def test_table_four_candidates(self):
        """In table 四 every cell of the group is a candidate, in form order, none negative."""
        report = seed_from_cells("seed-000").with_cells({"t4.review.upheld": 4})

        result = validate(report)

        assert [(s.path, s.suggested) for s in result.corrections] == [
            ("t4.review.upheld", 3),
            ("t4.review.total", 4),
        ]


class TestKnownSourceErrors:
    """SPEC §7: errors printed in real reports."""

    def test_jinhu_table_four(self):
        """金湖县 2023: 未经复议直接起诉 2+0+1+0 = 3, 总计 printed 0."""
        report = seed_from_cells("seed-000").with_cells(
            {"t4.suit_direct.upheld": 2, "t4.suit_direct.other": 1, "t4.suit_direct.total": 0}
        )

        result = validate(report)

        assert frozenset({"t4.group_sum[suit_direct]"}) == result.failed_ids
        v = result.violations[0]
        assert (v.code, v.lhs, v.rhs, v.diff) == (ReasonCode.SUM, 0, 3, -3)
        assert [(c.role, c.path, c.value) for c in v.cells] == [
            ("total", "t4.suit_direct.total", 0),
            ("item", "t4.suit_direct.upheld", 2),
            ("item", "t4.suit_direct.corrected", 0),
            ("item", "t4.suit_direct.other", 1),
            ("item", "t4.suit_direct.pending", 0),
        ]
        assert (
            v.message_zh
            == "行政诉讼 未经复议直接起诉：总计为 0，结果维持、结果纠正、其他结果、尚未审结之和为 3，相差 3"
        )

    def test_balance_60_vs_61(self):
        """一 60 + 二 0 vs （七）61 + 四 0 is a balance violation of −1 in the 总计 column."""
        report = Report.from_cells(
            {
                "t3.new_received.total": 60,
                "t3.carried_over.total": 0,
                "t3.total_processed.total": 61,
                "t3.carried_forward.total": 0,
            }
        )

        result = validate(report, IDENTITIES)

        assert frozenset({"t3.balance[total]"}) == result.failed_ids
        v = result.violations[0]
        assert (v.code, v.lhs, v.rhs, v.diff) == (ReasonCode.BALANCE, 60, 61, -1)
        assert [(c.role, c.path, c.printed, c.label) for c in v.cells] == [
            ("lhs", "t3.new_received.total", "60", "一、本年新收政府信息公开申请数量 / 总计"),
            ("lhs", "t3.carried_over.total", "0", "二、上年结转政府信息公开申请数量 / 总计"),
            ("rhs", "t3.total_processed.total", "61", "三、（七）总计 / 总计"),
            ("rhs", "t3.carried_forward.total", "0", "四、结转下年度继续办理 / 总计"),
        ]
        assert (
            v.message_zh
            == "总计列：第一项加第二项之和（60）不等于第三项加第四项之和（61），相差 1"
        )
        assert v.message_en == "column total: (1) + (2) = 60 but (3) + (4) = 61, difference −1"
        assert (
            v.explain().splitlines()[0]
            == "t3.balance[total] FAIL govinfo.balance: 60 ≠ 61 (diff −1)"
        )

    def test_localised_typo(self):
        """A 6 printed as 60 is named with its consistent value and the rules it satisfies."""
        report = seed_from_cells("seed-000").with_cells(
            {"t3.denied_enforcement_file.natural_person": "60"}
        )

        result = validate(report)

        assert [s.message_zh for s in result.corrections] == [
            (
                "三、（三）7.属于行政执法案卷 / 自然人 应为 6（印为 60），可同时满足 "
                "t3.processed_sum[natural_person]、t3.row_sum[denied_enforcement_file]"
            )
        ]

    def test_two_errors_two_groups(self):
        """Two wrong cells in different tables are localised separately."""
        report = seed_from_cells("seed-000").with_cells(
            {"t3.granted.research": 2, "t4.suit_after_review.total": 2}
        )

        result = validate(report)

        paths = [s.path for s in result.corrections]
        assert "t3.granted.research" in paths
        assert "t4.suit_after_review.total" in paths

    def test_never_breaks_a_passing_rule(self):
        """A change that would fix the failures but break a passing rule is not proposed."""
        # 总计 of 予以公开 off by one: only the total itself fixes row_sum[granted]
        # without breaking processed_sum[total] ... which it also fails; the items
        # (e.g. natural_person) would fix the row but break processed_sum[natural_person].
        report = seed_from_cells("seed-000").with_cells({"t3.granted.total": 10})

        result = validate(report)

        assert [(s.path, s.suggested) for s in result.corrections] == [("t3.granted.total", 9)]
        assert "t3.granted.natural_person" not in {s.path for s in result.corrections}


class TestCellsWithoutNumbers:
    """Blanks, markers, text and absent cells are never guessed."""

    def test_blank_is_not_evaluated(self):
        """A blank cell leaves its identities not evaluated, with the reason and the cell."""
        report = seed_from_cells("seed-000").with_cells({"t3.carried_forward.total": ""})

        result = validate(report)

        outcome = result.outcome("t3.balance[total]")
        assert outcome.status == Status.NA
        assert outcome.not_evaluated.reason == NotEvaluatedReason.BLANK
        assert [c.path for c in outcome.not_evaluated.cells] == ["t3.carried_forward.total"]
        assert frozenset() == result.failed_ids

    def test_blank_suggestion(self):
        """KW24: 34 + 2 = 35 + blank suggests 1, from both identities; nothing is written back."""
        report = Report.from_cells(
            {
                "t3.new_received.total": 34,
                "t3.carried_over.total": 2,
                "t3.total_processed.total": 35,
                "t3.carried_forward.total": "",
            }
        )

        result = validate(report, IDENTITIES)

        assert [(s.kind, s.path, s.suggested, s.rules) for s in result.fills] == [
            ("fill", "t3.carried_forward.total", 1, ("t3.balance[total]",))
        ]
        assert report.t3.carried_forward.total.value is None

    def test_blank_as_zero(self):
        """S19: blank zero cells add up only with blank_as_zero=True."""
        cells = {
            f"t3.granted.{c}": ""
            for c in ("commercial", "research", "public_interest", "legal_service", "other_org")
        }
        report = Report.from_cells(
            {**cells, "t3.granted.natural_person": 5, "t3.granted.total": 5}
        )

        assert validate(report, IDENTITIES).outcome("t3.row_sum[granted]").status == Status.NA
        assert (
            validate(report, IDENTITIES, blank_as_zero=True).outcome("t3.row_sum[granted]").status
            == Status.PASS
        )

    def test_marker_stays_unknown_with_blank_as_zero(self):
        """A marker (/) is not a blank: blank_as_zero does not make it 0."""
        report = Report.from_cells(
            {
                "t4.review.upheld": "/",
                "t4.review.corrected": 0,
                "t4.review.other": 0,
                "t4.review.pending": 0,
                "t4.review.total": 0,
            }
        )

        outcome = validate(report, IDENTITIES, blank_as_zero=True).outcome("t4.group_sum[review]")

        assert outcome.not_evaluated.reason == NotEvaluatedReason.MARKER

    def test_text_cell_breaks_its_bound(self):
        """A count printed as text fails its bound (govinfo.parse) and is kept as printed."""
        report = seed_from_cells("seed-000").with_cells({"t3.granted.research": "六"})

        result = validate(report)

        assert frozenset({"domain.count[t3.granted.research]"}) == result.failed_ids
        v = result.violations[0]
        assert (v.code, v.cells[0].printed) == (ReasonCode.PARSE, "六")
        assert (
            v.message_zh
            == "三、（一）予以公开 / 法人或其他组织 科研机构（t3.granted.research）应为件数（非负整数），印为“六”（按原样保留）"
        )
        assert (
            result.outcome("t3.row_sum[granted]").not_evaluated.reason == NotEvaluatedReason.TEXT
        )

    def test_foreign_unit_in_fee(self):
        """251000元 in the 万元 cell is kept as printed and breaks the fee's bound."""
        report = seed_from_cells("seed-000").with_cells({"t2.admin_fees.amount": "251000元"})

        assert frozenset({"domain.fee"}) == validate(report).failed_ids

    def test_absent_cells(self):
        """A cut-off text leaves identities not evaluated with reason absent."""
        result = validate(Report.from_cells({"t3.new_received.total": 3}), IDENTITIES)

        assert {NotEvaluatedReason.ABSENT} == {n.reason for n in result.not_evaluated}
        assert len(result.not_evaluated) == 42


def _with_prose(text: str, **cells: int) -> Report:
    report = seed_from_cells("seed-000")
    if cells:
        report = report.with_cells({k.replace("__", "."): v for k, v in cells.items()})
    return report.with_section(1, text=text)


class TestProse:
    """Figures in the prose are compared with the tables (SPEC §5.5)."""

    def test_synthetic_phrasing(self):
        """The generator's phrasing is recognised and agrees with seed 000's tables."""
        report = _with_prose(
            "本年度新收政府信息公开申请26件，上年结转2件，结转下年度继续办理1件。"
            "本年度行政复议3件，行政诉讼1件。"
        )

        result = validate(report)

        for rule in (
            "text.new_received",
            "text.carried_over",
            "text.carried_forward",
            "text.review",
            "text.litigation",
        ):
            assert result.outcome(rule).status == Status.PASS, rule

    def test_zero_phrasing(self):
        """无上年度结转 and 无行政诉讼案件 state 0."""
        report = _with_prose(
            "无上年度结转。无行政诉讼案件。",
            t3__carried_over__natural_person=0,
            t3__carried_over__total=0,
            t3__new_received__natural_person=26,
            t3__new_received__total=27,
            t4__suit_after_review__pending=0,
            t4__suit_after_review__total=0,
        )

        result = validate(report)

        assert result.outcome("text.carried_over").status == Status.PASS
        assert result.outcome("text.litigation").status == Status.PASS

    def test_mismatch_carries_both_values(self):
        """A wrong figure is a warning with the stated figure, the table's and the passage."""
        result = validate(_with_prose("本年度行政复议5件。"))

        v = result.outcome("text.review").violation
        assert (v.severity, v.code, v.lhs, v.rhs, v.diff) == (
            gr.Severity.WARNING,
            ReasonCode.NARRATIVE,
            5,
            3,
            2,
        )
        assert [c.path for c in v.cells] == ["t4.review.total"]
        assert [e.excerpt for e in v.evidence if not e.agrees] == ["本年度行政复议5件。"]
        assert result.ok  # a warning, not an error

    def test_every_match_counts(self):
        """A second, different mention of the same figure is caught."""
        result = validate(
            _with_prose(
                "本年度新收政府信息公开申请26件。其中，新收政府信息公开申请25件为自然人申请。"
            )
        )

        v = result.outcome("text.new_received").violation
        assert [e.figure for e in v.evidence] == [26, 25]
        assert [e.agrees for e in v.evidence] == [True, False]

    @pytest.mark.parametrize("stated", ["26", "28", "二十六", "二十八"])
    def test_accepted_either_way(self, stated):
        """受理 is 新收 (26) or 新收 + 上年结转 (28): both agree, in any numerals."""
        result = validate(_with_prose(f"本年度共受理政府信息公开申请{stated}件。"))

        assert result.outcome("text.new_received").status == Status.PASS

    @pytest.mark.parametrize("unit", ["件", "条", "份"])
    def test_units(self, unit):
        """件, 条 and 份 all count."""
        result = validate(_with_prose(f"本年度受理政府信息公开申请27{unit}。"))

        assert result.outcome("text.new_received").status == Status.FAIL

    def test_no_mention(self):
        """Prose that states no figure leaves the rule not evaluated."""
        result = validate(_with_prose("本年度持续推进政务公开工作。"))

        assert result.outcome("text.review").not_evaluated.reason == NotEvaluatedReason.NO_MENTION

    def test_not_across_sentences(self):
        """A figure in the next sentence is not read as 新收."""
        result = validate(_with_prose("本年度新收政府信息公开申请情况良好。3件已办结。"))

        assert result.outcome("text.new_received").status == Status.NA


class TestFeeNotice:
    """Section 六 must report fee notices when requests were closed for unpaid fees."""

    @pytest.mark.parametrize(
        ("text", "status"),
        [
            ("本年度收取信息处理费共计380元。", Status.PASS),
            ("本年度未收取信息处理费。", Status.PASS),
            ("本年度发出收费通知2件。", Status.PASS),
            ("无其他需要报告的事项。", Status.FAIL),
            ("本年度未发出收费通知，未收取信息处理费。", Status.FAIL),
        ],
    )
    def test_section_six(self, text, status):
        """Silence or 未发出收费通知 is flagged; 未收取信息处理费 is not a contradiction."""
        report = seed_from_cells("seed-000").with_cells(
            {"t3.other_fee_unpaid.natural_person": 1, "t3.other_fee_unpaid.total": 1}
        )
        report = report.with_section(6, text=text, heading="六、其他需要报告的事项")

        assert status == validate(report).outcome("text.fee_notice").status

    def test_no_fee_notices(self):
        """Without requests closed for unpaid fees the rule holds, whatever 六 says."""
        report = seed_from_cells("seed-000").with_section(
            6, text="无。", heading="六、其他需要报告的事项"
        )

        assert validate(report).outcome("text.fee_notice").status == Status.PASS


class TestYear:
    """Title, 统计期限 and prose agree on the year."""

    def _report(self, *, title: str, preamble: str = "", text: str = "") -> Report:
        report = seed_from_cells("seed-000")
        report = attrs.evolve(
            report, meta=attrs.evolve(report.meta, title=title, preamble=preamble)
        )
        return report.with_section(1, text=text)

    def test_consistent(self):
        """2024 everywhere, 2023 and 2025 in the prose: all pass."""
        report = self._report(
            title="某局2024年政府信息公开工作年度报告",
            preamble="本报告所列数据统计期限自2024年1月1日至12月31日。",
            text="2024年，我局认真贯彻条例。\n2023年底启动的平台已上线。2025年将继续推进。",
        )

        result = validate(report)

        assert [
            result.outcome(f"text.year[{p}]").status for p in ("title", "period", "narrative")
        ] == [Status.PASS] * 3

    def test_stale_year(self):
        """A copied 2022 opening a paragraph of a 2024 report is flagged; the title's 2023 too."""
        report = self._report(
            title="某局2023年政府信息公开工作年度报告",
            preamble="统计期限自2024年1月1日至2024年12月31日。",
            text="2022年，我局认真贯彻条例。依据2019年修订的条例开展工作。",
        )

        result = validate(report)

        title = result.outcome("text.year[title]").violation
        assert (title.lhs, title.rhs) == (2023, 2024)
        narrative = result.outcome("text.year[narrative]").violation
        assert (narrative.lhs, narrative.rhs, narrative.diff) == (2022, 2024, -2)
        assert result.outcome("text.year[period]").status == Status.PASS

    def test_unknown_year(self):
        """Without the report's year the year rules are not evaluated."""
        result = validate(Report.from_cells({}))

        assert (
            result.outcome("text.year[title]").not_evaluated.reason == NotEvaluatedReason.NO_YEAR
        )


class TestCrossYear:
    """Last year's report, when given."""

    def test_carryover(self):
        """This year's 上年结转 is checked against last year's 结转下年度, column by column."""
        this = seed_from_cells("seed-000")
        last = Report.from_cells(
            {
                f"t3.carried_forward.{c}": this.value(f"t3.carried_over.{c}")
                for c in (
                    "natural_person",
                    "commercial",
                    "research",
                    "public_interest",
                    "legal_service",
                    "other_org",
                    "total",
                )
            },
            meta=ReportMeta(year=2023),
        ).with_cells({"t3.carried_forward.research": 1})

        result = validate(this, previous=last)

        assert {"t3.carryover[research]"} == {v.rule_id for v in result.violations}
        v = result.violations[0]
        assert (v.severity, v.code, v.lhs, v.rhs) == (
            gr.Severity.WARNING,
            ReasonCode.CARRYOVER,
            0,
            1,
        )
        assert [(c.role, c.path, c.previous) for c in v.cells] == [
            ("lhs", "t3.carried_over.research", False),
            ("previous", "t3.carried_forward.research", True),
        ]
        assert result.ok

    def test_no_previous(self):
        """Without last year's report the cross-year rules are not evaluated."""
        result = validate(seed_from_cells("seed-000"))

        assert {NotEvaluatedReason.NO_PREVIOUS} == {
            result.outcome(i.id).not_evaluated.reason
            for i in RULES_2021.select(tags=["cross-year"]).instances()
        }

    def test_previous_of_another_year(self):
        """A report for 2021 is not last year's for a 2024 report."""
        result = validate(
            seed_from_cells("seed-000"), previous=Report.from_cells({}, meta=ReportMeta(year=2021))
        )

        assert (
            result.outcome("t3.carryover[total]").not_evaluated.reason
            == NotEvaluatedReason.PREVIOUS_YEAR
        )

    def test_roll_forward(self):
        """现行有效 = 上年现行有效 + 制发 − 废止 (seed 000: 4 = 7 + 0 − 3)."""
        last = Report.from_cells(
            {"t2.normative_documents.in_force": 7, "t2.regulations.in_force": 1},
            meta=ReportMeta(year=2023),
        )

        result = validate(seed_from_cells("seed-000"), previous=last)

        assert result.outcome("t2.in_force_rollforward[normative_documents]").status == Status.PASS
        v = result.outcome("t2.in_force_rollforward[regulations]").violation
        assert (v.lhs, v.rhs, v.diff) == (0, 1, -1)
        assert "自然失效" in v.message_zh


class TestTolerance:
    """万元 amounts are intervals from their printed decimals."""

    @pytest.mark.parametrize(
        ("printed", "status"),
        [
            ("4.0", Status.PASS),
            ("3.96", Status.FAIL),
            ("3.96000", Status.FAIL),
            ("4", Status.PASS),
            ("3.9", Status.FAIL),
        ],
    )
    def test_printed_decimals(self, printed, status):
        """3.96 is [3.955, 3.965]: not ≥ 4; 4.0 is [3.95, 4.05]: it may be."""
        rule = relation("x.fee", cell("t2.admin_fees.amount") >= 4, label_zh="x", label_en="x")
        report = Report.from_cells({"t2.admin_fees.amount": printed})

        assert status == validate(report, rule).outcome("x.fee").status

    def test_interval_equality(self):
        """An amount printed 3.3 equals 3 within a printed-decimal interval widened by 0.3."""
        rule = relation(
            "x.fee",
            cell("t2.admin_fees.amount") == 3,
            label_zh="x",
            label_en="x",
            tolerance=Tolerance("printed", "0.26"),
        )
        assert (
            validate(Report.from_cells({"t2.admin_fees.amount": "3.3"}), rule)
            .outcome("x.fee")
            .status
            == Status.PASS
        )
        assert (
            validate(Report.from_cells({"t2.admin_fees.amount": "3.4"}), rule)
            .outcome("x.fee")
            .status
            == Status.FAIL
        )


class TestResult:
    """The result: rows, summary, JSON, raising on request."""

    def _broken(self) -> gr.ValidationResult:
        return validate(seed_from_cells("seed-000").with_cells({"t3.granted.research": 2}))

    def test_not_evaluated_lines(self):
        """The text lists what was not evaluated by reason, a family said once, in short lines."""
        report = seed_from_cells("seed-000").with_cells(
            {"t3.granted.research": "/", "t4.review.total": ""}
        )

        text = validate(report).to_text()
        lines = text[text.index("not evaluated:") :].splitlines()

        assert lines[:3] == [
            "not evaluated:",
            "  marker: t3.processed_sum[research]; t3.row_sum[granted]; domain.count[t3.granted.research]",
            "  blank: t4.group_sum[review]; domain.count[t4.review.total]",
        ]
        assert "  no_previous: t3.carryover (all 7); t2.in_force_rollforward (all 2)" in lines
        absent = validate(Report.from_cells({"t3.granted.total": 1})).to_text()
        assert max(map(len, absent.splitlines())) <= 100

    def test_rows(self):
        """One row per violation, then per instance not evaluated."""
        rows = self._broken().rows()
        failing = [r for r in rows if r["status"] == "fail"]

        assert [r["rule"] for r in failing] == [
            "t3.processed_sum[research]",
            "t3.row_sum[granted]",
        ]
        assert {
            "rule",
            "family",
            "status",
            "severity",
            "code",
            "cells",
            "values",
            "lhs",
            "rhs",
            "diff",
            "message_zh",
            "message_en",
        } == set(failing[0])
        assert {"not_evaluated"} == {r["status"] for r in rows[len(failing) :]}

    def test_summary(self):
        """The per-family table counts pass, fail and not evaluated."""
        lines = self._broken().summary().splitlines()

        assert lines[3].split() == ["t3.processed_sum", "error", "7", "6", "1", "0"]

    def test_to_dict_is_json(self):
        """The JSON form lists violations with their cell paths."""
        data = json.loads(json.dumps(self._broken().to_dict(), ensure_ascii=False))

        assert not data["ok"]
        assert data["violations"][0]["cells"][:1] == ["t3.total_processed.research"]
        assert data["suggestions"][0]["cell"] == "t3.granted.research"

    def test_raise_for_errors(self):
        """Only error-severity failures raise, and the exception carries the result."""
        result = self._broken()

        with pytest.raises(ReportInvalid, match=r"2 error rule\(s\) broken") as info:
            result.raise_for_errors()
        assert result is info.value.result
        validate(seed_from_cells("seed-000")).raise_for_errors()

    def test_markdown(self):
        """Markdown output keeps printed numbers as printed (no number parsing)."""
        text = validate(
            seed_from_cells("seed-000").with_cells({"t3.granted.research": "2"})
        ).to_markdown()

        assert "| t3.row_sum[granted]" in text

    def test_bad_arguments(self):
        """validate() refuses what is not a report or a rule set."""
        with pytest.raises(InvalidArgument, match="needs a Report"):
            validate({"t3.granted.total": 1})  # type: ignore[arg-type]
        with pytest.raises(InvalidArgument, match="RuleSet"):
            validate(seed_from_cells("seed-000"), ["t3.balance"])  # type: ignore[arg-type]

    def test_single_rule(self):
        """A single Rule is validated as a rule set of one."""
        rule = RULES_2021["t4.group_sum"]

        assert len(validate(seed_from_cells("seed-000"), rule).statuses) == 3
        assert isinstance(RuleSet((rule,)), RuleSet)


def test_every_path_has_a_spec():
    """The localisation labels exist for every path (sanity of the incidence)."""
    assert set(incidence(RULES_2021).cells) == set(CELL_SPECS)


_PRINTED = st.one_of(
    st.integers(0, 60).map(str),
    st.sampled_from(["", "/", "无", "六", "12件", "-3", "251000元", "3.30"]),
    st.none(),
)
_PROSE = st.lists(
    st.sampled_from(
        [
            "本年度新收政府信息公开申请",
            "受理",
            "上年结转",
            "无上年度结转",
            "结转下年度继续办理",
            "行政复议",
            "行政诉讼",
            "无行政诉讼案件",
            "二十六",
            "3",
            "件",
            "条",
            "，",
            "。",
            "\n",
            "2022年",
            "2024年",
            "统计期限自2023年1月1日至12月31日",
            "收费通知",
        ]
    ),
    max_size=30,
).map("".join)


class TestRobustness:
    """Validation never raises for what a report can hold."""

    @given(
        cells=st.dictionaries(st.sampled_from(CELL_PATHS), _PRINTED, max_size=40),
        prose=_PROSE,
        year=st.none() | st.integers(2020, 2026),
        blank_as_zero=st.booleans(),
    )
    def test_any_report(self, cells, prose, year, blank_as_zero):
        """Every instance gets one outcome and every detail renders, whatever the cells."""
        base = seed_from_cells("seed-000")
        report = base.with_cells(cells).with_section(1, text=prose)
        report = attrs.evolve(report, meta=attrs.evolve(report.meta, year=year, title=prose[:20]))

        result = validate(report, blank_as_zero=blank_as_zero, previous=base)

        assert len(RULES_2021.instances()) == sum(result.counts().values())
        assert len(result.failed_ids) == len(result.violations)
        assert all(v.message_zh and v.message_en for v in result.violations)
        assert all(n.message_zh and n.message_en for n in result.not_evaluated)
        json.dumps(result.to_dict(), ensure_ascii=False)
        assert result.to_text()
        assert result.suggestions is not None


_FRAGMENTS = st.sampled_from(
    [
        "本年度新收政府信息公开申请",
        "新收到",
        "受理",
        "收到",
        "未收到政府信息公开申请",
        "未受理依申请公开",
        "上年结转",
        "上一年度结转",
        "无上年度结转",
        "上年度无结转",
        "结转下年度继续办理",
        "结转至下一年度",
        "，2件结转下年",
        "有1件需结转到下一年",
        "无需结转下年",
        "行政复议",
        "行政复议后",
        "行政诉讼",
        "无行政诉讼案件",
        "未发生行政复议",
        "没有行政诉讼",
        "收费通知",
        "未发出收费通知",
        "信息处理费",
        "二十六",
        "两",
        "3",
        "19",
        "０",
        "件",
        "条",
        "份",
        " ",
        "\u3000",
        "，",
        "。",
        "\n",
        "（二）",
        "2、",
        "2022年",
        "2024年",
        "2025 年",
        "1999年",
        "统计期限自2023年1月1日至12月31日",
        "统计期限",
    ]
)
_TEXT = st.lists(_FRAGMENTS, max_size=25).map("".join)


class TestFastPass:
    """The statuses validate() finds quickly are those the detailed explanation finds."""

    @given(
        cells=st.dictionaries(
            st.sampled_from(
                [
                    "t3.new_received.total",
                    "t3.carried_over.total",
                    "t3.carried_forward.total",
                    "t3.other_fee_unpaid.total",
                    "t4.review.total",
                    "t4.suit_direct.total",
                    "t4.suit_after_review.total",
                ]
            ),
            _PRINTED,
            max_size=7,
        ),
        texts=st.lists(_TEXT, min_size=7, max_size=7),
        title=st.none() | _TEXT,
        year=st.none() | st.integers(2022, 2026),
    )
    def test_statuses_match_the_details(self, cells, texts, title, year):
        """Every instance: pass has no detail, fail a violation, not evaluated a reason."""
        report = seed_from_cells("seed-004").with_cells(cells)
        for number, text in enumerate(texts[1:], start=1):
            report = report.with_section(number, text=text)
        report = attrs.evolve(
            report, meta=attrs.evolve(report.meta, year=year, title=title, preamble=texts[0])
        )

        raw = validate(report).evaluation
        expected = [
            0 if detail is None else 1 if isinstance(detail, gr.rules.Violation) else 2
            for detail in (raw.detail(k) for k in range(len(raw.status)))
        ]

        assert expected == list(raw.status)

    @given(text=_TEXT)
    def test_year_scans(self, text):
        """The year sets equal the years of the span functions, for any text."""
        from govinfo_report.rules._narrative import (
            opening_year_spans,
            opening_years,
            period_spans,
            period_years,
            year_spans,
            years,
        )

        body = text.find("\n") + 1

        assert {y for _, _, y in year_spans(text)} == years(text)
        assert {y for _, _, y in period_spans(text)} == period_years(text)
        assert {y for _, _, y in opening_year_spans(text)} == opening_years(text)
        assert {y for s, _, y in opening_year_spans(text) if s >= body} == opening_years(
            text, body
        )

    @pytest.mark.parametrize("big", [2**28 - 1, 2**28, 2**31, 2**32, 2**40])
    def test_large_counts(self, big):
        """Counts too large to check packed are checked exactly: a balanced report passes, one cell off fails."""
        base = seed_from_cells("seed-000")
        grown = {
            path: base.value(path) + big
            for path in (
                "t3.new_received.natural_person",
                "t3.new_received.total",
                "t3.granted.natural_person",
                "t3.granted.total",
                "t3.total_processed.natural_person",
                "t3.total_processed.total",
                "t4.review.upheld",
                "t4.review.total",
            )
        }
        report = base.with_cells(grown)
        off = report.with_cells(
            {
                "t3.granted.natural_person": grown["t3.granted.natural_person"] + 1,
                "t4.review.upheld": grown["t4.review.upheld"] + 1,
            }
        )

        assert frozenset() == validate(report, IDENTITIES).failed_ids
        assert {
            "t3.row_sum[granted]",
            "t3.processed_sum[natural_person]",
            "t4.group_sum[review]",
        } == validate(off, IDENTITIES).failed_ids
