"""Pipe text in all its corpus shapes; gaps placed by identities, never by position."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.codecs import detect_format, pipe, text
from govinfo_report.schema import CELL_PATHS
from govinfo_report.strategies import reports
from tests.conftest import CORPUS, expected
from tests.test_text import as_json, valid_reports

PIPE_CORPUS = {
    "005": (83, "三、本年度办"),
    "007": (30, None),
    "011": (31, "6.属于四类过程性信息"),
    "015": (237, "6.属于四类过程性信"),
    "021": (26, "三、本年度"),
}


def read(name: str, *, lenient: bool = True) -> gr.Report:
    path = CORPUS / f"{name}.txt"
    return pipe.loads(path.read_text("utf-8"), lenient=lenient, source=str(path))


def seed_pipe() -> str:
    return pipe.dumps(text.loads((CORPUS / "seed-000.txt").read_text("utf-8")))


@pytest.fixture(params=sorted(PIPE_CORPUS))
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class TestCorpus:
    def test_exact_cells(self, name: str) -> None:
        """Every pipe text of the corpus reads to exactly its expected cells: none wrong, none invented."""
        report = read(name)

        assert expected(name)["cells"] == {
            path: as_json(value) for path, value in report.cells().items()
        }

    def test_detected(self, name: str) -> None:
        """The content says it is pipe text."""
        assert detect_format((CORPUS / f"{name}.txt").read_text("utf-8")) == "pipe"

    def test_strict_says_where_the_text_ends(self, name: str) -> None:
        """Each excerpt is cut off inside table 三: strictly an error naming the line."""
        line, label = PIPE_CORPUS[name]

        with pytest.raises(gr.ParseError, match="the text ends inside table 三") as info:
            read(name, lenient=False)

        assert (line, "三") == (info.value.line, info.value.table)
        if label is not None:
            assert label in str(info.value)

    def test_lenient_diagnostic(self, name: str) -> None:
        """Lenient reading says where the text ends, first."""
        report = read(name)

        assert report.provenance is not None
        assert report.provenance.diagnostics[-2].code == "truncated"

    def test_005_empty_cell_is_blank_not_shifted(self) -> None:
        """005's empty 规章 现行有效件数 (a bare ``|`` line like the row separator) comes out blank."""
        row = read("005").t2.regulations

        assert (gr.Cell(0), gr.Cell(0), gr.Cell(None, "")) == (
            row.issued,
            row.repealed,
            row.in_force,
        )

    def test_005_narrative_before_the_table(self) -> None:
        """The paragraph between the 三 heading and the table is section 三's text."""
        assert read("005").section(3).text.startswith("2022年,区政府办公室共收到8份")

    def test_005_annotated_header(self) -> None:
        """``现行有效件数 (历史累计)`` is recognised, with a label_variant note."""
        report = read("005")

        assert report.provenance is not None
        assert any(
            d.code == "label_variant" and "历史累计" in d.message
            for d in report.provenance.diagnostics
        )

    def test_011_group_labels_share_the_line(self) -> None:
        """``三、本年度办理结果 | (一)予以公开 | 0 …`` and ``(三)不予公开 | 1.属于国家秘密 | …``."""
        report = read("011")

        assert report.t3.granted.total.value == 0
        assert report.t3.denied_state_secret.total.value == 0
        assert report.t2.punishment.decisions.value == 1472

    def test_011_cut_row_keeps_its_first_cells_only(self) -> None:
        """The last row, cut after six cells, gives those six and nothing for 总计."""
        row = read("011").t3.denied_process_info

        assert row.other_org.value == 0
        assert row.total.printed is None

    def test_007_subheading_is_not_section_two(self) -> None:
        """``(一)主动公开政府信息情况`` inside 一 is a sub-heading; 二 starts at line 13."""
        report = read("007")

        assert "(一)主动公开政府信息情况" in report.section(1).text
        assert report.section(2).heading == "二、主动公开政府信息情况"


class TestGaps:
    def test_unique_placement(self) -> None:
        """A dropped cell that only one position fits (E1 decides) is placed; the gap is absent."""
        damaged = seed_pipe().replace(
            "| 一、本年新收政府信息公开申请数量 | 25 | 0 | 1 | 0 | 0 | 0 | 26 |",
            "| 一、本年新收政府信息公开申请数量 | 0 | 1 | 0 | 0 | 0 | 26 |",
        )
        report = pipe.loads(damaged, lenient=True)
        row = report.t3.new_received

        assert [c.value for c in row.cells()] == [None, 0, 1, 0, 0, 0, 26]
        assert report.provenance is not None
        assert "gap_placed" in {d.code for d in report.provenance.diagnostics}

    def test_ambiguous_placement_leaves_uncertain_cells_absent(self) -> None:
        """When several positions fit, only the cells all of them agree on are kept."""
        damaged = seed_pipe().replace(
            "| 一、本年新收政府信息公开申请数量 | 25 | 0 | 1 | 0 | 0 | 0 | 26 |",
            "| 一、本年新收政府信息公开申请数量 | 25 | 0 | 1 | 0 | 0 | 26 |",
        )
        row = pipe.loads(damaged, lenient=True).t3.new_received

        assert [c.value for c in row.cells()] == [25, 0, 1, None, None, None, 26]

    def test_table_two_gap_is_never_guessed(self) -> None:
        """Table 二 has no identity: a short row is left absent."""
        damaged = seed_pipe().replace(
            "| 行政规范性文件 | 0 | 3 | 4 |", "| 行政规范性文件 | 3 | 4 |"
        )
        row = pipe.loads(damaged, lenient=True).t2.normative_documents

        assert (row.issued.value, row.repealed.value, row.in_force.value) == (None, None, None)

    def test_table_four_gap(self) -> None:
        """A dropped table-四 cell is placed by E4 when only one position fits."""
        damaged = seed_pipe().replace(
            "| 3 | 0 | 0 | 0 | 3 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |",
            "| 3 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |",
        )
        t4 = pipe.loads(damaged, lenient=True).t4

        assert [c.value for c in t4.review.cells()] == [3, 0, 0, 0, None]
        assert [c.value for c in t4.suit_after_review.cells()] == [0, 0, 0, 1, 1]

    def test_table_four_ambiguous_gap(self) -> None:
        """A dropped 0 among zeros fits many places: those cells stay absent."""
        damaged = seed_pipe().replace(
            "| 3 | 0 | 0 | 0 | 3 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |",
            "| 3 | 0 | 0 | 0 | 3 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |",
        )
        t4 = pipe.loads(damaged, lenient=True).t4

        assert [c.value for c in t4.review.cells()] == [3, 0, 0, 0, 3]
        assert t4.suit_after_review.total.value is None

    def test_strict_refuses_a_gap(self) -> None:
        """Strictly, a short row is an error naming the row."""
        damaged = seed_pipe().replace(
            "| 行政规范性文件 | 0 | 3 | 4 |", "| 行政规范性文件 | 3 | 4 |"
        )

        with pytest.raises(gr.ParseError, match=r"row 行政规范性文件: 2 values for 3 columns"):
            pipe.loads(damaged)


class TestShapes:
    def test_bars_between_cells_with_an_empty_cell(self) -> None:
        """In the 015 shape two ``|`` lines in a row enclose an empty cell."""
        source = (CORPUS / "015.txt").read_text("utf-8")
        damaged = source.replace("规章\n|\n0\n|\n0\n|\n6\n|", "规章\n|\n0\n|\n|\n6\n|", 1)
        row = pipe.loads(damaged, lenient=True).t2.regulations

        assert (row.issued.value, row.repealed.value, row.in_force.value) == (0, None, 6)
        assert row.repealed.printed == ""

    def test_bars_between_cells_are_no_prose(self) -> None:
        """In the 015 shape the ``|`` lines belong to the table: the sections keep only their prose."""
        report = read("015")

        assert [report.section(n).text for n in (2, 3)] == ["该部分以表格形式报告。表格如下:"] * 2

    def test_bars_between_cells_blank_table_four(self) -> None:
        """With no row ends (``|`` lines between cells), blank cells after table 四's header are its row."""
        report = text.loads((CORPUS / "seed-000.txt").read_text("utf-8"))
        report = report.with_cells({path: gr.Cell(None, "") for path in CELL_PATHS[185:]})
        lines = []
        for line in pipe.dumps(report).split("\n"):
            if not line.startswith("| "):
                lines.append(line)
                continue
            for cell in line[2:-2].split(" | "):
                lines += [cell, "|"] if cell else ["|"]
        back = pipe.loads("\n".join(lines))

        assert report.t4 == back.t4
        assert report.t3 == back.t3

    def test_table_four_text_first_value(self) -> None:
        """A non-number first value of table 四 is kept as printed and reported, never a label."""
        written = seed_pipe().replace("| 3 | 0 | 0 | 0 | 3 | 0 |", "| @00 | 0 | 0 | 0 | 3 | 0 |")
        report = pipe.loads(written, lenient=True)

        assert report.provenance is not None
        assert [d.code for d in report.provenance.diagnostics] == ["not_a_number"]
        assert gr.Cell(None, "@00") == report.t4.review.upheld
        assert gr.Cell(3) == report.t4.review.total

    def test_2019_table_in_pipe_text(self) -> None:
        """A 2019 header is recognised in pipe text too."""
        damaged = seed_pipe().replace("本年制发件数", "本年新制作数量")

        with pytest.raises(gr.ParseError, match="2019 trial format"):
            pipe.loads(damaged)


class TestRoundTrip:
    def test_seeds(self, seed_name: str) -> None:
        """``loads(dumps(r)) == r`` for both seeds."""
        report = text.loads((CORPUS / f"{seed_name}.txt").read_text("utf-8"))

        assert report == pipe.loads(pipe.dumps(report))

    def test_one_row_per_line(self) -> None:
        """The writer prints one table row per line with leading and trailing bars."""
        assert "| 规章 | 0 | 0 | 0 |" in seed_pipe()

    def test_detected_after_writing(self) -> None:
        """What the writer prints is detected as pipe text."""
        assert detect_format(seed_pipe()) == "pipe"

    def test_partial_report(self) -> None:
        """A cut-off report round-trips with its absent cells."""
        report = read("011")

        assert report == pipe.loads(pipe.dumps(report))

    @given(st.data())
    def test_generated_reports(self, data: st.DataObject) -> None:
        """Generated reports read back equal."""
        report = data.draw(valid_reports())

        assert report == pipe.loads(pipe.dumps(report))

    @given(reports(blanks=("zero", "blank", "slash")))
    def test_library_strategy(self, report: gr.Report) -> None:
        """Every report of ``govinfo_report.strategies.reports()`` reads back equal."""
        assert report == pipe.loads(pipe.dumps(report))


class TestVariants:
    def test_label_variants(self) -> None:
        """Real label variants (SPEC §7, §8) map to the same cells, each with a note."""
        variants = {
            "| 行政规范性文件 |": "| 规范性文件 |",
            "| （六）其他处理 |": "| (六)其他 |",
            "不补正、行政机关": "不补正,行政机关",
            "| 第二十条第（一）项 |": "| 第二十条  第(一)项 |",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "(二)部分公开",
            "本年收费金额（单位：万元）": "本年收费金额(单位:万元)",
            "| 商业企业 |": "| 商业 企业 |",
            "| 现行有效件数 |": "| 现行有效件数 (历史累计) |",
            "| 1.属于国家秘密 |": "| 属于国家秘密 |",
        }
        written = seed_pipe()
        for old, new in variants.items():
            assert old in written, old
            written = written.replace(old, new)
        report = pipe.loads(written, lenient=True)

        assert expected("seed-000")["cells"] == {
            path: as_json(value) for path, value in report.cells().items()
        }
        assert report.provenance is not None
        assert {"label_variant"} == {d.code for d in report.provenance.diagnostics}

    def test_annotated_and_full_width_values(self) -> None:
        """``22（其中修订16件）``, ``２６`` and ``1,234`` are numbers; the printed text is kept."""
        written = (
            seed_pipe()
            .replace(
                "| 行政规范性文件 | 0 | 3 | 4 |", "| 行政规范性文件 | 0 | 3 | 4（含自然失效1件） |"
            )
            .replace("| 行政处罚 | 290 |", "| 行政处罚 | 1,290 |")
            .replace("| 8 | 0 | 1 | 0 | 0 | 0 | 9 |", "| ８ | 0 | 1 | 0 | 0 | 0 | ９ |")
        )
        report = pipe.loads(written)

        assert gr.Cell(4, "4（含自然失效1件）") == report.t2.normative_documents.in_force
        assert gr.Cell(1290, "1,290") == report.t2.punishment.decisions
        assert gr.Cell(9, "９") == report.t3.granted.total


class TestPaddedRows:
    T3 = (
        "三、收到和处理政府信息公开申请情况\n"
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
    )

    def test_empty_cells_after_the_total_are_padding(self) -> None:
        """``3 / / / / 3 |  |``: the last number is the row's 总计, the empty cell pads a lost cell."""
        from govinfo_report.codecs._cell_text import padded_after_total
        from govinfo_report.codecs._tokens import Token

        def row(*texts: str) -> list[Token]:
            return [Token(text, 1) for text in texts]

        assert padded_after_total(row("3", "0", "0", "0", "0", "3", ""), 7)
        assert padded_after_total(row("3", "/", "/", "/", "", "3", ""), 7)
        assert padded_after_total(row("2", "1", "3", "", "", "", ""), 7)
        assert not padded_after_total(row("3", "0", "0", "0", "0", "2", ""), 7)  # no total
        assert not padded_after_total(row("0", "0", "0", "0", "0", "0", ""), 7)  # zeros: blank
        assert not padded_after_total(row("3", "0", "0", "0", "0", "3", "3"), 7)  # full row
        assert not padded_after_total(row("3", "3", ""), 3)  # table 二: no total
        assert not padded_after_total(row("3", "x", "0", "0", "0", "3", ""), 7)

    def test_a_padded_row_is_never_left_aligned(self) -> None:
        """A row that lost a cell and kept its padding is placed by the identities or absent."""
        report = gr.generate("padded-row:2")
        granted = [c.value for c in report.t3.granted.cells()]
        assert granted == [20, 0, 0, 0, 0, 0, 20]
        text = pipe.dumps(report)
        line = "| 三、本年度办理结果 | （一）予以公开 | 20 | 0 | 0 | 0 | 0 | 0 | 20 |"
        assert line in text.splitlines()
        # a zero cell lost with its bar, the row padded at its end
        padded = "| 三、本年度办理结果 | （一）予以公开 | 20 | 0 | 0 | 0 | 0 | 20 |  |"

        read = pipe.loads(text.replace(line, padded), lenient=True)

        cells = [c.value for c in read.t3.granted.cells()]
        assert cells[-1] in (20, None)  # never a blank total with 20 under 其他
        assert cells[5] in (0, None)
        assert all(v in (g, None) for v, g in zip(cells, granted, strict=True))

    def test_a_row_without_an_opening_bar_may_begin_with_an_empty_cell(self) -> None:
        """Rows printed ``行政复议 | …``: a line `` |  | 0 | …`` begins with empty cells.

        (Rows printed ``| 行政复议 | …`` open with a bar: ``|  |  | 0 | …`` has two.)
        """
        from govinfo_report.synthetic import render

        report = gr.generate("bars:1").with_cells(
            {"t4.review.upheld": "", "t4.review.corrected": ""}
        )
        openings = set()
        for seed in range(6):
            rendered = render(report, "pipe_rows", seed=seed)
            openings.add("\n| 行政复议 |" in rendered.text)

            read = pipe.loads(rendered.text, lenient=True)

            assert read.cells() == report.cells()
            assert read.cell("t4.review.upheld").printed == ""
        assert openings == {True, False}

    def test_a_page_marker_between_cells_is_no_cell(self) -> None:
        """``— 2 —`` between a row's last cell and the next row: page furniture, never a value."""
        from govinfo_report.synthetic import render

        rendered = render(gr.generate("marker:1"), "bar_lines", seed=0)
        at, end = rendered.positions["t3.granted.other_org"]
        total_end = rendered.positions["t3.granted.total"][1]
        text = rendered.text
        assert text[at:end] == "0"
        assert text[end : end + 3] == "\n|\n"
        # the row lost a cell (其他, with its bar) and a page ends after it
        text = text[:at] + text[end + 3 : total_end] + "\n|\n— 2 —" + text[total_end + 2 :]

        read = pipe.loads(text, lenient=True)

        granted = [c.value for c in read.t3.granted.cells()]
        truth = [57, 0, 0, 0, 0, 0, 57]
        assert all(v in (None, t) for v, t in zip(granted, truth, strict=True)), granted
        assert all(c.printed != "— 2 —" for c in read.flat_cells)


class TestOneCellPerLine:
    def text(self, report: gr.Report) -> str:
        from govinfo_report.synthetic import render

        return render(report, "pipe_cells_nosep", seed=0).text

    def test_a_cell_printed_over_two_lines(self) -> None:
        """``行政规范`` / ``性  文件 |``: one cell, the bar closes it; its values follow."""
        report = gr.generate("cells:2")
        text = self.text(report).replace("\n行政规范性文件 |\n", "\n行政规范\n性  文件 |\n")
        assert "\n行政规范\n性  文件 |\n" in text

        read = pipe.loads(text, lenient=True)

        assert read.cells() == report.cells()

    def test_two_labels_with_one_value_between_them_are_not_guessed(self) -> None:
        """``行政处罚 |`` / ``||`` / ``行政强制 |`` / ``13 |``: 13 is 行政强制's, never 行政处罚's."""
        from govinfo_report.synthetic import NOISE_KNOBS, render

        noise = {name: value for name, (value, _) in NOISE_KNOBS.items() if name != "cut"}
        rendered = render(gr.generate("other:6"), "pipe_cells_nosep", noise=noise, seed=6)
        assert "\n处罚 |\n||\n行政强制 |\n13 |\n" in rendered.text

        read = pipe.loads(rendered.text, lenient=True)

        assert read.value("t2.punishment.decisions") is None
        assert read.value("t2.coercion.decisions") in (None, 13)


def test_markdown_headings_end_a_table_in_pipe_text() -> None:
    """``#### 五、…`` is section 五's heading for the pipe reader too: table 四 ends before it,
    so its short row is no text cut off (never read from the left)."""
    from govinfo_report.synthetic import render

    noise = {"halfwidth": 0.67, "page_markers": 0.6, "lead_in": 0.5, "slash": 0.61, "drop": 0.94}
    rendered = render(gr.generate("combo2:5"), "md_gfm", noise=noise, seed=5)
    assert "\n| 1 | 1 | 2 |\n\n#### 五、存在的主要问题及改进情况" in rendered.text

    read = pipe.loads(rendered.text, lenient=True)

    assert read.section(5).heading == "#### 五、存在的主要问题及改进情况"
    assert not any(d.code == "truncated" for d in read.provenance.diagnostics)
    for path, value in read.cells().items():
        assert value in (None, rendered.report.value(path)), path


def test_an_html_line_break_in_a_cell_is_a_line_break() -> None:
    """``| 行政<br>规范性文件 | 2 | 151 |`` after a row that lost its cells: the label is read,
    and its numbers are never the row above's."""
    from govinfo_report.synthetic import render

    noise = {"split_labels": 0.22, "halfwidth": 0.46, "page_markers": 0.39, "drop": 0.94}
    noise["renumber"] = 0.05
    rendered = render(gr.generate("combo4:0"), "md_gfm", noise=noise, seed=0)
    assert "| 规章 |\n| 行政<br>规范性文件 | 2 | 151 |" in rendered.text

    read = pipe.loads(rendered.text, lenient=True)

    for path, value in read.cells().items():
        assert value in (None, rendered.report.value(path)), path


def test_a_label_broken_before_its_row_line_is_one_label() -> None:
    """``规章 |`` (its cells lost) / ``行政规范`` / ``性文件 | 1 | 1 | 2 |``: the numbers are
    行政规范性文件's, never 规章's."""
    from govinfo_report.synthetic import render

    noise = {"split_labels": 0.82, "label_spaces": 0.92, "page_markers": 0.86, "lead_in": 0.54}
    noise |= {"cell_notes": 0.37, "renumber": 0.97, "blank": 0.52, "drop": 0.59}
    rendered = render(gr.generate("combo6:23"), "pipe_rows", noise=noise, seed=23)
    assert "规章 |\n— 1 —\n行政规范\n性文件 | 1（其中修订1件） | 1 | 2 |" in rendered.text

    read = pipe.loads(rendered.text, lenient=True)

    assert [c.value for c in read.t2.normative_documents.cells()] == [1, 1, 2]
    for path, value in read.cells().items():
        assert value in (None, rendered.report.value(path)), path


def test_numbers_on_two_lines_are_never_joined() -> None:
    """A number without its bar before a line of cells is no piece of a cell: 8 / 0 | is no 80.

    (Found by ``benchmarks/fuzz.py --readers pipe~ --prefer pipe --seed long``, input 996,414:
    a slice of corpus 005 with a row's end cut out.)
    """
    text = (
        "件数 |\n本年废止件数 |\n现行有效件数 (历史累计) |\n|\n规章 |\n0 ||||\n0 |\n|\n|\n"
        "行政规范性文件 |\n 5|\n12 |\n8\n0 | ||\n|\n第二十条第(六)项 | |||\n|\n信息内容 |\n"
        "本年处理决定数量 |"
    )
    report = gr.loads(text, format="pipe", lenient=True)

    values = [v for v in report.cells().values() if v is not None]
    assert 80 not in values
    assert report.t2.normative_documents.issued.value == 5
    assert report.t2.normative_documents.repealed.value == 12


def test_a_label_broken_over_two_lines_is_still_one() -> None:
    """Words are pieces of a cell: ``行政规范`` / ``性文件 | 1 | 1 | 2 |`` is one label."""
    report = gr.generate(2)
    text = gr.dumps(report, format="pipe").replace("| 行政规范性文件 |", "行政规范\n性文件 |", 1)
    back = gr.loads(text, format="pipe", lenient=True)

    assert (
        back.t2.normative_documents.in_force.value == report.t2.normative_documents.in_force.value
    )
