"""The HTML reader and writer (corpus 042: a page fragment with table 三 left unclosed)."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.cli._common import jsonable_value
from govinfo_report.codecs import html
from govinfo_report.schema import CELL_PATHS, Cell, Report, ReportMeta, Section
from govinfo_report.strategies import reports
from tests.conftest import CORPUS, expected

HTML_042 = (CORPUS / "042.html").read_text("utf-8")


def codes(report: Report) -> list[str]:
    """The codes of a report's diagnostics, in order."""
    assert report.provenance is not None
    return [d.code for d in report.provenance.diagnostics]


def tables(page: str) -> list[list[html.GridCell]]:
    """The grids of every table of *page*."""
    soup = BeautifulSoup(page, "lxml")
    return [html.table_grid(t) for t in soup.find_all("table")]


def by_text(grid: list[html.GridCell]) -> dict[str, tuple[int, int]]:
    """Label → (rowspan, colspan) of each cell of a grid."""
    return {cell.text: (cell.rowspan, cell.colspan) for cell in grid}


def size(grid: list[html.GridCell]) -> tuple[int, int]:
    """(rows, columns) a grid covers."""
    return (
        max(c.row + c.rowspan for c in grid),
        max(c.column + c.colspan for c in grid),
    )


def table2(*rows: str, header: str = "") -> str:
    """A table-二 fragment after its section heading."""
    return f"<p>二、主动公开政府信息情况</p><table>{header}{''.join(rows)}</table>"


class TestCorpus042:
    def test_cells_as_checked_by_hand(self) -> None:
        """Table 二 and rows 一/二 of table 三 are read exactly; everything after is absent."""
        report = html.loads(HTML_042, lenient=True, source="042.html")
        got = {path: jsonable_value(value) for path, value in report.cells().items()}

        assert expected("042")["cells"] == got
        assert report.t3.granted.natural_person == Cell()

    def test_the_unclosed_table_is_reported_as_cut_off(self) -> None:
        """Leniently, the text's end inside table 三 is a ``truncated`` diagnostic."""
        report = html.loads(HTML_042, lenient=True, source="042.html")

        assert codes(report) == ["truncated", "truncated"]
        assert report.provenance is not None
        assert "before the row '（一）予以公开'" in report.provenance.diagnostics[0].message

    def test_strict_reading_names_where_the_text_ends(self) -> None:
        """Strictly, the cut-off fragment is a ParseError naming file, line and table."""
        with pytest.raises(gr.ParseError) as caught:
            html.loads(HTML_042, source="042.html")

        assert (caught.value.source, caught.value.line, caught.value.table) == (
            "042.html",
            5,
            "三",
        )

    def test_sections_from_the_page_text(self) -> None:
        """The two headings of the fragment are found; the other sections are not in the text."""
        report = html.loads(HTML_042, lenient=True)

        assert [s.heading for s in report.sections] == [
            None,
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            None,
            None,
            None,
        ]

    def test_detected_and_read_through_the_registry(self) -> None:
        """``gr.loads`` recognises HTML and reads it with this codec."""
        report = gr.loads(HTML_042, lenient=True)

        assert gr.detect_format(HTML_042) == "html"
        assert report.provenance is not None
        assert report.provenance.format == "html"
        assert report.t2.admin_fees.amount == Cell(Decimal("18651.06"))


class TestPages:
    def test_page_chrome_around_the_article(self) -> None:
        """Head, scripts, navigation and footer are not tables; title and year come from the page."""
        page = (
            "<!DOCTYPE html><html><head><title>年报_平潭</title>"
            '<script>var s = "规章 9 9 9";</script><style>td{color:red}</style></head>'
            "<body><nav><ul><li>首页</li><li>政务公开</li></ul></nav>"
            "<div class='crumb'>当前位置：首页 &gt; 政府信息公开年报</div>"
            "<h1>平潭综合实验区2024年政府信息公开工作年度报告</h1><div class='article'>"
            f"{HTML_042}</table></div><footer><p>主办单位：平潭综合实验区</p></footer>"
            "</body></html>"
        )

        report = html.loads(page, lenient=True)

        assert report.cells() == html.loads(HTML_042, lenient=True).cells()
        assert report.meta.title == "平潭综合实验区2024年政府信息公开工作年度报告"
        assert (report.meta.agency, report.meta.year) == ("平潭综合实验区", 2024)
        assert "当前位置：首页 > 政府信息公开年报" in report.meta.preamble
        assert "var s" not in report.meta.preamble

    def test_numbers_split_across_runs(self) -> None:
        """``20</span><span>23``, ``<font>`` runs and one span per character read as printed."""
        page = table2(
            "<tr><td>规章</td><td><span>2</span><span>0</span></td>"
            "<td><font>4</font><font>52</font></td><td><b>0</b></td></tr>",
            "<tr><td><span>行</span><span>政</span><span>许</span><span>可</span></td>"
            "<td colspan='3'><p><span>20</span><span>23</span></p></td></tr>",
        )

        report = html.loads(page, lenient=True)

        assert report.t2.regulations.cells() == (Cell(20), Cell(452), Cell(0))
        assert report.t2.licensing.decisions == Cell(2023)

    def test_header_spans_differ_from_the_data_rows(self) -> None:
        """Cells are mapped by label and order, not grid column (S19's table 二)."""
        header = (
            "<tr><td colspan='6'>第二十条第（一）项</td></tr>"
            "<tr><td colspan='2'>信息内容</td><td>本年制发件数</td>"
            "<td colspan='2'>本年废止件数</td><td>现行有效件数</td></tr>"
        )
        page = table2(
            "<tr><td>规章</td><td colspan='2'>1</td><td>2</td><td colspan='2'>3</td></tr>",
            "<tr><td>行政规范性文件</td><td>4</td><td>5</td><td colspan='3'>6</td></tr>",
            header=header,
        )

        report = html.loads(page, lenient=True)

        assert report.t2.regulations.cells() == (Cell(1), Cell(2), Cell(3))
        assert report.t2.normative_documents.cells() == (Cell(4), Cell(5), Cell(6))

    def test_a_cell_that_is_not_a_number_names_its_place(self) -> None:
        """Strictly, ``六`` in a count cell is an error with the source line of its ``<td>``."""
        page = table2("<tr><td>规章</td><td>0</td>\n<td>0</td>\n<td>六</td></tr>")

        with pytest.raises(gr.ParseError) as caught:
            html.loads(page, source="page.html")

        assert str(caught.value) == (
            "page.html, line 3, table 二, row 规章, column 现行有效件数 "
            "(t2.regulations.in_force): not a number: expected a count, got '六'"
        )

    def test_a_cell_that_is_not_a_number_is_kept_leniently(self) -> None:
        """Leniently, the cell keeps its text, has no value, and is reported."""
        page = table2("<tr><td>规章</td><td>0</td><td>0</td><td>六</td></tr>")

        report = html.loads(page, lenient=True)

        assert report.t2.regulations.in_force == Cell(None, "六")
        assert "not_a_number" in codes(report)

    def test_blank_and_marker_cells(self) -> None:
        """``&nbsp;`` and ``<p></p>`` are blank, ``/`` is a marker: no value, text kept."""
        page = table2("<tr><td>规章</td><td>&nbsp;</td><td><p> </p></td><td>/</td></tr>")

        report = html.loads(page, lenient=True)

        assert report.t2.regulations.cells() == (Cell(None, ""), Cell(None, ""), Cell(None, "/"))

    def test_an_empty_page(self) -> None:
        """A page with no text is an error, or an empty report read leniently."""
        with pytest.raises(gr.ParseError, match="empty input"):
            html.loads("<html><body></body></html>")


class TestGrid:
    def test_spans_push_later_cells_right(self) -> None:
        """A rowspan from the row above shifts the next row's first cell to the right."""
        page = (
            "<table><tr><td rowspan='2'>a</td><td colspan='2'>b</td></tr>"
            "<tr><td>c</td><td>d</td></tr></table>"
        )

        grid = tables(page)[0]

        assert [(c.text, c.row, c.column) for c in grid] == [
            ("a", 0, 0),
            ("b", 0, 1),
            ("c", 1, 1),
            ("d", 1, 2),
        ]

    def test_the_writer_uses_the_official_spans(self) -> None:
        """Each table has the official grid and merged cells of SPEC §3."""
        report = html.loads(HTML_042, lenient=True)
        t2, t3, t4 = tables(html.dumps(report.with_cells({"t4.review.total": 0})))

        assert (size(t2), size(t3), size(t4)) == ((14, 4), (28, 10), (4, 15))
        spans2, spans3, spans4 = by_text(t2), by_text(t3), by_text(t4)
        assert spans2["第二十条第（一）项"] == (1, 4)
        assert spans2["本年处理决定数量"] == (1, 3)
        assert spans2["18651.06"] == (1, 3)
        assert spans3["三、本年度办理结果"] == (22, 1)
        assert [spans3[g] for g in ("（三）不予公开", "（四）无法提供", "（五）不予处理")] == [
            (8, 1),
            (3, 1),
            (5, 1),
        ]
        assert spans3["（六）其他处理"] == (3, 1)
        assert spans3["（一）予以公开"] == (1, 2)
        assert spans3["一、本年新收政府信息公开申请数量"] == (1, 3)
        assert spans3["申请人情况"] == (1, 7)
        assert spans3["法人或其他组织"] == (1, 5)
        assert spans3["自然人"] == (2, 1)
        assert spans3["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] == (
            3,
            3,
        )
        assert (spans4["行政复议"], spans4["行政诉讼"]) == ((1, 5), (1, 10))
        assert (spans4["未经复议直接起诉"], spans4["复议后起诉"]) == ((1, 5), (1, 5))


class TestMissingExtra:
    def test_reading_without_beautifulsoup(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without bs4 the reader says which extra to install, directly and through the registry."""
        monkeypatch.setitem(sys.modules, "bs4", None)

        with pytest.raises(gr.MissingExtraError) as direct:
            html.loads(HTML_042)
        with pytest.raises(gr.MissingExtraError) as registry:
            gr.loads(HTML_042, format="html")

        assert "python -m pip install 'govinfo-report[html]'" in str(direct.value)
        assert direct.value.extra == registry.value.extra == "html"

    def test_writing_needs_no_parser(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The writer builds markup itself: it works without bs4."""
        monkeypatch.setitem(sys.modules, "bs4", None)

        page = html.dumps(Report.from_cells({"t3.new_received.total": 26}))

        assert "<td>26</td>" in page


texts = st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=12)
# Any text, CJK letters included: a value printed like a label (``其他``) is still a value,
# as the grid of the official layout tells the value cells apart.
cell_texts = st.text(
    st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=12
)
cell_inputs = st.one_of(
    st.none(),
    st.integers(0, 10**12),
    cell_texts,
    st.sampled_from(["", "/", "—", "无", "6件", "六", "２６", "3.30", "22（其中修订16件）"]),
)


@st.composite
def any_reports(draw: st.DrawFn) -> Report:
    """A valid report with some cells, the metadata and the sections replaced by anything."""
    report = draw(reports(blanks=("zero", "blank", "slash")))
    cells = draw(st.dictionaries(st.sampled_from(CELL_PATHS[:185]), cell_inputs, max_size=25))
    cells |= draw(st.dictionaries(st.sampled_from(CELL_PATHS[185:]), cell_inputs, max_size=15))
    meta = ReportMeta(
        title=draw(st.none() | texts),
        agency=draw(st.none() | texts),
        year=draw(st.none() | st.integers(0, 9999)),
        format_version=draw(st.sampled_from(["2021", "2019"])),
        preamble=draw(texts),
    )
    sections = tuple(Section(n, draw(st.none() | texts), draw(texts)) for n in range(1, 7))
    return Report.from_cells(
        dict(zip(CELL_PATHS, report.flat_cells, strict=True)) | cells,
        meta=meta,
        sections=sections,
    )


class TestRoundTrip:
    @given(reports(blanks=("zero", "slash")))
    def test_valid_reports_read_back_exactly(self, report: Report) -> None:
        """``loads(dumps(r)) == r`` for valid reports, read strictly."""
        assert html.loads(html.dumps(report)) == report

    @given(any_reports())
    def test_any_report_reads_back_exactly(self, report: Report) -> None:
        """Any cells as printed, absent cells, headings and texts of any white space come back."""
        assert html.loads(html.dumps(report), lenient=True) == report
