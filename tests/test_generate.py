"""The seeded generator: valid reports, realistic figures, breaking on purpose, the CLI."""

from __future__ import annotations

import hashlib
import json
import statistics
import sys
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.exceptions import InvalidArgument
from govinfo_report.rules import RULES_2021, validate
from govinfo_report.schema import CELL_PATHS, T3_COLUMNS, Cell, Presence
from govinfo_report.synthetic import (
    AGENCY_KINDS,
    BLANKS,
    MUTATION_KINDS,
    SIZES,
    BlankCell,
    BrokenReport,
    DigitTypo,
    Offset,
    SwapColumns,
    SwapRows,
    Transposition,
    expected_violations,
    generate,
    generate_batch,
)
from govinfo_report.synthetic import _api as synthetic_api

T3_PATHS = [p for p in CELL_PATHS if p.startswith("t3.")]


def count(report: gr.Report, path: str) -> int:
    """Return the count in a cell that must print a number."""
    value = report.value(path)
    assert isinstance(value, int)
    return value


def t3_values(report: gr.Report) -> list[int]:
    """Return the 175 table-三 values of a report printed with every zero."""
    return [count(report, p) for p in T3_PATHS]


def _two_different_leading_digits(cell: Cell) -> bool:
    printed = cell.printed or ""
    return len(printed) >= 2 and printed[0] != printed[1]


def _digest(report: gr.Report) -> str:
    """A short digest of a report's words and printed cells (independent of any codec)."""
    data = [
        report.meta.title,
        report.meta.preamble,
        [s.text for s in report.sections],
        list(report.printed().values()),
    ]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:16]


def broken(result: gr.Report | BrokenReport) -> BrokenReport:
    """Narrow a ``generate`` result to a broken report."""
    assert isinstance(result, BrokenReport)
    return result


class TestValid:
    @pytest.mark.parametrize("kind", AGENCY_KINDS)
    def test_every_agency_kind_violates_nothing(self, kind: str) -> None:
        """Reports of every agency kind violate no rule instance, errors and warnings alike."""
        for seed in range(40):
            report = generate(seed, agency_kind=kind)

            assert validate(report).violations == ()

    @pytest.mark.parametrize("size", SIZES)
    def test_every_size_violates_nothing(self, size: str) -> None:
        """Reports of every size violate no rule instance."""
        for seed in range(40):
            assert validate(generate(seed, size=size)).violations == ()

    @pytest.mark.parametrize("blanks", ["blank", "slash"])
    def test_blanks_leave_instances_not_assessable(self, blanks: str) -> None:
        """Zero cells printed blank or '/' make their instances NA, never violated."""
        printed = "" if blanks == "blank" else "/"
        for seed in range(20):
            report = generate(seed, blanks=blanks)
            result = validate(report)
            missing = report.missing()

            assert result.violations == ()
            assert missing
            assert {printed} == {report.cell(p).printed for p in missing}
            assert {report.cell(p).presence for p in missing} <= {
                Presence.BLANK,
                Presence.MARKER,
            }
            assert result.not_evaluated

    def test_blanks_only_where_reports_leave_them(self) -> None:
        """Blank cells are zero cells of the legal-person columns, of table 四 or of table 二's decisions and 规章."""
        allowed_t3 = set(T3_COLUMNS[1:6])
        for seed in range(30):
            plain = generate(seed)
            report = generate(seed, blanks="blank")
            for path in report.missing():
                table, row, column = path.split(".")

                assert plain.value(path) == 0
                if table == "t3":
                    assert column in allowed_t3
                elif table == "t2":
                    assert row in {"regulations", "licensing", "punishment", "coercion"}

    def test_zero_style_prints_every_cell(self) -> None:
        """By default every one of the 200 cells is a printed number."""
        for seed in range(30):
            report = generate(seed)

            assert report.missing() == []
            assert report.complete

    @pytest.mark.parametrize("blanks", BLANKS)
    def test_same_report_as_from_flat(self, blanks: str) -> None:
        """A generated report equals Report.from_flat of its cells, to the repr."""
        for seed in range(40):
            report = generate(seed, blanks=blanks)
            again = gr.Report.from_flat(
                report.flat_cells, meta=report.meta, sections=report.sections
            )

            assert again == report
            assert repr(again) == repr(report)
            assert again.flat_cells == report.flat_cells


class TestDeterminism:
    def test_same_seed_same_report(self) -> None:
        """The same seed and options give equal reports."""
        for seed in (0, 1, 2**40, "abc", b"\x00\xff"):
            assert generate(seed, blanks="slash") == generate(seed, blanks="slash")

    def test_different_seeds_differ(self) -> None:
        """Fifty seeds give fifty different reports."""
        reports = [generate(seed) for seed in range(50)]

        assert len({gr.dumps(r) for r in reports}) == 50

    def test_batch_report_is_generate_of_derived_seed(self) -> None:
        """Report i of a batch is generate(f"{seed}:{i}") with the same options."""
        batch = list(generate_batch(5, seed=9, size="small", year=2023))

        assert [generate(f"9:{i}", size="small", year=2023) for i in range(5)] == batch

    @pytest.mark.parametrize(
        ("seed", "plain", "huge_slashed"),
        [
            (0, "09a581c94ee46a5e", "62a0599b312712d4"),
            (1, "45f6965cbfb01d48", "6b5959ee53f47ad6"),
            ("种子", "eda5d4176d908350", "9b7988901ed2c912"),
            (2**40, "fed9d659a6187d5b", "08b6f6c2676d7c6c"),
        ],
    )
    def test_pinned_across_machines(self, seed: int | str, plain: str, huge_slashed: str) -> None:
        """A seed's report is pinned: these digests hold on every machine and Python version.

        They change only when the generator is changed on purpose; then they
        are updated in the same commit.
        """
        assert plain == _digest(generate(seed))
        assert huge_slashed == _digest(generate(seed, blanks="slash", size="huge"))

    def test_an_option_does_not_reshuffle_the_rest(self) -> None:
        """Fixing the year changes the year and nothing else of the tables."""
        drawn = generate(11)
        fixed = generate(11, year=2030 if drawn.meta.year != 2030 else 2029)

        assert drawn.cells() == fixed.cells()
        assert drawn.meta.agency == fixed.meta.agency
        assert drawn.meta.year != fixed.meta.year


class TestRealism:
    def test_title_names_agency_and_year(self) -> None:
        """The title is 〈机关〉〈年〉年政府信息公开工作年度报告."""
        for seed in range(30):
            meta = generate(seed).meta

            assert f"{meta.agency}{meta.year}年政府信息公开工作年度报告" == meta.title

    def test_period_sentence_names_the_year(self) -> None:
        """The preamble states the 统计期限 from 1月1日 of the report year."""
        for seed in range(30):
            report = generate(seed)

            assert f"统计期限自{report.meta.year}年1月1日" in report.meta.preamble

    def test_six_canonical_headings(self) -> None:
        """The six sections carry the canonical headings."""
        report = generate(3)

        assert [s.canonical_heading for s in report.sections] == [
            s.heading for s in report.sections
        ]

    def test_narrative_figures_come_from_the_tables(self) -> None:
        """Section 一 states 新收, 上年结转, 结转下年度, 行政复议 and 行政诉讼 as the tables give them."""
        for seed in range(60):
            report = generate(seed)
            text = report.section(1).text
            over = report.value("t3.carried_over.total")
            forward = report.value("t3.carried_forward.total")
            review = report.value("t4.review.total")
            suits = count(report, "t4.suit_direct.total") + count(
                report, "t4.suit_after_review.total"
            )

            assert f"本年度新收政府信息公开申请{report.value('t3.new_received.total')}件" in text
            assert (f"上年结转{over}件" if over else "无上年度结转") in text
            if forward:
                assert f"结转下年度继续办理{forward}件" in text
            if review:
                assert f"行政复议{review}件" in text
            assert (f"行政诉讼{suits}件" if suits else "无行政诉讼案件") in text

    def test_fee_notices_reported_when_fees_went_unpaid(self) -> None:
        """Section 六 mentions 收费通知 and 信息处理费 exactly when requests closed for unpaid fees."""
        seen = set()
        for seed in range(400):
            report = generate(seed, size="large")
            unpaid = report.value("t3.other_fee_unpaid.total")
            text = report.section(6).text
            seen.add(bool(unpaid))

            assert "信息处理费" in text
            assert ("收费通知" in text and f"{unpaid}件" in text) == bool(unpaid)
        assert {True, False} == seen

    def test_sizes_set_the_number_of_requests(self) -> None:
        """A tiny office handles at most 8 requests a year; a huge government at least 2000."""
        tiny = [count(generate(s, size="tiny"), "t3.total_processed.total") for s in range(40)]
        huge = [count(generate(s, size="huge"), "t3.total_processed.total") for s in range(40)]

        assert max(tiny) <= 8
        assert min(huge) >= 2000

    def test_natural_persons_dominate(self) -> None:
        """Natural persons file most new requests; legal persons appear, but few."""
        legal = natural = 0
        for seed in range(200):
            row = generate(seed).t3.new_received
            people, total = row.natural_person.value, row.total.value
            assert isinstance(people, int)
            assert isinstance(total, int)
            if total >= 10:
                assert (total - people) * 2 <= total
            legal += total - people
            natural += people

        assert 0 < legal * 4 < natural

    def test_most_request_cells_are_zero(self) -> None:
        """In a typical report most of the 175 table-三 cells are 0."""
        shares = [t3_values(generate(s)).count(0) / 175 for s in range(100)]

        assert statistics.median(shares) > 0.6

    def test_big_governments_decide_hundreds_of_thousands(self) -> None:
        """A city government's 行政许可 reach 10^5–10^6 in some years; a township's stay small."""
        city = [
            count(generate(s, agency_kind="city"), "t2.licensing.decisions") for s in range(40)
        ]
        town = [
            count(generate(s, agency_kind="township"), "t2.licensing.decisions") for s in range(40)
        ]

        assert max(city) >= 100_000
        assert max(town) < 1_000

    def test_only_rule_making_governments_report_regulations(self) -> None:
        """Only city governments report 规章; other agencies print 0 (or / with blanks)."""
        for kind in AGENCY_KINDS:
            issued = [
                generate(s, agency_kind=kind).value("t2.regulations.in_force") for s in range(20)
            ]
            if kind == "city":
                assert all(v for v in issued)
            else:
                assert {0} == set(issued)

    def test_fee_printed_with_zero_to_six_decimals(self) -> None:
        """The 万元 fee is a Decimal printed with 0 to 6 decimals, every precision occurring."""
        places = set()
        for seed in range(600):
            amount = generate(seed, agency_kind="city").value("t2.admin_fees.amount")
            assert isinstance(amount, Decimal)
            exponent = amount.as_tuple().exponent
            assert isinstance(exponent, int)
            places.add(-exponent)

        assert set(range(7)) == places


class TestBreaking:
    @pytest.mark.parametrize(
        "ids",
        [
            {"t3.row_sum[granted]", "t3.processed_sum[natural_person]"},
            {"t4.group_sum[review]"},
            {"t3.balance[total]", "t3.balance[natural_person]"},
            {"t3.row_sum[new_received]", "t3.balance[commercial]"},
            {"t3.row_sum[granted]", "t3.row_sum[partial]"},
            {"t4.group_sum[suit_direct]", "t4.group_sum[suit_after_review]"},
        ],
    )
    def test_breaks_exactly_the_instances_asked_for(self, ids: set[str]) -> None:
        """The report fails exactly the instances named, and validation agrees."""
        for seed in range(15):
            result = broken(generate(seed, breaking=sorted(ids)))

            assert ids == result.expected
            assert ids == validate(result.report).failed_ids
            assert validate(result.original).violations == ()

    @pytest.mark.parametrize("blanks", BLANKS)
    def test_breaks_exactly_with_blanks(self, blanks: str) -> None:
        """Blank cells never hide an instance that is to be broken."""
        ids = {"t3.row_sum[granted]", "t3.processed_sum[commercial]"}
        for seed in range(15):
            result = broken(generate(seed, breaking=ids, blanks=blanks))

            assert ids == validate(result.report).failed_ids

    def test_one_cell_when_one_will_do(self) -> None:
        """A pair of instances that one cell shares is broken by changing that cell only."""
        result = broken(
            generate(4, breaking=["t3.row_sum[granted]", "t3.processed_sum[research]"])
        )

        assert result.mutations == (Offset("t3.granted.research", result.mutations[0].by),)  # type: ignore[union-attr]

    def test_only_the_changed_cells_differ(self) -> None:
        """The broken report differs from the original in the changed cells only."""
        result = broken(generate(8, breaking=["t3.balance[total]", "t3.balance[research]"]))
        changed = {p for p in CELL_PATHS if result.report.cell(p) != result.original.cell(p)}

        assert all(isinstance(m, Offset) for m in result.mutations)
        assert {m.path for m in result.mutations} == changed  # type: ignore[union-attr]

    def test_offset_in_a_result_cell(self) -> None:
        """An offset in a result cell fails its row's 总计 and its column's （七）总计 (SPEC §5.3)."""
        result = broken(generate(2, mutations=[Offset("t3.granted.natural_person", 2)]))

        assert {"t3.row_sum[granted]", "t3.processed_sum[natural_person]"} == result.expected
        assert result.expected == validate(result.report).failed_ids

    def test_offset_in_the_grand_total(self) -> None:
        """An offset in （七）总计 / 总计 fails its row, its column's sum and its column's balance."""
        result = broken(generate(2, mutations=[Offset("t3.total_processed.total", 1)]))

        assert {
            "t3.row_sum[total_processed]",
            "t3.processed_sum[total]",
            "t3.balance[total]",
        } == result.expected
        assert result.expected == validate(result.report).failed_ids

    def test_whole_row_swap_is_invisible(self) -> None:
        """Swapping two whole result rows keeps every identity: nothing to see."""
        seed = next(
            s
            for s in range(100)
            if generate(s).t3.granted.cells() != generate(s).t3.partial.cells()
        )
        result = broken(generate(seed, mutations=[SwapRows("t3.granted", "t3.partial")]))

        assert result.report != result.original
        assert frozenset() == result.expected == validate(result.report).failed_ids

    def test_swap_in_one_column_breaks_both_rows(self) -> None:
        """Swapping two different cells of one column breaks both rows' 总计."""
        seed = next(
            s
            for s in range(100)
            if generate(s).value("t3.granted.natural_person")
            != generate(s).value("t3.partial.natural_person")
        )
        swap = SwapRows("t3.granted", "t3.partial", columns=["natural_person"])
        result = broken(generate(seed, mutations=[swap]))

        assert {"t3.row_sum[granted]", "t3.row_sum[partial]"} == result.expected
        assert result.expected == validate(result.report).failed_ids

    def test_column_swap_in_one_row(self) -> None:
        """Swapping 自然人 and 商业企业 in one row breaks both columns' sums, not the row's."""
        seed = next(
            s
            for s in range(200)
            if generate(s).value("t3.granted.natural_person")
            != generate(s).value("t3.granted.commercial")
        )
        swap = SwapColumns("t3", "natural_person", "commercial", rows=["granted"])
        result = broken(generate(seed, mutations=[swap]))

        assert {
            "t3.processed_sum[natural_person]",
            "t3.processed_sum[commercial]",
        } == result.expected
        assert result.expected == validate(result.report).failed_ids

    def test_digit_typo_and_transposition(self) -> None:
        """A typo or a transposition in 一、新收 / 总计 changes the printed digits as asked."""
        path = "t3.new_received.total"
        seed = next(s for s in range(300) if _two_different_leading_digits(generate(s).cell(path)))
        original = generate(seed).cell(path).printed
        assert original is not None
        digit = "9" if original[0] != "9" else "8"
        typo = broken(generate(seed, mutations=[DigitTypo(path, 0, digit)]))
        swap = broken(generate(seed, mutations=[Transposition(path, 0)]))

        assert digit + original[1:] == typo.report.cell(path).printed
        assert original[1] + original[0] + original[2:] == swap.report.cell(path).printed
        for result in (typo, swap):
            assert {"t3.row_sum[new_received]", "t3.balance[total]"} == result.expected
            assert result.expected == validate(result.report).failed_ids

    def test_blank_cell_makes_instances_not_assessable(self) -> None:
        """A cell printed blank breaks nothing; the instances reading it become NA."""
        result = broken(generate(5, mutations=[BlankCell("t3.granted.total")]))
        outcome = validate(result.report)

        assert frozenset() == result.expected == outcome.failed_ids
        assert {"t3.row_sum[granted]", "t3.processed_sum[total]"} <= result.not_assessable
        assert result.not_assessable <= {n.rule_id for n in outcome.not_evaluated}

    @pytest.mark.parametrize("kind", MUTATION_KINDS)
    def test_drawn_mutations_of_every_kind(self, kind: str) -> None:
        """A drawn mutation of every kind breaks what the oracle says, and (but for blank) something."""
        for seed in range(30):
            result = broken(generate(seed, mutations=[kind]))

            assert result.expected == validate(result.report).failed_ids
            assert bool(result.expected) == (kind != "blank")

    def test_several_mutations(self) -> None:
        """Mutations compose in order; the expected set covers all of them."""
        for seed in range(20):
            result = broken(generate(seed, mutations=["offset", "swap_rows", "typo"]))

            assert len(result.mutations) == 3
            assert result.expected == validate(result.report).failed_ids

    def test_expected_violations_of_any_change(self) -> None:
        """expected_violations() reads any change of a valid report, without validating it."""
        original = generate(6)
        changed = original.with_cells(
            {
                "t4.review.total": count(original, "t4.review.total") + 3,
                "t3.other_other.research": count(original, "t3.other_other.research") + 1,
            }
        )

        assert {
            "t4.group_sum[review]",
            "t3.row_sum[other_other]",
            "t3.processed_sum[research]",
        } == expected_violations(original, changed)
        # the prose still gives the old 行政复议 figure: a warning outside the linear instances
        assert (
            expected_violations(original, changed, rules=RULES_2021) | {"text.review"}
            == validate(changed).failed_ids
        )


class TestInvalidArguments:
    def test_implied_instance_alone(self) -> None:
        """t3.balance[total] alone is refused: the other columns imply it (SPEC §5.3)."""
        with pytest.raises(InvalidArgument, match=r"breaking=\['t3.balance\[total\]'\].*implied"):
            generate(0, breaking=["t3.balance[total]"])

    def test_single_instance_of_a_redundant_family(self) -> None:
        """One row's 总计 cannot fail alone: the columns' （七）总计 and the other rows imply it."""
        with pytest.raises(InvalidArgument, match=r"t3\.row_sum\[granted\] cannot fail while"):
            generate(0, breaking=["t3.row_sum[granted]"])

    def test_refused_before_anything_is_drawn(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The arguments are checked before the seeded generator is even created."""

        def no_draw(seed: object) -> None:
            raise AssertionError(seed)

        monkeypatch.setattr(synthetic_api, "random", SimpleNamespace(Random=no_draw))
        for kwargs in (
            {"breaking": ["t3.balance[total]"]},
            {"breaking": ["t3.nope"]},
            {"size": "gigantic"},
            {"year": 2019},
        ):
            with pytest.raises(InvalidArgument):
                generate(0, **kwargs)

    def test_unknown_id_suggests(self) -> None:
        """An unknown instance id is named, with the ids it resembles."""
        with pytest.raises(
            InvalidArgument,
            match=r"unknown rule instance 't3.row_sum\[grantd\]'.*did you mean t3.row_sum\[granted\]",
        ):
            generate(0, breaking=["t3.row_sum[grantd]"])

    @pytest.mark.parametrize(
        ("rule_id", "reason"),
        [
            ("domain.count[t3.granted.total]", "bound"),
            ("t3.carryover[total]", "previous year"),
            ("text.new_received", "narrative"),
        ],
    )
    def test_instances_a_cell_change_cannot_break(self, rule_id: str, reason: str) -> None:
        """Bounds, cross-year and prose instances cannot be broken by changing cells."""
        with pytest.raises(InvalidArgument, match=reason):
            generate(0, breaking=[rule_id])

    @pytest.mark.parametrize(
        ("kwargs", "named"),
        [
            ({"size": "gigantic"}, "size="),
            ({"agency_kind": "ministry"}, "agency_kind="),
            ({"year": 2020}, "year="),
            ({"blanks": "dash"}, "blanks="),
            ({"breaking": "t4.group_sum[review]"}, "breaking="),
            ({"breaking": []}, "breaking="),
            ({"mutations": ["smudge"]}, "mutations"),
            (
                {"breaking": ["t4.group_sum[review]"], "mutations": ["offset"]},
                "cannot be combined",
            ),
        ],
    )
    def test_bad_options_are_named(self, kwargs: dict[str, object], named: str) -> None:
        """Every bad option raises InvalidArgument naming the argument."""
        with pytest.raises(InvalidArgument, match=named):
            generate(0, **kwargs)  # type: ignore[call-overload]

    def test_seed_must_be_reproducible(self) -> None:
        """A float or None seed is refused: only int, str and bytes seeds are stable."""
        for seed in (1.5, None, True):
            with pytest.raises(InvalidArgument, match="seed="):
                generate(seed)  # type: ignore[arg-type]

    def test_mutation_that_cannot_apply(self) -> None:
        """An offset that would make a count negative is refused, naming the cell."""
        report = generate(1)
        value = report.value("t3.granted.total")
        assert isinstance(value, int)

        with pytest.raises(InvalidArgument, match=r"t3\.granted\.total is"):
            generate(1, mutations=[Offset("t3.granted.total", -value - 1)])


class TestFacade:
    def test_lazy_names(self) -> None:
        """gr.generate, gr.generate_batch and gr.BrokenReport are the synthetic module's."""
        assert gr.generate is generate
        assert gr.generate_batch is generate_batch
        assert gr.BrokenReport is BrokenReport


class TestCli:
    def test_json_lines_are_the_batch(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --out, each stdout line is one report's JSON, report i of generate_batch."""
        assert main(["generate", "--count", "4", "--seed", "7"]) == 0
        out, err = capsys.readouterr()
        lines = out.splitlines()

        assert list(generate_batch(4, seed=7)) == [gr.loads(line, format="json") for line in lines]
        assert err == ""

    def test_breaking_lines_carry_expected_ids(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With --breaking each line holds the report and the ids it violates."""
        ids = ["t3.balance[natural_person]", "t3.balance[total]"]
        argv = ["generate", "--count", "3", "--seed", "x"]
        for rule_id in ids:
            argv += ["--breaking", rule_id]
        assert main(argv) == 0
        for line in capsys.readouterr().out.splitlines():
            data = json.loads(line)
            report = gr.loads(json.dumps(data["report"]), format="json")

            assert ids == sorted(data["expected_violations"])
            assert set(ids) == validate(report).failed_ids

    def test_out_dir_one_file_per_report(self, tmp_path: Path) -> None:
        """--out DIR writes one file per report in the --to format, and an index."""
        assert (
            main(
                [
                    "generate",
                    "--count",
                    "3",
                    "--seed",
                    "2",
                    "--to",
                    "markdown",
                    "--out",
                    str(tmp_path),
                ]
            )
            == 0
        )
        index = [
            json.loads(line) for line in (tmp_path / "index.jsonl").read_text("utf-8").splitlines()
        ]
        batch = list(generate_batch(3, seed=2))

        assert [entry["seed"] for entry in index] == ["2:0", "2:1", "2:2"]
        assert batch == [gr.load(tmp_path / entry["file"]) for entry in index]
        assert {".md"} == {Path(entry["file"]).suffix for entry in index}

    def test_impossible_breaking_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An impossible --breaking set exits 2 with one line naming the reason."""
        assert main(["generate", "--breaking", "t3.balance[total]"]) == 2
        err = capsys.readouterr().err

        assert err.startswith("govinfo-report: error: --breaking ")
        assert "implied" in err
        assert len(err.strip().splitlines()) == 1

    def test_text_needs_a_directory(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--to text without --out is a usage error: stdout is JSON lines."""
        assert main(["generate", "--to", "text"]) == 2
        assert "--out DIR" in capsys.readouterr().err

    def test_no_progress_bar_off_a_terminal(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The progress bar is for terminals only: a captured stderr stays empty."""
        assert main(["generate", "--count", "600"]) == 0
        out, err = capsys.readouterr()

        assert len(out.splitlines()) == 600
        assert err == ""

    def test_progress_bar_on_a_terminal(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """On a terminal, 500 reports or more show a bar on stderr that ends at the count."""
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
        assert main(["generate", "--count", "500"]) == 0
        out, err = capsys.readouterr()

        assert len(out.splitlines()) == 500
        assert "500/500" in err
        assert "reports" in err

    def test_no_progress_bar_for_a_few_reports(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Under 500 reports no bar is shown, even on a terminal."""
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
        assert main(["generate", "--count", "3"]) == 0
        assert capsys.readouterr().err == ""
