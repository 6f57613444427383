"""The PDF reader: tables from the page geometry, what a PDF cannot give said, never zeroed."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.cli._common import jsonable_value
from govinfo_report.codecs import pdf
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import Report, Severity
from govinfo_report.strategies import reports
from tests.conftest import CORPUS, expected
from tests.pdfmaker import make_pdf

PDF_303 = CORPUS / "303.pdf"
PDFS = Path(__file__).parent / "fixtures" / "pdf"


def _report(seed: int) -> Report:
    return gr.generate(seed=seed)


class TestRealPdf:
    def test_303_reads_every_cell(self) -> None:
        """淮安市人民政府 2024: all 200 cells as hand-checked, strictly, with agency and year."""
        truth = expected("303")
        report = gr.load(PDF_303)

        assert truth["cells"] == {p: jsonable_value(v) for p, v in report.cells().items()}
        assert (truth["agency"], truth["year"]) == (report.meta.agency, report.meta.year)
        assert report.provenance.format == "pdf"

    def test_303_sections_and_prose(self) -> None:
        """The six headings; table sections hold no table text; wrapped prose lines are joined."""
        report = gr.load(PDF_303)

        assert [s.heading for s in report.sections] == [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
        assert tuple(report.sections[n].text for n in (1, 2, 3)) == ("", "", "")
        assert "全年收取政府信息公开信息处理费3940元。" in report.sections[5].text
        first, second = report.sections[0].text.split("\n")[:2]  # justified lines joined
        assert first.startswith("2024年，我市坚持")
        assert first.endswith("圆满完成了各项任务。")
        assert second.startswith("（一）主动公开情况。")
        assert "- 5 -" not in report.sections[4].text

    def test_303_cells_keep_page_and_box(self) -> None:
        """Every cell keeps the page and the box it was printed in."""
        origins = gr.load(PDF_303).provenance.cells

        assert len(origins) == 200
        assert origins["t2.regulations.issued"].page == 3
        assert origins["t2.punishment.decisions"].page == 4  # table 二 runs on to page 4
        assert origins["t3.unable_needs_creation.total"].page == 5  # table 三 to page 5
        x0, top, x1, bottom = origins["t4.suit_after_review.total"].box or (0, 0, 0, 0)
        assert 0 < x0 < x1 <= 595
        assert 0 < top < bottom <= 842

    def test_cli_reads_a_pdf(self) -> None:
        """Every command reads a PDF: the format is told by the file's bytes."""
        done = subprocess.run(
            [sys.executable, "-m", "govinfo_report", "validate", str(PDF_303)],
            capture_output=True,
            text=True,
            check=False,
        )

        assert done.returncode == 0, done.stderr
        assert "OK" in done.stdout


class TestOtherProducers:
    @pytest.mark.parametrize("name", ["libreoffice-1", "libreoffice-2"])
    def test_word_documents_printed_by_libreoffice(self, name: str) -> None:
        """This library's Word documents printed to PDF by LibreOffice (embedded fonts, rows of
        三 broken across pages under a repeated header) read back as the report they hold."""
        truth = gr.loads((PDFS / f"{name}.expected.json").read_text("utf-8"))

        assert truth == gr.load(PDFS / f"{name}.pdf")


class TestGeneratedPdf:
    @pytest.mark.parametrize("seed", [1, 2])
    def test_reads_back_the_report(self, seed: int) -> None:
        """A drawn PDF (wrapped labels, 三 across pages with repeated headers, page numbers)."""
        report = _report(seed)
        back = gr.loads(make_pdf(report))

        assert report == back

    def test_digits_on_two_lines_that_were_not_wrapped(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``28`` and a ``0`` on the line under it, in a wide cell: no number was wrapped there,
        so the cell is not read as 280 (a number wrapped in a full line is: see LibreOffice)."""
        import tests.pdfmaker

        report = _report(1).with_cells({"t3.total_processed.natural_person": 7777})
        escape = tests.pdfmaker._escape
        monkeypatch.setattr(
            tests.pdfmaker, "_escape", lambda text: "28<br/>0" if text == "7777" else escape(text)
        )
        data = make_pdf(report)

        back = gr.loads(data, lenient=True)

        assert back.t3.total_processed.natural_person.value is None
        said = [d.message for d in back.provenance.diagnostics if d.code == "extra_values"]
        assert len(said) == 1
        assert "row （七）总计: 8 values for 7 columns" in said[0]
        assert "got '28 0 " in said[0]
        with pytest.raises(ParseError, match="（七）总计"):
            gr.loads(data)

    def test_a_glyph_mapped_to_no_character_is_no_digit(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A font that maps one glyph to no character (pdfminer prints ``(cid:23)``, the glyph's
        number): no number is read from that number; the cells printing it are left to the
        identities, and the reading says how many glyphs it could not read and where."""
        import pdfplumber
        from pdfminer.pdffont import PDFCIDFont, PDFUnicodeNotDefined

        report = _report(1)
        data = make_pdf(report)
        with pdfplumber.open(io.BytesIO(data)) as printed:
            pages = [
                [c["text"] for c in page.chars if c["text"].strip()] for page in printed.pages
            ]
        count = sum(page.count("7") for page in pages)
        where = ", ".join(str(n) for n, page in enumerate(pages, start=1) if "7" in page)
        to_unichr = PDFCIDFont.to_unichr

        def without_seven(font: PDFCIDFont, cid: int) -> str:
            text = to_unichr(font, cid)
            if text == "7":
                raise PDFUnicodeNotDefined(None, cid)
            return text

        monkeypatch.setattr(PDFCIDFont, "to_unichr", without_seven)
        back = gr.loads(data, lenient=True)

        sevens = {
            path
            for path, value in report.cells().items()
            if value is not None and "7" in str(value)
        }
        assert sevens  # the report prints a 7 in some cells
        origins = back.provenance.cells
        for path, value in back.cells().items():
            if path in sevens:
                assert value is None or origins[path].inferred, (path, value)
            else:
                assert value == report.cells()[path], path
        said = [d for d in back.provenance.diagnostics if d.code == "unmapped_glyphs"]
        assert len(said) == 1
        assert said[0].severity is Severity.WARNING
        total = f"{sum(map(len, pages)):,}"
        assert said[0].message.startswith(f"{count} of {total} characters (pages {where}) are")
        with pytest.raises(ParseError, match="\ufffd"):
            gr.loads(data)

    def test_digits_further_apart_than_a_digit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """``28``, a gap of 4.8 pt (wider than a digit, 3.7 pt, narrower than the font size that
        splits words, 8 pt), ``0``: not 280."""
        import tests.pdfmaker

        report = _report(1).with_cells({"t3.total_processed.natural_person": 7777})
        escape = tests.pdfmaker._escape
        spaced = '28<font name="Courier"> </font>0'  # a space of 4.8 pt
        monkeypatch.setattr(
            tests.pdfmaker, "_escape", lambda text: spaced if text == "7777" else escape(text)
        )

        back = gr.loads(make_pdf(report), lenient=True)

        assert back.t3.total_processed.natural_person.value is None
        assert any("got '28 0 " in d.message for d in back.provenance.diagnostics)

    @pytest.mark.parametrize("seed", [1, 4])
    def test_tables_without_rules(self, seed: int) -> None:
        """No rules: rows and columns from the aligned words, wrapped and vertical labels joined."""
        report = _report(seed)
        back = gr.loads(make_pdf(report, rules=False))

        assert report == back
        assert all(origin.page for origin in back.provenance.cells.values())

    @pytest.mark.parametrize("seed", [1, 5])
    def test_blank_cells_without_rules_stay_absent(self, seed: int) -> None:
        """Without rules a blank cell cannot be seen: its row's cells are absent, never shifted."""
        report = gr.generate(seed=seed, blanks="blank")
        back = gr.loads(make_pdf(report, rules=False), lenient=True)
        inferred = back.provenance.inferred

        read = [p for p, cell in zip(back.cells(), back.flat_cells, strict=True) if cell.printed]
        assert read
        assert [p for p in read if p not in inferred and back.cell(p) != report.cell(p)] == []
        assert any(d.code == "missing_value" for d in back.provenance.diagnostics)

    def test_tables_without_their_outer_box(self) -> None:
        """Only the inner rules drawn: the outer rows and columns are closed where the rules end."""
        report = _report(1)

        assert report == gr.loads(make_pdf(report, rules="inner"))

    def test_a_missing_rule_between_two_values(self) -> None:
        """Two values in one ruled box (the rule between them missing) are two cells."""
        report = _report(2)

        assert report == gr.loads(make_pdf(report, open_columns=frozenset({5})))

    @settings(max_examples=5)
    @given(reports(blanks=("zero", "slash")))
    def test_property_cells_and_meta_read_back(self, report: Report) -> None:
        """Every PDF made from a report gives back its cells (``/`` included) and metadata."""
        back = gr.loads(make_pdf(report))

        assert (report.cells(), report.meta) == (back.cells(), back.meta)

    def test_a_table_printed_as_an_image_is_reported(self) -> None:
        """Table 三 as a picture: strict reading refuses naming the page; lenient leaves it absent."""
        report = _report(3)
        data = make_pdf(report, image_tables=frozenset({"t3"}))

        with pytest.raises(ParseError, match=r"table 三 is printed as an image .*page \d"):
            gr.loads(data)
        back = gr.loads(data, lenient=True)
        assert {"table_image"} == {
            d.code for d in back.provenance.diagnostics if d.severity.value == "error"
        }
        assert all(back.cell(p).value is None for p in report.cells() if p.startswith("t3."))
        assert report.t2 == back.t2
        assert report.t4 == back.t4


class TestStrict:
    def test_a_cell_that_is_no_number_names_file_page_and_cell(self) -> None:
        report = _report(1).with_cells({"t3.granted.research": "1o"})

        with pytest.raises(ParseError) as caught:
            gr.loads(make_pdf(report), source="bad.pdf")

        message = str(caught.value)
        assert message.startswith("bad.pdf, line ")
        assert "(t3.granted.research): page 3: not a number: expected a count, got '1o'" in message
        assert caught.value.path == "t3.granted.research"

    def test_lenient_keeps_it_as_printed(self) -> None:
        report = _report(1).with_cells({"t3.granted.research": "1o"})

        back = gr.loads(make_pdf(report), lenient=True)

        assert report == back
        assert any(d.message.startswith("page 3: ") for d in back.provenance.diagnostics)


class TestRefused:
    def test_not_a_pdf(self) -> None:
        with pytest.raises(ParseError, match="not a PDF"):
            pdf.loads(b"hello", source="x.pdf")

    def test_damaged(self) -> None:
        """A PDF cut in half is a clear error naming the file."""
        data = PDF_303.read_bytes()[:5000]

        with pytest.raises(ParseError, match=r"^cut\.pdf: damaged PDF"):
            pdf.loads(data, source="cut.pdf")

    def test_damaged_page_box(self) -> None:
        """A page whose box holds a name among its numbers: refused, not a traceback.

        pdfplumber fails on such a page again when the document is closed;
        that second failure must not replace the error naming the file.
        """
        data = make_pdf(_report(1), compress=False).replace(
            b"/MediaBox [ 0 0 595.2756 841.8898 ]", b"/MediaBox [ 0 0 595.2756 841.0 /Q 8898 ]", 1
        )

        with pytest.raises(
            ParseError, match=r"^box\.pdf: damaged PDF.*MalformedPDFException: Bounding box"
        ):
            pdf.loads(data, source="box.pdf")

    @pytest.mark.parametrize("configured", [False, True])
    def test_damaged_stream_warnings_only_where_logging_is_set_up(self, configured: bool) -> None:
        """pdfminer's warnings on a damaged stream stay out of the stderr of a program
        that set up no logging; one that did still gets them."""
        code = (
            "import logging, sys, govinfo_report as gr\n"
            + ("logging.basicConfig()\n" if configured else "")
            + "data = bytearray(open(sys.argv[1], 'rb').read())\n"
            "data[3926] ^= 0xFF  # inside a font's stream: pdfminer warns of its FontBBox\n"
            "gr.loads(bytes(data), format='pdf', lenient=True, source='x.pdf')\n"
        )
        run = subprocess.run(
            [sys.executable, "-c", code, str(PDF_303)], capture_output=True, text=True, check=True
        )

        assert ("WARNING:pdfminer" in run.stderr) == configured
        assert run.stderr == "" or configured

    @pytest.mark.parametrize("configured", [False, True])
    def test_metadata_warnings_only_where_logging_is_set_up(self, configured: bool) -> None:
        """pdfplumber's warning on metadata it cannot resolve (an Author that refers to the
        document's own Info dictionary) stays out of stderr unless logging is set up."""
        data = make_pdf(_report(1), compress=False)
        old = rb"/Author (\(anonymous\))"
        looped = data.replace(old, b"/Author [9 0 R]".ljust(len(old)), 1)  # 9 0 obj is /Info
        assert looped != data
        assert b"/Info 9 0 R" in data
        code = (
            "import logging, sys, govinfo_report as gr\n"
            + ("logging.basicConfig()\n" if configured else "")
            + "report = gr.loads(sys.stdin.buffer.read(), format='pdf')\n"
            "print(report.t2.licensing.decisions.value)\n"
        )
        run = subprocess.run(
            [sys.executable, "-c", code], input=looped, capture_output=True, check=True
        )

        assert run.stdout.decode().strip() == str(_report(1).t2.licensing.decisions.value)
        assert (
            b'WARNING:pdfplumber.pdf:[WARNING] Metadata key "Author"' in run.stderr
        ) == configured
        assert run.stderr == b"" or configured

    def test_damage_the_parser_reads_past_is_said(self) -> None:
        """A font the parser cannot resolve: the lenient reading says the PDF is damaged."""
        data = bytearray(PDF_303.read_bytes())
        data[3926] ^= 0xFF  # inside a font's stream: its glyphs read as (cid:0)

        report = pdf.loads(bytes(data), source="x.pdf", lenient=True)
        clean = pdf.loads(PDF_303.read_bytes(), source="303.pdf", lenient=True)

        first = report.provenance.diagnostics[0]
        assert first.code == "pdf_damaged"
        assert first.severity == Severity.WARNING
        assert "warned 1 time(s), first: Could not get FontBBox" in first.message
        assert "pdf_damaged" not in {d.code for d in clean.provenance.diagnostics}

    def test_damage_is_said_of_the_damaged_pdf_only(self) -> None:
        """Read side by side in threads, a clean PDF hears nothing of a damaged one's warnings."""
        from concurrent.futures import ThreadPoolExecutor

        damaged = bytearray(PDF_303.read_bytes())
        damaged[3926] ^= 0xFF
        clean = make_pdf(_report(1))
        inputs = [bytes(damaged), clean] * 4

        with ThreadPoolExecutor(4) as pool:
            reports = list(pool.map(lambda d: pdf.loads(d, lenient=True), inputs))

        said = ["pdf_damaged" in {d.code for d in r.provenance.diagnostics} for r in reports]
        assert said == [True, False] * 4

    def test_encrypted(self) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        out = io.BytesIO()
        page = canvas.Canvas(out, pagesize=A4, encrypt="secret")
        page.drawString(72, 720, "report")
        page.save()

        with pytest.raises(ParseError, match=r"^locked\.pdf: encrypted PDF"):
            pdf.loads(out.getvalue(), source="locked.pdf")

    def test_scanned(self) -> None:
        """A PDF of images only has no text layer: refused strictly, empty and said leniently."""
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import SimpleDocTemplate

        from tests.pdfmaker import _picture

        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=A4).build([_picture(400)])

        with pytest.raises(ParseError, match="no text layer"):
            pdf.loads(out.getvalue(), source="scan.pdf")
        report = pdf.loads(out.getvalue(), source="scan.pdf", lenient=True)
        assert [d.code for d in report.provenance.diagnostics] == ["scanned"]
        assert all(v is None for v in report.cells().values())

    def test_text_whose_fonts_map_no_character(self) -> None:
        """A font embedded without a Unicode map (its glyphs known only by number: pdfminer
        gives ``(cid:19996)``): a text mostly of such glyphs cannot be read without OCR."""
        data = make_pdf(_report(1), compress=False)
        assert data.count(b"/Encoding /UniGB-UCS2-H") == 1
        # the same lengths: every object stays where the cross-reference table says
        unmapped = data.replace(b"/Encoding /UniGB-UCS2-H", b"/Encoding /Identity-H  ")
        unmapped = unmapped.replace(b"/Ordering (GB1)", b"/Ordering (Idt)")

        with pytest.raises(ParseError) as refused:
            pdf.loads(unmapped, source="u.pdf")
        assert str(refused.value).startswith(
            "u.pdf: text without characters: its fonts map the glyphs to no character"
        )
        assert re.search(r"got '[\d,]+ of [\d,]+ characters unmapped'", str(refused.value))
        report = pdf.loads(unmapped, source="u.pdf", lenient=True)
        assert [d.code for d in report.provenance.diagnostics] == ["unmapped_text"]
        assert all(v is None for v in report.cells().values())

    def test_nothing_drawn_is_no_scan(self) -> None:
        """Pages with neither text nor pictures are not called a scan: empty or damaged."""
        from reportlab.pdfgen.canvas import Canvas

        out = io.BytesIO()
        canvas = Canvas(out)
        canvas.showPage()
        canvas.save()

        with pytest.raises(ParseError, match=r"^blank\.pdf: no text on any page: an empty PDF"):
            pdf.loads(out.getvalue(), source="blank.pdf")
        report = pdf.loads(out.getvalue(), source="blank.pdf", lenient=True)
        assert [d.code for d in report.provenance.diagnostics] == ["no_text"]

    def test_nothing_read_from_a_damaged_pdf_quotes_the_parser(self) -> None:
        """Every object two bytes off where the cross-reference table says: nothing is read,
        and the refusal says what the parser warned of."""
        data = make_pdf(_report(1), compress=False)
        old = rb"/Author (\(anonymous\))"
        shifted = data.replace(old, b"/Author (x)".ljust(len(old) - 2), 1)

        with pytest.raises(ParseError, match=r"^s\.pdf: no text on any page.*the parser warned"):
            pdf.loads(shifted, source="s.pdf")

    def test_a_page_ruled_into_too_many_cells(self) -> None:
        """A page ruled 120 x 120 (14,641 crossings): refused by its rules, before pdfplumber
        searches the crossings for cells (time growing with their square); 60 x 60 is read,
        unless the limit is set lower."""
        from reportlab.pdfgen.canvas import Canvas

        def grid(n: int) -> bytes:
            out = io.BytesIO()
            canvas = Canvas(out)
            for i in range(n + 1):
                canvas.line(20, 20 + 6 * i, 20 + 6 * n, 20 + 6 * i)
                canvas.line(20 + 6 * i, 20, 20 + 6 * i, 20 + 6 * n)
            canvas.drawString(20, 800, "一、总体情况")
            canvas.showPage()
            canvas.save()
            return out.getvalue()

        with pytest.raises(
            ParseError,
            match=r"^g\.pdf: page 1 is ruled into too many cells.*10,000.*max_crossings.*14,641",
        ):
            pdf.loads(grid(120), source="g.pdf", lenient=True)
        assert pdf.loads(grid(60), lenient=True).t2.present is False
        with pytest.raises(ParseError, match=r"at most 3,000 crossings.*3,721"):
            pdf.loads(grid(60), lenient=True, limits=pdf.PdfLimits(max_crossings=3_000))

    def test_a_file_too_large_is_refused_before_it_is_read(self) -> None:
        """A PDF over the limit is refused by its size, naming the file and the limit."""
        assert gr.codecs.FORMATS["pdf"].max_bytes == gr.codecs.MAX_FILE_BYTES

        with pytest.raises(
            gr.InputTooLarge, match=r"303\.pdf: input too large: .* over the limit \(1,000 bytes\)"
        ):
            gr.load(PDF_303, max_bytes=1000)

    def test_limits(self) -> None:
        """Size and page limits are checked before the pages are read."""
        data = PDF_303.read_bytes()

        with pytest.raises(ParseError, match="PDF too large"):
            pdf.loads(data, limits=pdf.PdfLimits(max_bytes=1000))
        with pytest.raises(ParseError, match=r"too many pages: expected at most 2 pages, got '6"):
            pdf.loads(data, limits=pdf.PdfLimits(max_pages=2))
        with pytest.raises(ParseError, match="takes too long"):
            pdf.loads(data, limits=pdf.PdfLimits(max_seconds=0))


class TestImageTables:
    def test_a_table_and_its_heading_printed_as_one_picture(self) -> None:
        """Section 三's heading is in the picture too: the table is still reported as an image."""
        from govinfo_report.codecs._flow import read_flow
        from govinfo_report.codecs._grid import FlowItem, GridCell

        def row(*texts: str) -> FlowItem:
            cells = tuple(
                GridCell(0, i, 1, 1, t, 1, (i, 0, i + 1, 1)) for i, t in enumerate(texts)
            )
            return FlowItem("row", " ".join(texts), 1, (0, 0, 9, 1), cells)

        items = [
            FlowItem("prose", "二、主动公开政府信息情况", 1),
            row("第二十条第（一）项"),
            row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            row("规章", "1", "0", "11"),
            FlowItem("image", "", 2, (60, 80, 520, 700)),
            FlowItem("prose", "四、政府信息公开行政复议、行政诉讼情况", 3),
        ]

        with pytest.raises(ParseError, match="table 三 is printed as an image on page 2"):
            read_flow(items, format="pdf", source="x.pdf", lenient=False)
        report = read_flow(items, format="pdf", source="x.pdf", lenient=True)
        assert report.t2.regulations.in_force.value == 11
        assert "table_image" in {d.code for d in report.provenance.diagnostics}


_COORDINATES = st.one_of(
    st.floats(-50, 900, allow_nan=False),
    st.sampled_from(
        [0.0, 16.0, 32.0, -16.0, 1e12, -1e12, 1e30, -1e300, float("inf"), float("nan")]
    ),
)


@settings(max_examples=300)
@given(
    boxes=st.lists(st.tuples(*[_COORDINATES] * 4), max_size=12),
    points=st.lists(st.tuples(_COORDINATES, _COORDINATES), min_size=1, max_size=8),
)
def test_cell_index_finds_the_first_cell_holding_a_point(
    boxes: list[tuple[float, float, float, float]], points: list[tuple[float, float]]
) -> None:
    """The index of a page's cells gives what testing every cell in order gives: on square
    boundaries, for boxes over many squares or none, and for coordinates that are not finite."""
    from govinfo_report.codecs._grid import GridCell
    from govinfo_report.codecs._pdf_page import _CellIndex

    cells = [GridCell(0, i, 1, 1, "", 1, box) for i, box in enumerate(boxes)]
    index = _CellIndex(cells)

    for x, y in points:
        first = next(
            (c for c in cells if c.box[0] <= x <= c.box[2] and c.box[1] <= y <= c.box[3]), None
        )
        assert index.find(x, y) is first


_CHAR = st.fixed_dictionaries(
    {
        "text": st.sampled_from(["1", "2", "表", " "]),
        "upright": st.booleans(),
        "fontname": st.sampled_from(["A", "B"]),
        "size": st.sampled_from([8.0, 10.5]),
        "doctop": st.sampled_from([0.0, 0.5, 1.0, 1.5, 3.0, 10.0]),
        "x0": st.sampled_from([0.0, 0.4, 1.0, 2.5, 7.0]),
    }
)


_TWICE = {"text": "1", "upright": True, "fontname": "A", "size": 8.0, "doctop": 0.0, "x0": 0.5}


@settings(max_examples=300)
@given(chars=st.lists(_CHAR, max_size=40))
@example(chars=[{**_TWICE, "x0": 1.0}, {**_TWICE}, {**_TWICE}, {**_TWICE, "text": "2"}])
def test_unique_chars_keeps_what_pdfplumber_keeps(chars: list[dict[str, object]]) -> None:
    """The overprinted characters dropped as pdfplumber's ``dedupe_chars`` drops them: the same
    characters in the same order, exact duplicates and chains of near ones included."""
    from pdfplumber.utils.text import dedupe_chars

    from govinfo_report.codecs._pdf_page import unique_chars

    kept = unique_chars(chars)  # type: ignore[arg-type]

    assert kept == dedupe_chars(chars)  # type: ignore[arg-type]
    assert [id(c) for c in kept] == [id(c) for c in dedupe_chars(chars)]  # type: ignore[arg-type]
