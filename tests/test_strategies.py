"""The Hypothesis strategies: house style, early errors, the entry point, shrinking."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import strategies
from govinfo_report.exceptions import InvalidArgument, RuleDefinitionError
from govinfo_report.rules import RULES_2021, RuleSet, cell, relation, validate
from govinfo_report.schema import Report
from govinfo_report.strategies import invalid_reports, mutated_reports, reports
from govinfo_report.synthetic import expected_violations
from govinfo_report.synthetic._oracle import oracle_for
from govinfo_report.synthetic._plan import check_plan

FIND = settings(database=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])


def _run(code: str, **env: str) -> str:
    """Run *code* in a fresh interpreter and return its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    return done.stdout.strip()


class TestHouseStyle:
    def test_exports(self) -> None:
        """The module exports exactly its four strategies, each present."""
        assert strategies.__all__ == [
            "invalid_reports",
            "mutated_reports",
            "rendered_reports",
            "reports",
        ]
        assert all(callable(getattr(strategies, name)) for name in strategies.__all__)

    @pytest.mark.parametrize(
        ("strategy", "shown"),
        [
            (reports(), "reports()"),
            (reports(max_value=5, year=2024), "reports(max_value=5, year=2024)"),
            (reports(blanks=["zero", "slash"]), "reports(blanks=['zero', 'slash'])"),
            (
                invalid_reports(break_rules=["t4.group_sum[review]"]),
                "invalid_reports(break_rules=['t4.group_sum[review]'])",
            ),
            (invalid_reports(kinds=["typo"]), "invalid_reports(kinds=['typo'])"),
            (mutated_reports(max_mutations=3), "mutated_reports(max_mutations=3)"),
        ],
    )
    def test_repr_shows_the_call(self, strategy: st.SearchStrategy[Any], shown: str) -> None:
        """The repr of a strategy is the call that built it."""
        assert shown == repr(strategy)

    def test_options_are_keyword_only(self) -> None:
        """Options cannot be passed by position."""
        with pytest.raises(TypeError):
            reports(5)  # type: ignore[call-arg]


class TestArguments:
    @pytest.mark.parametrize(
        ("build", "named"),
        [
            (lambda: reports(max_value=-1), "max_value="),
            (lambda: reports(blanks="zero"), "blanks="),
            (lambda: reports(blanks=["dash"]), "blanks="),
            (lambda: reports(year=2020), "year="),
            (lambda: reports(agency_kind="ministry"), "agency_kind="),
            (lambda: invalid_reports(break_rules="t4.group_sum[review]"), "break_rules="),
            (lambda: invalid_reports(break_rules=[]), "break_rules"),
            (lambda: invalid_reports(break_rules=["t3.nope"]), "break_rules="),
            (
                lambda: invalid_reports(break_rules=["t4.group_sum[review]"], kinds=["typo"]),
                "cannot specify both break_rules",
            ),
            (lambda: invalid_reports(kinds=["smudge"]), "kinds="),
            (lambda: mutated_reports(max_mutations=0), "max_mutations="),
        ],
    )
    def test_bad_arguments_fail_at_once(self, build: Any, named: str) -> None:
        """A bad argument raises InvalidArgument when the strategy is built, not when drawn."""
        with pytest.raises(InvalidArgument, match=named):
            build()

    def test_implied_instance_is_refused_with_the_reason(self) -> None:
        """Breaking t3.balance[total] alone is refused, naming the argument and SPEC §5.3."""
        with pytest.raises(
            InvalidArgument, match=r"break_rules=\['t3.balance\[total\]'\].*implied.*§5\.3"
        ):
            invalid_reports(break_rules={"t3.balance[total]"})


class TestFromType:
    @given(st.from_type(Report))
    def test_from_type_draws_valid_reports(self, report: Report) -> None:
        """st.from_type(Report) draws valid reports through the entry-point hook."""
        assert validate(report).violations == ()

    def test_resolved_through_the_hook(self) -> None:
        """st.from_type(Report) resolves to reports()."""
        assert repr(st.from_type(Report)) == "reports()"

    def test_no_registration_on_import(self) -> None:
        """Importing the strategies registers nothing; the hook does, when called."""
        shown = _run(
            "from hypothesis import strategies as st\n"
            "import govinfo_report.strategies\n"
            "from govinfo_report.schema import Report\n"
            "print(repr(st.from_type(Report).wrapped_strategy).split('(')[0])\n"
            "from govinfo_report.strategies._hook import _hypothesis_setup_hook\n"
            "_hypothesis_setup_hook()\n"
            "print(repr(st.from_type(Report)))\n",
            HYPOTHESIS_NO_PLUGINS="1",
        )

        assert shown.splitlines() == ["builds", "reports()"]

    def test_import_does_not_load_hypothesis(self) -> None:
        """import govinfo_report neither imports Hypothesis nor the generator."""
        shown = _run(
            "import sys, govinfo_report\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'hypothesis'"
            " or m.startswith(('govinfo_report.synthetic', 'govinfo_report.strategies'))))"
        )

        assert shown == "[]"

    def test_strategies_load_on_first_use(self) -> None:
        """gr.strategies is the strategies module, loaded when first asked for."""
        assert gr.strategies is strategies


class TestShrinking:
    def test_reports_shrink_to_all_zero(self) -> None:
        """The simplest report is the all-zero report."""
        report = find(reports(), lambda _: True, settings=FIND)

        assert {0} == set(report.cells().values())

    def test_shrinks_to_one_request(self) -> None:
        """Asked for a request, the simplest report has exactly one."""
        report = find(
            reports(), lambda r: (r.t3.new_received.total.value or 0) >= 1, settings=FIND
        )

        assert report.t3.new_received.total.value == 1

    def test_mutations_shrink_to_one_mistake_in_the_all_zero_report(self) -> None:
        """The simplest broken report is one mistake in the all-zero report."""
        result = find(mutated_reports(max_mutations=3), lambda _: True, settings=FIND)

        assert len(result.mutations) == 1
        assert {0} == set(result.original.cells().values())


class TestDraws:
    @given(invalid_reports(kinds=["offset"]))
    def test_offsets_always_break_something(self, case: tuple[Report, frozenset[str]]) -> None:
        """An offset always breaks an instance, and exactly the expected ones."""
        report, expected = case

        assert expected
        assert expected == validate(report).failed_ids

    @given(mutated_reports(kinds=["blank"], blanks=["zero", "slash"]))
    def test_blank_mutations_only_make_instances_na(self, result: Any) -> None:
        """A blanked cell breaks nothing; every instance reading it is not assessable."""
        outcome = validate(result.report)

        assert frozenset() == result.expected == outcome.failed_ids
        assert result.not_assessable <= {n.rule_id for n in outcome.not_evaluated}

    @given(reports(year=2023, agency_kind="city", max_value=3))
    def test_fixed_options_are_kept(self, report: Report) -> None:
        """A fixed year and agency kind are what the reports carry."""
        assert report.meta.year == 2023
        assert report.meta.agency is not None
        assert report.meta.agency.endswith("市人民政府")
        assert all(v is not None and v <= 6 * (21 * 3 + 3) for v in report.cells().values())


class TestRuleSets:
    def test_plan_is_checked_against_the_rules(self) -> None:
        """A rule set with an identity the form does not have is refused by the construction plan."""
        odd = relation(
            "x.granted_equals_partial",
            cell("t3.granted.total") == cell("t3.partial.total"),
            label_zh="予以公开等于部分公开",
            label_en="granted equals partial",
        )
        check_plan(oracle_for(RULES_2021).instances)

        with pytest.raises(RuleDefinitionError, match=r"x\.granted_equals_partial"):
            check_plan(oracle_for(RULES_2021 | RuleSet([odd])).instances)

    def test_bounds_of_another_rule_set(self) -> None:
        """expected_violations reads a bound of a custom rule set from its terms."""
        bound = relation(
            "x.granted_at_least_partial",
            cell("t3.granted.total") >= cell("t3.partial.total"),
            label_zh="予以公开不少于部分公开",
            label_en="granted at least partial",
        )
        rules = RULES_2021 | RuleSet([bound])
        original = gr.generate(12, agency_kind="county", year=2024)
        assert validate(original, rules).violations == ()
        granted = original.t3.granted.total.value
        assert isinstance(granted, int)
        partial = original.t3.partial.total.value
        assert isinstance(partial, int)
        changed = original.with_cells({"t3.partial.total": partial + granted})

        assert {
            "x.granted_at_least_partial",
            "t3.row_sum[partial]",
            "t3.processed_sum[total]",
        } == expected_violations(original, changed, rules=rules)
        assert (
            expected_violations(original, changed, rules=rules)
            == validate(changed, rules).failed_ids
        )
