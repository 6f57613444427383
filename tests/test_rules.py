"""The rules DSL: expressions, rules, rule sets, serialisation and the 2021 rule set."""

from __future__ import annotations

import runpy
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo_report.exceptions import MissingExtraError, RuleDefinitionError
from govinfo_report.rules import (
    RULES_2021,
    ConditionalMention,
    Domain,
    LinearExpr,
    Mention,
    Narrative,
    Quantifier,
    Relation,
    Rule,
    RuleSet,
    Term,
    Tolerance,
    YearCheck,
    balance,
    carry_over,
    cell,
    for_each,
    incidence,
    parse_expr,
    parse_relation,
    previous,
    relation,
    rules_from_dict,
    rules_from_json,
    rules_from_yaml,
    rules_to_json,
    rules_to_yaml,
    sum_over,
)
from govinfo_report.rules._narrative import chinese_number, opening_year_spans
from govinfo_report.rules._reference import reference_markdown
from govinfo_report.rules._texts import literal_needs, sentence_windows
from govinfo_report.schema import (
    CELL_PATHS,
    T3_COLUMNS,
    T3_ROWS,
    T3_VALUE_ROWS,
    T4_GROUPS,
    Severity,
)

ROOT = Path(__file__).resolve().parent.parent


class TestExpressions:
    """Operators on cells build data, never truth values."""

    def test_sum_of_cells(self):
        """``+`` and ``-`` collect terms with their coefficients, in order."""
        expr = (
            cell("t3.granted.total") + 2 * cell("t3.partial.total") - cell("t3.other_other.total")
        )

        assert (
            Term("t3.granted.total", 1),
            Term("t3.partial.total", 2),
            Term("t3.other_other.total", -1),
        ) == expr.terms

    def test_comparison_builds_a_relation(self):
        """``==`` returns a Relation whose terms are lhs − rhs."""
        rel = cell("t3.total_processed.total") == cell("t3.granted.total") + cell(
            "t3.partial.total"
        )

        assert isinstance(rel, Relation)
        assert rel.op == "=="
        assert (
            Term("t3.total_processed.total", 1),
            Term("t3.granted.total", -1),
            Term("t3.partial.total", -1),
        ) == rel.terms

    def test_relation_is_not_a_bool(self):
        """Using a relation as a condition raises instead of guessing."""
        rel = cell("t3.granted.total") <= cell("t3.total_processed.total")

        with pytest.raises(TypeError, match="data, not a truth value"):
            bool(rel)

    @pytest.mark.parametrize("op", ["!=", "<", ">"])
    def test_unsupported_comparisons(self, op):
        """``!=``, ``<`` and ``>`` are not linear relations the evaluator checks."""
        left, right = cell("t3.granted.total"), cell("t3.partial.total")
        compare = {
            "!=": lambda: left != right,
            "<": lambda: left < right,
            ">": lambda: left > right,
        }[op]

        with pytest.raises(RuleDefinitionError):
            compare()

    def test_terms_merge_repeated_paths(self):
        """A path on both sides cancels out of ``terms``; the sides keep it."""
        rel = cell("t3.granted.total") + cell("t3.partial.total") == cell("t3.granted.total")

        assert (Term("t3.partial.total", 1),) == rel.terms
        assert len(rel.rhs) == 1

    def test_constant(self):
        """Integer constants go to ``constant`` (lhs − rhs)."""
        rel = cell("t3.granted.total") + 2 >= 5

        assert rel.constant == -3
        assert str(rel) == "t3.granted.total + 2 >= 5"

    def test_previous(self):
        """``previous()`` names a cell of last year's report."""
        assert (
            previous("t3.carried_forward.total").terms[0].path
            == "previous.t3.carried_forward.total"
        )

    def test_sum_over(self):
        """``sum_over`` expands a template over values and keeps other placeholders."""
        expr = sum_over("t3.{r}.{c}", r=["granted", "partial"])

        assert tuple(t.path for t in expr.terms) == ("t3.granted.{c}", "t3.partial.{c}")

    def test_sum_over_unknown_placeholder(self):
        """Naming a placeholder the template does not have is an error."""
        with pytest.raises(RuleDefinitionError, match="no placeholder"):
            sum_over("t3.granted.{c}", r=["x"])

    def test_bad_coefficient(self):
        """Coefficients are integers."""
        with pytest.raises(RuleDefinitionError, match="int"):
            cell("t3.granted.total") * 1.5  # type: ignore[operator]

    def test_expression_is_unhashable(self):
        """An expression cannot go into a set: its ``==`` builds a relation."""
        with pytest.raises(TypeError):
            hash(cell("t3.granted.total"))


class TestTextForm:
    """Relations are written as text and read back without ``eval``."""

    @pytest.mark.parametrize(
        "text",
        [
            "t3.granted.total == t3.partial.total",
            "t3.granted.{c} <= t3.total_processed.{c}",
            "-t3.granted.total + 2*t3.partial.total - 3 >= 0",
            "0 == t3.granted.total",
            "previous.t3.carried_forward.total == t3.carried_over.total",
        ],
    )
    def test_round_trip(self, text):
        """``str(parse_relation(text)) == text`` for text in the canonical form."""
        assert text == str(parse_relation(text))

    @pytest.mark.parametrize(
        "text",
        [
            "t3.granted.total",
            "t3.granted.total == ",
            "t3.granted.total == == t3.partial.total",
            "t3.granted.total + + t3.partial.total == 0",
            "__import__('os') == 0",
            "t3.granted.total == 2*",
            "0*t3.granted.total == 1",
        ],
    )
    def test_rejects(self, text):
        """Anything but ``expression op expression`` is refused with the text named."""
        with pytest.raises(RuleDefinitionError):
            parse_relation(text)

    def test_expression(self):
        """``parse_expr`` reads one side."""
        assert (
            LinearExpr((Term("a.b.c", 1), Term("a.b.d", -2)), 4).terms
            == parse_expr("a.b.c - 2*a.b.d + 4").terms
        )


class TestCompactText:
    """``relation_text(labels=True, compact=True)``: cells by their ordinals, shared row or column once."""

    @pytest.mark.parametrize(
        ("instance", "expected"),
        [
            ("t3.balance[natural_person]", "自然人：一 + 二 = 三（七） + 四"),
            ("t3.processed_sum[total]", "总计：三（七） = 三（一） + … + 三（六）3（21项）"),
            (
                "t3.row_sum[denied_enforcement_file]",
                "三（三）7：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
            ),
            (
                "t4.group_sum[suit_direct]",
                "表四 未经复议直接起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            ),
            ("domain.count[t3.unable_not_held.research]", "三（四）1/科研机构 >= 0"),
            ("domain.count[t2.licensing.decisions]", "表二 行政许可/本年处理决定数量 >= 0"),
            ("text.new_received", "正文所述件数 = 一/总计 或 一/总计 + 二/总计"),
            (
                "text.litigation",
                "正文所述件数 = 表四 未经复议直接起诉/总计 + 表四 复议后起诉/总计",
            ),
            ("text.fee_notice", "三（六）2/总计 > 0 → 第6部分报告收费通知或信息处理费"),
            ("t3.carryover[total]", "二/总计 = 上年 四/总计"),
            (
                "t2.in_force_rollforward[regulations]",
                "表二 规章：现行有效件数 = 上年 现行有效件数 + 本年制发件数 - 本年废止件数",
            ),
        ],
    )
    def test_compact(self, instance, expected):
        """Each family's compact form names every cell (or the run of rows) it reads."""
        assert expected == RULES_2021.by_id(instance).relation_text(labels=True, compact=True)

    def test_short_runs_are_listed(self):
        """Fewer than four consecutive rows are listed one by one; coefficients are kept."""
        rule = relation(
            "my.small",
            cell("t3.granted.total")
            + cell("t3.partial.total")
            + 2 * cell("t3.denied_state_secret.total")
            == cell("t3.total_processed.total"),
            label_zh="小计",
            label_en="subtotal",
        )

        assert (
            RuleSet((rule,)).instances()[0].relation_text(labels=True, compact=True)
            == "总计：三（一） + 三（二） + 2×三（三）1 = 三（七）"
        )

    def test_paths_unchanged(self):
        """Without labels the text is the relation with paths, compact or not."""
        instance = RULES_2021.by_id("t3.balance[total]")

        assert instance.relation_text() == instance.relation_text(compact=True)


class TestRule:
    """Rules are values with instances that keep their binding."""

    def test_instances_keep_binding(self):
        """A quantified rule has one instance per value; ids, labels and terms carry it."""
        rule = balance(
            "x.balance",
            inflow=[cell("t3.new_received.{c}")],
            outflow=[cell("t3.total_processed.{c}")],
            for_each={"c": ["natural_person", "total"]},
            label_zh="{c}列：平衡",
            label_en="column {c}: balance",
        )

        instances = rule.instances()

        assert [i.id for i in instances] == ["x.balance[natural_person]", "x.balance[total]"]
        assert [i.label_zh for i in instances] == ["自然人列：平衡", "总计列：平衡"]
        assert instances[0].label_en == "column natural persons: balance"
        assert instances[1].binding == (("c", "total"),)
        assert instances[1].paths == ("t3.new_received.total", "t3.total_processed.total")

    def test_unknown_path_names_suggestions(self):
        """A misspelt path is refused when the rule is built, with close matches."""
        with pytest.raises(RuleDefinitionError, match=r"did you mean t3\.granted\.total"):
            relation(
                "x.bad",
                cell("t3.granted.totl") == 0,
                label_zh="x",
                label_en="x",
            )

    def test_unbound_placeholder(self):
        """A placeholder no quantifier binds is refused."""
        with pytest.raises(RuleDefinitionError, match="no quantifier binds"):
            relation("x.bad", cell("t3.granted.{c}") == 0, label_zh="x", label_en="x")

    def test_label_placeholder_must_be_bound(self):
        """Labels may only use quantifier variables."""
        with pytest.raises(RuleDefinitionError, match=r"label_zh uses \{r\}"):
            relation(
                "x.bad",
                cell("t3.granted.{c}") == 0,
                for_each={"c": "t3.columns"},
                label_zh="{r}",
                label_en="x",
            )

    @pytest.mark.parametrize("bad_id", ["", "T3.x", "t3.balance[total]", "1abc", "a..b"])
    def test_bad_id(self, bad_id):
        """Rule ids are lower case and dotted."""
        with pytest.raises(RuleDefinitionError, match="rule id"):
            relation(bad_id, cell("t3.granted.total") == 0, label_zh="x", label_en="x")

    def test_repr(self):
        """An instance's repr shows the relation with the shared path parts dropped."""
        assert (
            repr(RULES_2021.by_id("t3.processed_sum[natural_person]"))
            == "<rule t3.processed_sum[natural_person]: total_processed == granted + partial + …>"
        )
        assert (
            repr(RULES_2021.by_id("t3.carryover[total]"))
            == "<rule t3.carryover[total]: carried_over == previous.carried_forward>"
        )

    def test_sum_roles(self):
        """In a sum, the total's cell has the role ``total`` and the rest ``item``."""
        instance = RULES_2021.by_id("t4.group_sum[review]")

        assert [instance.role(p) for p in instance.paths] == [
            "total",
            "item",
            "item",
            "item",
            "item",
        ]

    def test_default_tolerance_for_amounts(self):
        """A rule touching the 万元 amount reads it as an interval by default."""
        rule = relation("x.fee", cell("t2.admin_fees.amount") >= 1, label_zh="x", label_en="x")

        assert Tolerance("printed") == rule.tolerance
        assert Tolerance("exact") == RULES_2021["t3.balance"].tolerance

    def test_carry_over_needs_previous(self):
        """A cross-year rule must read last year's report."""
        with pytest.raises(RuleDefinitionError, match="previous"):
            carry_over("x.carry", cell("t3.carried_over.total") == 0, label_zh="x", label_en="x")

    def test_for_each_function(self):
        """``for_each(rule, var=values)`` re-quantifies a rule."""
        rule = for_each(RULES_2021["t4.group_sum"], g=["review", "suit_after_review"])

        assert [i.id for i in rule.instances()] == [
            "t4.group_sum[review]",
            "t4.group_sum[suit_after_review]",
        ]

    def test_quantifier_rejects_duplicates(self):
        """A quantifier's values are distinct."""
        with pytest.raises(RuleDefinitionError, match="repeats"):
            Quantifier("c", ("total", "total"))


class TestRuleSet:
    """Rule sets compose, select and look up."""

    def test_or_flattens(self):
        """``a | b`` is one flat rule set; a rule in both is kept once."""
        a = RULES_2021.select(families=["t3.balance"])
        b = RULES_2021.select(families=["t4.group_sum", "t3.balance"])

        combined = a | b

        assert combined.families == ("t3.balance", "t4.group_sum")
        assert len(combined.instances()) == 10

    def test_conflicting_ids(self):
        """Two different rules with one id cannot share a rule set."""
        other = relation("t3.balance", cell("t3.granted.total") == 0, label_zh="x", label_en="x")

        with pytest.raises(RuleDefinitionError, match="two different rules"):
            RULES_2021 | other

    def test_select_by_instance_keeps_binding(self):
        """Selecting an instance id keeps only that binding of its rule."""
        chosen = RULES_2021.select("t3.row_sum[granted]", "t3.row_sum[partial]")

        assert [i.id for i in chosen.instances()] == ["t3.row_sum[granted]", "t3.row_sum[partial]"]

    def test_select_by_tag_kind_severity(self):
        """Tags, kinds and severities select whole rules."""
        assert RULES_2021.select(tags=["cross-year"]).families == (
            "t3.carryover",
            "t2.in_force_rollforward",
        )
        assert RULES_2021.select(kinds=["sum"]).families == (
            "t3.processed_sum",
            "t3.row_sum",
            "t4.group_sum",
        )
        assert {Severity.WARNING} == {
            r.severity for r in RULES_2021.select(severities=["warning"]).rules
        }

    def test_by_id_unknown(self):
        """An unknown instance id raises KeyError with suggestions."""
        with pytest.raises(KeyError, match=r"did you mean t3\.row_sum"):
            RULES_2021.by_id("t3.row_sum[grantd]")

    def test_without(self):
        """``without`` drops rules by id."""
        assert "text.year" not in RULES_2021.without("text.year").families


class TestRules2021:
    """The fixed contract of RULES_2021 (SPEC §5)."""

    def test_identity_ids(self):
        """The 42 identity instances have exactly the contract's ids."""
        expected = (
            [f"t3.balance[{c}]" for c in T3_COLUMNS]
            + [f"t3.processed_sum[{c}]" for c in T3_COLUMNS]
            + [f"t3.row_sum[{r}]" for r in T3_ROWS]
            + [f"t4.group_sum[{g}]" for g in T4_GROUPS]
        )
        identities = RULES_2021.select(tags=["identity"]).instances()

        assert expected == [i.id for i in identities]
        assert {"=="} == {i.op for i in identities}
        assert {Severity.ERROR} == {i.severity for i in identities}

    def test_balance_terms(self):
        """E1: 一 + 二 − （七） − 四 = 0 for each column."""
        instance = RULES_2021.by_id("t3.balance[natural_person]")

        assert instance.terms == (
            ("t3.new_received.natural_person", 1),
            ("t3.carried_over.natural_person", 1),
            ("t3.total_processed.natural_person", -1),
            ("t3.carried_forward.natural_person", -1),
        )
        assert instance.family == "t3.balance"

    def test_processed_sum_terms(self):
        """E2: （七）总计 minus the 21 result rows."""
        instance = RULES_2021.by_id("t3.processed_sum[total]")

        assert [("t3.total_processed.total", 1)] + [
            (f"t3.{r}.total", -1) for r in T3_VALUE_ROWS
        ] == list(instance.terms)

    def test_row_sum_terms(self):
        """E3: 总计 minus the six applicant columns."""
        instance = RULES_2021.by_id("t3.row_sum[granted]")

        assert [("t3.granted.total", 1)] + [
            (f"t3.granted.{c}", -1) for c in T3_COLUMNS[:-1]
        ] == list(instance.terms)

    def test_group_sum_includes_pending(self):
        """E4: the 总计 of table 四 includes 尚未审结."""
        assert "t4.suit_direct.pending" in RULES_2021.by_id("t4.group_sum[suit_direct]").paths

    def test_domains_cover_every_cell(self):
        """Every count cell has a bound; the fee a non-integral one."""
        bounded = {i.paths[0] for i in RULES_2021.select(tags=["domain"]).instances()}

        assert set(CELL_PATHS) == bounded
        fee = RULES_2021.by_id("domain.fee").check
        assert Domain("t2.admin_fees.amount", integral=False, maximum=999_999_999) == fee

    def test_fee_rule_never_reads_table_two(self):
        """The section-六 fee rule reads table 三's unpaid-fee row, never 行政事业性收费."""
        assert RULES_2021.by_id("text.fee_notice").paths == ("t3.other_fee_unpaid.total",)

    def test_incidence(self):
        """A table-三 cell sits in its column's balance or processed sum and its row's sum."""
        inc = incidence(RULES_2021)

        assert inc.instances_of("t3.new_received.research") == (
            "t3.balance[research]",
            "t3.row_sum[new_received]",
            "domain.count[t3.new_received.research]",
        )
        assert inc.instances_of("t3.granted.research", ops=["=="], rules=RULES_2021) == (
            "t3.processed_sum[research]",
            "t3.row_sum[granted]",
        )
        assert inc.instances_of("t2.licensing.decisions", ops=["=="], rules=RULES_2021) == ()

    def test_rank_of_table_three(self):
        """Table 三's 39 identities have rank 37 (SPEC §5.3)."""
        inc = incidence(
            RULES_2021.select(families=["t3.balance", "t3.processed_sum", "t3.row_sum"])
        )
        rows = [list(map(Decimal, col)) for col in zip(*inc.matrix(), strict=True)]

        assert len(rows) == 39
        assert _rank(rows) == 37


def _rank(rows: list[list[Decimal]]) -> int:
    """Rank by Gaussian elimination over the rationals (exact with small integers)."""
    from fractions import Fraction

    matrix = [[Fraction(int(v)) for v in row] for row in rows]
    rank = 0
    columns = len(matrix[0]) if matrix else 0
    for col in range(columns):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col] != 0:
                factor = matrix[r][col] / matrix[rank][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


# --- serialisation -------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_characters="{}", blacklist_categories=("Cs",)), max_size=12
)
_ID = st.from_regex(r"[a-z][a-z0-9_]{0,4}(\.[a-z0-9_]{1,4}){0,2}", fullmatch=True)
_COEF = st.integers(-3, 3).filter(bool)


@st.composite
def _relations(draw: st.DrawFn, *, quantified: bool) -> Relation:
    templates = [f"t3.{r}.{{c}}" for r in T3_ROWS] if quantified else []
    path = st.sampled_from([*CELL_PATHS, *templates])
    prefix = st.sampled_from(["", "previous."])
    term = st.tuples(st.tuples(prefix, path).map("".join), _COEF)
    lhs = draw(st.lists(term, max_size=3))
    rhs = draw(st.lists(term, min_size=0 if lhs else 1, max_size=3))
    if quantified and not any("{c}" in p for p, _ in lhs + rhs):
        rhs.append((templates[0], 1))
    op = draw(st.sampled_from(["==", "<=", ">="]))
    return Relation(tuple(lhs), op, tuple(rhs), draw(st.integers(-5, 5)), draw(st.integers(-5, 5)))


@st.composite
def _rules(draw: st.DrawFn) -> Rule:
    quantified = draw(st.booleans())
    var_label = "{c}" if quantified else ""
    kind = draw(
        st.sampled_from(["relation", "balance", "sum", "bound", "narrative", "fee", "year"])
    )
    for_each: tuple[Quantifier, ...] = ()
    if kind in ("relation", "balance", "sum"):
        check: object = draw(_relations(quantified=quantified))
    elif kind == "bound":
        template = "t3.{c}.total" if quantified else draw(st.sampled_from(CELL_PATHS))
        check = Domain(template, draw(st.booleans()), draw(st.integers(0, 3)))
        if quantified:
            for_each = (
                Quantifier(
                    "c", tuple(draw(st.sets(st.sampled_from(T3_ROWS), min_size=1))), "t3.rows"
                ),
            )
    elif kind == "narrative":
        expect = st.lists(
            st.lists(st.sampled_from(CELL_PATHS), min_size=1, max_size=2).map(
                lambda ps: LinearExpr(tuple(Term(p, 1) for p in ps))
            ),
            min_size=1,
            max_size=2,
        )
        mentions = draw(
            st.lists(
                st.builds(
                    Mention,
                    st.sampled_from(
                        [r"行政复议(?P<n>\d+)件", r"无上年度结转", r"受理\D{0,5}(?P<n>\d+)条"]
                    ),
                    expect,
                ),
                min_size=1,
                max_size=2,
            )
        )
        check = Narrative(
            tuple(mentions),
            tuple(draw(st.sets(st.integers(1, 6), min_size=1))),
            draw(st.booleans()),
        )
        quantified = False
    elif kind == "fee":
        check = ConditionalMention(draw(st.sampled_from(CELL_PATHS)), draw(st.integers(1, 6)))
        quantified = False
    else:
        check = YearCheck("{part}")
        for_each = (Quantifier("part", ("title", "narrative"), "text.parts"),)
        quantified = False
    if quantified and not for_each:
        columns = draw(st.lists(st.sampled_from(T3_COLUMNS), min_size=1, max_size=3, unique=True))
        for_each = (Quantifier.over("c", columns),)
    label = var_label if quantified else ""
    return Rule(
        id=draw(_ID),
        check=check,  # type: ignore[arg-type]
        label_zh=draw(_TEXT) + label,
        label_en=draw(_TEXT) + label,
        kind=kind,  # type: ignore[arg-type]
        severity=draw(st.sampled_from(Severity)),
        for_each=for_each,
        tolerance=Tolerance(
            draw(st.sampled_from(["exact", "printed"])),
            draw(st.decimals(min_value=0, max_value=10, places=2)),
        ),
        description=draw(_TEXT),
        tags=tuple(draw(st.lists(_TEXT.filter(bool), max_size=2))),
        message_zh=draw(st.none() | _TEXT.map(lambda t: t + "{lhs}")),
        message_en=draw(st.none() | _TEXT),
    )


_RULESETS = st.lists(_rules(), max_size=4, unique_by=lambda r: r.id).map(RuleSet)


class TestSerialisation:
    """Rule sets round-trip through JSON and YAML."""

    def test_rules_2021_json(self):
        """RULES_2021 → JSON → an equal rule set."""
        assert rules_from_json(rules_to_json(RULES_2021)) == RULES_2021

    def test_rules_2021_yaml(self):
        """RULES_2021 → YAML → an equal rule set."""
        assert rules_from_yaml(rules_to_yaml(RULES_2021)) == RULES_2021

    @given(_RULESETS)
    def test_json_round_trip(self, rules):
        """Any rule set survives JSON."""
        assert rules == rules_from_json(rules_to_json(rules))

    @given(_RULESETS)
    def test_yaml_round_trip(self, rules):
        """Any rule set survives YAML."""
        assert rules == rules_from_yaml(rules_to_yaml(rules))

    def test_missing_pyyaml(self, monkeypatch):
        """Without PyYAML, YAML raises MissingExtraError naming the extra."""
        monkeypatch.setitem(sys.modules, "yaml", None)

        with pytest.raises(MissingExtraError, match=r"govinfo-report\[yaml\]"):
            rules_to_yaml(RULES_2021)

    @pytest.mark.parametrize(
        ("read", "name"), [(rules_from_json, "JSON"), (rules_from_yaml, "YAML")]
    )
    def test_nested_too_deeply(self, read, name):
        """Nesting deeper than the parser recurses is a rule error, never a RecursionError."""
        text = "[" * 100_000 + "]" * 100_000

        with pytest.raises(RuleDefinitionError, match=f"{name} nested too deeply"):
            read(text)

    def test_bad_field_is_named(self):
        """An unknown field is refused with the rule's position and id."""
        data = {
            "rules": [
                {
                    "id": "x.a",
                    "relation": "t3.granted.total == 0",
                    "label_zh": "x",
                    "label_en": "x",
                    "colour": 1,
                }
            ]
        }

        with pytest.raises(
            RuleDefinitionError, match=r"rules\[0\] \(x.a\): unknown field 'colour'"
        ):
            rules_from_dict(data)

    def test_bad_relation_is_named(self):
        """A relation that cannot be read is refused with the text."""
        data = [
            {"id": "x.a", "relation": "t3.granted.total = 0", "label_zh": "x", "label_en": "x"}
        ]

        with pytest.raises(RuleDefinitionError, match=r"rules\[0\] \(x.a\): cannot read"):
            rules_from_dict(data)

    def test_domain_name_in_yaml(self):
        """``values: t3.columns`` in YAML names a quantifier domain."""
        rules = rules_from_yaml(
            "rules:\n- id: x.a\n  relation: t3.granted.{c} >= 0\n"
            "  for_each: [{var: c, values: t3.columns}]\n  label_zh: '{c}'\n  label_en: '{c}'\n"
        )

        assert [i.label_zh for i in rules.instances()[:2]] == ["自然人", "商业企业"]


class TestProseHelpers:
    """Chinese numerals, sentence windows, anchors and years."""

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("0", 0),
            ("19", 19),
            ("零", 0),
            ("十", 10),
            ("十九", 19),
            ("二十", 20),
            ("一百零五", 105),
            ("两千三百", 2300),
            ("一万二千", 12000),
        ],
    )
    def test_chinese_number(self, text, value):
        """Arabic and Chinese numerals read as numbers."""
        assert value == chinese_number(text)

    def test_not_a_number(self):
        """Two digits without a unit between them are not a Chinese number."""
        assert chinese_number("二三") is None

    def test_literal_needs(self):
        """Only literals every match contains are anchors."""
        assert literal_needs(r"结转(?:至|到)?下一?年度?") == ("结转", "下", "年")
        assert literal_needs(r"(?i)abc") == ()

    def test_sentence_windows(self):
        """A window is the whole sentence holding the anchor, its 。 included."""
        text = "甲乙。丙丁戊。\n己丙"

        assert sentence_windows(text, "丙") == [(3, 7), (8, 10)]

    def test_opening_years(self):
        """Years opening a sentence or paragraph are found, mid-sentence ones are not."""
        text = "　　2022年，我局推进。依据2019年修订的条例。\n2、2024年底完成"

        assert [y for _, _, y in opening_year_spans(text)] == [2022, 2024]


class TestDocs:
    """The reference page and the example are what the code says."""

    def test_reference_page_is_generated(self):
        """docs/reference/rules-2021.md equals reference_markdown(RULES_2021)."""
        committed = (ROOT / "docs" / "reference" / "rules-2021.md").read_text(encoding="utf-8")

        assert reference_markdown() == committed

    def test_custom_rule_example(self, capsys):
        """examples/custom_rule.py runs and reports the broken custom rule."""
        runpy.run_path(str(ROOT / "examples" / "custom_rule.py"), run_name="__main__")

        assert capsys.readouterr().out.splitlines() == [
            "<rule my.granted_le_total[total]: granted <= total_processed>",
            "my.granted_le_total[total] govinfo.relation 9 7",
            "不满足“总计列：予以公开不超过（七）总计”：左边为 9，右边为 7，相差 2",
            "['my.granted_le_total[total]']",
        ]
