"""Hostile and damaged input: a library error or a faithful reading, never a crash or a new number.

The inputs in ``fixtures/fuzz/`` are the ones a fuzz run found crashing
the readers (huge integers, deep markup, cut UTF-16) or reading numbers
that are not printed (footnote marks, digits of other scripts).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.codecs import DEFAULT_MAX_BYTES, FORMATS, decode, iter_load, iter_loads
from govinfo_report.codecs import jsonl as gr_jsonl
from govinfo_report.exceptions import InputTooLarge, ParseError, excerpt

from .conftest import SEEDS

FUZZ = Path(__file__).parent / "fixtures" / "fuzz"


def _seed() -> gr.Report:
    return gr.load(SEEDS["seed-000"])


class TestHugeNumbers:
    def test_cell_of_4301_digits_is_not_a_number(self) -> None:
        """A 4,301-digit cell (past Python's int limit) is text, not a crash."""
        cell = gr.Cell.parse("9" * 4301)

        assert cell.value is None
        assert cell.printed == "9" * 4301

    def test_the_largest_number_read(self) -> None:
        """MAX_DIGITS digits are a number; one more is kept as printed."""
        assert gr.Cell.parse("9" * 18).value == 10**18 - 1
        assert gr.Cell.parse("9" * 19).value is None
        assert gr.Cell.parse("1" + "0" * 18 + ".5", amount=True).value is None
        assert gr.Cell.parse("12345.67", amount=True).value == Decimal("12345.67")

    def test_text_with_a_huge_cell_strict(self) -> None:
        """Strict reading names the cell and quotes a cut excerpt, not 4,301 digits."""
        with pytest.raises(ParseError) as info:
            gr.load(FUZZ / "01-bignum-cell.txt")

        assert info.value.path == "t2.punishment.decisions"
        message = str(info.value)
        assert "(4301 characters)" in message
        assert len(message) < 400

    def test_text_with_a_huge_cell_lenient(self) -> None:
        """Lenient reading keeps the other cells and a short diagnostic."""
        report = gr.load(FUZZ / "01-bignum-cell.txt", lenient=True)

        assert report.t2.punishment.decisions.value is None
        assert report.t2.regulations.issued.value == _seed().t2.regulations.issued.value
        assert report.provenance is not None
        (diagnostic,) = [d for d in report.provenance.diagnostics if d.path]
        assert diagnostic.path == "t2.punishment.decisions"
        assert len(diagnostic.message) < 400

    def test_json_with_a_huge_integer(self) -> None:
        """A JSON integer past Python's limit is a ParseError with its line and column."""
        with pytest.raises(ParseError) as info:
            gr.load(FUZZ / "02-json-bignum.json")

        assert (info.value.line, info.value.column) == (43, "30")
        assert "number too long" in str(info.value)
        with pytest.raises(ParseError):
            gr.loads("[" + "1" * 4301 + "]", format="json")


class TestDigits:
    @pytest.mark.parametrize("printed", ["29①", "5²", "1⁰", "³", "₃", "⒈", "߂0", "௧0", "١٢"])
    def test_only_ascii_and_full_width_digits_are_digits(self, printed: str) -> None:
        """Footnote marks, superscripts and other scripts' digits make no number."""
        assert gr.Cell.parse(printed).value is None

    def test_full_width_digits_are_digits(self) -> None:
        """The form's full-width digits are read, with units and annotations."""
        assert gr.Cell.parse("２９").value == 29
        assert gr.Cell.parse("１２件（其中１件）").value == 12

    def test_footnote_mark_in_a_report(self) -> None:
        """``29①`` is refused (strict) or kept as printed (lenient), never 291."""
        with pytest.raises(ParseError) as info:
            gr.load(FUZZ / "11-nfkc-digits.txt")
        assert info.value.path == "t2.punishment.decisions"

        report = gr.load(FUZZ / "11-nfkc-digits.txt", lenient=True)
        assert report.t2.punishment.decisions == gr.Cell(None, "29①")

    def test_a_glyph_a_pdf_extractor_could_not_map_is_no_digit(self) -> None:
        """``(cid:24)`` (pdfminer's stand-in for a glyph mapped to no character, maybe a
        digit) is no note: ``2(cid:24)`` may be 27 and is no number; a real note still is."""
        assert gr.Cell.parse("2(cid:24)").value is None
        assert gr.Cell.parse("2 (cid:24)(cid:3)").value is None
        assert gr.Cell.parse("3.3(cid:1)", amount=True).value is None
        assert gr.Cell.parse("22（其中(cid:24)件）").value == 22
        assert gr.Cell.parse("2(注)").value == 2

    @pytest.mark.parametrize("fmt", ["text", "pipe", "pdftext", "markdown", "html"])
    def test_unmapped_glyphs_in_a_report(self, fmt: str) -> None:
        """A report whose 7s a PDF extractor printed as ``(cid:24)``: the cells that printed
        a 7 are not read (left to the identities, said inferred), none is read as a part."""
        report = _seed()
        printed = gr.dumps(report, format=fmt).replace("7", "(cid:24)")
        back = gr.loads(printed, format=fmt, lenient=True)

        sevens = [p for p, v in report.cells().items() if v is not None and "7" in str(v)]
        assert sevens
        assert back.provenance is not None
        for path in sevens:
            origin = back.provenance.cells.get(path)
            value = back.cells()[path]
            assert value is None or (origin is not None and origin.inferred), (path, value)

    @pytest.mark.parametrize(
        ("figure", "read"), [("١٢", None), ("߂0", None), ("12", 12), ("１２", 12)]
    )
    def test_only_digits_of_the_form_are_figures_of_the_prose(
        self, figure: str, read: int | None
    ) -> None:
        """The prose checks read ASCII and full-width digits, not other scripts' (``١٢``)."""
        report = _seed().with_section(1, text=f"本年度新收政府信息公开申请{figure}件。")
        result = gr.validate(report)

        stated = [
            e.figure
            for v in result.violations
            if v.rule_id == "text.new_received"
            for e in v.evidence
        ]
        expected_total = report.t3.new_received.total.value
        if read is None or read == expected_total:
            assert stated == []
        else:
            assert stated == [read]

    @pytest.mark.parametrize(("figure", "stated"), [("١٢", []), ("12", [12]), ("１２", [12])])
    def test_a_rules_own_digit_pattern_reads_digits_of_the_form_only(
        self, figure: str, stated: list[int]
    ) -> None:
        """A rule set's own pattern ``\\d+`` matches ``١٢`` too: no figure is read from it."""
        from govinfo_report.rules import RuleSet, cell, mention, narrative

        rule = narrative(
            "my.review",
            [mention(r"行政复议(?P<n>\d+)件", cell("t4.review.total"))],
            label_zh="行政复议",
            label_en="reviews",
        )
        report = _seed().with_section(1, text=f"本年度行政复议{figure}件。")
        assert report.t4.review.total.value != 12

        result = gr.validate(report, rules=RuleSet([rule]))

        assert [e.figure for v in result.violations for e in v.evidence] == stated

    def test_only_digits_of_the_form_make_a_year(self) -> None:
        """``20٢٤年`` is no year 2024; ``2024年`` is."""
        from govinfo_report.rules._narrative import opening_year_spans

        assert [y for _, _, y in opening_year_spans("20٢٤年，我局推进。")] == []
        assert [y for _, _, y in opening_year_spans("2024年，我局推进。")] == [2024]

    def test_match_key_keeps_footnote_marks(self) -> None:
        """Labels keep their marks too: ``①`` is not ``1``."""
        assert gr.schema.match_key("①属于") != gr.schema.match_key("1.属于")
        assert gr.schema.match_key("１.属于") == gr.schema.match_key("1.属于")


class TestHtml:
    def test_deep_nesting_is_read_flat(self) -> None:
        """Markup nested past MAX_DEPTH is unwrapped (its text kept), never a RecursionError."""
        with pytest.raises(ParseError, match="table missing"):
            gr.load(FUZZ / "04-html-deep.html")

        report = gr.load(FUZZ / "04-html-deep.html", lenient=True)

        assert report.provenance is not None
        assert report.provenance.diagnostics[0].code == "nested_too_deep"

    def test_a_report_inside_deep_markup(self) -> None:
        """A report nested 100 deep reads whole; 600 deep, its text is read and nothing invented."""
        page = gr.dumps(_seed(), format="html")

        assert gr.loads("<div>" * 100 + page + "</div>" * 100) == _seed()
        deep = gr.loads("<div>" * 600 + page + "</div>" * 600, lenient=True)
        assert deep.provenance is not None
        assert deep.provenance.diagnostics[0].code == "nested_too_deep"
        assert {v for v in deep.cells().values() if v is not None} <= set(_seed().cells().values())

    def test_lone_surrogate(self) -> None:
        """A lone surrogate is read as U+FFFD, with a diagnostic in lenient mode."""
        report = gr.loads("<table><tr><td>\udfff</td></tr></table>", format="html", lenient=True)

        assert report.provenance is not None
        assert report.provenance.diagnostics[0].code == "undecodable"
        with pytest.raises(ParseError, match="table missing"):
            gr.loads("<p>\ud800</p>")

    def test_surrogate_in_a_cell(self) -> None:
        """A surrogate in a cell leaves that cell without a number and the others as printed."""
        html = gr.dumps(_seed(), format="html")
        index = html.index(">290<")
        damaged = html[: index + 1] + "29\ud8000" + html[index + 4 :]

        report = gr.loads(damaged, lenient=True)

        assert report.t2.punishment.decisions == gr.Cell(None, "29\ufffd0")
        assert report.t3.new_received.total == _seed().t3.new_received.total


class TestPdfText:
    def test_table_rules_are_not_cells(self) -> None:
        """``|`` between the cells of PDF text separates them; it is not a cell."""
        text = gr.dumps(_seed(), format="pdftext")
        ruled = "\n".join(  # the table rows (they end in a number) get rules
            f"| {line.replace(' ', ' | ')} |" if line[-1:].isdigit() else line
            for line in text.split("\n")
        )

        report = gr.loads(ruled, format="pdftext")

        assert report.cells() == _seed().cells()

    def test_a_ruled_row_reads_as_the_plain_row(self) -> None:
        """A lone row with rules reads exactly as without them (no value taken for a cell)."""
        plain = "三、本年度办理结果 （三）不予公开 5.属于三类内部事务信息 11 3 0 0 0 0 14\n"
        ruled = "| 三、本年度办理结果 （三）不予公开 5.属于三类内部事务信息 | 11 | 3 | 0 | 0 | 0 | 0 | 14 |\n"

        got = gr.loads(ruled, format="pdftext", lenient=True)

        assert got.cells() == gr.loads(plain, format="pdftext", lenient=True).cells()
        assert [c.value for c in got.t3.denied_internal_affairs.cells()] == [11, 3, 0, 0, 0, 0, 14]

    def test_a_cut_ruled_row(self) -> None:
        """A ruled row cut after two values is placed only by the identities: here, not at all."""
        row = "| 三、本年度办理结果 （三）不予公开 5.属于三类内部事务信息 | 11 | 3 |\n"

        report = gr.loads(row, format="pdftext", lenient=True)

        # never one column right, never from the left
        assert [c.value for c in report.t3.denied_internal_affairs.cells()] == [None] * 7
        assert report.provenance is not None
        assert "not_a_number" not in {d.code for d in report.provenance.diagnostics}


class TestDecode:
    def test_odd_length_utf16(self) -> None:
        """UTF-16 cut in the middle of a character: a ParseError naming the file."""
        with pytest.raises(ParseError, match="ends in the middle of a character") as info:
            gr.load(FUZZ / "06-utf16-odd.txt")
        assert info.value.source == str(FUZZ / "06-utf16-odd.txt")
        assert info.value.expected == "UTF-16 text"

    def test_odd_length_utf16_lenient(self) -> None:
        """Lenient: the cut becomes U+FFFD and the first diagnostic says so."""
        report = gr.load(FUZZ / "06-utf16-odd.txt", lenient=True)

        assert report.provenance is not None
        first = report.provenance.diagnostics[0]
        assert (first.code, first.line) == ("undecodable", 1)

    def test_utf8_cut_mid_character(self, tmp_path: Path) -> None:
        """A UTF-8 file cut inside a character: strict names the bytes once, lenient reads it."""
        data = SEEDS["seed-000"].read_bytes()
        cut = data.rindex("。".encode()) + 2
        path = tmp_path / "cut.txt"
        path.write_bytes(data[:cut])

        with pytest.raises(ParseError) as info:
            gr.load(path)
        assert "got '\\xe3\\x80'" in str(info.value)  # one backslash each, as printed

        report = gr.load(path, lenient=True)
        assert report.cells() == _seed().cells()
        assert report.provenance is not None
        assert report.provenance.diagnostics[0].code == "undecodable"
        assert report.sections[-1].text.endswith("\ufffd")

    def test_damaged_gb18030_lenient(self, tmp_path: Path) -> None:
        """A GB18030 file with a damaged byte is read as GB18030 (lenient), not as broken UTF-8."""
        data = _seed_text().encode("gb18030")
        cut = data.rindex("。".encode("gb18030")) + 1  # inside the last full stop
        path = tmp_path / "gb.txt"
        path.write_bytes(data[:cut])

        with pytest.raises(ParseError, match="ends in the middle of a character"):
            gr.load(path)
        report = gr.load(path, lenient=True)

        assert report.cells() == _seed().cells()
        assert report.provenance is not None
        first = report.provenance.diagnostics[0]
        assert first.code == "undecodable"
        assert "expected GB18030 text" in first.message

    def test_decode_lenient(self) -> None:
        """decode(lenient=True) replaces what cannot be decoded."""
        data = "政府信息公开".encode()[:-1]
        with pytest.raises(ParseError):
            decode(data)
        assert decode(data, lenient=True) == "政府信息公\ufffd"

    def test_bytes_to_loads(self) -> None:
        """gr.loads accepts a file's bytes and decodes them as gr.load does."""
        data = SEEDS["seed-000"].read_bytes()

        assert gr.loads(data) == _seed()
        assert gr.loads(data.decode().encode("utf-16")) == _seed()

    def test_neither_str_nor_bytes(self) -> None:
        """Anything else is an InvalidArgument that says what to do."""
        with pytest.raises(gr.InvalidArgument, match=r"got PosixPath; to read a file, use load"):
            gr.loads(SEEDS["seed-000"])  # type: ignore[arg-type]


class TestLimits:
    def test_every_format_has_a_limit(self) -> None:
        """Each reader states its limit: 16 MiB; 8 MiB HTML, 4 MiB glued, 64 MiB JSON."""
        assert DEFAULT_MAX_BYTES == 16 * 1024 * 1024
        assert all(codec.max_bytes > 0 for codec in FORMATS.values())
        assert FORMATS["glued"].max_bytes == 4 * 1024 * 1024
        assert FORMATS["html"].max_bytes == 8 * 1024 * 1024
        assert FORMATS["json"].max_bytes == FORMATS["jsonl"].max_bytes == 64 * 1024 * 1024
        assert FORMATS["text"].max_bytes == DEFAULT_MAX_BYTES

    def test_loads_over_the_limit(self) -> None:
        """A string over the limit is refused with the limit and how to raise it."""
        text = _seed_text()
        with pytest.raises(InputTooLarge) as info:
            gr.loads(text, max_bytes=1000)

        assert info.value.limit == 1000
        assert info.value.size == len(text.encode())
        assert "7,054 bytes, over the limit (1,000 bytes)" in str(info.value)
        assert "max_bytes=" in str(info.value)
        assert "--max-bytes" in str(info.value)

    def test_limit_of_the_format(self) -> None:
        """Without max_bytes, the reader's own limit applies."""
        with pytest.raises(InputTooLarge) as info:
            gr.loads("\t" + "1" * FORMATS["text"].max_bytes, format="text")
        assert (info.value.format, info.value.limit) == ("text", FORMATS["text"].max_bytes)
        assert "the limit of the 'text' reader" in str(info.value)

    def test_load_refuses_before_reading(self, tmp_path: Path) -> None:
        """A file over the limit is refused from its size."""
        path = tmp_path / "big.txt"
        path.write_bytes(SEEDS["seed-000"].read_bytes())

        with pytest.raises(InputTooLarge) as info:
            gr.load(path, max_bytes=100)
        assert info.value.source == str(path)
        assert gr.load(path, max_bytes=10**6) == _seed()

    @pytest.mark.parametrize("bad", [0, -1, True, 1.5])
    def test_bad_max_bytes(self, bad: object) -> None:
        """max_bytes must be a positive int."""
        with pytest.raises(gr.InvalidArgument, match="max_bytes"):
            gr.loads("x", max_bytes=bad)  # type: ignore[arg-type]


def _seed_text() -> str:
    return SEEDS["seed-000"].read_text(encoding="utf-8")


class TestExcerpts:
    def test_excerpt(self) -> None:
        """Long text is cut in the middle and says how long it was."""
        text = "1 " * 500_000

        cut = excerpt(text)

        assert len(cut) < 120
        assert cut.endswith("(1000000 characters)")

    def test_json_of_many_diagnostics_reads_back(self) -> None:
        """A report whose JSON is over 16 MiB (a hostile text's diagnostics) reads back."""
        diagnostics = tuple(
            gr.schema.Diagnostic("not_a_number", "m" * 600, line=i) for i in range(30_000)
        )
        report = gr.Report.from_cells(
            {"t3.granted.total": 9},
            provenance=gr.schema.Provenance("x.txt", "text", diagnostics),
        )

        text = gr.dumps(report, format="json")
        back = gr.loads(text)

        assert len(text.encode()) > 16 * 1024 * 1024
        assert back == report
        assert back.provenance is not None
        assert len(back.provenance.diagnostics) == 30_000

    def test_diagnostic_of_a_long_line(self) -> None:
        """A 100 KB cell yields a diagnostic of a few hundred characters."""
        text = _seed_text().replace("\t290\n", "\t" + "1 " * 50_000 + "\n", 1)

        report = gr.loads(text, lenient=True)

        assert report.provenance is not None
        assert max(len(d.message) for d in report.provenance.diagnostics) < 400


class TestJsonLines:
    def test_one_report_per_line(self) -> None:
        """iter_loads yields each line's report; each names its line."""
        report = _seed()
        text = gr.dumps(report, format="jsonl") + "\n" + gr.dumps(report, format="jsonl")

        reports = list(iter_loads(text, source="many.jsonl"))

        assert reports == [report, report]
        assert [r.provenance.source for r in reports if r.provenance] == [
            "many.jsonl:1",
            "many.jsonl:3",
        ]

    def test_a_single_report(self) -> None:
        """JSON lines of one report read as that report, by gr.loads and as format json."""
        text = gr.dumps(_seed(), format="jsonl")

        assert gr.loads(text) == _seed()
        assert gr.loads(text, format="jsonl") == _seed()

    def test_several_reports_to_loads(self) -> None:
        """gr.loads of several reports says how many and what reads them."""
        text = gr.dumps(_seed(), format="jsonl") * 3

        with pytest.raises(ParseError, match=r"3 reports.*iter_load"):
            gr.loads(text)

    def test_generate_breaking_lines(self, tmp_path: Path) -> None:
        """A line of ``generate --breaking`` is read as its report."""
        made = gr.generate(
            seed="1", breaking=["t3.row_sum[granted]", "t3.processed_sum[natural_person]"]
        )
        line = json.dumps(
            {
                "report": json.loads(gr.dumps(made.report, format="jsonl")),
                "expected_violations": sorted(made.expected),
            },
            ensure_ascii=False,
        )
        path = tmp_path / "broken.jsonl"
        path.write_text(line + "\n" + line + "\n", encoding="utf-8")

        assert [r.cells() for r in iter_load(path)] == [made.report.cells()] * 2
        assert gr.loads(line).cells() == made.report.cells()

    def test_bad_line(self) -> None:
        """A line that is not JSON is named by its number."""
        text = gr.dumps(_seed(), format="jsonl") + '{"schema_version": 1, \n'

        with pytest.raises(ParseError) as info:
            list(gr_jsonl.iter_loads(text))
        assert info.value.line == 2

    def test_other_formats_yield_one_report(self) -> None:
        """iter_loads of any other rendering yields its one report."""
        assert list(iter_loads(_seed_text())) == [_seed()]


class TestJsonSource:
    def test_source_is_the_file_read(self, tmp_path: Path) -> None:
        """A report read from JSON names the JSON file; a note names the original."""
        path = tmp_path / "r.json"
        path.write_text(gr.dumps(_seed(), format="json"), encoding="utf-8")

        report = gr.load(path)

        assert report.provenance is not None
        assert (report.provenance.source, report.provenance.format) == (str(path), "json")
        note = report.provenance.diagnostics[0]
        assert note.code == "json_origin"
        assert str(SEEDS["seed-000"]) in note.message
