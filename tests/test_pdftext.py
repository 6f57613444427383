"""PDF-extracted text: space-separated cells, broken header words and labels, page markers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.codecs import detect_format, pdftext, text
from govinfo_report.codecs._sections import PAGE_MARKER
from govinfo_report.strategies import reports
from tests.conftest import CORPUS, expected
from tests.test_text import as_json, valid_reports

SEED = text.loads((CORPUS / "seed-000.txt").read_text("utf-8"))


def pdf_like() -> str:
    """Seed 000 as a PDF extractor prints it: broken words, page furniture, repeated headers."""
    written = pdftext.dumps(SEED)
    edits = {
        # broken and interleaved header words of table 三
        "商业企业 科研机构 社会公益组织 法律服务机构 其他": "商 业 企 科研 社会公益 法 律 服 务 其他\n业 机构 组织 机构",
        # a label broken mid-word, over two lines
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 8": "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形） 8",
        "（三）不予公开 1.属于国家秘密": "（三）不\n予公开 1.属于国家秘密",
        # a page break: marker, running title, repeated header
        "5.属于三类内部事务信息": "- 4 -\nPage 5 - 北京市西城区卫生健康委员会2024年政府信息公开工作年度报告\n"
        "自然人 法人或其他组织 总计\n商 业 企 科研 社会公益 法 律 服 务 其他\n业 机构 组织 机构\n"
        "5.属于三类内部事务信息",
        "四、结转下年度继续办理 1 0 0 0 0 0 1": "四、结转下年度继续办理 1 0 0 0 0 0 1\n— 5 —\nP. 6",
        # table 四's header as corpus 023 prints it
        "行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n"
        "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计": (
            "行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n结果 结果 其他 尚未 总\n"
            "维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总\n"
            "维持 纠正 结果 审结 计 维持 纠正 结果 审结 计"
        ),
        # table 二 with a split block title
        "第二十条第（八）项": "第二十条 第（八）项",
    }
    for old, new in edits.items():
        assert old in written, old
        written = written.replace(old, new)
    return written


class TestCorpus023:
    def test_exact_cells(self) -> None:
        """Corpus 023 (flip-book page 8) gives table 四 and nothing else."""
        report = pdftext.loads((CORPUS / "023.txt").read_text("utf-8"), lenient=True)

        assert expected("023")["cells"] == {
            path: as_json(value) for path, value in report.cells().items()
        }

    def test_detected(self) -> None:
        """Page markers and number runs say PDF text."""
        assert detect_format((CORPUS / "023.txt").read_text("utf-8")) == "pdftext"

    def test_old_heading_wording_and_page_chrome(self) -> None:
        """``四、因政府信息公开工作被申请行政复议提起行政诉讼情况`` is section 四; page lines go."""
        report = pdftext.loads((CORPUS / "023.txt").read_text("utf-8"), lenient=True)

        assert report.section(4).heading == "四、因政府信息公开工作被申请行政复议提起行政诉讼情况"
        assert report.section(5).text.startswith("总结我局本年度政府信息公开工作")
        assert "P. 8" not in report.meta.preamble

    def test_strict_names_the_missing_table(self) -> None:
        """Strictly, a page without tables 二 and 三 is an error."""
        with pytest.raises(gr.ParseError, match="table 二: table missing"):
            pdftext.loads((CORPUS / "023.txt").read_text("utf-8"))


class TestPdfLike:
    def test_reads_exactly(self) -> None:
        """Broken words, page markers and repeated headers still give the seed's 200 cells."""
        report = pdftext.loads(pdf_like(), source="seed.pdf.txt")

        assert expected("seed-000")["cells"] == {
            path: as_json(value) for path, value in report.cells().items()
        }

    def test_detected(self) -> None:
        """The PDF-like text is detected as such."""
        assert detect_format(pdf_like()) == "pdftext"

    def test_page_markers(self) -> None:
        """The usual page furniture is recognised, prose is not."""
        for line in (
            "- 4 -",
            "— 12 —",
            "Page 8 - 某局2022年报告",
            "P. 8",
            "第 3 页",
            "第3页 共12页",
        ):
            assert PAGE_MARKER.match(line), line
        for line in ("一、总体情况", "0 0 0", "2024年"):
            assert not PAGE_MARKER.match(line), line

    def test_glued_header_words(self) -> None:
        """``信息内容本年处理决定数量`` printed as one word is two header cells."""
        glued = pdf_like().replace(
            "信息内容 本年处理决定数量\n行政许可", "信息内容本年处理决定数量\n行政许可"
        )

        assert pdftext.loads(glued).t2.licensing.decisions.value == 2731

    def test_a_letter_names_the_cell(self) -> None:
        """A bad value in PDF text is reported with its row and column."""
        damaged = pdf_like().replace("7.属于行政执法案卷 6 0", "7.属于行政执法案卷 6x 0")

        with pytest.raises(gr.ParseError, match=r"row 7.属于行政执法案卷, column 自然人"):
            pdftext.loads(damaged)

    def test_missing_number_is_placed_or_left_absent(self) -> None:
        """A row short of a number is never left-aligned."""
        damaged = pdf_like().replace(
            "一、本年新收政府信息公开申请数量 25 0 1 0 0 0 26",
            "一、本年新收政府信息公开申请数量 0 1 0 0 0 26",
        )
        row = pdftext.loads(damaged, lenient=True).t3.new_received

        assert [c.value for c in row.cells()] == [None, 0, 1, 0, 0, 0, 26]


class TestRoundTrip:
    def test_seeds(self, seed_name: str) -> None:
        """``loads(dumps(r)) == r`` for both seeds (bookmark artefacts included)."""
        report = text.loads((CORPUS / f"{seed_name}.txt").read_text("utf-8"))

        assert report == pdftext.loads(pdftext.dumps(report))

    def test_space_separated(self) -> None:
        """The writer prints a row as its labels and values separated by spaces."""
        assert "一、本年新收政府信息公开申请数量 25 0 1 0 0 0 26\n" in pdftext.dumps(SEED)

    @given(st.data())
    def test_generated_reports(self, data: st.DataObject) -> None:
        """Generated reports read back equal."""
        report = data.draw(valid_reports())

        assert report == pdftext.loads(pdftext.dumps(report))

    @given(reports(blanks=("zero", "slash")))
    def test_library_strategy(self, report: gr.Report) -> None:
        """Every report of ``govinfo_report.strategies.reports()`` reads back equal."""
        assert report == pdftext.loads(pdftext.dumps(report))


class TestVerticalLabels:
    def test_label_one_character_per_line(self) -> None:
        """``三、`` / ``本`` / ``年`` / ``度`` … (HA24) is the group label 三、本年度办理结果."""
        vertical = pdf_like().replace(
            "三、本年度办理结果 （一）予以公开", "三、\n本\n年\n度\n办\n理\n结\n果\n（一）予以公开"
        )
        report = pdftext.loads(vertical)

        assert report.t3.granted.total.value == 9
        assert expected("seed-000")["cells"] == {
            path: as_json(value) for path, value in report.cells().items()
        }

    def test_an_item_ordinal_ends_the_row_before_it(self) -> None:
        """A row whose label wraps below its values ends where the next item's ``1.`` begins.

        ``5.要求…重新出`` / ``具已获取 0 0`` / ``信息`` / ``1.申请人无正当理由`` /
        ``(六) 逾期不补正… 0 0 0 0 0``: two short rows, never one row of seven zeros.
        """
        text = pdftext.dumps(gr.generate("pdf-items:1"))
        lines = text.splitlines()
        five = next(i for i, t in enumerate(lines) if t.startswith("5.要求行政机关确认或重新出具"))
        assert "逾期不补正" in lines[five + 1]
        wrapped = (
            "5.要求行政机关确认或重新出\n具已获取 0 0\n信息\n1.申请人无正当理由\n"
            "(六) 逾期不补正、行政机关不再处理 0 0 0 0 0\n其政府信息公开申请\n其他处理"
        )
        lines[five : five + 2] = [wrapped]

        read = pdftext.loads("\n".join(lines), lenient=True)

        five_cells = [c.value for c in read.t3.not_processed_confirm_reissue.cells()]
        assert five_cells == [None] * 7  # two values for seven cells: left absent
        overdue_cells = [c.value for c in read.t3.other_no_correction.cells()]
        assert overdue_cells in ([None] * 7, [0] * 7)


def test_an_unclosed_group_ordinal_ends_the_row_before_it() -> None:
    """``3. 其他 2 2`` / ``（七`` / ``25 5 1 31`` / ``） 总计``: the 总计 row's values are not 其他's."""
    from govinfo_report.synthetic import render

    noise = {
        "split_labels": 0.47,
        "halfwidth": 0.06,
        "label_spaces": 0.78,
        "cell_notes": 0.11,
        "blank": 0.19,
        "slash": 0.36,
        "drop": 0.91,
    }
    rendered = render(gr.generate("combo3:19"), "pdf_text", noise=noise, seed=19)
    assert "3.  其他 2 2\n（七\n25 5 1 31\n） 总计" in rendered.text

    read = pdftext.loads(rendered.text, lenient=True)

    for path, value in read.cells().items():
        assert value in (None, rendered.report.value(path)), path


def test_markdown_rule_lines_are_no_cells() -> None:
    """``|---|---|`` read as PDF text: no ``---`` marker cells after a short row's values."""
    text = "\n".join(
        [
            "二、主动公开政府信息情况",
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "|---|---|---|---|",
            "| 行政规范性文件 | 10 |",
            "|---|---|",
        ]
    )
    read = pdftext.loads(text, lenient=True)

    assert all(cell.printed != "---" for cell in read.flat_cells)
    assert read.value("t2.normative_documents.issued") is None  # one value for three cells
