"""Kinds of bug in the rules evaluator that mutation testing showed the rest of the suite let through.

Each test names the one-line bug it catches: an inequality that drops its
tolerance at the edge, last year's blanks not read as 0, the fast bound
check summing only some of the counts, a figure in the front matter not
read, a cell recorded with the wrong coefficient, …
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest

import govinfo_report as gr
from govinfo_report.exceptions import RuleDefinitionError
from govinfo_report.rules import (
    RULES_2021,
    NotEvaluatedReason,
    RuleSet,
    Status,
    Tolerance,
    cell,
    relation,
    validate,
)
from govinfo_report.rules._checks import (
    ConditionalMention,
    Domain,
    Mention,
    Narrative,
    Quantifier,
    YearCheck,
    _DomainLabels,
    _domains,
)
from govinfo_report.rules._compile import (
    CONSTANT,
    WIDTH,
    _runs,
    _spans,
    column,
    compile_rules,
    compiled,
)
from govinfo_report.rules._evaluate import NA, evaluate
from govinfo_report.rules._expr import (
    Relation,
    Term,
    parse_expr,
    parse_relation,
    previous,
    sum_over,
)
from govinfo_report.rules._records import Evidence, format_number
from govinfo_report.rules._texts import (
    ProseText,
    Texts,
    compiled_pattern,
    literal_needs,
    sentence_windows,
)
from govinfo_report.schema import (
    CELL_PATHS,
    T3_COLUMNS,
    T3_ROWS,
    T4_GROUPS,
    T4_OUTCOMES,
    Report,
    ReportMeta,
)
from tests.conftest import expected

_X, _Y = "t4.review.upheld", "t4.review.total"


def _seed() -> Report:
    """Seed 000 built from its hand-checked cells (no prose)."""
    data = expected("seed-000")
    return Report.from_cells(
        data["cells"], meta=ReportMeta(agency=data["agency"], year=data["year"])
    )


def _within(check: gr.rules.Relation, absolute: int) -> RuleSet:
    rule = relation("x.within", check, label_zh="x", label_en="x")
    return RuleSet([attrs.evolve(rule, tolerance=Tolerance("exact", absolute=Decimal(absolute)))])


class TestEvaluator:
    """The statuses the evaluator records (``_evaluate.py``)."""

    @pytest.mark.parametrize(
        ("x", "expected"), [(5, Status.PASS), (6, Status.PASS), (7, Status.FAIL)]
    )
    def test_at_most_within_a_tolerance(self, x, expected):
        """``x ≤ y`` with tolerance 1 holds up to x = y + 1 (tolerance subtracted, edge included)."""
        rules = _within(cell(_X) <= cell(_Y), 1)
        report = Report.from_cells({_X: x, _Y: 5})

        assert expected == validate(report, rules).outcome("x.within").status

    @pytest.mark.parametrize(
        ("x", "expected"), [(5, Status.PASS), (4, Status.PASS), (3, Status.FAIL)]
    )
    def test_at_least_within_a_tolerance(self, x, expected):
        """``x ≥ y`` with tolerance 1 holds down to x = y − 1 (edge included)."""
        rules = _within(cell(_X) >= cell(_Y), 1)
        report = Report.from_cells({_X: x, _Y: 5})

        assert expected == validate(report, rules).outcome("x.within").status

    def test_evaluate_keeps_blanks_by_default(self):
        """``evaluate`` without ``blank_as_zero`` leaves a sum with a blank not evaluated."""
        matrix = compiled(RULES_2021)
        report = gr.generate(1).with_cells({"t4.review.upheld": ""})
        k = next(i for i, r in enumerate(matrix.instances) if r.id == "t4.group_sum[review]")

        assert evaluate(matrix, report).status[k] == NA

    def test_blank_as_zero_reads_last_years_blanks(self):
        """With ``blank_as_zero`` a blank in last year's report is 0 too."""
        this = _seed().with_cells({"t3.carried_over.total": 0})
        last = Report.from_cells({"t3.carried_forward.total": ""}, meta=ReportMeta(year=2023))

        result = validate(this, previous=last, blank_as_zero=True)

        assert result.outcome("t3.carryover[total]").status == Status.PASS
        assert validate(this, previous=last).outcome("t3.carryover[total]").status == Status.NA

    @pytest.mark.parametrize("path", ["t2.regulations.issued", "t3.new_received.total"])
    def test_absurd_count_in_any_table(self, path):
        """A count above the maximum fails its bound wherever it is, not only in table 四."""
        report = gr.generate(1).with_cells({path: 10**12})

        assert validate(report).outcome(f"domain.count[{path}]").status == Status.FAIL

    def test_figure_in_the_front_matter(self):
        """The front matter is read with the sections: a wrong figure stated there is caught."""
        report = _seed()
        report = attrs.evolve(
            report, meta=attrs.evolve(report.meta, preamble="本年度行政复议5件。")
        )

        outcome = validate(report).outcome("text.review")

        assert outcome.status == Status.FAIL
        assert [e.section for e in outcome.violation.evidence] == [0]

    def test_prose_cells_count_once(self):
        """The cells a figure or the fee notice is compared with are recorded with coefficient 1."""
        report = _seed().with_cells(
            {"t3.other_fee_unpaid.natural_person": 1, "t3.other_fee_unpaid.total": 1}
        )
        report = report.with_section(1, text="本年度行政诉讼5件。")
        report = report.with_section(6, text="无。", heading="六、其他需要报告的事项")
        result = validate(report)

        litigation = result.outcome("text.litigation").violation
        fee = result.outcome("text.fee_notice").violation
        assert [(c.path, c.coef) for c in litigation.cells] == [
            ("t4.suit_direct.total", 1),
            ("t4.suit_after_review.total", 1),
        ]
        assert [(c.path, c.coef) for c in fee.cells] == [("t3.other_fee_unpaid.total", 1)]


class TestLiteralNeeds:
    """The anchor of a pattern: literals every match holds (``_texts.literal_needs``).

    An anchor that is not in every match makes the prose checks miss
    mentions; the patterns are compiled once and kept, so these are checked
    here directly.
    """

    @pytest.mark.parametrize(
        ("pattern", "needs"),
        [
            (r"\.年", ("年",)),  # an escape is two characters
            (r"a\.b", ("a", "b")),
            (r"[^，。]{0,20}行政复议", ("行政复议",)),  # a class, then a counted repeat
            (r"[]a]b", ("b",)),  # ] first in a class is a member
            (r"[^]a]b", ("b",)),
            (r"[\]x]y", ("y",)),  # an escaped ] does not close the class
            (r"[\]]y", ("y",)),
            (r"[]]x", ("x",)),
            (r"[^a]b", ("b",)),
            (r"a[bc]d", ("a", "d")),  # a class after a literal
            (r"ab[cd", ()),  # a class never closed: no anchor
            (r"((a)b)c", ("c",)),  # nested groups are left whole
            (r"a|b", ()),
            (r"(a|b)c", ("c",)),  # an alternation inside a group is fine
            (r"上一?年度?结转", ("上", "年", "结转")),  # a character made optional
            (r"a{2}b", ("b",)),
            (r"a{2,}b", ("b",)),
            (r"a{x", ()),  # a brace that is no repeat: no anchor
            (r"XML文件", ("XML文件",)),
            (r"ab.cd", ("ab", "cd")),
            (r"(?i)abc", ()),  # inline flags: no anchor
        ],
    )
    def test_needs(self, pattern, needs):
        """Each pattern's literals, as found by hand."""
        assert literal_needs(pattern) == needs

    @pytest.mark.parametrize("pattern", ["a[", "a[^", "a[]"])
    def test_unclosed_class(self, pattern):
        """A class never closed is the regex engine's error, not an IndexError."""
        with pytest.raises(re.error):
            compiled_pattern(pattern)


def _dated(*, title: str = "", preamble: str = "", text: str = "") -> Report:
    report = Report.from_cells(
        {}, meta=ReportMeta(year=2024, title=title or None, preamble=preamble or None)
    )
    return report.with_section(1, text=text)


class TestYearRecords:
    """The record of a year check that fails: its messages and evidence (``_prose.py``)."""

    def test_title(self):
        """The title's year: the passage (10 characters around it), the title as its section."""
        report = _dated(title="某局2023年政府信息公开工作年度报告")
        v = validate(report).outcome("text.year[title]").violation

        assert v.message_zh == (
            "标题出现 2023年（“某局2023年政府信息公开工作年度…”），报告年度为 2024 年（应为2024年）"
        )
        assert v.message_en == "the title names 2023; the report is for 2024"
        assert [(e.section, e.excerpt, e.figure, e.expected, e.agrees) for e in v.evidence] == [
            (-1, "某局2023年政府信息公开工作年度…", 2023, (2024,), False)
        ]

    def test_period_in_the_front_matter(self):
        """A stale 统计期限 in the front matter is shown from there (section 0), both years."""
        report = _dated(preamble="统计期限自2023年1月1日至2023年12月31日。")
        v = validate(report).outcome("text.year[period]").violation

        assert [(e.section, e.figure, e.agrees) for e in v.evidence] == [
            (0, 2023, False),
            (0, 2023, False),
        ]
        assert "、2023年（“…2023年1月1日至2023年12月31日。”）" in v.message_zh
        assert v.message_en == "the period names 2023, 2023; the report is for 2024"

    def test_narrative(self):
        """The narrative allows t−1 to t+1 and says so; years that agree are evidence too."""
        report = _dated(text="2022年，我局认真贯彻条例。2024年工作如下。")
        v = validate(report).outcome("text.year[narrative]").violation

        assert v.message_zh.endswith("报告年度为 2024 年（应为2023–2025年）")
        assert (v.lhs, v.rhs, v.diff) == (2022, 2024, -2)
        assert [(e.figure, e.agrees) for e in v.evidence] == [(2022, False), (2024, True)]

    def test_templates(self):
        """A year rule's own messages get every field."""
        rule = gr.rules.year_check(
            "x.year",
            label_zh="年份",
            label_en="year",
            parts=["title"],
            message_zh="{label}：{lhs} 对 {rhs}，差 {diff}（{absdiff}）",
            message_en="{label}: {lhs} vs {rhs}, {diff} ({absdiff})",
        )
        report = _dated(title="某局2023年政府信息公开工作年度报告")
        v = validate(report, RuleSet([rule])).outcome("x.year[title]").violation

        assert v.message_zh == "年份：2023 对 2024，差 −1（1）"
        assert v.message_en == "year: 2023 vs 2024, −1 (1)"


_B, _C, _D = "t4.review.corrected", "t4.review.other", "t4.review.pending"
_AMOUNT = "t2.admin_fees.amount"


def _rule(rule_id: str, check: gr.rules.Relation, **changes: object) -> gr.rules.Rule:
    rule = relation(rule_id, check, label_zh=rule_id, label_en=rule_id)
    return attrs.evolve(rule, **changes) if changes else rule


class TestLocalisation:
    """Explanations, corrections and fills (``_localise.py``) on small rule sets with known answers."""

    def test_amount_keeps_its_fraction(self):
        """``2 · amount == count`` with 1.0 and 3: the amount would be 1.5 (not 1 or 2), or the count 2."""
        rules = RuleSet(
            [_rule("x.half", 2 * cell(_AMOUNT) == cell(_X), tolerance=Tolerance("exact"))]
        )
        result = validate(Report.from_cells({_AMOUNT: "1.0", _X: 3}), rules)

        assert [
            (e.paths, [(c.suggested, c.delta) for c in e.changes]) for e in result.explanations
        ] == [
            ((_AMOUNT,), [(Decimal("1.5"), Decimal("0.5"))]),
            ((_X,), [(2, -1)]),
        ]

    @pytest.mark.parametrize("op", ["<=", ">="])
    def test_a_passing_inequality_may_stay_below_its_edge(self, op):
        """A change that leaves ``x ≤ z`` (or ``z ≥ x``) holding with room to spare is kept."""
        inequality = cell(_X) <= cell(_C) if op == "<=" else cell(_C) >= cell(_X)
        rules = RuleSet([_rule("x.eq", cell(_X) == cell(_B)), _rule("x.ineq", inequality)])
        result = validate(Report.from_cells({_X: 3, _B: 5, _C: 9}), rules)

        assert [(e.paths, e.changes[0].suggested) for e in result.explanations] == [
            ((_X,), 5),
            ((_B,), 3),
        ]

    def test_three_blanks_solved_together(self):
        """Three blanks tied by three equations (pivots of 2, back-substitution) are filled: 2, 3, 4."""
        rules = RuleSet(
            [
                _rule("x.1", 2 * cell(_X) + cell(_B) == 7),
                _rule("x.2", cell(_B) + 3 * cell(_C) == 15),
                _rule("x.3", cell(_X) + 2 * cell(_C) == 10),
            ]
        )
        result = validate(Report.from_cells({_X: "", _B: "", _C: ""}), rules)

        (only,) = result.explanations
        assert [(c.path, c.value, c.suggested) for c in only.changes] == [
            (_X, None, 2),
            (_B, None, 3),
            (_C, None, 4),
        ]
        assert only.rules == ("x.1", "x.2", "x.3")

    def test_blanks_filled_with_zero(self):
        """Two blanks in one row that must both be 0 are filled, and are no misclassification."""
        rules = RuleSet(
            [_rule("x.1", cell(_X) == cell(_B)), _rule("x.2", cell(_X) + cell(_B) == cell(_C))]
        )
        result = validate(Report.from_cells({_X: "", _B: "", _C: 0}), rules)

        (only,) = result.explanations
        assert [(c.path, c.suggested) for c in only.changes] == [(_X, 0), (_B, 0)]
        assert only.pattern is None

    def test_rules_with_a_tolerance_are_not_localised(self):
        """A failing rule on a printed amount gets no explanation; an identity after it does."""
        rules = RuleSet(
            [_rule("x.fee", cell(_AMOUNT) == cell(_C)), _rule("x.eq", cell(_X) == cell(_B))]
        )
        result = validate(Report.from_cells({_AMOUNT: "3.3", _C: 10, _X: 3, _B: 5}), rules)

        assert result.failed_ids == frozenset({"x.fee", "x.eq"})
        assert [(e.rules, e.paths) for e in result.explanations] == [
            (("x.eq",), (_X,)),
            (("x.eq",), (_B,)),
        ]

    def test_a_rule_not_evaluated_before_a_failure(self):
        """A marker in table 三 does not stop the typo in table 四 from being localised."""
        report = gr.generate(1)
        report = report.with_cells(
            {"t3.new_received.natural_person": "/", _Y: report.value(_Y) + 1}
        )

        assert (_Y,) in [e.paths for e in validate(report).explanations]

    def test_last_years_first_cell(self):
        """A rule on last year's first cell, without last year's report, is passed over."""
        first = "t2.regulations.issued"
        rules = RuleSet(
            [
                _rule("x.first", cell(first) == gr.rules.previous(first)),
                _rule("x.eq", cell(_X) == cell(_B)),
            ]
        )
        result = validate(Report.from_cells({first: 1, _X: 3, _B: 5}), rules)

        assert [e.paths for e in result.explanations] == [(_X,), (_B,)]

    def test_printed_text_is_quoted(self):
        """A correction quotes the cell as printed (``1,234``), and names every rule it satisfies."""
        rules = RuleSet(
            [_rule("x.eq", cell(_X) == cell(_B)), _rule("x.eq2", cell(_X) == cell(_C))]
        )
        result = validate(Report.from_cells({_X: "1,234", _B: 5, _C: 5}), rules)

        (explanation,) = result.explanations
        (correction,) = result.corrections
        assert "（印为 1,234）" in explanation.message_zh
        assert correction.message_zh == (
            "表四 行政复议 / 结果维持 应为 5（印为 1,234），可同时满足 x.eq、x.eq2"
        )
        assert correction.message_en == (
            "t4.review.upheld would be 5 (printed '1,234'), which satisfies x.eq, x.eq2"
        )

    def test_corrections_after_a_pair(self):
        """A misclassification (two cells) listed first does not hide a later one-cell correction."""
        truth = gr.generate(1)
        report = truth.with_cells(
            {
                "t3.granted.natural_person": truth.value("t3.granted.natural_person") - 1,
                "t3.granted.other_org": truth.value("t3.granted.other_org") + 1,
                _Y: truth.value(_Y) + 1,
            }
        )
        result = validate(report)

        assert len(result.explanations[0].changes) == 2
        assert [s.path for s in result.corrections][-1:] == [_Y]

    @pytest.mark.parametrize(
        ("first", "blanks"),
        [
            (_rule("x.prev", cell(_B) == gr.rules.previous(_B)), {_B: ""}),  # needs last year
            (_rule("x.two", cell(_B) + cell(_C) == cell(_D)), {_B: "", _C: ""}),  # two blanks
            (_rule("x.mark", cell(_B) == cell(_C)), {_B: "/"}),  # a marker
            (_rule("x.neg", cell(_B) + 5 == cell(_C)), {_B: ""}),  # no value ≥ 0
        ],
    )
    def test_fills_after_a_rule_that_gives_none(self, first, blanks):
        """A rule not evaluated that implies no value does not stop the fills after it."""
        rules = RuleSet([first, _rule("x.z", cell(_X) == cell(_D))])
        result = validate(Report.from_cells({_X: "", _C: 1, _D: 4, **blanks}), rules)

        assert [(f.path, f.suggested) for f in result.fills] == [(_X, 4)]

    def test_fills_in_canonical_order(self):
        """Fills come in the form's order: row (一) 新收 before row (二) 上年结转."""
        new, over = "t3.new_received.natural_person", "t3.carried_over.natural_person"
        rules = RuleSet(
            [_rule("x.q", cell(over) == cell(_X)), _rule("x.p", cell(new) == cell(_X))]
        )
        result = validate(Report.from_cells({new: "", over: "", _X: 2}), rules)

        assert [f.path for f in result.fills] == [new, over]

    def test_incidence(self):
        """The incidence of a cross-year rule holds its cells of this year, whatever their order."""
        inc = gr.rules.incidence(RULES_2021)

        assert inc.cells_of("t2.in_force_rollforward[regulations]") == (
            "t2.regulations.issued",
            "t2.regulations.repealed",
            "t2.regulations.in_force",
        )
        assert inc.instances_of(_X, rules=RULES_2021) == inc.instances_of(_X)
        assert inc.instances_of(_X, ops=["=="], rules=RULES_2021) == ("t4.group_sum[review]",)

    def test_instances_of_filters_by_relation_without_the_rules(self):
        """The matrix knows each instance's relation: ``ops=`` alone filters."""
        inc = gr.rules.incidence(RULES_2021)
        everything = inc.instances_of("t3.carried_forward.total")
        assert {RULES_2021.by_id(i).op for i in everything} == {
            "==",
            ">=",
        }  # both kinds to tell apart

        assert inc.instances_of("t3.carried_forward.total", ops=["=="]) == tuple(
            i for i in everything if RULES_2021.by_id(i).op == "=="
        )
        assert inc.instances_of("t3.carried_forward.total", ops=[">="]) == tuple(
            i for i in everything if RULES_2021.by_id(i).op == ">="
        )
        assert inc.instances_of("t3.carried_forward.total", ops=[]) == ()


class TestProseFigures:
    """Figures in the prose: every match, in text order, shown within their section (``_prose.py``)."""

    def test_two_figures_in_one_sentence(self):
        """Both figures of one sentence are read, not only the first."""
        report = _seed().with_section(
            1, text="本年度新收政府信息公开申请26件，新收政府信息公开申请25件。"
        )
        v = validate(report).outcome("text.new_received").violation

        assert [(e.figure, e.agrees) for e in v.evidence] == [(26, True), (25, False)]

    def test_evidence_in_text_order(self):
        """Figures found by different patterns are listed in the order the text states them."""
        report = _seed().with_section(
            1, text="本年度共受理申请28件，其中新收政府信息公开申请25件。"
        )
        v = validate(report).outcome("text.new_received").violation

        assert [e.figure for e in v.evidence] == [28, 25]

    def test_default_messages(self):
        """The default messages name the stated figure, the table's, the rule and the passage."""
        report = _seed().with_section(1, text="本年度行政复议5件。")
        v = validate(report).outcome("text.review").violation

        assert v.message_zh == (
            "正文称 5，表中为 3（正文所述行政复议件数与表四行政复议 / 总计一致）：“本年度行政复议5件。”"
        )
        assert v.message_en == (
            "the prose states 5, the table gives 3 "
            "(the prose's count of administrative reviews matches table 4, review, total)"
        )

    def test_excerpt_stays_in_its_section(self):
        """A passage is cut at its section's ends, with 12 characters of context."""
        other = "其他内容很多很多很多很多。"
        first = _seed().with_section(1, text="本年度行政复议5件。").with_section(2, text=other)
        second = (
            _seed()
            .with_section(1, text=other)
            .with_section(2, text="本年度行政复议5件，另有其他说明文字很长很长。")
        )

        def evidence(report: Report) -> list[tuple[int, str]]:
            v = validate(report).outcome("text.review").violation
            return [(e.section, e.excerpt) for e in v.evidence]

        assert evidence(first) == [(1, "本年度行政复议5件。")]
        assert evidence(second) == [(2, "本年度行政复议5件，另有其他说明文字很长很…")]


class TestNarrativeYears:
    """Years opening a sentence are read in the sections, not in the front matter."""

    @pytest.mark.parametrize(
        "sections",
        [
            {1: "2022年，我局认真贯彻条例。"},  # the year at the very start, one section
            {1: "2022年，我局认真贯彻条例。", 2: "2024年，我局继续推进。"},
        ],
    )
    def test_stale_year_in_the_first_section(self, sections):
        """A stale year opening section 1 is flagged, whatever follows."""
        report = _seed()
        for n, text in sections.items():
            report = report.with_section(n, text=text)

        assert validate(report).outcome("text.year[narrative]").status == Status.FAIL

    def test_front_matter_is_not_the_narrative(self):
        """A year opening the front matter (the regulation's revision) is not the narrative's."""
        report = _seed()
        report = attrs.evolve(
            report, meta=attrs.evolve(report.meta, preamble="2019年修订的条例施行。")
        ).with_section(1, text="2024年，我局认真贯彻条例。")

        assert validate(report).outcome("text.year[narrative]").status == Status.PASS


class TestLocalisationLimits:
    """How far localisation looks: two cells at most, six blanks at most."""

    def test_three_cells_are_too_many(self):
        """Three failures tied by a passing rule, each fixed by its own cell: unexplained."""
        rules = RuleSet(
            [
                _rule("x.a", cell(_X) == 1),
                _rule("x.b", cell(_B) == 1),
                _rule("x.c", cell(_C) == 1),
                _rule("x.tie", cell(_X) + cell(_B) == 2 * cell(_C)),
            ]
        )
        result = validate(Report.from_cells({_X: 0, _B: 0, _C: 0}), rules)

        (only,) = result.explanations
        assert only.changes == ()
        assert only.rules == ("x.a", "x.b", "x.c")

    def test_six_blanks_are_filled(self):
        """Six blanks fixed by six equations are filled together (six is the limit, included)."""
        paths = [_X, _B, _C, _D, _Y, "t4.suit_direct.upheld"]
        total = cell(paths[0])
        for p in paths[1:]:
            total = total + cell(p)
        rules = RuleSet(
            [
                _rule("x.sum", total == 21),
                *(_rule(f"x.{n}", cell(p) == n) for n, p in enumerate(paths[:5], 1)),
            ]
        )
        result = validate(Report.from_cells(dict.fromkeys(paths, "")), rules)

        (only,) = result.explanations
        assert [c.suggested for c in only.changes] == [1, 2, 3, 4, 5, 6]


class TestCustomNarrative:
    """A figure check of one's own: its templates and its sentences."""

    def _rule(self, pattern: str) -> gr.rules.Rule:
        new, over = cell("t3.new_received.total"), cell("t3.carried_over.total")
        return gr.rules.narrative(
            "x.n",
            [gr.rules.mention(pattern, new, new + over)],
            label_zh="受理",
            label_en="accepted",
            message_zh="{label}：{lhs} 对 {rhs}，差 {diff}（{absdiff}）",
            message_en="{label}: {lhs} vs {rhs}, {diff} ({absdiff})",
        )

    def test_templates(self):
        """Every field is filled: both readings (26 or 28), the signed and the absolute difference."""
        report = _seed().with_section(1, text="本年度受理申请20件。")
        v = validate(report, RuleSet([self._rule(r"受理申请(?P<n>\d+)件")])).outcome("x.n")

        assert v.violation.message_zh == "受理：20 对 26或28，差 −6（6）"
        assert v.violation.message_en == "accepted: 20 vs 26 or 28, −6 (6)"

    def test_a_match_ends_with_its_sentence(self):
        """A pattern that could run on into the next sentence is cut at the sentence's end."""
        report = _seed().with_section(1, text="本年度受理申请情况良好。共20件。")
        outcome = validate(report, RuleSet([self._rule(r"受理.*?(?P<n>\d+)件")])).outcome("x.n")

        assert outcome.not_evaluated.reason == NotEvaluatedReason.NO_MENTION


# --- rule expressions: arithmetic, errors that name what was wrong, the text form ---------

_GRANTED, _PARTIAL = "t3.granted.total", "t3.partial.total"


class TestExpressionArithmetic:
    def test_negation_negates_the_constant(self) -> None:
        """``-(a + 3)`` is ``-a - 3``: a sign lost on the constant moves every bound."""
        negated = -(cell(_GRANTED) + 3)

        assert negated.constant == -3
        assert negated.terms == (Term(_GRANTED, -1),)
        assert str(negated) == f"-{_GRANTED} - 3"

    def test_scaling_scales_the_constant(self) -> None:
        doubled = (cell(_GRANTED) + 3) * 2

        assert doubled.constant == 6
        assert doubled.terms == (Term(_GRANTED, 2),)

    def test_times_one_and_times_zero(self) -> None:
        """``x * 1`` is x; ``x * 0`` is the empty expression (no zero terms)."""
        once = (cell(_GRANTED) + 3) * 1
        none = (cell(_GRANTED) + 3) * 0

        assert (once.terms, once.constant) == ((Term(_GRANTED, 1),), 3)
        assert (none.terms, none.constant) == ((), 0)

    def test_reprs_and_reflected_operators(self) -> None:
        assert repr(cell(_GRANTED) + 3) == f"LinearExpr('{_GRANTED} + 3')"
        assert repr(cell(_GRANTED) <= 3) == f"Relation('{_GRANTED} <= 3')"
        added = 3 + cell(_GRANTED)
        subtracted = 3 - cell(_GRANTED)
        assert (added.terms, added.constant) == ((Term(_GRANTED, 1),), 3)
        assert (subtracted.terms, subtracted.constant) == ((Term(_GRANTED, -1),), 3)

    def test_previous_reads_last_years_cell_once(self) -> None:
        """A path already naming last year is not prefixed twice; its coefficient is 1."""
        assert previous(_GRANTED).terms == (Term(f"previous.{_GRANTED}", 1),)
        assert previous(f"previous.{_GRANTED}").terms == (Term(f"previous.{_GRANTED}", 1),)

    def test_sum_over_adds_each_cell_once(self) -> None:
        total = sum_over("t3.{r}.total", r=["granted", "partial"])

        assert total.terms == (Term(_GRANTED, 1), Term(_PARTIAL, 1))


class TestExpressionErrors:
    """Each wrong use is a RuleDefinitionError whose message says what to write instead."""

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (
                lambda: cell(_GRANTED) != cell(_PARTIAL),
                r"^a rule relation is ==, <= or >=; != cannot be checked",
            ),
            (
                lambda: cell(_GRANTED) < cell(_PARTIAL),
                r"^use <= \(over counts, a < b is a \+ 1 <= b\)$",
            ),
            (
                lambda: cell(_GRANTED) > cell(_PARTIAL),
                r"^use >= \(over counts, a > b is a >= b \+ 1\)$",
            ),
            (lambda: cell(_GRANTED) + True, r"expected a cell expression or an int, got True"),
            (lambda: cell(_GRANTED) + "3", r"expected a cell expression or an int, got '3'"),
            (lambda: cell(5), r"expected a cell path such as 't3.granted.total'.*got 5"),
            (lambda: cell("t3 granted"), r"expected a cell path .*got 't3 granted'"),
            (
                lambda: sum_over("t3.{r}.total"),
                r"^sum_over\(\) needs at least one name=values argument$",
            ),
            (lambda: Relation([5], "==", []), r"a term is \(path, coefficient\), got 5"),
            (lambda: Relation([(_GRANTED, 1, 2)], "==", []), r"a term is \(path, coefficient\)"),
            (
                lambda: Relation([(_GRANTED, 0)], "==", []),
                r"coefficient cannot be 0 \('t3.granted",
            ),
            (lambda: Relation([], "==", [], 1, 1), r"needs at least one cell"),
            (
                lambda: parse_expr(f"{_GRANTED} == {_PARTIAL}"),
                r"expected an expression without ==.*got 't3",
            ),
            (
                lambda: parse_expr(f"{_GRANTED} + + {_PARTIAL}"),
                r"cannot read 't3.granted.total \+ \+ .*unexpected '\+'",
            ),
            (
                lambda: parse_expr(f"{_GRANTED} {_PARTIAL}"),
                r"cannot read .*expected \+ or - before 't3.partial",
            ),
            (
                lambda: parse_expr("2* 3"),
                r"cannot read '2\* 3': 2\* must be followed by a cell path",
            ),
            (
                lambda: parse_expr(f"{_GRANTED} +"),
                r"cannot read .*cannot be empty or end with \+ or -",
            ),
            (
                lambda: parse_expr(f"0*{_GRANTED}"),
                r"cannot read '0\*t3.granted.total': a coefficient cannot be 0",
            ),
            (
                lambda: parse_relation(f"{_GRANTED} <= {_PARTIAL} <= 3"),
                r"exactly one of ==, <=, >=; got 't3",
            ),
        ],
    )
    def test_message(self, make: Callable[[], object], message: str) -> None:
        with pytest.raises(RuleDefinitionError, match=message):
            make()

    def test_a_relation_is_no_truth_value(self) -> None:
        with pytest.raises(
            TypeError, match=r"^a relation is data, not a truth value: evaluate it"
        ):
            bool(cell(_GRANTED) == cell(_PARTIAL))
        with pytest.raises(TypeError, match=r"^a linear expression is data, not a truth value$"):
            bool(cell(_GRANTED))

    def test_a_relation_read_from_text_names_the_text(self) -> None:
        with pytest.raises(RuleDefinitionError, match=r"^cannot read 't3.granted.total \+ <= 3'"):
            parse_relation(f"{_GRANTED} + <= 3")
        with pytest.raises(RuleDefinitionError, match=r"^cannot read 't3.granted.total <= 3 \+'"):
            parse_relation(f"{_GRANTED} <= 3 +")


class TestExpressionText:
    @pytest.mark.parametrize(
        ("text", "terms", "constant"),
        [
            (f"+{_GRANTED}", ((_GRANTED, 1),), 0),
            (f"-{_GRANTED}", ((_GRANTED, -1),), 0),
            (f"{_GRANTED} + 1 + 2", ((_GRANTED, 1),), 3),
            (f"{_GRANTED} - 2*{_PARTIAL} - 4", ((_GRANTED, 1), (_PARTIAL, -2)), -4),
            (f"{_GRANTED}   ", ((_GRANTED, 1),), 0),
        ],
    )
    def test_parse_expr(
        self, text: str, terms: tuple[tuple[str, int], ...], constant: int
    ) -> None:
        parsed = parse_expr(text)

        assert parsed.terms == tuple(Term(p, c) for p, c in terms)
        assert parsed.constant == constant

    def test_parse_relation_keeps_both_sides(self) -> None:
        parsed = parse_relation(f"{_GRANTED} + 1 <= 2*{_PARTIAL} - 3")

        assert (parsed.lhs, parsed.op, parsed.rhs) == (
            (Term(_GRANTED, 1),),
            "<=",
            (Term(_PARTIAL, 2),),
        )
        assert (parsed.lhs_constant, parsed.rhs_constant) == (1, -3)


# --- rule checks: the quantifier domains, quantifiers, tolerances, prose checks ---------------


class TestDomains:
    """The named value sets, built afresh and held against the form (labels as printed)."""

    def test_small_domains(self) -> None:
        domains = _domains()

        assert domains["t2.documents"] == _DomainLabels(
            ("regulations", "normative_documents"),
            ("规章", "行政规范性文件"),
            ("rules", "normative documents"),
        )
        assert domains["text.parts"] == _DomainLabels(
            ("title", "period", "narrative"),
            ("标题", "统计期限", "正文"),
            ("title", "reporting period", "narrative"),
        )
        assert domains["t3.columns"].values == T3_COLUMNS
        assert domains["t3.columns"].zh[:3] == ("自然人", "商业企业", "科研机构")
        assert domains["t4.outcomes"].zh[:3] == ("结果维持", "结果纠正", "其他结果")
        assert domains["t4.outcomes"].en[2] == "other result"
        assert domains["t4.outcomes"].values == T4_OUTCOMES
        assert domains["t4.groups"].values == T4_GROUPS
        assert domains["t3.columns"].en[:2] == ("natural persons", "commercial enterprises")

    def test_row_and_group_labels(self) -> None:
        """A table-三 row is named by its row label alone; a table-四 group by both its labels."""
        domains = _domains()

        rows = domains["t3.rows"]
        assert rows.values == T3_ROWS
        assert rows.zh[0] == "一、本年新收政府信息公开申请数量"
        assert rows.zh[-1] == "四、结转下年度继续办理"
        assert rows.en[0] == "(1) new requests received this year"
        groups = domains["t4.groups"]
        assert groups.zh == ("行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉")
        assert groups.en == (
            "administrative review",
            "lawsuit without review",
            "lawsuit after review",
        )

    def test_cell_domains(self) -> None:
        """``cells`` is every cell; ``cells.count`` every cell but the 万元 amount."""
        domains = _domains()

        assert domains["cells"].values == CELL_PATHS
        assert domains["cells.count"].values == tuple(p for p in CELL_PATHS if p != _AMOUNT)
        assert domains["cells"].zh[0] == "规章 / 本年制发件数"
        assert domains["cells.count"].en[0] == "table 2, rules / issued this year"
        assert domains["cells.count"].zh[0] == "规章 / 本年制发件数"
        assert domains["cells"].en[0] == "table 2, rules / issued this year"

    def test_values_are_placed_in_the_smallest_domain_that_holds_them(self) -> None:
        assert Quantifier.over("c", ["natural_person", "total"]).domain == "t3.columns"
        assert Quantifier.over("c", list(T3_COLUMNS)).domain == "t3.columns"
        assert Quantifier.over("x", ["not_a_column"]).domain is None


class TestCheckDefinitions:
    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda: Quantifier("lhs", ("a",)), r"identifier other than \['absdiff', 'diff'"),
            (lambda: Quantifier("1c", ("a",)), r"got '1c'"),
            (lambda: Quantifier("c", ()), r"the quantifier over 'c' has no values"),
            (lambda: Quantifier("c", ("a", "a")), r"repeats a value"),
            (lambda: Quantifier("c", ("中",)), r"quantifier values are ASCII keys, got '中'"),
            (lambda: Quantifier("c", (5,)), r"quantifier values are ASCII keys, got 5"),
            (
                lambda: Quantifier("c", ("a",), "nowhere"),
                r"unknown quantifier domain 'nowhere'; known: t3.columns, t3.rows",
            ),
            (
                lambda: Quantifier("c", ("total", "nope"), "t3.columns"),
                r"'nope' is not in the domain 't3.columns'",
            ),
            (lambda: Tolerance(absolute=True), r"a tolerance is a number ≥ 0, got True"),
            (lambda: Tolerance(absolute=-1), r"a tolerance is a finite number ≥ 0, got -1"),
            (lambda: Tolerance(absolute=1.5), r"a tolerance is a finite number ≥ 0, got 1.5"),
            (lambda: Tolerance(absolute="abc"), r"finite number ≥ 0, got 'abc'"),
            (lambda: Tolerance(absolute="NaN"), r"finite number ≥ 0, got 'NaN'"),
            (
                lambda: Mention("a(?P<n>", (cell(_GRANTED),)),
                r"not a regular expression: 'a\(\?P<n>'",
            ),
            (lambda: Mention("x", (3,)), r"an expected figure is a cell expression, got 3"),
            (
                lambda: Mention("x", (cell(_GRANTED) + 1,)),
                r"without a constant, got 't3.granted.total \+ 1'",
            ),
            (lambda: Mention("x", ()), r"^a mention needs at least one expected figure$"),
            (
                lambda: Narrative(["x"]),
                r"a narrative check's mentions are Mention objects, got 'x'",
            ),
            (lambda: Narrative([]), r"^a narrative check needs at least one mention$"),
            (
                lambda: Narrative([Mention("x", (cell(_GRANTED),))], sections=(0,)),
                r"sections are numbers 1–6, got \(0,\)",
            ),
            (
                lambda: Narrative([Mention("x", (cell(_GRANTED),))], sections=(7,)),
                r"sections are numbers 1–6",
            ),
            (
                lambda: Narrative([Mention("x", (cell(_GRANTED),))], sections=(True,)),
                r"sections are numbers 1–6",
            ),
            (
                lambda: Narrative([Mention("x", (cell(_GRANTED),))], sections=()),
                r"sections are numbers 1–6, got \(\)",
            ),
            (
                lambda: Domain(_GRANTED, minimum=5, maximum=4),
                r"the maximum 4 is below the minimum 5",
            ),
            (
                lambda: YearCheck("{p}").bind({"p": "body"}),
                r"the title, the period or the narrative, got 'body'",
            ),
        ],
    )
    def test_message(self, make: Callable[[], object], message: str) -> None:
        with pytest.raises(RuleDefinitionError, match=message):
            make()

    def test_what_is_accepted(self) -> None:
        """Edges that are fine: upper-case keys, no domain, maximum = minimum, sections 1 and 6."""
        assert Quantifier("c", ("Total", "a.b_1")).values == ("Total", "a.b_1")
        assert Quantifier("c", ("x",)).label("x", "zh") == "x"
        assert Domain(_GRANTED, minimum=4, maximum=4).maximum == 4
        mention = Mention("x", (cell(_GRANTED),))
        assert Narrative([mention], sections=(1, 6)).sections == (1, 6)
        assert Tolerance(absolute="0.5").absolute == Decimal("0.5")
        assert Tolerance(absolute=Decimal(2)).absolute == Decimal(2)

    def test_tolerance_text(self) -> None:
        assert str(Tolerance()) == "exact"
        assert str(Tolerance("printed", absolute=1)) == "printed decimals ± 1"

    def test_binding_fills_every_placeholder(self) -> None:
        """A check bound to ``c=natural_person`` reads that column everywhere it names ``{c}``."""
        mention = Mention(
            "新收(?P<n>\\d+)件", (cell("t3.new_received.{c}"), "t3.carried_over.{c}")
        )
        narrative = Narrative([mention]).bind({"c": "natural_person"})
        assert narrative.paths == (
            "t3.new_received.natural_person",
            "t3.carried_over.natural_person",
        )
        fee = ConditionalMention("t3.other_fee_unpaid.{c}").bind({"c": "total"})
        assert fee.condition == "t3.other_fee_unpaid.total"
        assert YearCheck("{p}").bind({"p": "title"}) == YearCheck("title")


# --- records: how a violation explains itself -----------------------------------------------


class TestViolationText:
    def test_numbers_as_messages_print_them(self) -> None:
        assert (format_number(None), format_number(-3), format_number(3)) == ("?", "−3", "3")
        assert format_number(Decimal("-0.5")) == "−0.5"

    def test_a_broken_identity_is_unequal(self) -> None:
        report = Report.from_cells(
            {
                "t4.suit_direct.upheld": 2,
                "t4.suit_direct.corrected": 0,
                "t4.suit_direct.other": 1,
                "t4.suit_direct.pending": 0,
                "t4.suit_direct.total": 0,
            }
        )
        lines = validate(report).violations[0].explain().splitlines()

        assert lines[0] == "t4.group_sum[suit_direct] FAIL govinfo.sum: 0 ≠ 3 (diff −3)"
        assert (
            lines[1]
            == "  total     t4.suit_direct.total      表四 行政诉讼 未经复议直接起诉 / 总计  0"
        )
        assert (
            lines[3]
            == "  item      t4.suit_direct.corrected  表四 行政诉讼 未经复议直接起诉 / 结果纠正  0"
        )

    @pytest.mark.parametrize(
        ("x", "rule", "head"),
        [
            (5, "x.le", "x.le FAIL govinfo.relation: 5 > 3 (diff 2)"),
            (2, "x.ge", "x.ge FAIL govinfo.relation: 2 < 3 (diff −1)"),
        ],
    )
    def test_a_broken_inequality_shows_what_holds(self, x: int, rule: str, head: str) -> None:
        rules = RuleSet(
            [
                relation("x.le", cell(_X) <= cell(_Y), label_zh="x", label_en="x"),
                relation("x.ge", cell(_X) >= cell(_Y), label_zh="y", label_en="y"),
            ]
        )
        violation = next(
            v
            for v in validate(Report.from_cells({_X: x, _Y: 3}), rules).violations
            if v.rule_id == rule
        )
        lines = violation.explain().splitlines()

        assert lines[0] == head
        assert lines[1:3] == [
            f"  lhs       {_X}  表四 行政复议 / 结果维持  {x}",
            f"  rhs       {_Y}   表四 行政复议 / 总计  3",
        ]

    def test_last_years_cell_is_named_and_aligned(self) -> None:
        this = gr.generate(1).with_cells({"t3.carried_over.total": 7})
        last = Report.from_cells({"t3.carried_forward.total": 5}, meta=ReportMeta(year=2023))
        violation = next(
            v
            for v in validate(this, previous=last).violations
            if v.rule_id == "t3.carryover[total]"
        )

        assert violation.explain().splitlines()[:3] == [
            "t3.carryover[total] FAIL govinfo.carryover: 7 ≠ 5 (diff 2)",
            "  lhs       t3.carried_over.total              二、上年结转政府信息公开申请数量 / 总计  7",
            "  previous  previous.t3.carried_forward.total  上年 四、结转下年度继续办理 / 总计  5",
        ]

    @pytest.mark.parametrize(("where", "shown"), [("preamble", "§-"), ("section", "§1")])
    def test_only_disagreeing_passages_are_shown_with_their_section(
        self, where: str, shown: str
    ) -> None:
        """The section of a passage is printed (``-``: the front matter); passages that agree are not."""
        report = gr.generate(1)
        if where == "preamble":
            report = attrs.evolve(
                report, meta=attrs.evolve(report.meta, preamble="本年度行政复议5件。")
            )
        else:
            first = report.sections[0]
            sections = (attrs.evolve(first, text="本年度行政复议5件。"), *report.sections[1:])
            report = attrs.evolve(report, sections=sections)
        violation = next(v for v in validate(report).violations if v.rule_id == "text.review")
        text_lines = [
            line for line in violation.explain().splitlines() if line.startswith("  text")
        ]

        assert (
            violation.explain().splitlines()[0]
            == "text.review FAIL govinfo.narrative: 5 ≠ 0 (diff 5)"
        )
        assert text_lines == [f"  text      {shown} 本年度行政复议5件。"]


# --- the result: its repr, lookups, the error it raises, the summary ------------------------


class TestResultSurface:
    def test_repr_counts_the_outcomes(self) -> None:
        assert repr(validate(gr.generate(1))) == (
            "<ValidationResult ok=True: 251 passed, 0 failed, 9 not evaluated>"
        )

    def test_an_unknown_instance_is_named_with_suggestions(self) -> None:
        with pytest.raises(
            KeyError,
            match=r"no rule instance 't3.balanc\[total\]'; did you mean t3.balance\[total\]",
        ):
            validate(gr.generate(1)).outcome("t3.balanc[total]")

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"t4.review.total": 99}, r"^1 error rule\(s\) broken: t4.group_sum\[review\]$"),
            (
                {f"t4.{g}.total": 99 for g in ("review", "suit_direct", "suit_after_review")}
                | {"t3.granted.total": 999, "t3.partial.total": 999},
                (
                    r"^6 error rule\(s\) broken: t3.processed_sum\[total\], t3.row_sum\[granted\], "
                    r"t3.row_sum\[partial\], t4.group_sum\[review\], t4.group_sum\[suit_direct\] …$"
                ),
            ),
        ],
    )
    def test_raise_for_errors_names_the_first_five(
        self, changes: dict[str, int], message: str
    ) -> None:
        result = validate(gr.generate(1).with_cells(changes))

        with pytest.raises(gr.ReportInvalid, match=message):
            result.raise_for_errors()

    def test_five_errors_are_all_named_without_an_ellipsis(self) -> None:
        changes = {f"t4.{g}.total": 99 for g in ("review", "suit_direct", "suit_after_review")}
        changes |= {"t3.granted.total": 999}
        result = validate(gr.generate(1).with_cells(changes))
        assert len(result.errors) == 5

        with pytest.raises(gr.ReportInvalid, match=r"suit_after_review\]$"):
            result.raise_for_errors()

    def test_raise_for_errors_names_the_file(self) -> None:
        text = gr.dumps(gr.generate(1).with_cells({"t4.review.total": 99}), format="json")
        report = gr.loads(text, format="json", source="reports/a.json")

        with pytest.raises(gr.ReportInvalid, match=r"^reports/a.json: 1 error rule\(s\) broken"):
            validate(report).raise_for_errors()

    def test_the_source_named_first(self) -> None:
        result = validate(gr.generate(1))

        assert result.to_text(source="x.txt").splitlines()[0].startswith("x.txt: OK: 251 passed")
        assert result.to_markdown(source="x.txt").splitlines()[0] == "## x.txt"

    def test_a_fee_violation_explains_itself_without_numbers(self) -> None:
        report = gr.generate(1).with_cells(
            {"t3.other_fee_unpaid.total": 2, "t3.other_fee_unpaid.natural_person": 2}
        )
        v = validate(report.with_section(6, text="本年度未发出收费通知。")).outcome(
            "text.fee_notice"
        )

        assert v.violation.explain().splitlines()[0] == "text.fee_notice FAIL govinfo.fee"

    @pytest.mark.parametrize(
        ("meta", "reason", "zh", "en"),
        [
            (
                {"title": "标题"},
                NotEvaluatedReason.NO_YEAR,
                "无法评估：报告年度未知",
                "not evaluated: the report's year is not known",
            ),
            (
                {"year": 2024},
                NotEvaluatedReason.NO_TEXT,
                "无法评估：文本中没有标题",
                "not evaluated: the text has no title",
            ),
        ],
    )
    def test_a_title_year_not_checked(self, meta, reason, zh, en) -> None:
        outcome = validate(Report.from_cells({}, meta=ReportMeta(**meta))).outcome(
            "text.year[title]"
        )

        assert (outcome.not_evaluated.reason, outcome.not_evaluated.message_zh) == (reason, zh)
        assert outcome.not_evaluated.message_en == en

    def test_summary_is_the_simple_table_by_default(self) -> None:
        result = validate(gr.generate(1))
        lines = result.summary().splitlines()

        assert result.summary() == result.summary(tablefmt="simple")
        assert lines[0].split() == [
            "rule",
            "severity",
            "instances",
            "pass",
            "fail",
            "not",
            "evaluated",
        ]
        assert set(lines[1]) == {"-", " "}
        assert lines[2].split() == ["t3.balance", "error", "7", "7", "0", "0"]


# --- the texts the prose checks read: sentences, parts, joins -------------------------------


class TestSentences:
    @pytest.mark.parametrize(
        ("text", "need", "windows"),
        [
            ("甲。乙丙。\n丙丁", "", [(0, 2), (2, 5), (5, 6), (6, 8)]),  # every sentence
            ("甲。乙。", "", [(0, 2), (2, 4)]),  # no empty sentence after the last break
            ("甲。乙。丙丁", "丁", [(4, 6)]),  # the sentence starts after the last 。 before it
            ("甲\n乙\n丙丁", "丁", [(4, 6)]),  # … or the last line break
            ("丙丁。丁戊", "丁", [(0, 3), (3, 5)]),  # the next sentence starts after the break
            ("丁。甲。乙丁。", "丁", [(0, 2), (4, 7)]),  # its end is the break after the need
        ],
    )
    def test_windows(self, text: str, need: str, windows: list[tuple[int, int]]) -> None:
        assert sentence_windows(text, need) == windows

    def test_parts_are_located_in_the_joined_text(self) -> None:
        """Parts joined by blank lines: each offset is placed in its own part, the third too."""
        prose = ProseText([(0, "前言"), (1, "甲乙丙"), (3, "丁戊")])

        assert prose.text == "前言\n\n甲乙丙\n\n丁戊"
        assert prose.starts == (0, 4, 9)
        assert prose.locate(10) == (3, 9, 11)
        assert prose.locate(5) == (1, 4, 7)
        assert prose.excerpt(9, 10) == (3, "丁戊")

    def test_a_check_reads_only_its_parts(self) -> None:
        """Front matter only when asked; only the sections named; each join kept apart."""
        report = _dated(preamble="前言2件。", text="正文3件。").with_section(6, text="其他5件。")
        texts = Texts(report)

        assert texts.joined((1,), False).text == "正文3件。"
        assert texts.joined((1,), True).text == "前言2件。\n\n正文3件。"
        assert texts.joined((6,), False).text == "其他5件。"
        assert texts.joined((1, 6), False).numbers == (1, 6)


# --- the compiled matrix, built afresh (the kept one is compiled before any test runs) -------

_RA, _RB, _RC, _RD = (
    "t4.review.upheld",
    "t4.review.corrected",
    "t4.review.other",
    "t4.review.pending",
)


def _small_rules() -> RuleSet:
    def rule(rule_id: str, check: gr.rules.Relation) -> gr.rules.Rule:
        return relation(rule_id, check, label_zh=rule_id, label_en=rule_id)

    return RuleSet(
        [
            rule("x.total", cell(_RA) + cell(_RB) == cell(_RC)),
            rule("x.both", cell(_RA) + cell(_RB) == cell(_RC) + cell(_RD)),
            rule("x.twice", cell(_RA) * 2 == cell(_RB)),
            rule("x.const", cell(_RA) - 1 <= cell(_RB)),
            rule("x.one", cell(_RA) <= cell(_RA) * 2),
        ]
    )


class TestCompiledMatrix:
    def test_rows_by_hand(self) -> None:
        """Each row's columns and coefficients, and its sum over values given by hand."""
        matrix = compile_rules(_small_rules())
        a, b, c, d = (column(p) for p in (_RA, _RB, _RC, _RD))
        values = [0] * WIDTH
        values[a], values[b], values[c], values[d] = 5, 7, 11, 2
        values[CONSTANT] = 1
        rows = {matrix.instances[row.instance].id: row for row in matrix.rows}

        assert (rows["x.total"].columns, rows["x.total"].coefs) == ((a, b, c), (1, 1, -1))
        assert rows["x.total"].total(values) == 5 + 7 - 11
        assert rows["x.both"].total(values) == 5 + 7 - 11 - 2
        assert (rows["x.twice"].columns, rows["x.twice"].coefs) == ((a, b), (2, -1))
        assert rows["x.twice"].total(values) == 2 * 5 - 7
        assert (rows["x.const"].columns, rows["x.const"].coefs) == ((a, b, CONSTANT), (1, -1, -1))
        assert rows["x.const"].total(values) == 5 - 1 - 7
        assert (rows["x.one"].columns, rows["x.one"].coefs) == ((a, CONSTANT), (-1, 0))
        assert rows["x.one"].total(values) == -5

    def test_identities_split_by_their_sides(self) -> None:
        """One cell alone on a side: a total; cells on both sides: an identity; the rest: rows."""
        matrix = compile_rules(_small_rules())
        ids = [i.id for i in matrix.instances]
        c = column(_RC)

        assert [(ids[k], j) for k, _, j in matrix.totals] == [("x.total", c)]
        assert [ids[k] for k, _, _ in matrix.identities] == ["x.both"]
        assert [ids[row.instance] for row in matrix.other_rows] == ["x.twice", "x.const", "x.one"]
        assert [ids[row.instance] for row in matrix.rows if row.identity] == ["x.total", "x.both"]

    def test_dense_coefficients(self) -> None:
        matrix = compile_rules(_small_rules())
        dense = matrix.coefficients()
        a, b = column(_RA), column(_RB)

        assert len(dense) == 5
        assert all(len(row) == WIDTH for row in dense)
        assert (dense[2][a], dense[2][b], sum(map(abs, dense[2]))) == (2, -1, 3)
        assert (dense[3][CONSTANT], sum(map(abs, dense[3]))) == (-1, 3)

    def test_the_2021_matrix_afresh(self) -> None:
        """Counts 0–199 but the 万元 amount (column 9) meet one plain bound; rules follow one another."""
        matrix = compile_rules(RULES_2021)

        assert matrix.plain_runs == ((0, 9), (10, 200))
        assert matrix.plain_maximum == 999_999_999
        assert matrix.family_spans[:3] == ((0, 7), (7, 14), (14, 39))
        assert len(matrix.family_spans) == len(matrix.families) == 15
        assert matrix.family_of[:8] == (0,) * 7 + (1,)
        assert len(matrix.plain_bounds) == 199
        assert (len(matrix.totals), len(matrix.identities), len(matrix.other_rows)) == (35, 7, 9)

    def test_an_empty_rule_set(self) -> None:
        assert compile_rules(RuleSet([])).family_spans == ()
        assert _spans(()) == ()

    def test_bounds_of_different_maxima_are_checked_one_by_one(self) -> None:
        """One check for all plain bounds needs one maximum: with two, only the unbounded stay plain."""
        rules = RuleSet(
            [
                gr.rules.bound("x.low", _RA, label_zh="x", label_en="x", maximum=5),
                gr.rules.bound("x.any", _RB, label_zh="y", label_en="y"),
            ]
        )
        matrix = compile_rules(rules)

        assert [b.column for b in matrix.plain_bounds] == [column(_RB)]
        assert matrix.plain_runs == ((column(_RB), column(_RB) + 1),)
        assert matrix.plain_maximum is None
        assert [b.column for b in matrix.other_bounds] == [column(_RA)]
        result = validate(Report.from_cells({_RA: 6, _RB: 10**6}), rules)
        assert [v.rule_id for v in result.violations] == ["x.low"]

    @pytest.mark.parametrize(
        ("columns", "runs"),
        [
            ([0, 1, 2, 5, 6, 9], ((0, 3), (5, 7), (9, 10))),
            ([9, 3, 4], ((3, 5), (9, 10))),
            ([4], ((4, 5),)),
            ([], ()),
        ],
    )
    def test_runs(self, columns: list[int], runs: tuple[tuple[int, int], ...]) -> None:
        assert _runs(columns) == runs

    @pytest.mark.parametrize(
        ("family_of", "spans"),
        [
            ((0, 0, 1, 1, 1, 2), ((0, 2), (2, 5), (5, 6))),
            ((0,), ((0, 1),)),
            ((0, 1), ((0, 1), (1, 2))),
        ],
    )
    def test_spans(self, family_of: tuple[int, ...], spans: tuple[tuple[int, int], ...]) -> None:
        assert _spans(family_of) == spans


# --- prose checks: the fee notice, reasons, the order of evidence, message fields -------------

_FEE = {"t3.other_fee_unpaid.total": 2, "t3.other_fee_unpaid.natural_person": 2}
_FEE_LABEL = (
    "三、（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 / 总计"
)


class TestFeeNotice:
    def test_a_denial_is_quoted(self) -> None:
        report = gr.generate(1).with_cells(_FEE).with_section(6, text="本年度未发出收费通知。")
        v = validate(report).outcome("text.fee_notice").violation

        assert v.message_zh == f"{_FEE_LABEL} 为 2（发出过收费通知），但第6部分称“未发出收费通知”"
        assert v.message_en == (
            "t3.other_fee_unpaid.total is 2 (fee notices were sent), "
            "but section 6 says '未发出收费通知'"
        )
        assert v.evidence == (Evidence(6, "本年度未发出收费通知。", None, (), False),)
        assert (v.lhs, v.rhs, v.diff) == (2, None, None)

    def test_silence_is_reported(self) -> None:
        report = gr.generate(1).with_cells(_FEE).with_section(6, text="本年度各项工作顺利。")
        v = validate(report).outcome("text.fee_notice").violation

        assert (
            v.message_zh
            == f"{_FEE_LABEL} 为 2（发出过收费通知），但第6部分未报告收费通知或信息处理费情况"
        )
        assert v.message_en == (
            "t3.other_fee_unpaid.total is 2 (fee notices were sent), "
            "but section 6 does not report fee notices or the processing fee"
        )
        assert v.evidence == ()

    def test_a_mention_passes(self) -> None:
        report = gr.generate(1).with_cells(_FEE).with_section(6, text="本年度发出收费通知2件。")

        assert validate(report).outcome("text.fee_notice").status == Status.PASS

    def test_a_section_missing_or_empty(self) -> None:
        """No heading and no text: not evaluated; a heading over no text: nothing is reported."""
        report = gr.generate(1).with_cells(_FEE)

        def sixth(**changes: object) -> Report:
            sections = tuple(
                attrs.evolve(s, **changes) if s.number == 6 else s for s in report.sections
            )
            return attrs.evolve(report, sections=sections)

        missing = validate(sixth(heading=None, text="")).outcome("text.fee_notice")
        assert missing.status == Status.NA
        assert missing.not_evaluated.reason == NotEvaluatedReason.NO_TEXT
        assert missing.not_evaluated.message_zh == "无法评估：文本中没有第6部分"
        assert missing.not_evaluated.message_en == "not evaluated: section 6 is not in the text"
        assert validate(sixth(text="")).outcome("text.fee_notice").status == Status.FAIL

    def test_message_fields(self) -> None:
        """A rule's own message template gets the cell's value as lhs, diff and absdiff."""
        rule = gr.rules.conditional_mention(
            "x.fee",
            ConditionalMention("t3.other_fee_unpaid.total", 6),
            label_zh="标签",
            label_en="label",
            message_zh="{label}:{lhs}/{rhs}/{diff}/{absdiff}",
            message_en="{label}:{lhs}/{rhs}/{diff}/{absdiff}",
        )
        report = gr.generate(1).with_cells(_FEE).with_section(6, text="无。")
        v = validate(report, RuleSet([rule])).outcome("x.fee").violation

        assert (v.message_zh, v.message_en) == ("标签:2/0/2/2", "label:2/0/2/2")


class TestProseOrderAndFields:
    def _rules(self, *patterns: str, **messages: str) -> RuleSet:
        rule = gr.rules.narrative(
            "x.said",
            [gr.rules.mention(p, cell("t4.review.total")) for p in patterns],
            label_zh="标签",
            label_en="label",
            **messages,
        )
        return RuleSet([rule])

    def test_evidence_by_start_then_end(self) -> None:
        """A hit that starts later comes later, even when it ends first."""
        report = _seed().with_section(1, text="甲5乙6乙乙。")
        rules = self._rules(r"甲(?P<n>\d)乙\d乙乙", r"(?P<n>6)乙")
        v = validate(report, rules).outcome("x.said").violation

        assert [e.figure for e in v.evidence] == [5, 6]

    def test_same_start_shorter_first(self) -> None:
        """Hits that start together: the shorter first (not the smaller figure)."""
        report = _seed().with_section(1, text="甲5乙乙。")
        rules = self._rules(r"(?P<n>5)乙", r"5乙乙")  # the second states 0
        v = validate(report, rules).outcome("x.said").violation

        assert [e.figure for e in v.evidence] == [5, 0]

    @pytest.mark.parametrize(("said", "fields"), [(7, "7/3/4/4"), (1, "1/3/−2/2")])
    def test_message_fields(self, said: int, fields: str) -> None:
        report = _seed().with_section(1, text=f"行政复议{said}件。")
        rules = self._rules(
            r"行政复议(?P<n>\d+)件", message_zh="{lhs}/{rhs}/{diff}/{absdiff}", message_en="x"
        )
        v = validate(report, rules).outcome("x.said").violation

        assert v.message_zh == fields

    def test_every_disagreeing_passage_is_quoted(self) -> None:
        report = (
            _seed().with_section(1, text="行政复议5件。").with_section(2, text="行政复议6件。")
        )
        v = validate(report).outcome("text.review").violation

        assert v.message_zh.endswith("：“行政复议5件。”；“行政复议6件。”")

    @pytest.mark.parametrize(
        ("part", "zh", "en"),
        [
            ("title", "无法评估：标题中没有年份", "not evaluated: the title states no year"),
            ("period", "无法评估：统计期限中没有年份", "not evaluated: the period states no year"),
            (
                "narrative",
                "无法评估：正文中没有年份",
                "not evaluated: the narrative states no year",
            ),
        ],
    )
    def test_no_year_named(self, part: str, zh: str, en: str) -> None:
        report = Report.from_cells(
            {}, meta=ReportMeta(year=2024, title="政府信息公开工作年度报告", preamble="无。")
        ).with_section(1, text="我局认真贯彻条例。")
        outcome = validate(report).outcome(f"text.year[{part}]")

        assert outcome.status == Status.NA
        assert outcome.not_evaluated.reason == NotEvaluatedReason.NO_MENTION
        assert (outcome.not_evaluated.message_zh, outcome.not_evaluated.message_en) == (zh, en)
