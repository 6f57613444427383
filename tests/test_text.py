"""The Word text export: the seeds read exactly, written and read back, corpus 010 and 018."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.codecs import text
from govinfo_report.schema import CELL_PATHS, T3_COLUMNS, T3_ROWS, T3_VALUE_ROWS, Cell, Section
from govinfo_report.strategies import reports
from tests.conftest import CORPUS, SEEDS, expected


def as_json(value: int | Decimal | None) -> int | str | None:
    """A cell value as ``expected.json`` writes it."""
    return str(value) if isinstance(value, Decimal) else value


def read(name: str, *, lenient: bool = False) -> gr.Report:
    path = CORPUS / f"{name}.txt"
    return text.loads(path.read_text("utf-8"), lenient=lenient, source=str(path))


class TestSeeds:
    def test_cells_exactly_as_expected(self, seed_name: str) -> None:
        """Both seeds read (strictly) to exactly the 200 cells of their expected.json."""
        report = read(seed_name)

        assert expected(seed_name)["cells"] == {
            path: as_json(value) for path, value in report.cells().items()
        }

    def test_agency_and_year(self, seed_name: str) -> None:
        """Agency and year come from the title."""
        report = read(seed_name)
        want = expected(seed_name)

        assert (want["agency"], want["year"]) == (report.meta.agency, report.meta.year)

    def test_no_diagnostics(self, seed_name: str) -> None:
        """A clean export reads without a single diagnostic."""
        report = read(seed_name, lenient=True)

        assert report.provenance is not None
        assert report.provenance.diagnostics == ()

    def test_bookmark_kept_in_printed_text(self) -> None:
        """``[bookmark: OLE_LINK1]2731`` keeps its artefact in the printed text, not the value."""
        cell = read("seed-000").t2.licensing.decisions

        assert Cell(2731, "[bookmark: OLE_LINK1]2731") == cell

    def test_fee_keeps_its_decimals(self) -> None:
        """The 万元 fee is a Decimal as printed."""
        assert Cell(Decimal("3.3")) == read("seed-000").t2.admin_fees.amount

    def test_headings_as_printed(self) -> None:
        """Word auto-numbering ``2、`` / ``3、`` is kept; sub-headings stay in section 一."""
        report = read("seed-000")

        assert [s.heading for s in report.sections] == [
            "一、总体情况",
            "2、 主动公开政府信息情况",
            "3、 收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
        assert "（3） 政府信息管理" in report.section(1).text
        assert report.section(6).text == "本年度未收取信息处理费。"

    def test_broken_title_is_joined(self) -> None:
        """Seed 004 prints its title over two lines; the title joins them."""
        meta = read("seed-004").meta

        assert meta.title == "杭州市余杭区卫生健康局2024年政府信息公开工作年度报告"
        assert meta.preamble.startswith("根据《中华人民共和国政府信息公开条例》")

    def test_preamble_keeps_front_matter(self) -> None:
        """``附件1`` and the opening paragraph are the preamble; the title is not."""
        meta = read("seed-000").meta

        assert meta.preamble.splitlines()[0] == "附件1"
        assert "编制本报告" in meta.preamble
        assert "年度报告" not in meta.preamble.splitlines()[0]

    def test_table_sections_have_no_table_text(self) -> None:
        """The narrative of sections 二–四 holds no cell of the tables."""
        report = read("seed-004")

        assert [report.section(n).text for n in (2, 3, 4)] == ["", "", ""]

    def test_tab_lines_outside_the_tables_are_prose(self) -> None:
        """Tab-indented lines outside the tables (one broken over two lines) stay in their section, as printed."""
        lines = (CORPUS / "seed-000.txt").read_text("utf-8").split("\n")
        at = lines.index("（一）主动公开情况") + 1
        lines[at:at] = ["\t25", "\t缩进的说明，", "接着的一行"]
        report = text.loads("\n".join(lines))

        assert "（一）主动公开情况\n\t25\n\t缩进的说明，\n接着的一行\n在组织领导方面" in (
            report.section(1).text
        )
        assert expected("seed-000")["cells"] == {
            path: as_json(value) for path, value in report.cells().items()
        }

    def test_text_ending_inside_the_last_table_row(self) -> None:
        """A text whose last line is a cell of table 四 (no blank line after it) reads whole."""
        source = (CORPUS / "seed-000.txt").read_text("utf-8")
        head = source[: source.index("五、存在的主要问题及改进情况")].rstrip("\n")
        report = text.loads(head, lenient=True)

        assert Cell(1) == report.t4.suit_after_review.total
        assert report.provenance is not None
        assert [d.code for d in report.provenance.diagnostics] == []

    def test_detected_as_text(self, seed_name: str) -> None:
        """``load`` recognises the Word export by its content."""
        report = gr.load(SEEDS[seed_name])

        assert report.provenance is not None
        assert report.provenance.format == "text"


class TestRoundTrip:
    def test_seeds(self, seed_name: str) -> None:
        """``loads(dumps(r)) == r`` for both seeds, meta, sections and printed texts included."""
        report = read(seed_name)
        again = text.loads(text.dumps(report))

        assert report == again
        assert report.printed() == again.printed()

    def test_written_layout_is_the_word_export(self) -> None:
        """The writer prints one tab-indented cell per line and a blank line after each row."""
        written = text.dumps(read("seed-000"))

        assert "\t规章\n\t0\n\t0\n\t0\n\n" in written
        assert "\t四、结转下年度继续办理\n\t1\n\t0\n\t0\n\t0\n\t0\n\t0\n\t1\n\n" in written

    def test_dumps_is_deterministic(self, seed_name: str) -> None:
        """Writing twice gives the same text."""
        report = read(seed_name)

        assert text.dumps(report) == text.dumps(text.loads(text.dumps(report)))

    def test_partial_report(self) -> None:
        """Absent cells are written ``[absent]`` and read back absent, strictly."""
        report = read("010", lenient=True)
        again = text.loads(text.dumps(report))

        assert report.cells() == again.cells()
        assert report.printed() == again.printed()

    def test_none_headings_and_empty_text(self) -> None:
        """A report built from cells (no headings, no text) round-trips: tables found by labels."""
        report = gr.Report.from_cells({"t3.new_received.total": 26, "t2.admin_fees.amount": "0"})

        assert report == text.loads(text.dumps(report))

    def test_none_heading_with_text_gets_the_canonical_heading(self) -> None:
        """A section without heading but with text is written under its canonical heading."""
        report = gr.Report.from_cells({}).with_section(5, text="一是问题。")
        again = text.loads(text.dumps(report))

        assert Section(5, "五、存在的主要问题及改进情况", "一是问题。") == again.section(5)

    def test_blank_and_marker_cells(self) -> None:
        """Blank and marker cells keep what they print."""
        report = read("seed-000").with_cells(
            {"t3.granted.research": Cell(None, ""), "t4.review.other": Cell(None, "/")}
        )

        assert report == text.loads(text.dumps(report))

    @given(st.data())
    def test_generated_reports(self, data: st.DataObject) -> None:
        """Reports with drawn leaves and summed totals read back equal."""
        report = data.draw(valid_reports())

        assert report == text.loads(text.dumps(report))

    @given(reports(blanks=("zero", "blank", "slash")))
    def test_library_strategy(self, report: gr.Report) -> None:
        """Every report of ``govinfo_report.strategies.reports()`` reads back equal."""
        assert report == text.loads(text.dumps(report))


T4_PATHS = CELL_PATHS[185:]
SEED_T4 = (3, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1)


def seed_with_t4(*cells: str) -> str:
    """Seed 000's export with table 四's 15 value lines replaced by *cells* (tab-indented)."""
    lines = (CORPUS / "seed-000.txt").read_text("utf-8").split("\n")
    first = lines.index("\t3", lines.index("四、政府信息公开行政复议、行政诉讼情况"))
    return "\n".join([*lines[:first], *(f"\t{c}" for c in cells), *lines[first + 15 :]])


class TestTable4Row:
    def test_all_blank_row_reads_strictly(self) -> None:
        """A row of 15 blank cells is table 四's row of values: every cell blank, no error."""
        report = text.loads(seed_with_t4(*[""] * 15))

        assert [Cell(None, "")] * 15 == list(report.t4.cells())

    def test_all_blank_table_round_trips(self) -> None:
        """A report whose table 四 is all blank is written and read back equal, strictly."""
        report = read("seed-000").with_cells({path: Cell(None, "") for path in T4_PATHS})

        assert report == text.loads(text.dumps(report))

    def test_leading_blanks_belong_to_the_row(self) -> None:
        """Blank cells before the first number are the row's first cells, not dropped."""
        report = text.loads(seed_with_t4("", "", "0", "0", "3", *map(str, SEED_T4[5:])))

        assert (Cell(None, ""), Cell(None, ""), Cell(0)) == report.t4.review.cells()[:3]
        assert Cell(1) == report.t4.suit_after_review.total

    def test_text_first_value_is_kept_and_reported(self) -> None:
        """``@00`` where the first value belongs opens the row; it is kept as printed."""
        report = text.loads(seed_with_t4("@00", *map(str, SEED_T4[1:])), lenient=True)

        assert report.provenance is not None
        assert [d.code for d in report.provenance.diagnostics] == ["not_a_number"]
        assert Cell(None, "@00") == report.t4.review.upheld
        assert SEED_T4[1:] == tuple(c.value for c in report.t4.cells()[1:])

    def test_text_first_value_strictly_names_the_cell(self) -> None:
        """Strictly, ``@00`` first in table 四 is a non-number in t4.review.upheld."""
        with pytest.raises(gr.ParseError, match=r"\(t4.review.upheld\): not a number") as info:
            text.loads(seed_with_t4("@00", *map(str, SEED_T4[1:])))

        assert (
            info.value.table,
            info.value.path,
            info.value.got,
        ) == ("四", "t4.review.upheld", "@00")


@st.composite
def valid_reports(draw: st.DrawFn) -> gr.Report:
    """Reports whose totals add up: drawn leaves, summed 总计 and （七）总计, balanced 新收."""
    small = st.integers(min_value=0, max_value=50)
    cells: dict[str, Any] = {}
    for path in CELL_PATHS[:9]:
        cells[path] = draw(st.integers(min_value=0, max_value=10**6))
    cells["t2.admin_fees.amount"] = Decimal(
        draw(st.sampled_from(["0", "3.3", "3.30", "24252.311082", "96171.6"]))
    )
    columns = T3_COLUMNS[:-1]
    for row in (*T3_VALUE_ROWS, "carried_over", "carried_forward"):
        for c in columns:
            cells[f"t3.{row}.{c}"] = draw(small)
    for c in columns:
        cells[f"t3.total_processed.{c}"] = sum(cells[f"t3.{r}.{c}"] for r in T3_VALUE_ROWS)
        balance = cells[f"t3.total_processed.{c}"] + cells[f"t3.carried_forward.{c}"]
        cells[f"t3.new_received.{c}"] = max(0, balance - cells[f"t3.carried_over.{c}"])
        cells[f"t3.carried_over.{c}"] = balance - cells[f"t3.new_received.{c}"]
    for row in T3_ROWS:
        cells[f"t3.{row}.total"] = sum(cells[f"t3.{row}.{c}"] for c in columns)
    for group in ("review", "suit_direct", "suit_after_review"):
        parts = [draw(small) for _ in range(4)]
        for outcome, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            cells[f"t4.{group}.{outcome}"] = value
        cells[f"t4.{group}.total"] = sum(parts)
    agency = draw(st.sampled_from(["北京市西城区卫生健康委员会", "某县人民政府办公室"]))
    year = draw(st.integers(min_value=2021, max_value=2030))
    meta = gr.ReportMeta(
        title=f"{agency}{year}年政府信息公开工作年度报告",
        agency=agency,
        year=year,
        preamble=draw(st.sampled_from(["", "附件1", "附件1\n依据条例编制本报告。"])),
    )
    prose = st.sampled_from(["", "本年度未收取信息处理费。", "一是问题。\n\n二是改进。"])
    sections = []
    for number, heading in enumerate(gr.schema.SECTION_HEADINGS, start=1):
        shown = draw(st.sampled_from([heading, None]))
        body = draw(prose)
        if shown is None and body:
            shown = heading
        sections.append(Section(number, shown, body))
    return gr.Report.from_cells(cells, meta=meta, sections=tuple(sections))


class TestCorpus:
    def test_010_without_tabs(self) -> None:
        """Corpus 010 (one cell per line, no tabs, cut off at ``三、本年度``) reads to its cells."""
        report = read("010", lenient=True)

        assert expected("010")["cells"] == {
            path: as_json(value) for path, value in report.cells().items()
        }

    def test_010_says_where_the_text_ends(self) -> None:
        """Strict reading of the cut-off text names the line and the label it stops at."""
        with pytest.raises(gr.ParseError, match=r"line 139, table 三.*'三、本年度'") as info:
            read("010")

        assert (info.value.line, info.value.table) == (139, "三")

    def test_010_chrome_is_preamble(self) -> None:
        """Page chrome before the title is preamble."""
        meta = read("010", lenient=True).meta

        assert (meta.agency, meta.year) == ("信丰县卫生健康委", 2023)
        assert meta.preamble.startswith("关怀版")

    def test_018_tables_missing(self) -> None:
        """Corpus 018 has headings but no tables: all cells null, a diagnostic per table."""
        report = read("018", lenient=True)

        assert report.provenance is not None
        assert expected("018")["cells"] == {
            path: as_json(value) for path, value in report.cells().items()
        }
        assert [d.code for d in report.provenance.diagnostics] == ["table_missing"] * 3
        assert report.meta.year == 2021

    def test_018_strict_names_the_missing_table(self) -> None:
        """Strictly, a report without its tables is an error naming table 二."""
        with pytest.raises(gr.ParseError, match="table 二: table missing"):
            read("018")


class TestCli:
    def test_cells_prints_exactly_the_expected_cells(
        self, seed_name: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``govinfo-report cells FILE`` prints the 200 expected cells in canonical order."""
        status = main(["cells", str(SEEDS[seed_name])])
        out = capsys.readouterr().out
        printed = json.loads(out)

        assert status == 0
        assert expected(seed_name)["cells"] == printed
        assert list(CELL_PATHS) == list(printed)

    def test_cut_off_text_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Strict reading of a cut-off text exits 2 with one line naming the place."""
        status = main(["cells", str(CORPUS / "010.txt")])
        err = capsys.readouterr().err

        assert status == 2
        assert "line 139" in err
        assert len(err.strip().splitlines()) == 1

    def test_lenient_prints_diagnostics_on_stderr(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--lenient`` prints the readable cells and says where the text ends."""
        status = main(["cells", "--lenient", str(CORPUS / "010.txt")])
        captured = capsys.readouterr()

        assert status == 0
        assert expected("010")["cells"] == json.loads(captured.out)
        assert "the text ends inside table 三" in captured.err


def test_a_page_marker_after_a_short_row_is_no_cell() -> None:
    """Cells one per paragraph, a row that lost a cell, then ``— 2 —``: never its 总计."""
    from govinfo_report.synthetic import NOISE_KNOBS, render

    noise = {name: value for name, (value, _) in NOISE_KNOBS.items() if name != "cut"}
    rendered = render(gr.generate("other:0"), "word_paragraphs", noise=noise, seed=0)
    assert "\n6\n\n— 2 —\n" in rendered.text  # 2.没有现成信息需要另行制作: 4 1 0 0 1 6

    read = gr.loads(rendered.text, format="text", lenient=True)

    for path, value in read.cells().items():
        assert value in (None, rendered.report.value(path)), path
    assert all(cell.printed != "— 2 —" for cell in read.flat_cells)


def test_paragraphs_after_a_short_row_are_prose_not_cells() -> None:
    """Table 四 short of cells, then section 五's paragraphs without its heading: they are
    prose, never the row's last cells (which would push its numbers to the left)."""
    from govinfo_report.synthetic import render

    noise = {
        "split_labels": 0.34,
        "halfwidth": 0.93,
        "page_markers": 0.76,
        "lead_in": 0.9,
        "cell_notes": 0.97,
        "renumber": 0.46,
        "blank": 0.09,
        "drop": 0.64,
    }
    rendered = render(gr.generate("combo5:3"), "word_paragraphs", noise=noise, seed=3)
    assert "\n1\n\n\n（一）存在的主要问题\n" in rendered.text

    read = gr.loads(rendered.text, format="text", lenient=True)

    for path, value in read.cells().items():
        assert value in (None, rendered.report.value(path)), path
    assert "（一）存在的主要问题" in read.section(4).text  # no heading 五: still section 四
