"""The evaluator: the compiled matrix, exact arithmetic, bounds, hostile prose, inferred cells."""

from __future__ import annotations

import ast
import time
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.rules import (
    RULES_2021,
    NotEvaluatedReason,
    ReasonCode,
    RuleSet,
    Status,
    cell,
    relation,
    validate,
)
from govinfo_report.rules._compile import CONSTANT, PREVIOUS_OFFSET, WIDTH, compiled
from govinfo_report.schema import CELL_SPECS, CellOrigin, Provenance, Report

RULES_DIR = Path(gr.__file__).parent / "rules"


def _rule(rule_id: str, check: gr.rules.Relation) -> gr.rules.Rule:
    return relation(rule_id, check, label_zh=rule_id, label_en=rule_id)


def _status(report: Report, rules: RuleSet, instance_id: str) -> Status:
    return validate(report, rules).outcome(instance_id).status


class TestMatrix:
    """A rule set compiles to integer coefficients over this year, last year and a constant."""

    def test_balance_row(self):
        """``t3.balance[total]``: +1 for the inflows, −1 for the outflows, nothing else."""
        matrix = compiled(RULES_2021)
        k = next(i for i, r in enumerate(matrix.instances) if r.id == "t3.balance[total]")
        (row,) = [r for r in matrix.rows if r.instance == k]
        dense = matrix.coefficients()[matrix.rows.index(row)]
        index = {p: s.index for p, s in CELL_SPECS.items()}

        assert WIDTH == len(dense) == 2 * PREVIOUS_OFFSET + 1
        assert {
            index["t3.new_received.total"]: 1,
            index["t3.carried_over.total"]: 1,
            index["t3.total_processed.total"]: -1,
            index["t3.carried_forward.total"]: -1,
        } == {j: a for j, a in enumerate(dense) if a}

    def test_carry_over_reads_last_year(self):
        """A cross-year row reads a column of last year's block."""
        matrix = compiled(RULES_2021)
        k = next(i for i, r in enumerate(matrix.instances) if r.id == "t3.carryover[total]")
        (row,) = [r for r in matrix.rows if r.instance == k]

        assert row.previous
        assert any(j >= PREVIOUS_OFFSET for j in row.columns)

    def test_compiled_once(self):
        """The matrix is kept with the rule set."""
        assert compiled(RULES_2021) is compiled(RULES_2021)

    def test_constant(self):
        """A relation's constant is the coefficient of the constant column."""
        rules = RuleSet([_rule("x.plus", cell("t4.review.upheld") + 2 == cell("t4.review.total"))])
        (row,) = compiled(rules).rows

        assert dict(zip(row.columns, row.coefs, strict=True))[CONSTANT] == 2
        assert (
            _status(
                Report.from_cells({"t4.review.upheld": 3, "t4.review.total": 5}), rules, "x.plus"
            )
            == Status.PASS
        )
        assert (
            _status(
                Report.from_cells({"t4.review.upheld": 3, "t4.review.total": 3}), rules, "x.plus"
            )
            == Status.FAIL
        )


_X, _Y, _Z = "t4.review.upheld", "t4.review.total", "t4.review.corrected"


class TestArithmetic:
    """Sums are exact: any coefficient, any count up to the bound, amounts within their digits."""

    @pytest.mark.parametrize(
        ("x", "y", "expected"),
        [(3, 6, Status.PASS), (3, 5, Status.FAIL), (3, 7, Status.FAIL), (0, 0, Status.PASS)],
    )
    def test_coefficient_two(self, x, y, expected):
        """``2·x == y`` holds only when y is twice x."""
        rules = RuleSet([_rule("x.double", 2 * cell(_X) == cell(_Y))])

        assert expected == _status(Report.from_cells({_X: x, _Y: y}), rules, "x.double")

    @pytest.mark.parametrize(("z", "expected"), [(1, Status.PASS), (2, Status.FAIL)])
    def test_negative_coefficients(self, z, expected):
        """``y − 3·z == x``: a coefficient −3 on the left counts three times."""
        rules = RuleSet([_rule("x.minus", cell(_Y) - 3 * cell(_Z) == cell(_X))])
        report = Report.from_cells({_Y: 10, _Z: z, _X: 7})

        assert expected == _status(report, rules, "x.minus")

    def test_large_counts(self):
        """Counts of 2²⁸ and more are summed exactly: off by one fails, equal passes."""
        big = 2**29 + 12345
        items = {
            "t4.review.upheld": big,
            "t4.review.corrected": 2**28,
            "t4.review.other": 7,
            "t4.review.pending": 0,
        }
        total = sum(items.values())
        ok = Report.from_cells({**items, "t4.review.total": total})
        off = Report.from_cells({**items, "t4.review.total": total - 1})

        assert validate(ok).outcome("t4.group_sum[review]").status == Status.PASS
        assert validate(off).outcome("t4.group_sum[review]").status == Status.FAIL
        assert validate(off).outcome("t4.group_sum[review]").violation.diff == -1
        assert validate(ok).outcome("domain.count[t4.review.total]").status == Status.PASS

    @pytest.mark.parametrize(("count", "expected"), [(10, Status.PASS), (11, Status.FAIL)])
    def test_amount_tolerance_scales_with_the_coefficient(self, count, expected):
        """``3 × 3.3`` stands for [9.75, 10.05]: 10 fits, 11 does not."""
        rules = RuleSet([_rule("x.fee", 3 * cell("t2.admin_fees.amount") == cell(_Y))])
        report = Report.from_cells({"t2.admin_fees.amount": "3.3", _Y: count})

        assert expected == _status(report, rules, "x.fee")

    def test_amount_tolerance_needs_the_coefficient(self):
        """The interval of ``3 × 3.3`` is three times ±0.05: 9.9 vs 10 is within it."""
        rules = RuleSet([_rule("x.fee", 3 * cell("t2.admin_fees.amount") == cell(_Y))])
        tight = RuleSet(
            [
                attrs.evolve(
                    _rule("x.fee", 3 * cell("t2.admin_fees.amount") == cell(_Y)),
                    tolerance=gr.rules.EXACT,
                )
            ]
        )
        report = Report.from_cells({"t2.admin_fees.amount": "3.3", _Y: 10})

        assert _status(report, rules, "x.fee") == Status.PASS
        assert _status(report, tight, "x.fee") == Status.FAIL

    @given(
        values=st.dictionaries(
            st.sampled_from(sorted(CELL_SPECS)),
            st.integers(0, 2**31) | st.sampled_from(["", "/", "六"]),
            max_size=60,
        )
    )
    def test_agrees_with_a_plain_sum(self, values):
        """Every identity's status is what summing its terms by hand gives."""
        values = {p: v for p, v in values.items() if CELL_SPECS[p].kind == "count"}
        report = gr.generate(3).with_cells(values)
        result = validate(report)
        for instance in RULES_2021.select(tags=["identity"]).instances():
            terms = [(t.coef, report.value(t.path)) for t in instance.terms]
            if any(v is None for _, v in terms):
                expected = Status.NA
            else:
                total = sum(a * v for a, v in terms)
                expected = Status.PASS if total == 0 else Status.FAIL
            assert expected == result.outcome(instance.id).status, instance.id


class TestBounds:
    """Counts are integers from 0 to 999,999,999; more is a misprint."""

    def test_absurd_count(self):
        """A 30-digit count fails its bound even when the identities hold."""
        huge = 10**29 + 7
        items = {"t4.review.upheld": huge, "t4.review.corrected": 0, "t4.review.other": 0}
        report = Report.from_cells({**items, "t4.review.pending": 0, "t4.review.total": huge})
        result = validate(report)

        outcome = result.outcome("domain.count[t4.review.total]")
        assert outcome.status == Status.FAIL
        assert outcome.violation.code == ReasonCode.BOUND
        assert outcome.violation.rhs == 999_999_999
        assert "超出合理范围" in outcome.violation.message_zh
        assert "absurd magnitude" in outcome.violation.message_en
        assert result.outcome("t4.group_sum[review]").status == Status.PASS
        assert not result.ok

    def test_largest_count(self):
        """999,999,999 is still a count."""
        report = Report.from_cells({"t4.review.total": 999_999_999})

        assert validate(report).outcome("domain.count[t4.review.total]").status == Status.PASS

    @pytest.mark.parametrize(
        ("printed", "expected"), [("2.5", Status.FAIL), ("3.0", Status.PASS), ("3", Status.PASS)]
    )
    def test_integral_bound(self, printed, expected):
        """An integer bound refuses a fraction and takes a whole number printed with decimals."""
        rules = RuleSet(
            [gr.rules.bound("x.whole", "t2.admin_fees.amount", label_zh="整数", label_en="whole")]
        )
        report = Report.from_cells({"t2.admin_fees.amount": printed})

        assert expected == _status(report, rules, "x.whole")

    def test_fee_bound(self):
        """The 万元 fee is a decimal: 3.30 passes, 10 billion 万元 does not."""
        ok = Report.from_cells({"t2.admin_fees.amount": "3.30"})
        huge = Report.from_cells({"t2.admin_fees.amount": "10000000000.5"})

        assert validate(ok).outcome("domain.fee").status == Status.PASS
        assert validate(huge).outcome("domain.fee").status == Status.FAIL


class TestHostileProse:
    """Prose is read in bounded time and any number in it is handled."""

    def test_huge_number_in_the_prose(self):
        """A 5,000-digit figure disagrees with the table instead of crashing."""
        report = gr.generate(1).with_section(
            1, text="本年度新收政府信息公开申请" + "9" * 5000 + "件。"
        )
        outcome = validate(report).outcome("text.new_received")

        assert outcome.status == Status.FAIL
        violation = outcome.violation
        assert violation.lhs is None
        assert "超过 12 位" in violation.message_zh
        assert "more than 12 digits" in violation.message_en
        assert len(violation.evidence[0].excerpt) < 100

    def test_twelve_digits_are_a_figure(self):
        """A figure of 12 digits is read and compared."""
        report = gr.generate(1).with_section(1, text="本年度新收政府信息公开申请999999999999件。")
        outcome = validate(report).outcome("text.new_received")

        assert outcome.violation.lhs == 999_999_999_999

    def test_long_prose_is_read_in_linear_time(self):
        """Eight times the prose costs about eight times the time, not sixty-four."""
        base = gr.generate(1)
        line = "本年度新收政府信息公开申请12件\n"

        def cost(n: int) -> float:
            report = base.with_section("other", text=line * n)
            best = float("inf")
            for _ in range(2):
                start = time.process_time()
                validate(report)
                best = min(best, time.process_time() - start)
            return best

        small, large = cost(5_000), cost(40_000)

        assert large < 20 * small


def _inferred(report: Report, cells: dict[str, tuple[str, ...]]) -> Report:
    return attrs.evolve(
        report,
        provenance=Provenance(
            source="inferred.txt",
            cells={p: CellOrigin(line=3, inferred_by=ids) for p, ids in cells.items()},
        ),
    )


class TestInferredCells:
    """A rule the reader used to choose values is not evaluated, whatever it would give."""

    def test_used_to_read(self):
        """Both a rule that would pass and one that would fail are not evaluated, with the reason."""
        truth = gr.generate(0)
        broken = truth.with_cells({"t3.granted.total": truth.value("t3.granted.total") + 1})
        report = _inferred(
            broken,
            {
                "t3.granted.total": ("t3.row_sum[granted]",),
                "t3.partial.total": ("t3.row_sum[partial]",),
            },
        )
        result = validate(report)

        for rule_id in ("t3.row_sum[granted]", "t3.row_sum[partial]"):
            outcome = result.outcome(rule_id)
            assert outcome.status == Status.NA
            reason = outcome.not_evaluated
            assert reason.reason == NotEvaluatedReason.USED_TO_READ
            assert "推定" in reason.message_zh
            assert "the reader used this rule" in reason.message_en
        assert [c.path for c in result.outcome("t3.row_sum[granted]").not_evaluated.cells] == [
            "t3.granted.total"
        ]
        # the identity the reader did not use still sees the change
        assert result.outcome("t3.processed_sum[total]").status == Status.FAIL

    def test_the_summary_counts_inferred_cells(self):
        """The verdict, the summary and the JSON say how many cells were inferred."""
        report = _inferred(
            gr.generate(0),
            {
                "t3.granted.total": ("t3.row_sum[granted]",),
                "t3.partial.total": ("t3.row_sum[partial]",),
            },
        )
        result = validate(report)

        assert (
            "2 cell(s) inferred by the reader (not fully checked)"
            in result.to_text().splitlines()[0]
        )
        assert not result.fully_checked
        assert "inferred: 2 cell(s) chosen by the reader with 2 rule(s)" in result.summary()
        data = result.to_dict()
        assert data["counts"]["inferred_cells"] == 2
        assert data["inferred_cells"]["t3.granted.total"] == ["t3.row_sum[granted]"]
        assert result.counts()[Status.NA] - validate(gr.generate(0)).counts()[Status.NA] == 2

    def test_fully_checked(self):
        """Every rule evaluated: fully checked; the same rule used to read the cell: not."""
        rules = RuleSet([_rule("x.same", cell(_X) == cell(_Y))])
        report = Report.from_cells({_X: 2, _Y: 2})

        assert validate(report, rules).fully_checked
        assert not validate(_inferred(report, {_X: ("x.same",)}), rules).fully_checked
        assert not validate(Report.from_cells({_X: 2, _Y: ""}), rules).fully_checked

    def test_never_fully_checked(self):
        """A report whose only check of a cell is a rule used to read it is not all-pass."""
        report = _inferred(gr.generate(0), {"t4.review.total": ("t4.group_sum[review]",)})
        result = validate(report)

        assert Status.PASS not in {result.outcome("t4.group_sum[review]").status}


class TestLayout:
    """The rules package reads in layers: data, then the evaluator, then results."""

    @staticmethod
    def _imports(path: Path) -> set[str]:
        """Modules of the package imported at run time (not under TYPE_CHECKING)."""
        tree = ast.parse(path.read_text("utf-8"))
        skipped: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(n) for n in ast.walk(node))
        found = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.startswith("govinfo_report.rules."):
                found.add(module.rsplit(".", 1)[1])
        return found

    def test_no_import_circle(self):
        """Following run-time imports between the modules of rules/ never comes back."""
        graph = {p.stem: self._imports(p) for p in RULES_DIR.glob("*.py")}

        def reaches(start: str, goal: str, seen: set[str]) -> bool:
            for nxt in graph.get(start, ()):
                if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                    return True
            return False

        circles = [m for m in graph if reaches(m, m, {m})]
        assert circles == []

    def test_layers(self):
        """The rule data imports no evaluator, and the evaluator no result."""
        data = (
            "_expr",
            "_checks",
            "_instance",
            "_rule",
            "_build",
            "builtin",
            "_describe",
            "_codes",
        )
        above = {"_compile", "_evaluate", "_prose", "_result", "_render", "_localise", "_validate"}
        for name in data:
            assert set() == self._imports(RULES_DIR / f"{name}.py") & above, name
        assert set() == self._imports(RULES_DIR / "_evaluate.py") & {"_result", "_render"}

    def test_modules_are_short(self):
        """No module of rules/ passes 600 lines; none reaches into CPython's private modules."""
        for path in RULES_DIR.glob("*.py"):
            text = path.read_text("utf-8")
            assert len(text.splitlines()) <= 600, path.name
            assert "re._parser" not in text, path.name
            assert "sre_parse" not in text, path.name


class TestTolerance:
    """The interval of an amount is ±½ of its last printed digit, times its coefficient."""

    @pytest.mark.parametrize(("count", "expected"), [(54, Status.PASS), (55, Status.FAIL)])
    def test_boundary(self, count, expected):
        """18 × 3.0 stands for [53.1, 54.9]: 55 is outside, however close."""
        rules = RuleSet([_rule("x.fee", 18 * cell("t2.admin_fees.amount") == cell(_Y))])
        report = Report.from_cells({"t2.admin_fees.amount": "3.0", _Y: count})

        assert expected == _status(report, rules, "x.fee")

    def test_absolute_tolerance_on_exact_amounts(self):
        """An exact rule with an absolute tolerance does not widen amounts by their digits."""
        exact = gr.rules.Tolerance("exact", absolute=Decimal("0.01"))
        rule = attrs.evolve(
            _rule("x.fee", cell("t2.admin_fees.amount") == cell(_Y)), tolerance=exact
        )
        near = Report.from_cells({"t2.admin_fees.amount": "3.99", _Y: 4})
        far = Report.from_cells({"t2.admin_fees.amount": "3.9", _Y: 4})

        assert _status(near, RuleSet([rule]), "x.fee") == Status.PASS
        assert _status(far, RuleSet([rule]), "x.fee") == Status.FAIL

    def test_exact_amount_keeps_its_digits(self):
        """An exact rule reads 3.9 as 3.9: 4 is 0.1 away, beyond ±0.05, though ±0.05 + 0.05 would reach."""
        exact = gr.rules.Tolerance("exact", absolute=Decimal("0.05"))
        rule = attrs.evolve(
            _rule("x.fee", cell("t2.admin_fees.amount") == cell(_Y)), tolerance=exact
        )
        report = Report.from_cells({"t2.admin_fees.amount": "3.9", _Y: 4})

        assert _status(report, RuleSet([rule]), "x.fee") == Status.FAIL
        assert (
            _status(
                Report.from_cells({"t2.admin_fees.amount": "3.95", _Y: 4}),
                RuleSet([rule]),
                "x.fee",
            )
            == Status.PASS
        )

    @pytest.mark.parametrize(
        ("op", "count", "expected"),
        [
            ("<=", 3, Status.FAIL),
            ("<=", 4, Status.PASS),
            (">=", 3, Status.PASS),
            (">=", 4, Status.FAIL),
        ],
    )
    def test_inequalities(self, op, count, expected):
        """``3.3 <= n`` holds for 4, not 3; ``3.3 >= n`` for 3, not 4."""
        amount = cell("t2.admin_fees.amount")
        check = amount <= cell(_Y) if op == "<=" else amount >= cell(_Y)
        report = Report.from_cells({"t2.admin_fees.amount": "3.3", _Y: count})

        assert expected == _status(report, RuleSet([_rule("x.ineq", check)]), "x.ineq")


class TestDomainMessages:
    """A broken bound says which cell, its value and the limit."""

    def test_below_the_minimum(self):
        """A custom minimum: 0 is below 1."""
        rules = RuleSet(
            [gr.rules.bound("x.min", _Y, minimum=1, label_zh="至少一件", label_en="at least one")]
        )
        violation = validate(Report.from_cells({_Y: 0}), rules).violations[0]

        assert (violation.lhs, violation.rhs, violation.diff) == (0, 1, -1)
        assert (
            violation.message_zh
            == "表四 行政复议 / 总计（t4.review.total）为 0，应为不小于 1 的整数"
        )
        assert violation.message_en == "t4.review.total is 0; expected an integer ≥ 1"

    def test_above_the_maximum(self):
        """The limit and the difference are those of the maximum."""
        rules = RuleSet(
            [gr.rules.bound("x.max", _Y, maximum=10, label_zh="至多十件", label_en="at most ten")]
        )
        violation = validate(Report.from_cells({_Y: 12}), rules).violations[0]

        assert (violation.lhs, violation.rhs, violation.diff) == (12, 10, 2)
        assert (
            violation.message_zh
            == "表四 行政复议 / 总计（t4.review.total）为 12，超出合理范围：应为不大于 10 的整数"
        )
        assert (
            violation.message_en
            == "t4.review.total is 12; expected an integer ≤ 10 (an absurd magnitude)"
        )
        assert _status(Report.from_cells({_Y: 10}), rules, "x.max") == Status.PASS

    def test_printed_as_text(self):
        """A count printed as text breaks the bound with the parse code, saying what was due."""
        violation = (
            validate(Report.from_cells({_Y: "十二"}))
            .outcome("domain.count[t4.review.total]")
            .violation
        )

        assert violation.code == ReasonCode.PARSE
        assert (violation.lhs, violation.rhs, violation.diff) == (None, None, None)
        assert (
            violation.message_zh
            == "表四 行政复议 / 总计（t4.review.total）应为件数（非负整数），印为“十二”（按原样保留）"
        )
        assert (
            "expected a count (an integer ≥ 0), got '十二' (kept as printed)"
            in violation.message_en
        )

    def test_fee_printed_as_text(self):
        """The 万元 fee expects a number, not a count."""
        violation = (
            validate(Report.from_cells({"t2.admin_fees.amount": "三万"}))
            .outcome("domain.fee")
            .violation
        )

        assert "应为数字" in violation.message_zh
        assert "expected a number, got '三万'" in violation.message_en


class TestMany:
    """Validating many reports at once gives what validating each one gives."""

    @given(
        changes=st.lists(
            st.dictionaries(
                st.sampled_from(sorted(p for p, s in CELL_SPECS.items() if s.kind == "count")),
                st.integers(0, 50) | st.sampled_from(["", "/", "六", 10**12]),
                max_size=6,
            ),
            min_size=2,
            max_size=5,
        )
    )
    def test_same_as_one_by_one(self, changes):
        """Statuses, sums and records agree, report by report."""
        reports = [gr.generate(n).with_cells(c) for n, c in enumerate(changes)]
        many = gr.rules.validate_many(reports)
        for report, result in zip(reports, many, strict=True):
            alone = validate(report)
            assert alone.statuses == result.statuses
            assert alone.evaluation.sums == result.evaluation.sums
            assert alone.violations == result.violations
            assert alone.not_evaluated == result.not_evaluated

    def test_not_a_report(self):
        """Anything but reports is refused."""
        with pytest.raises(gr.InvalidArgument):
            gr.rules.validate_many([gr.generate(0), "report.txt"])

    def test_without_numpy(self, monkeypatch):
        """Without numpy each report is evaluated alone, with the same results."""
        from govinfo_report.rules import _batch

        monkeypatch.setattr(_batch, "_numpy", lambda: None)
        reports = [gr.generate(n).with_cells({"t3.granted.total": 10**6}) for n in range(3)]

        assert [validate(r).statuses for r in reports] == [
            r.statuses for r in gr.rules.validate_many(reports)
        ]


class TestSummaryTable:
    """The summary's plain table is exactly tabulate's ``simple`` format."""

    @given(
        rows=st.lists(
            st.lists(st.text("abc.xyz_[]019 ", min_size=0, max_size=14), min_size=6, max_size=6),
            max_size=5,
        )
    )
    def test_same_as_tabulate(self, rows):
        """Any ASCII cells, laid out alike."""
        from tabulate import tabulate

        from govinfo_report.rules._render import simple_table

        rows = [[c.strip() or "0" for c in row] for row in rows]
        headers = ("rule", "severity", "instances", "pass", "fail", "not evaluated")
        expected = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)

        assert expected == simple_table(rows, headers)


class TestRecords:
    """Every field of a violation and of a reason, for relations and bounds."""

    @pytest.mark.parametrize(
        ("check", "sign"),
        [
            (cell(_X) == cell(_Y), "≠"),
            (cell(_X) <= cell(_Y), ">"),
            (cell(_X) >= cell(_Y) + 9, "<"),
        ],
    )
    def test_default_messages(self, check, sign):
        """Both sides, the difference, and the broken relation's sign."""
        rules = RuleSet([relation("x.rel", check, label_zh="甲不大于乙", label_en="x vs y")])
        report = Report.from_cells({_X: 5, _Y: 3})
        (v,) = validate(report, rules).violations
        rhs = 12 if sign == "<" else 3

        assert (
            v.rule_id,
            v.family,
            v.binding,
            v.severity,
            v.code,
        ) == ("x.rel", "x.rel", (), gr.Severity.ERROR, ReasonCode.RELATION)
        assert (5, rhs, 5 - rhs) == (v.lhs, v.rhs, v.diff)
        assert [(c.path, c.coef) for c in v.cells] == [(_X, 1), (_Y, 1)]
        diff = gr.rules._records.format_number(5 - rhs)
        assert f"x vs y does not hold: left side 5 {sign} right side {rhs}, difference {diff}" == (
            v.message_en
        )
        assert f"不满足“甲不大于乙”：左边为 5，右边为 {rhs}，相差 {abs(5 - rhs)}" == v.message_zh

    def test_templates(self):
        """A rule's own messages get the label, both sides and the differences."""
        rules = RuleSet(
            [
                relation(
                    "x.rel",
                    cell(_X) == cell(_Y),
                    label_zh="甲",
                    label_en="x",
                    message_zh="{label}:{lhs}/{rhs}/{diff}/{absdiff}",
                    message_en="{label}:{lhs}/{rhs}/{diff}/{absdiff}",
                ),
                gr.rules.bound(
                    "x.max",
                    _Y,
                    maximum=2,
                    label_zh="乙",
                    label_en="y",
                    message_zh="{label}:{lhs}/{rhs}/{diff}/{absdiff}",
                    message_en="{label}:{lhs}/{rhs}/{diff}/{absdiff}",
                ),
            ]
        )
        violations = validate(Report.from_cells({_X: 1, _Y: 3}), rules).violations

        assert [(v.message_zh, v.message_en) for v in violations] == [
            ("甲:1/3/−2/2", "x:1/3/−2/2"),
            ("乙:3/2/1/1", "y:3/2/1/1"),
        ]

    def test_bound_with_both_limits(self):
        """Below the minimum of a bound that also has a maximum: the minimum is the limit."""
        rules = RuleSet(
            [gr.rules.bound("x.range", _Y, minimum=2, maximum=5, label_zh="乙", label_en="y")]
        )
        (v,) = validate(Report.from_cells({_Y: 1}), rules).violations

        assert (v.lhs, v.rhs, v.diff) == (1, 2, -1)
        assert [(c.path, c.coef, c.role) for c in v.cells] == [(_Y, 1, "cell")]
        assert "应为不小于 2 的整数" in v.message_zh
        assert "expected an integer ≥ 2" in v.message_en

    def test_amount_bound_words(self):
        """A bound on an amount that is not integral speaks of a number."""
        rules = RuleSet(
            [
                gr.rules.bound(
                    "x.fee",
                    "t2.admin_fees.amount",
                    integral=False,
                    maximum=5,
                    label_zh="费",
                    label_en="fee",
                )
            ]
        )
        (v,) = validate(Report.from_cells({"t2.admin_fees.amount": "7.5"}), rules).violations

        assert "应为不大于 5 的数" in v.message_zh
        assert "expected a number ≤ 5" in v.message_en

    def test_reason_record(self):
        """A rule not evaluated keeps its family, binding and severity."""
        outcome = validate(gr.generate(0)).outcome("t3.carryover[commercial]")
        reason = outcome.not_evaluated

        assert (reason.rule_id, reason.family, reason.binding, reason.severity) == (
            "t3.carryover[commercial]",
            "t3.carryover",
            (("c", "commercial"),),
            gr.Severity.WARNING,
        )
        assert reason.message_zh == "无法评估：未提供上年报告"
        assert reason.message_en == "not evaluated: no previous year's report was given"

    def test_inferred_cells_in_the_reason(self):
        """The cells a rule was used to read are named with their values."""
        report = _inferred(gr.generate(0), {"t4.review.total": ("t4.group_sum[review]",)})
        reason = validate(report).outcome("t4.group_sum[review]").not_evaluated

        assert [("t4.review.total", 1, report.value("t4.review.total"))] == [
            (c.path, c.coef, c.value) for c in reason.cells
        ]


class TestFastPaths:
    """What the evaluator works out once per rule set, or all at once, gives what one by one gives."""

    def test_counts_whose_sum_is_too_large(self):
        """Two counts in range whose sum is above the maximum still pass their bounds."""
        big = 600_000_000
        report = Report.from_cells({"t4.review.upheld": big, "t4.review.total": big})
        result = validate(report)

        assert result.outcome("domain.count[t4.review.upheld]").status == Status.PASS
        assert result.outcome("domain.count[t4.review.total]").status == Status.PASS

    @pytest.mark.parametrize(
        ("value", "expected"), [("", Status.NA), ("六", Status.FAIL), ("2.5", Status.FAIL)]
    )
    def test_one_count_without_an_integer(self, value, expected):
        """A blank, text or a fraction among counts: that bound alone is decided, the others pass."""
        report = gr.generate(1).with_cells({"t4.review.upheld": value})
        result = validate(report)
        bounds = [o for o in result.outcomes() if o.rule_id.startswith("domain.count[")]

        assert expected == result.outcome("domain.count[t4.review.upheld]").status
        assert [Status.PASS] * (len(bounds) - 1) == [
            o.status for o in bounds if o.rule_id != "domain.count[t4.review.upheld]"
        ]

    @pytest.mark.parametrize("path", ["t4.review.total", "t4.review.upheld"])
    def test_total_or_item_blank(self, path):
        """An identity of one cell and a sum is not evaluated when either side has a blank."""
        report = gr.generate(1).with_cells({path: ""})
        outcome = validate(report).outcome("t4.group_sum[review]")

        assert outcome.status == Status.NA
        assert outcome.not_evaluated.reason == NotEvaluatedReason.BLANK
        assert [path] == [c.path for c in outcome.not_evaluated.cells]

    @pytest.mark.parametrize("path", ["t4.review.total", "t4.review.upheld"])
    def test_total_or_item_off(self, path):
        """An identity of one cell and a sum fails whichever side is off."""
        report = gr.generate(1)
        broken = report.with_cells({path: report.value(path) + 1})

        assert _status(broken, RULES_2021, "t4.group_sum[review]") == Status.FAIL

    def test_sums_worked_out_on_demand(self):
        """Each row evaluated has its sum; a row with a blank or of last year has none."""
        report = gr.generate(1).with_cells({"t4.review.upheld": ""})
        evaluation = validate(report).evaluation
        matrix = evaluation.matrix
        ids = {i.id: k for k, i in enumerate(matrix.instances)}

        assert evaluation.sums[ids["t3.balance[total]"]] == 0
        assert ids["t4.group_sum[review]"] not in evaluation.sums
        assert ids["t3.carryover[total]"] not in evaluation.sums
        assert {r.instance for r in matrix.rows} - {
            ids["t4.group_sum[review]"],
            *(k for k, i in enumerate(matrix.instances) if i.needs_previous),
        } == set(evaluation.sums)

    def test_records_without_last_year_are_shared(self):
        """A rule that needs last year's report has one record for every report without it."""
        first = validate(gr.generate(1)).outcome("t3.carryover[total]").not_evaluated
        second = validate(gr.generate(2)).outcome("t3.carryover[total]").not_evaluated

        assert first is second
        assert first.reason == NotEvaluatedReason.NO_PREVIOUS
        assert first.message_en == "not evaluated: no previous year's report was given"

    def test_positions(self):
        """The instances of one status, in order, found without looking at the others."""
        report = gr.generate(1).with_cells({"t4.review.upheld": ""})
        evaluation = validate(report).evaluation
        status = list(evaluation.status)

        for wanted in (0, 1, 2):
            assert [k for k, s in enumerate(status) if s == wanted] == evaluation.positions(wanted)

    def test_summary_follows_the_statuses(self):
        """Reports with other outcomes get other summaries; the same outcomes, the same one."""
        valid = validate(gr.generate(1))
        broken = validate(gr.generate(1).with_cells({"t4.review.total": 10**6}))

        assert valid.summary() == validate(gr.generate(2)).summary()
        assert valid.summary() != broken.summary()
        assert "t4.group_sum             error       3            2       1" in broken.summary()
