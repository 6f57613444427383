"""Malformed Word text exports: each gives its own error, strictly; leniently, what is readable."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.codecs import decode, text
from tests.conftest import CORPUS, expected

SEED = (CORPUS / "seed-000.txt").read_text("utf-8")
LINES = SEED.split("\n")
TRUE = expected("seed-000")["cells"]


def line_of(content: str, start: int = 1) -> int:
    """The 1-based number of the first line equal to *content* at or after *start*."""
    return LINES.index(content, start - 1) + 1


def replace(number: int, new: str) -> str:
    lines = list(LINES)
    lines[number - 1] = new
    return "\n".join(lines)


def delete(number: int) -> str:
    lines = list(LINES)
    del lines[number - 1]
    return "\n".join(lines)


def insert(number: int, new: str) -> str:
    lines = list(LINES)
    lines.insert(number - 1, new)
    return "\n".join(lines)


ENFORCEMENT = line_of("\t7.属于行政执法案卷")  # the row label; its 自然人 value is the next line
T4_HEADING = line_of("四、政府信息公开行政复议、行政诉讼情况")
TOTAL_ROW = line_of("\t（七）总计")


def duplicated_row() -> str:
    first = line_of("\t1.属于国家秘密")
    row = LINES[first - 1 : first + 8]  # label, seven values, blank line
    lines = [*LINES[: first + 8], "\t", *row, *LINES[first + 8 :]]
    return "\n".join(lines)


def table_2019_t3() -> str:
    start = line_of("\t（六）其他处理")
    lines = [*LINES[: start - 1], "\t（六）其他处理", *["\t0"] * 7, ""]
    end = TOTAL_ROW - 2  # the lone tab before （七）总计
    return "\n".join(lines + LINES[end:])


# name -> (text, pattern of the strict error, (line, table) the error names)
CASES: dict[str, tuple[Callable[[], str], str, tuple[int | None, str | None]]] = {
    "truncated table": (
        lambda: "\n".join(LINES[: ENFORCEMENT + 5]),
        r"the text ends inside table 三, in the row '7.属于行政执法案卷' after 5 of 7 values",
        (ENFORCEMENT + 5, "三"),
    ),
    "letter in a count": (
        lambda: replace(ENFORCEMENT + 1, "\t6x"),
        (
            r"row 7.属于行政执法案卷, column 自然人.*\(t3.denied_enforcement_file.natural_person\)"
            r".*expected a count, got '6x'"
        ),
        (ENFORCEMENT + 1, "三"),
    ),
    "2a in table 二": (
        lambda: replace(line_of("\t规章") + 1, "\t2a"),
        r"table 二, row 规章, column 本年制发件数.*\(t2.regulations.issued\).*got '2a'",
        (line_of("\t规章") + 1, "二"),
    ),
    "row label typo": (
        lambda: replace(ENFORCEMENT, "\t7.属于行政执法安卷"),
        (
            r"row label not recognised.*expected a row label of table 三 such as "
            r"'7.属于行政执法案卷', got '7.属于行政执法安卷'"
        ),
        (ENFORCEMENT, "三"),
    ),
    "extra column": (
        lambda: insert(ENFORCEMENT + 2, "\t0"),
        r"row 7.属于行政执法案卷: 8 values for 7 columns.*expected 7 values",
        (ENFORCEMENT + 8, "三"),
    ),
    "missing column": (
        lambda: delete(ENFORCEMENT + 2),
        r"row 7.属于行政执法案卷: 6 values for 7 columns.*will not be guessed by position",
        (ENFORCEMENT + 6, "三"),
    ),
    "empty file": (lambda: "", r"empty input: expected the text of a report", (None, None)),
    "whitespace only": (
        lambda: "  \n\t\n   \n",
        r"only white space: expected the text of a report",
        (3, None),
    ),
    "missing table": (
        lambda: "\n".join(
            LINES[: T4_HEADING - 1] + LINES[line_of("五、存在的主要问题及改进情况") - 1 :]
        ),
        r"table 四: table missing: expected table 四 \(政府信息公开行政复议、行政诉讼情况\)",
        (None, "四"),
    ),
    "duplicated row": (
        duplicated_row,
        r"row 1.属于国家秘密: row printed twice \(first on line \d+\)",
        (line_of("\t1.属于国家秘密") + 10, "三"),
    ),
    "2019-format table 二": (
        lambda: replace(line_of("\t本年制发件数"), "\t本年新制作数量"),
        r"table 二: a table in the 2019 trial format.*got '本年新制作数量'",
        (line_of("\t本年制发件数"), "二"),
    ),
    "2019-format table 三 (one-row （六）其他处理)": (
        table_2019_t3,
        r"table 三: a table in the 2019 trial format",
        (line_of("\t（六）其他处理"), "三"),
    ),
    "negative number": (
        lambda: replace(line_of("\t行政处罚") + 1, "\t-290"),
        r"row 行政处罚, column 本年处理决定数量.*negative number: expected a count ≥ 0, got '-290'",
        (line_of("\t行政处罚") + 1, "二"),
    ),
    "fee not a number": (
        lambda: replace(line_of("\t行政事业性收费") + 1, "\t三点三"),
        r"\(t2.admin_fees.amount\): not a number: expected an amount in 万元, got '三点三'",
        (line_of("\t行政事业性收费") + 1, "二"),
    ),
    "text as table 四's first value": (
        lambda: replace(line_of("\t3", T4_HEADING), "\t@00"),
        (
            r"table 四, row 行政复议, column 结果维持 \(t4.review.upheld\): not a number: "
            r"expected a count, got '@00'"
        ),
        (line_of("\t3", T4_HEADING), "四"),
    ),
    "table 四 short of values": (
        lambda: delete(T4_HEADING + 40),
        r"table 四.*14 values for 15 columns",
        (None, "四"),
    ),
}


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class TestStrict:
    def test_each_input_gives_its_error(self, case: str) -> None:
        """Every malformed input raises a ParseError with its own message, place and table."""
        make, pattern, (line, table) = CASES[case]

        with pytest.raises(gr.ParseError, match=pattern) as info:
            text.loads(make(), source="seed.txt")

        error = info.value
        assert error.source == "seed.txt"
        assert table == error.table
        if line is not None:
            assert line == error.line
        assert str(error).startswith("seed.txt")

    def test_cases_differ(self) -> None:
        """Each case is a distinct failure (no two share a message)."""
        messages = set()
        for make, _, _ in CASES.values():
            with pytest.raises(gr.ParseError) as info:
                text.loads(make(), source="seed.txt")
            messages.add(str(info.value))

        assert len(CASES) == len(messages)


class TestLenient:
    def test_never_invents(self, case: str) -> None:
        """Lenient reading never raises, and every value it gives is the seed's true value."""
        make, _, _ = CASES[case]
        report = text.loads(make(), source="seed.txt", lenient=True)

        wrong = {
            path: value
            for path, value in report.cells().items()
            if value is not None
            and (str(value) if isinstance(value, Decimal) else value) != TRUE[path]
        }
        assert wrong == {}

    def test_says_what_is_wrong(self, case: str) -> None:
        """Every damaged input leaves at least one diagnostic."""
        make, _, _ = CASES[case]
        report = text.loads(make(), lenient=True)

        assert report.provenance is not None
        assert report.provenance.diagnostics

    def test_truncated_keeps_the_readable_part(self) -> None:
        """A cut-off text gives every cell before the cut, and none after."""
        report = text.loads(CASES["truncated table"][0](), lenient=True)
        cells = report.cells()

        assert cells["t3.denied_enforcement_file.natural_person"] == 6
        assert cells["t3.denied_enforcement_file.legal_service"] == 0
        assert cells["t3.denied_enforcement_file.other_org"] is None
        assert all(v is None for p, v in cells.items() if p.startswith("t4."))
        assert report.provenance is not None
        assert report.provenance.diagnostics[0].code == "truncated"

    def test_letter_kept_as_printed(self) -> None:
        """``6x`` stays in the report as printed, with no value."""
        report = text.loads(CASES["letter in a count"][0](), lenient=True)

        assert gr.Cell(None, "6x") == report.t3.denied_enforcement_file.natural_person

    def test_missing_column_keeps_only_certain_cells(self) -> None:
        """A row short of a cell keeps the cells every fitting placement agrees on."""
        report = text.loads(CASES["missing column"][0](), lenient=True)
        row = report.t3.denied_enforcement_file

        assert (row.natural_person.value, row.total.value) == (6, 6)
        assert row.commercial.printed is None

    def test_2019_table_left_absent(self) -> None:
        """A 2019-format table is left absent, the others read."""
        report = text.loads(CASES["2019-format table 二"][0](), lenient=True)

        assert not report.t2.present
        assert report.t3.present
        assert report.t4.present

    def test_duplicated_row_is_kept_when_equal(self) -> None:
        """A row printed twice with the same values keeps them."""
        report = text.loads(duplicated_row(), lenient=True)

        assert report.t3.denied_state_secret.total.value == 0


class TestEncoding:
    def test_binary_junk(self, tmp_path: Path) -> None:
        """NUL bytes are binary data, not a report."""
        path = tmp_path / "junk.txt"
        path.write_bytes(b"\x00\x01\x02\xff" * 64)

        with pytest.raises(gr.ParseError, match=r"junk.txt: binary data, not a report"):
            gr.load(path)

    def test_utf16_without_bom(self) -> None:
        """UTF-16 without a BOM is refused (its NUL bytes), not misread."""
        data = SEED.encode("utf-16-le")

        with pytest.raises(gr.ParseError, match="binary data"):
            decode(data, source="utf16.txt")

    def test_latin1(self) -> None:
        """Latin-1 bytes that are not Chinese text are refused with the offending bytes."""
        data = "Rapport annuel de l'année 2024 — données".encode("latin-1", errors="replace")

        with pytest.raises(gr.ParseError, match="cannot decode the file"):
            decode(data, source="latin1.txt")

    def test_gb18030_is_read(self, tmp_path: Path) -> None:
        """A seed saved as GB18030 reads to the same cells."""
        path = tmp_path / "gb.txt"
        path.write_bytes(SEED.encode("gb18030"))

        assert {
            p: (str(v) if isinstance(v, Decimal) else v) for p, v in gr.load(path).cells().items()
        } == TRUE
