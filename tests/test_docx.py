"""Word documents: the reader (grids with gridSpan/vMerge, zip bounds) and the official-layout writer."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.codecs import docx
from govinfo_report.codecs._binary import binary_format
from govinfo_report.codecs.docx import ZipLimits
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import Report
from govinfo_report.strategies import reports
from tests.conftest import CORPUS
from tests.fuzzing_files import with_document


def _xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


class TestWriter:
    @settings(max_examples=10)
    @given(reports(blanks=("zero", "slash")))
    def test_reads_back_the_same_report(self, report: Report) -> None:
        """``loads(dumps(r)) == r``: cells as printed (``/`` and blanks included), meta, sections."""
        data = gr.dumps(report, format="docx")

        assert gr.loads(data) == report

    def test_absent_and_blank_cells(self) -> None:
        """A blank cell stays blank, an absent one absent (written ``[absent]``)."""
        report = gr.generate(seed=5).with_cells({"t3.granted.research": None})
        cells = dict(report.cells())
        cut = Report.from_cells(
            {p: v for p, v in cells.items() if p != "t4.review.upheld"},
            meta=report.meta,
            sections=report.sections,
        )

        assert gr.loads(gr.dumps(cut, format="docx"), lenient=True) == cut

    def test_official_layout(self) -> None:
        """Merged cells, repeated header rows and the note of 三 as the form prints them."""
        xml = _xml(gr.dumps(gr.generate(seed=1), format="docx"))

        assert 'w:gridSpan w:val="7"' in xml  # 申请人情况
        assert 'w:gridSpan w:val="15"' not in xml
        # 三: the note, 自然人, 总计, 三、本年度办理结果, （三）–（六）; 四: the five 复议 outcomes
        assert xml.count('w:vMerge w:val="restart"') == 8 + 5
        assert xml.count("<w:tblHeader") == 6  # three header rows of 三 and of 四
        assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in xml

    def test_fonts(self) -> None:
        """Title 方正小标宋简体, headings 黑体, text and tables 仿宋_GB2312, Latin Times New Roman."""
        xml = _xml(gr.dumps(gr.generate(seed=1), format="docx"))
        east_asian = set(re.findall(r'w:eastAsia="([^"]+)"', xml))

        assert {"方正小标宋简体", "黑体", "仿宋_GB2312"} == east_asian
        assert 'w:ascii="Times New Roman"' in xml

    def test_same_report_same_bytes(self) -> None:
        report = gr.generate(seed=2)

        assert gr.dumps(report, format="docx") == gr.dumps(report, format="docx")

    def test_303_through_word(self, tmp_path: Path) -> None:
        """The PDF converted to Word on the command line reads back as the same report."""
        out = tmp_path / "303.docx"

        assert main(["convert", str(CORPUS / "303.pdf"), "--to", "docx", "-o", str(out)]) == 0
        assert gr.load(CORPUS / "303.pdf") == gr.load(out)
        assert binary_format(out.read_bytes()) == "docx"


class TestReader:
    def test_a_document_not_written_here(self) -> None:
        """A title on two centred lines, numbered headings, table 二 with merged block titles."""
        import docx as python_docx
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        document = python_docx.Document()
        for line in ("淮安市人民政府", "2024年政府信息公开工作年度报告"):
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
        document.add_paragraph("一、总体情况")
        document.add_paragraph("2024年，我市……")
        document.add_paragraph("二、主动公开政府信息情况")
        rows = [
            ["第二十条第（一）项"],
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "1", "0", "11"],
            ["行政规范性文件", "8", "26", "66"],
            ["第二十条第（五）项"],
            ["信息内容", "本年处理决定数量"],
            ["行政许可", "447228"],
        ]
        table = document.add_table(rows=len(rows), cols=4)
        for r, row in enumerate(rows):
            if len(row) == 1:
                table.cell(r, 0).merge(table.cell(r, 3)).text = row[0]
            elif len(row) == 2:
                table.cell(r, 0).text = row[0]
                table.cell(r, 1).merge(table.cell(r, 3)).text = row[1]
            else:
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        out = io.BytesIO()
        document.save(out)

        report = gr.loads(out.getvalue(), lenient=True)

        assert (report.meta.agency, report.meta.year) == ("淮安市人民政府", 2024)
        assert report.t2.regulations.in_force.value == 11
        assert report.t2.normative_documents.repealed.value == 26
        assert report.t2.licensing.decisions.value == 447228
        assert report.t2.punishment.decisions.value is None
        assert "truncated" in {d.code for d in report.provenance.diagnostics}

    def test_vertical_merges_read_once(self) -> None:
        """``三、本年度办理结果`` merged down 22 rows is one label, read with the first row."""
        data = gr.dumps(gr.generate(seed=3), format="docx")

        assert gr.loads(data).t3 == gr.generate(seed=3).t3


class TestRefused:
    def test_zip_bomb(self) -> None:
        """A part that inflates hundreds of times its size is refused before it is inflated."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", " " * 4_000_000)

        with pytest.raises(ParseError, match=r"^bomb\.docx: archive refused .*zip bomb"):
            docx.loads(out.getvalue(), source="bomb.docx")

    def test_oversized_part(self) -> None:
        data = gr.dumps(gr.generate(seed=1), format="docx")

        with pytest.raises(
            ParseError, match=r"big\.docx: archive refused .*parts of at most 1000"
        ):
            docx.loads(data, source="big.docx", limits=ZipLimits(max_part=1000))

    def test_oversized_file(self) -> None:
        data = gr.dumps(gr.generate(seed=1), format="docx")

        with pytest.raises(ParseError, match=r"big\.docx: file too large"):
            docx.loads(data, source="big.docx", limits=ZipLimits(max_bytes=1000))

    def test_damaged(self, tmp_path: Path) -> None:
        """A Word file cut short names the file."""
        path = tmp_path / "cut.docx"
        path.write_bytes(gr.dumps(gr.generate(seed=1), format="docx")[:3000])

        with pytest.raises(ParseError, match=r"cut\.docx: damaged file"):
            docx.loads(path.read_bytes(), source=str(path))
        for lenient in (False, True):  # told from its bytes: a damaged zip archive, no text
            with pytest.raises(ParseError, match=r"cut\.docx: damaged file: not a readable zip"):
                gr.load(path, lenient=lenient)

    @pytest.mark.parametrize("field", ["extract_version", "compress_type"])
    def test_a_zip_feature_zipfile_does_not_know(self, field: str) -> None:
        """A central directory declaring a zip version or compression method that zipfile does
        not know (a damaged header, as often as not): zipfile raises NotImplementedError, at
        opening or at reading the part; refused as damaged, never that exception."""
        data = bytearray(gr.dumps(gr.generate(seed=1), format="docx"))
        entry = data.index(b"PK\x01\x02")  # the first part's entry in the central directory
        offset, value = {"extract_version": (6, 148), "compress_type": (10, 99)}[field]
        data[entry + offset : entry + offset + 2] = value.to_bytes(2, "little")

        for lenient in (False, True):
            with pytest.raises(ParseError, match=r"^x\.docx: damaged"):
                gr.loads(bytes(data), source="x.docx", lenient=lenient)
            with pytest.raises(ParseError, match=r"^x\.docx: damaged"):
                docx.loads(bytes(data), source="x.docx", lenient=lenient)

    def test_text_is_not_a_word_file(self) -> None:
        with pytest.raises(gr.InvalidArgument):
            gr.loads("一、总体情况", format="docx")


def _rewritten(data: bytes, old: str, new: str) -> bytes:
    """The Word file *data* with the first *old* of its document XML replaced by *new*."""

    def change(xml: str) -> str:
        assert old in xml
        return xml.replace(old, new, 1)

    return with_document(data, change)


class TestDamagedXml:
    """Mutations of the document XML that the fuzz suite met: refused or read, never a crash."""

    @pytest.mark.parametrize("value", ["9" * 5000, "99999999", "²", "١", "-2", "x"])
    def test_a_span_that_is_no_small_number(self, value: str) -> None:
        """A ``gridSpan`` of thousands of digits or of no ASCII digits: a span, not a ValueError."""
        report = gr.generate(seed=1)
        data = gr.dumps(report, format="docx")
        # the last cell of table 四's last row: nothing on its right to shift
        xml = _xml(data)
        last_cell = xml.rindex("<w:tc>")
        damaged = _rewritten(
            data,
            xml[last_cell:],
            xml[last_cell:].replace(
                "<w:tc><w:tcPr>", f'<w:tc><w:tcPr><w:gridSpan w:val="{value}"/>', 1
            ),
        )

        assert gr.loads(damaged).t4 == report.t4

    def test_a_document_without_its_body(self) -> None:
        """A document whose root is no ``w:document`` holding a ``w:body``: refused, naming it."""
        data = gr.dumps(gr.generate(seed=1), format="docx")
        damaged = _rewritten(data, "<w:body>", "<w:bodx>")
        damaged = _rewritten(damaged, "</w:body>", "</w:bodx>")
        renamed = _rewritten(data, "<w:document ", "<w:documenx ")
        renamed = _rewritten(renamed, "</w:document>", "</w:documenx>")

        with pytest.raises(ParseError, match=r"^a\.docx: damaged Word document.*w:body"):
            docx.loads(damaged, source="a.docx")
        with pytest.raises(ParseError, match=r"^b\.docx: damaged Word document.*w:document"):
            docx.loads(renamed, source="b.docx")
