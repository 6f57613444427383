"""Markdown: official labels in official order, cells as printed, exact round trips, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report.codecs import markdown
from govinfo_report.schema import Cell, Report
from govinfo_report.synthetic import BLANKS, generate_batch
from tests.test_json import SEEDS, identical, odd_report, reports, seed_report

GOLDEN = Path(__file__).parent / "golden"

T3_LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果 （一）予以公开",
    "三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "三、本年度办理结果 （三）不予公开 1.属于国家秘密",
    "三、本年度办理结果 （三）不予公开 2.其他法律行政法规禁止公开",
    "三、本年度办理结果 （三）不予公开 3.危及“三安全一稳定”",
    "三、本年度办理结果 （三）不予公开 4.保护第三方合法权益",
    "三、本年度办理结果 （三）不予公开 5.属于三类内部事务信息",
    "三、本年度办理结果 （三）不予公开 6.属于四类过程性信息",
    "三、本年度办理结果 （三）不予公开 7.属于行政执法案卷",
    "三、本年度办理结果 （三）不予公开 8.属于行政查询事项",
    "三、本年度办理结果 （四）无法提供 1.本机关不掌握相关政府信息",
    "三、本年度办理结果 （四）无法提供 2.没有现成信息需要另行制作",
    "三、本年度办理结果 （四）无法提供 3.补正后申请内容仍不明确",
    "三、本年度办理结果 （五）不予处理 1.信访举报投诉类申请",
    "三、本年度办理结果 （五）不予处理 2.重复申请",
    "三、本年度办理结果 （五）不予处理 3.要求提供公开出版物",
    "三、本年度办理结果 （五）不予处理 4.无正当理由大量反复申请",
    "三、本年度办理结果 （五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    "三、本年度办理结果 （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "三、本年度办理结果 （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "三、本年度办理结果 （六）其他处理 3.其他",
    "三、本年度办理结果 （七）总计",
    "四、结转下年度继续办理",
]


def _rows(text: str, first_label: str) -> list[list[str]]:
    """The rows of the pipe table from the row starting with *first_label* (no separator row)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_label}"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        if line.startswith(("|:", "|-")):
            continue
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


class TestDumps:
    def test_golden_seed_000(self) -> None:
        """Seed 000 is written byte for byte as the golden file."""
        golden = (GOLDEN / "seed-000.md").read_text("utf-8")

        assert markdown.dumps(seed_report("seed-000")) == golden

    def test_title_preamble_and_headings(self) -> None:
        """The title is the H1, the preamble follows, each section is an H2 as printed."""
        text = markdown.dumps(seed_report("seed-000"))

        headings = [line for line in text.split("\n") if line.startswith("#")]

        assert headings == [
            "# 北京市西城区卫生健康委员会2024年政府信息公开工作年度报告",
            "## 一、总体情况",
            "## 2、 主动公开政府信息情况",
            "### 第二十条第（一）项",
            "### 第二十条第（五）项",
            "### 第二十条第（六）项",
            "### 第二十条第（八）项",
            "## 3、 收到和处理政府信息公开申请情况",
            "## 四、政府信息公开行政复议、行政诉讼情况",
            "## 五、存在的主要问题及改进情况",
            "## 六、其他需要报告的事项",
        ]
        assert "\n\n附件1\n\n依据《中华人民共和国政府信息公开条例》" in text

    def test_table_3_labels_and_columns_in_official_order(self) -> None:
        """Table 三 has the 25 official row labels (groups joined) and the 7 columns in order."""
        text = markdown.dumps(seed_report("seed-000"))

        header = _rows(text, "（本列数据的勾稽关系为")[0]
        rows = _rows(text, "一、本年新收政府信息公开申请数量")

        assert header == [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "自然人",
            "法人或其他组织 商业企业",
            "法人或其他组织 科研机构",
            "法人或其他组织 社会公益组织",
            "法人或其他组织 法律服务机构",
            "法人或其他组织 其他",
            "总计",
        ]
        assert [row[0] for row in rows] == T3_LABELS
        assert rows[0][1:] == ["25", "0", "1", "0", "0", "0", "26"]
        assert rows[10][1:] == ["6", "0", "0", "0", "0", "0", "6"]

    def test_table_2_and_4(self) -> None:
        """Table 二 is four tables with their column labels; table 四 has three groups × five outcomes."""
        text = markdown.dumps(seed_report("seed-004"))

        assert _rows(text, "信息内容") == [
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "0", "0"],
            ["行政规范性文件", "2", "0", "3"],
        ]
        assert _rows(text, "行政事业性收费") == [["行政事业性收费", "0"]]
        assert [row[0] for row in _rows(text, "行政复议")] == [
            "行政复议",
            "行政诉讼 未经复议直接起诉",
            "行政诉讼 复议后起诉",
        ]
        header = next(line for line in text.split("\n") if "结果维持" in line)
        assert [c.strip() for c in header.strip("|").split("|")] == [
            "",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
        ]

    def test_cells_printed_as_printed(self) -> None:
        """A blank stays blank, '/' stays '/', annotations and digits are kept whole."""
        text = markdown.dumps(odd_report())

        assert _rows(text, "规章")[0] == ["规章", "0", "0", ""]
        assert _rows(text, "行政规范性文件")[0] == [
            "行政规范性文件",
            "22（其中修订16件）",
            "3",
            "4",
        ]
        assert _rows(text, "行政处罚")[0] == ["行政处罚", "/"]
        assert _rows(text, "行政事业性收费")[0] == ["行政事业性收费", "3.30"]
        assert _rows(text, "行政许可")[0] == ["行政许可", "[bookmark: OLE_LINK1]2731"]
        assert _rows(text, "一、本年新收")[0][1] == "六"

    def test_header_comment_carries_what_markdown_cannot_show(self) -> None:
        """Agency and year always; an absent cell, a missing heading or an odd value only when needed."""
        first = markdown.dumps(odd_report()).split("\n", 1)[0]

        assert first == (
            '<!-- govinfo-report {"schema_version": 1, "agency": "北京市西城区卫生健康委员会", '
            '"year": 2024, "format_version": "2021", "headings": {"2": null}, '
            '"cells": {"t3.carried_forward.total": null, '
            '"t4.review.total": {"value": 5, "printed": "6"}}} -->'
        )

    def test_absent_table_left_out(self) -> None:
        """A table the report does not give at all is not drawn."""
        text = markdown.dumps(Report.from_cells({"t3.granted.total": 9}))

        assert "|" not in text.split("## 三、", 1)[0]
        assert "|" not in text.split("## 四、", 1)[1]
        assert "## 三、收到和处理政府信息公开申请情况\n\n| （本列数据" in text

    def test_narrative_that_looks_like_markdown_is_escaped(self) -> None:
        """Narrative lines that Markdown would take for a heading or a table get a backslash."""
        text = markdown.dumps(odd_report())

        assert "\n\n\\# 不是标题\n\n\\| 不是表格\n\n\n\n\\\\反斜杠\n\n  缩进\n" in text

    def test_registered_and_detected(self) -> None:
        """gr.dumps(format="markdown") is this writer; gr.loads detects Markdown, tables or not."""
        report = seed_report("seed-004")
        bare = Report.from_cells({})

        assert gr.dumps(report, format="md") == markdown.dumps(report)
        assert gr.detect_format(markdown.dumps(report)) == "markdown"
        assert gr.detect_format(markdown.dumps(bare)) == "markdown"
        assert identical(gr.loads(markdown.dumps(bare)), bare)


class TestRoundTrip:
    @pytest.mark.parametrize("name", SEEDS)
    def test_seeds(self, name: str) -> None:
        """Each seed reads back equal, every printed text kept."""
        report = seed_report(name)

        assert identical(markdown.loads(markdown.dumps(report)), report)

    def test_odd_report(self) -> None:
        """Blanks, markers, text, annotations, absent cells and a missing heading survive."""
        report = odd_report()

        back = markdown.loads(markdown.dumps(report))

        assert identical(back, report)
        assert back.section(2).heading is None
        assert back.t3.carried_forward.total == Cell()
        assert back.t2.regulations.in_force == Cell(None, "")

    def test_provenance(self) -> None:
        """The reader records its source and format."""
        back = markdown.loads(markdown.dumps(seed_report("seed-000")), source="r.md")

        assert back.provenance == gr.Provenance("r.md", "markdown", ())

    def test_repadded_table_still_reads(self) -> None:
        """A table re-padded by an editor reads the same: cells are found by their labels."""
        report = seed_report("seed-000")
        text = (
            markdown.dumps(report)
            .replace("|         0 |", "| 0 |")
            .replace("| 规章           |", "|规章|")
        )

        assert identical(markdown.loads(text), report)

    @pytest.mark.parametrize("blanks", BLANKS)
    def test_generated_reports(self, blanks: str) -> None:
        """Synthetic reports of every blank style read back identical."""
        for report in generate_batch(6, f"markdown-{blanks}", blanks=blanks):
            assert identical(markdown.loads(markdown.dumps(report)), report)

    @given(reports())
    def test_any_report(self, report: Report) -> None:
        """Any report the model can hold reads back identical."""
        assert identical(markdown.loads(markdown.dumps(report)), report)


class TestBadMarkdown:
    def _text(self) -> str:
        return markdown.dumps(seed_report("seed-000"))

    def test_unknown_row_label(self) -> None:
        """An unknown row label names the line and the table."""
        text = self._text().replace("| 行政强制   |", "| 行政强迫   |")

        with pytest.raises(gr.ParseError) as info:
            markdown.loads(text, source="r.md")

        assert text.split("\n")[info.value.line - 1].startswith("| 行政强迫")
        assert str(info.value) == (
            f"r.md, line {info.value.line}, table 二, row 行政强迫: unknown row label: "
            "expected a row label of table 二"
        )

    def test_wrong_number_of_cells(self) -> None:
        """A row with a cell too many is refused rather than shifted."""
        text = self._text().replace("| 行政处罚   |                290 |", "| 行政处罚 | 2 | 90 |")

        with pytest.raises(gr.ParseError, match="wrong number of cells") as info:
            markdown.loads(text)

        assert info.value.row == "行政处罚"
        assert info.value.got == "3 cells"

    def test_missing_row(self) -> None:
        """A row missing from a drawn table is an error naming its cells, not a zero."""
        lines = self._text().split("\n")
        text = "\n".join(line for line in lines if not line.startswith("| 行政强制"))

        with pytest.raises(gr.ParseError, match="cell missing from the table") as info:
            markdown.loads(text)

        assert info.value.path == "t2.coercion.decisions"

    def test_table_and_comment_disagree(self) -> None:
        """An edited cell that the comment records otherwise is reported, not silently replaced."""
        report = odd_report()
        text = markdown.dumps(report)
        row = next(line for line in text.split("\n") if line.startswith("| 行政复议"))
        text = text.replace(row, row[: row.rindex("|", 0, -1)] + "| 9 |")

        with pytest.raises(gr.ParseError, match="disagree") as info:
            markdown.loads(text)

        assert info.value.path == "t4.review.total"

    def test_wrong_number_of_sections(self) -> None:
        """Six ## headings are expected."""
        text = self._text().replace("## 五、存在的主要问题及改进情况\n\n", "")

        with pytest.raises(gr.ParseError, match="wrong number of section headings"):
            markdown.loads(text)

    def test_unknown_comment_version(self) -> None:
        """A header comment of another version is refused."""
        text = self._text().replace('{"schema_version": 1,', '{"schema_version": 2,', 1)

        with pytest.raises(gr.ParseError, match="unknown govinfo-report comment version"):
            markdown.loads(text, lenient=True)

    def test_comment_nested_too_deeply(self) -> None:
        """A header comment nested deeper than Python parses is an error, never a RecursionError."""
        nested = '{"a":' * 100_000 + "1" + "}" * 100_000
        text = self._text().replace(
            '{"schema_version": 1,', f'{{"x": {nested}, "schema_version": 1,', 1
        )

        with pytest.raises(gr.ParseError, match="nested too deeply") as info:
            markdown.loads(text)
        report = markdown.loads(text, lenient=True)

        assert info.value.line == 1
        assert report.provenance is not None
        assert "nested too deeply" in report.provenance.diagnostics[0].message

    def test_lenient_reports_and_keeps_the_rest(self) -> None:
        """Lenient reading leaves a bad row's cells absent and says so."""
        text = self._text().replace("| 行政强制   |", "| 行政强迫   |")

        report = markdown.loads(text, lenient=True)

        assert report.t2.coercion.decisions == Cell()
        assert report.t2.punishment.decisions == Cell(290)
        assert report.provenance is not None
        assert [d.path for d in report.provenance.diagnostics] == [None, "t2.coercion.decisions"]


class TestForeignMarkdown:
    def test_without_the_comment_meta_comes_from_the_title(self) -> None:
        """Markdown with no govinfo-report comment: agency and year are read from the # title."""
        report = seed_report("seed-000")
        text = markdown.dumps(report).split("\n", 2)[2]  # drop the comment line and its blank

        read = markdown.loads(text)

        assert (read.meta.agency, read.meta.year) == ("北京市西城区卫生健康委员会", 2024)
        assert read.cells() == report.cells()

    def test_a_row_followed_by_a_separator_is_not_cut(self) -> None:
        """A text that ends after a separator row did not end inside the row above it.

        The row printed 4 of its 7 cells and closed: its cells are left absent
        (or placed by the identities), never read from the left as if cut.
        """
        columns = ["natural_person", "commercial", "research", "public_interest"]
        columns += ["legal_service", "other_org", "total"]
        report = gr.generate("cut-row:1").with_cells(
            {
                f"t3.unable_not_held.{c}": v
                for c, v in zip(columns, [3, 0, 0, 0, 0, 0, 3], strict=True)
            }
        )
        text = markdown.dumps(report).split("\n", 2)[2]
        start = text.rindex("\n", 0, text.index("本机关不掌握")) + 1
        end = text.index("\n", start)
        label = text[start:end].split("|")[1].strip()
        row = f"| {label} | 3 |  | 0 | 3 |\n"

        whole = markdown.loads(text[:start] + row + "|---|---|---\n", lenient=True)
        cut = markdown.loads(text[:start] + row, lenient=True)

        assert [whole.cell(f"t3.unable_not_held.{c}") for c in columns] == [Cell()] * 7
        assert cut.cell("t3.unable_not_held.public_interest") == Cell(3)  # cut: read as printed
        assert whole.provenance is not None
        assert any(
            d.code == "missing_value" and d.line == text[:start].count("\n") + 1
            for d in whole.provenance.diagnostics
        )

    def test_empty_cells_ending_a_row_under_a_header_are_blank(self) -> None:
        """A GFM table's header names every column: an empty last cell is a blank cell there."""
        report = gr.generate("markdown-blanks:1").with_cells(
            {"t2.normative_documents.in_force": "", "t3.granted.total": ""}
        )
        text = markdown.dumps(report).split("\n", 2)[2]  # not the library's own dialect

        read = markdown.loads(text, lenient=True)

        assert read.cell("t2.normative_documents.in_force") == Cell(None, "")
        assert read.cell("t3.granted.total") == Cell(None, "")
        assert read.cells() == report.cells()

    def test_empty_cells_padding_a_converter_row_are_no_cells(self) -> None:
        """A row that lost a cell, padded to its table's width, is short: never left-aligned."""
        from govinfo_report.codecs._md_generic import _tokens
        from govinfo_report.codecs._sections import numbered_lines
        from govinfo_report.codecs._tokens import TokenKind

        lines = numbered_lines(
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
            "| 规章 | 22 |  | 4 |\n| 行政规范性文件 | 0 | 3 |  |\n"
            "| 行政规范性文件 | 22 | 235 |  |\n|---|---|---|---|\n"
            "| 1.属于国家秘密 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |  |\n|---|---|---|---|---|---|---|---|---|\n"
        )
        rows, row = [], []
        for token in _tokens(lines, 2):
            if token.kind is TokenKind.ROW_END:
                rows.append(" / ".join(row))
                row = []
            else:
                row.append(token.text or "·")

        assert rows[0].startswith("信息内容")
        assert rows[1] == "规章 / 22 / · / 4"  # inside the row: blank
        assert rows[2] == "行政规范性文件 / 0 / 3 / ·"  # last, under the header: blank
        assert rows[3] == "行政规范性文件 / 22 / 235"  # its own table, no header: padding
        assert rows[4] == "1.属于国家秘密 / 4 / 0 / 0 / 0 / 0 / 0 / 4"

    def test_table_four_header_padding_is_no_cell(self) -> None:
        """Bars padding table 四's header rows never become blank cells before its numbers.

        Pipe text with Markdown-like rows (``| 总计 | |||||``), a row of table 四
        that lost four cells: read as Markdown, the header's padding must not
        fill the row up to fifteen cells.
        """
        from govinfo_report.codecs._md_generic import loads_generic
        from govinfo_report.synthetic import render

        rendered = render(gr.generate("other:0"), "pipe_rows", noise={"drop": 0.3}, seed=0)
        assert "| 总计 | |||||" in rendered.text

        read = loads_generic(rendered.text, lenient=True)

        for path, cell in read.cells().items():
            if path.startswith("t4") and cell is not None:
                assert cell == rendered.report.value(path), path

    def test_separator_rows_are_no_prose(self) -> None:
        """A table's ``|---|`` rows belong to the table: they never end up in a section's text."""
        report = gr.generate("headless:3")
        text = markdown.dumps(report).split("\n", 2)[2]  # not the library's own dialect

        read = markdown.loads(text, lenient=True)

        for number in (2, 3, 4):
            assert "---" not in read.section(number).text


def test_rows_the_aligned_reading_took_are_no_prose() -> None:
    """Without its comment, table 四 of the library's Markdown is read by aligning its rows:
    those rows are cells, not the text of section 四."""
    for seed in (3, 4):
        report = gr.generate(seed)
        text = gr.dumps(report, format="markdown")
        bare = "\n".join(line for line in text.splitlines() if not line.startswith("<!--"))
        back = gr.loads(bare, format="markdown", lenient=True)

        assert back.provenance is not None
        assert "rows aligned" in (back.provenance.reading or "")
        assert back.cells() == report.cells()
        assert back.sections[3].text == report.sections[3].text
        assert "|" not in back.sections[3].text
