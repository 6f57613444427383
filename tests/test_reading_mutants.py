"""Kinds of bug in the reading engine that mutation testing showed the rest of the suite let through.

Each test pins one behaviour of the engine's core (``codecs/_evidence``,
``_reading``, ``_table_starts``, ``_align``, ``_collect`` …) against an answer
worked out by hand, so that a one-line slip there (a sign, a constant, a
dropped argument, a swapped comparison) fails it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.codecs._align import align_tables
from govinfo_report.codecs._assemble import Assembler
from govinfo_report.codecs._cell_text import (
    _value_like_text,
    is_value,
    looks_like_prose,
    padded_after_total,
    value_test,
)
from govinfo_report.codecs._collect import row_specs
from govinfo_report.codecs._evidence import Reading, choose, report_score, table_score
from govinfo_report.codecs._identities import (
    _instance_ids,
    _instances,
    fits_identities,
    used_identities,
)
from govinfo_report.codecs._row_evidence import (
    ROW_KEYS,
    WHOLE,
    _label_keys,
    _strip_ordinal,
    group_fragment,
    label_evidence,
    label_scores,
)
from govinfo_report.codecs._tokens import Token, TokenKind
from govinfo_report.rules import RULES_2021
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    FORMAT_2021,
    T3_COLUMNS,
    Cell,
    CellOrigin,
    Diagnostic,
    Severity,
)
from govinfo_report.synthetic import generate

from .conftest import CORPUS

# A consistent report (every identity of SPEC §5.1 holds), all 200 cells numbers.
_REPORT = gr.load(CORPUS / "seed-000.txt")
_FLAT = tuple(_REPORT.flat_cells)
_INDEX = {path: i for i, path in enumerate(CELL_PATHS)}
# Table 二: 10 cells, no identity; 三: 175 cells, 7 + 7 + 25 identities; 四: 15 cells, 3.
_WHOLE = {"t2": 10.0, "t3": 175.0 + 39.0, "t4": 15.0 + 3.0}


def _with(flat: tuple[Cell, ...], **cells: Cell) -> tuple[Cell, ...]:
    """*flat* with the cells named (``t3__granted__total`` for ``t3.granted.total``) replaced."""
    out = list(flat)
    for name, cell in cells.items():
        out[_INDEX[name.replace("__", ".")]] = cell
    return tuple(out)


def _without_row(flat: tuple[Cell, ...], prefix: str) -> tuple[Cell, ...]:
    return tuple(
        Cell() if p.startswith(prefix) else c for p, c in zip(CELL_PATHS, flat, strict=True)
    )


class TestTableScore:
    @pytest.mark.parametrize("table", ["t2", "t3", "t4"])
    def test_a_whole_consistent_table_scores_its_cells_and_identities(self, table: str) -> None:
        """One point a cell, one an identity that holds (a wrong sign in any identity breaks it)."""
        assert table_score(Reading("a", _FLAT), table) == _WHOLE[table]

    def test_a_broken_identity_costs_eight(self) -> None:
        """``t3.new_received.total`` one too many breaks its row sum and the balance of 总计."""
        value = _FLAT[_INDEX["t3.new_received.total"]].value
        assert isinstance(value, int)
        flat = _with(_FLAT, t3__new_received__total=Cell(value + 1))

        assert table_score(Reading("a", flat), "t3") == 175.0 + 37.0 - 2 * 8.0

    def test_each_identity_family_is_signed_as_the_form_says(self) -> None:
        """Balance (E1), processed sum (E2), row sum (E3): each one broken alone counts −8."""
        # carried_over.natural_person up by one, carried_forward.natural_person up by one:
        # the balance of natural_person still holds, the two row sums break
        flat = _FLAT
        for path in ("t3.carried_over.natural_person", "t3.carried_forward.natural_person"):
            value = flat[_INDEX[path]].value
            assert isinstance(value, int)
            flat = _with(flat, **{path.replace(".", "__"): Cell(value + 1)})
        assert table_score(Reading("a", flat), "t3") == 175.0 + 37.0 - 2 * 8.0
        # total_processed.natural_person and granted.natural_person up by one: E2 holds,
        # the two row sums and the balance of natural_person break
        flat = _FLAT
        for path in ("t3.total_processed.natural_person", "t3.granted.natural_person"):
            value = flat[_INDEX[path]].value
            assert isinstance(value, int)
            flat = _with(flat, **{path.replace(".", "__"): Cell(value + 1)})
        assert table_score(Reading("a", flat), "t3") == 175.0 + 36.0 - 3 * 8.0

    def test_a_table_four_group_that_does_not_add_up(self) -> None:
        value = _FLAT[_INDEX["t4.review.upheld"]].value
        assert isinstance(value, int)
        flat = _with(_FLAT, t4__review__upheld=Cell(value + 1))

        assert table_score(Reading("a", flat), "t4") == 15.0 + 2.0 - 8.0

    def test_an_identity_with_an_unread_cell_is_no_evidence(self) -> None:
        """A missing row of table 三: its cells and the 8 identities through it do not count."""
        flat = _without_row(_FLAT, "t3.granted.")

        assert table_score(Reading("a", flat), "t3") == 168.0 + 31.0
        assert table_score(Reading("a", flat), "t2") == _WHOLE["t2"]

    @pytest.mark.parametrize("cell", [Cell(), Cell(None, "/"), Cell(None, "")])
    def test_a_cell_without_a_number_is_no_evidence(self, cell: Cell) -> None:
        """Absent, a marker or a blank: no point, and its group sum proves nothing."""
        flat = _with(_FLAT, t4__review__upheld=cell)

        assert table_score(Reading("a", flat), "t4") == 14.0 + 2.0

    def test_inferred_cells_count_half(self) -> None:
        inferred = CellOrigin(line=3, inferred_by=("t4.group_sum[review]",))
        origins = {"t4.review.upheld": inferred, "t4.review.corrected": inferred}
        origins["t4.review.other"] = CellOrigin(line=3)  # printed: a whole point

        assert table_score(Reading("a", _FLAT, origins), "t4") == 18.0 - 1.0

    def test_only_errors_about_the_table_cost(self) -> None:
        diagnostics = [
            Diagnostic("x", "bad", Severity.ERROR, path="t3.granted.total"),
            Diagnostic("x", "bad", Severity.ERROR, path="t3.partial.total"),
            Diagnostic("x", "meh", Severity.WARNING, path="t3.granted.total"),
            Diagnostic("x", "bad", Severity.ERROR, path="t2.licensing.decisions"),
            Diagnostic("x", "bad", Severity.ERROR),
        ]
        reading = Reading("a", _FLAT, {}, diagnostics)

        assert table_score(reading, "t3") == _WHOLE["t3"] - 2.0
        assert table_score(reading, "t2") == _WHOLE["t2"] - 1.0
        assert table_score(reading, "t4") == _WHOLE["t4"]

    def test_report_score_sums_the_tables_and_weighs_inferred_cells(self) -> None:
        origins = {"t2.licensing.decisions": CellOrigin(inferred_by=("x",))}

        assert report_score(_FLAT, {}) == sum(_WHOLE.values())
        assert report_score(_FLAT, origins) == sum(_WHOLE.values()) - 0.5
        assert report_score(_without_row(_FLAT, "t2."), {}) == sum(_WHOLE.values()) - 10.0
        assert report_score(_without_row(_FLAT, "t4."), {}) == sum(_WHOLE.values()) - 18.0


class TestChoose:
    def test_one_reading_is_kept_as_it_is(self) -> None:
        first = Reading("a", _FLAT)
        assert choose([first]) == (first, None)
        assert choose([first])[0] is first

    def test_the_first_reading_wins_ties_and_is_returned_itself(self) -> None:
        note = Diagnostic("n", "about the text", Severity.WARNING)
        first = Reading("a", _FLAT, {}, [note])
        second = Reading("b", _FLAT)

        chosen, why = choose([first, second])

        assert chosen is first
        assert why is None

    def test_per_table_the_reading_with_more_evidence(self) -> None:
        """Table 三 from the second reading, 二 and 四 from the first; the why gives the scores."""
        a_origin = CellOrigin(line=1)
        b_origin = CellOrigin(line=2)
        first = Reading(
            "a",
            _without_row(_FLAT, "t3.granted."),
            {"t2.licensing.decisions": a_origin, "t3.partial.total": a_origin},
            [
                Diagnostic("a2", "a: about table 二", Severity.WARNING),
                Diagnostic("a3", "a: about table 三", Severity.WARNING),
                Diagnostic("a3i", "a: a note on table 三", Severity.INFO),
                Diagnostic("ap", "a: a cell", Severity.WARNING, path="t3.granted.total"),
                Diagnostic("a4", "a: a cell of 四", Severity.WARNING, path="t4.review.upheld"),
                Diagnostic("a0", "a: about the text", Severity.WARNING),
            ],
        )
        second = Reading(
            "b",
            _without_row(_FLAT, "t4.review."),
            {"t3.partial.total": b_origin, "t4.suit_direct.upheld": b_origin},
            [
                Diagnostic("b3", "b: about table 三", Severity.WARNING),
                Diagnostic("bp", "b: a cell", Severity.WARNING, path="t3.granted.total"),
                Diagnostic("b4", "b: about table 四", Severity.WARNING),
                Diagnostic("b0", "b: about the text", Severity.INFO),
            ],
        )

        chosen, why = choose([first, second])

        assert why == "readings chosen by evidence: table 三: b (evidence 214; a 199)"
        assert chosen.name == "a + b"
        t3 = [i for i, p in enumerate(CELL_PATHS) if p.startswith("t3.")]
        assert [chosen.flat[i] for i in t3] == [second.flat[i] for i in t3]
        others = [i for i, p in enumerate(CELL_PATHS) if not p.startswith("t3.")]
        assert [chosen.flat[i] for i in others] == [first.flat[i] for i in others]
        assert chosen.origins == {"t2.licensing.decisions": a_origin, "t3.partial.total": b_origin}
        assert [d.code for d in chosen.diagnostics] == ["a2", "a3i", "a4", "a0", "b3", "bp"]

    def test_every_table_to_the_second_reading(self) -> None:
        first = Reading("a", _without_row(_with(_FLAT), "t2.licensing."))
        first = Reading(
            "a",
            _without_row(_without_row(first.flat, "t3.granted."), "t4.review."),
            diagnostics=[
                Diagnostic(f"a{n}", f"a: about table {n}", Severity.WARNING) for n in "二三四"
            ]
            + [Diagnostic("a0", "a: about the text", Severity.WARNING)],
        )
        second = Reading(
            "b",
            _FLAT,
            diagnostics=[
                Diagnostic(f"b{n}", f"b: about table {n}", Severity.WARNING) for n in "二三四"
            ]
            + [Diagnostic("b0", "b: about the text", Severity.WARNING)],
        )

        chosen, why = choose([first, second])

        assert chosen.name == "b"
        assert chosen.flat == _FLAT
        assert [d.code for d in chosen.diagnostics] == ["a0", "b二", "b三", "b四"]
        assert why == (
            "readings chosen by evidence: table 二: b (evidence 10; a 9); "
            "table 三: b (evidence 214; a 199); table 四: b (evidence 18; a 12)"
        )

    def test_of_three_readings_the_best_and_the_others_named(self) -> None:
        first = Reading("a", _without_row(_FLAT, "t4."))
        second = Reading("b", _without_row(_FLAT, "t4.review."))
        third = Reading("c", _FLAT)

        chosen, why = choose([first, second, third])

        assert why == "readings chosen by evidence: table 四: c (evidence 18; a 0, b 12)"
        assert chosen.name == "a + c"


class TestEmptyText:
    @pytest.mark.parametrize("format", ["pipe", "markdown", "text", "glued", "pdftext"])
    def test_strict_an_empty_text_is_an_error_naming_nothing_found(self, format: str) -> None:
        with pytest.raises(gr.ParseError) as caught:
            gr.loads("", format=format, source="a.txt")

        error = caught.value
        assert (error.detail, error.source, error.line) == ("empty input", "a.txt", None)
        assert (error.expected, error.got) == ("the text of a report", "nothing")

    def test_strict_blank_lines_are_counted(self) -> None:
        with pytest.raises(gr.ParseError) as caught:
            gr.loads("  \n\t\n\n", format="pipe", source="a.txt")

        error = caught.value
        assert (error.detail, error.source, error.line) == ("only white space", "a.txt", 3)
        assert (error.expected, error.got) == ("the text of a report", "3 blank line(s)")

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("", "empty input: no report in the text"),
            (" \n", "only white space: no report in the text"),
        ],
    )
    def test_lenient_an_empty_report_with_one_error(self, text: str, message: str) -> None:
        report = gr.loads(text, format="pipe", source="a.txt", lenient=True)

        assert all(value is None for value in report.cells().values())
        assert report.provenance is not None
        assert (report.provenance.source, report.provenance.format) == ("a.txt", "pipe")
        assert report.provenance.diagnostics == (Diagnostic("empty", message, Severity.ERROR),)


class TestReadOutline:
    def _markdown_without_comment(self) -> str:
        """The library's Markdown less its first lines: table 四 is then three rows of five."""
        return gr.dumps(_REPORT, format="markdown").split("\n", 2)[2]

    def test_strict_the_aligned_reading_stands_in_for_a_failed_sequential_one(self) -> None:
        back = gr.loads(self._markdown_without_comment(), source="a.md")

        assert back.cells() == _REPORT.cells()
        assert back.provenance is not None
        assert back.provenance.source == "a.md"
        assert back.provenance.reading == (
            "the sequential reading failed; rows aligned; the sequential reading: "
            "a.md, line 95, table 四, row 行政复议: 5 values for 15 columns; a cell is missing "
            "and will not be guessed by position: expected 15 values, got '3 0 0 0 3'"
        )
        assert back.provenance.diagnostics == ()

    def test_lenient_the_readings_are_chosen_per_table(self) -> None:
        back = gr.loads(self._markdown_without_comment(), lenient=True)

        assert back.cells() == _REPORT.cells()
        assert back.provenance is not None
        assert back.provenance.reading == (
            "readings chosen by evidence: table 四: markdown, rows aligned "
            "(evidence 18; markdown 0)"
        )
        assert {d.severity for d in back.provenance.diagnostics} == {Severity.INFO}

    def test_strict_an_error_both_readings_share_is_raised(self) -> None:
        """A cell that is no number: the aligned reading is not clean either, the error stands."""
        lines = self._markdown_without_comment().split("\n")
        at = next(k for k, line in enumerate(lines) if line.startswith("| 行政复议"))
        lines[at] = lines[at].replace("|          3 |", "|          x |", 1)

        with pytest.raises(gr.ParseError, match=r"5 values for 15 columns.*got 'x 0 0 0 3'"):
            gr.loads("\n".join(lines), format="markdown")

    def test_a_whole_clean_reading_is_not_aligned(self) -> None:
        back = gr.loads(gr.dumps(_REPORT, format="pipe"), format="pipe")

        assert back.cells() == _REPORT.cells()
        assert back.provenance is not None
        assert back.provenance.reading is None

    def test_word_export_a_tab_indented_paragraph_is_prose_as_printed(self) -> None:
        """A cell line in a prose section: its text comes back from the source line itself."""
        lines = gr.dumps(_REPORT, format="text").split("\n")
        at = next(k for k, line in enumerate(lines) if line.startswith("五、"))
        lines.insert(at + 1, "\t缩进的一段说明文字。")

        back = gr.loads("\n".join(lines), format="text")

        assert back.section(5).text == "\t缩进的一段说明文字。\n" + _REPORT.section(5).text
        assert back.cells() == _REPORT.cells()


_HEADLESS = generate("headless:3")


def _pipe_without(*headings: str) -> list[str]:
    """The report as pipe text, less the section headings that start with *headings*."""
    lines = gr.dumps(_HEADLESS, format="pipe").split("\n")
    return [line for line in lines if "|" in line or not line.startswith(headings)]


class TestHeadlessTables:
    @pytest.mark.parametrize(
        ("heading", "label", "line"),
        [
            ("二、", "第二十条第（一）项", 15),
            ("三、", "（本列数据的勾稽关系为：第一项加第二项之", 30),
            ("四、", "行政复议", 59),
        ],
    )
    def test_the_note_names_the_section_the_label_and_its_line(
        self, heading: str, label: str, line: int
    ) -> None:
        lines = _pipe_without(heading)

        back = gr.loads("\n".join(lines), format="pipe", lenient=True)

        assert back.cells() == _HEADLESS.cells()
        assert back.provenance is not None
        number = heading[0]
        assert [d for d in back.provenance.diagnostics if d.code == "heading_missing"] == [
            Diagnostic(
                "heading_missing",
                f"section {number}'s heading is not in the text: table {number} is read "
                f"from its first label {label!r} on",
                Severity.WARNING,
                line=line,
            )
        ]
        assert lines[line - 1].startswith(f"| {label}")
        for n in range(1, 7):  # the section before keeps its prose, nothing more
            assert back.section(n).text == _HEADLESS.section(n).text

    def test_a_table_after_the_front_matter_is_taken_from_it(self) -> None:
        """Headings 一 and 二 both dropped: table 二's lines come out of the front matter."""
        lines = _pipe_without("一、", "二、")

        back = gr.loads("\n".join(lines), format="pipe", lenient=True)

        assert back.cells() == _HEADLESS.cells()
        assert back.meta.title == _HEADLESS.meta.title
        assert back.provenance is not None
        notes = [d for d in back.provenance.diagnostics if d.code == "heading_missing"]
        assert [(d.message[:40], d.line) for d in notes] == [
            ("section 二's heading is not in the text: ", 14)
        ]

    def test_a_table_is_taken_from_the_nearest_section_with_lines(self) -> None:
        """Headings 三 and 四 and table 三 gone: table 四 is found in section 二, two back."""
        lines = _pipe_without("三、", "四、")
        start = next(k for k, line in enumerate(lines) if line.startswith("| （本列数据"))
        end = next(k for k, line in enumerate(lines) if line.startswith("| 行政复议"))
        lines = lines[:start] + lines[end:]

        back = gr.loads("\n".join(lines), format="pipe", lenient=True)

        got, want = back.cells(), _HEADLESS.cells()
        assert {p: got[p] for p in got if p.startswith("t4.")} == {
            p: want[p] for p in want if p.startswith("t4.")
        }
        assert back.provenance is not None
        assert [d.code for d in back.provenance.diagnostics] == [
            "heading_missing",
            "table_missing",
        ]
        assert back.provenance.diagnostics[0].line == start + 1

    def test_a_heading_printed_after_its_table_is_no_missing_heading(self) -> None:
        """A section with its heading is left alone, even with no lines of its own."""
        lines = gr.dumps(_HEADLESS, format="pipe").split("\n")
        heading = next(k for k, line in enumerate(lines) if line.startswith("四、"))
        after = next(k for k, line in enumerate(lines) if line.startswith("五、"))
        moved = [
            *lines[:heading],
            *lines[heading + 1 : after],
            lines[heading],
            *lines[after:],
        ]

        back = gr.loads("\n".join(moved), format="pipe", lenient=True)

        assert back.cells() == _HEADLESS.cells()
        assert back.provenance is not None
        assert back.provenance.diagnostics == ()

    @pytest.mark.parametrize(
        ("heading", "printed", "variant"),
        [
            ("二、", "| 第二十条第（一）项 |", "| 第二十条 (一)项 |"),
            ("二、", "| 第二十条第（一）项 |", "| 第二十条 第 （ 一 ） 项 |"),
            (
                "三、",
                "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |",
                "| ",
            ),
            ("四、", "| 行政复议 | 行政诉讼 |", "| 行政复议  行政诉讼 |"),
        ],
    )
    def test_the_first_label_as_converters_print_it(
        self, heading: str, printed: str, variant: str
    ) -> None:
        text = "\n".join(_pipe_without(heading))
        assert printed in text

        back = gr.loads(text.replace(printed, variant, 1), format="pipe", lenient=True)

        assert back.cells() == _HEADLESS.cells()
        assert back.provenance is not None
        assert [d.code for d in back.provenance.diagnostics].count("heading_missing") == 1

    def test_markdown_headings_and_bars_before_the_label_are_markup(self) -> None:
        """``### 第二十条第（一）项`` and ``| 行政复议 |``: the label after the marks is found."""
        lines = gr.dumps(_HEADLESS, format="markdown").split("\n")[2:]
        kept = [
            line
            for line in lines
            if "|" in line or not line.lstrip("# ").startswith(("二、", "四、"))
        ]

        back = gr.loads("\n".join(kept), format="markdown", lenient=True)

        assert back.cells() == _HEADLESS.cells()
        assert back.provenance is not None
        notes = [d for d in back.provenance.diagnostics if d.code == "heading_missing"]
        assert [kept[d.line - 1].split()[0] for d in notes] == ["###", "|"]


_T3_ROWS = next(t for t in FORMAT_2021.tables if t.key == "t3").rows
_CELLS = _REPORT.cells()


def _tokens(rows: list[list[str]], start: int = 1) -> list[Token]:
    """Printed rows, one a line, as a tokenizer gives them (cells, then a row end)."""
    out: list[Token] = []
    for line, row in enumerate(rows, start):
        out += [Token(text, line) for text in row]
        out.append(Token.row_end(line))
    return out


def _t3_rows(row_key: str, keep: slice | None = None, drop: int | None = None) -> list[list[str]]:
    """Table 三 of the seed report, labels as the form prints them, one row's values cut."""
    rows = []
    for row in _T3_ROWS:
        values = [str(_CELLS[f"t3.{row.key}.{c.key}"]) for c in row.columns]
        if row.key == row_key and drop is not None:
            del values[drop]
        if row.key == row_key and keep is not None:
            values = values[keep]
        rows.append([row.label, *values])
    return rows


def _pipe_with(old: str, new: str) -> str:
    text = gr.dumps(_REPORT, format="pipe")
    assert old in text
    return text.replace(old, new, 1)


class TestAlignedGaps:
    def test_a_gap_in_a_late_row_is_placed_by_the_identities(self) -> None:
        """（七）总计 ``26 0 0 0 0 27``: the only place for the gap is 科研机构 (E2 of its column)."""
        aligned = align_tables({"t3": _tokens(_t3_rows("total_processed", drop=2))})

        assert "t3.total_processed.research" not in aligned.cells
        cells = [aligned.cells.get(f"t3.total_processed.{c}", Cell()) for c in T3_COLUMNS]
        assert [cell.value for cell in cells] == [26, 0, None, 0, 0, 0, 27]
        assert [(d.code, d.path, d.line) for d in aligned.diagnostics] == [
            ("gap_placed", "t3.total_processed.research", 24)
        ]
        used = aligned.origins["t3.total_processed.total"].inferred_by
        assert used == used_identities(row_specs("t3", "total_processed"))
        assert not aligned.origins["t3.granted.total"].inferred_by

    def test_a_gap_in_a_row_before_its_sums_is_not_placed(self) -> None:
        """（一）予以公开 lacks a cell; the rows it sums into come later: every place fits."""
        aligned = align_tables({"t3": _tokens(_t3_rows("granted", drop=2))})

        assert not any(path.startswith("t3.granted.") for path in aligned.cells)
        assert [(d.code, d.message, d.path, d.severity) for d in aligned.diagnostics] == [
            (
                "unplaced_value",
                (
                    "table 三, row '(一)予以公开': 6 values for 7 columns and 7 placements fit the "
                    "identities; the row is left absent"
                ),
                "t3.granted.natural_person",
                Severity.WARNING,
            )
        ]

    def test_three_cells_missing_are_too_many_to_place(self) -> None:
        aligned = align_tables({"t3": _tokens(_t3_rows("total_processed", keep=slice(0, 4)))})

        assert [(d.code, d.message, d.path) for d in aligned.diagnostics] == [
            (
                "unplaced_value",
                (
                    "table 三, row '(七)总计': 4 values for 7 columns and too many cells are missing "
                    "to place them; the row is left absent"
                ),
                "t3.total_processed.natural_person",
            )
        ]

    def test_a_short_row_of_table_two_is_never_placed(self) -> None:
        aligned = align_tables({"t2": _tokens([["规章", "0", "0"]])})

        assert aligned.cells == {}
        assert [(d.code, d.message, d.path) for d in aligned.diagnostics] == [
            (
                "unplaced_value",
                (
                    "table 二, row '规章': 2 values for 3 columns and table 二 has no identity to "
                    "place the gap with; the row is left absent"
                ),
                "t2.regulations.issued",
            )
        ]


class TestCollectedGaps:
    def test_the_sequential_reading_places_a_gap_with_the_rows_after_it(self) -> None:
        """（一）予以公开 ``8 0 0 0 0 9`` read to the end: 科研机构 is the gap, the rest inferred."""
        text = _pipe_with(
            "| （一）予以公开 | 8 | 0 | 1 | 0 | 0 | 0 | 9 |",
            "| （一）予以公开 | 8 | 0 | 0 | 0 | 0 | 9 |",
        )

        back = gr.loads(text, lenient=True)

        got = back.cells()
        assert {p for p in got if got[p] != _CELLS[p]} == {"t3.granted.research"}
        assert got["t3.granted.research"] is None
        assert back.provenance is not None
        lines = text.split("\n")
        line = next(k for k, printed in enumerate(lines, 1) if "（一）予以公开 | 8 |" in printed)
        assert [(d.code, d.path, d.line) for d in back.provenance.diagnostics] == [
            ("missing_value", None, line),
            ("gap_placed", "t3.granted.research", line),
        ]
        inferred = {p for p, o in back.provenance.cells.items() if o.inferred_by}
        assert inferred == {f"t3.granted.{c}" for c in T3_COLUMNS if c != "research"}

    def test_three_cells_missing_leave_the_row_absent(self) -> None:
        text = _pipe_with(
            "| （一）予以公开 | 8 | 0 | 1 | 0 | 0 | 0 | 9 |", "| （一）予以公开 | 8 | 0 | 0 | 9 |"
        )

        back = gr.loads(text, lenient=True)

        assert all(back.cells()[f"t3.granted.{c}"] is None for c in T3_COLUMNS)
        assert back.provenance is not None
        assert [d.message for d in back.provenance.diagnostics if d.code == "unplaced_value"] == [
            (
                "table 三, row '（一）予以公开': 4 values for 7 columns and too many cells are "
                "missing to place them; the row is left absent"
            )
        ]

    def test_a_bad_cell_of_table_four_names_its_group_and_row(self) -> None:
        old = "| 3 | 0 | 0 | 0 | 3 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |"
        text = _pipe_with(old, old.replace("| 0 | 0 | 0 | 0 | 1 |", "| x | 0 | 0 | 0 | 1 |"))

        with pytest.raises(gr.ParseError) as caught:
            gr.loads(text)

        assert (caught.value.row, caught.value.path) == (
            "行政诉讼 未经复议直接起诉",
            "t4.suit_direct.total",
        )

    def test_a_gap_no_single_place_fits_keeps_the_cells_all_placements_agree_on(self) -> None:
        """``7.属于行政执法案卷 6 0 0 0 0 6``: five places fit; 自然人 and 总计 agree, inferred."""
        text = _pipe_with(
            "| 7.属于行政执法案卷 | 6 | 0 | 0 | 0 | 0 | 0 | 6 |",
            "| 7.属于行政执法案卷 | 6 | 0 | 0 | 0 | 0 | 6 |",
        )

        back = gr.loads(text, lenient=True)

        row = "t3.denied_enforcement_file"
        got = back.cells()
        assert [got[f"{row}.{c}"] for c in T3_COLUMNS] == [6, None, None, None, None, None, 6]
        assert back.provenance is not None
        inferred = {p for p, o in back.provenance.cells.items() if o.inferred_by}
        assert inferred == {f"{row}.natural_person", f"{row}.total"}
        unplaced = [d for d in back.provenance.diagnostics if d.code == "unplaced_value"]
        assert [(d.path, d.severity) for d in unplaced] == [
            (f"{row}.commercial", Severity.WARNING)
        ]
        assert unplaced[0].message.startswith(
            "table 三, row '7.属于行政执法案卷': 6 values for 7 columns and 5 placements fit "
            f"the identities; {row}.commercial, {row}.research,"
        )

    def test_strict_a_text_cut_inside_a_row(self) -> None:
        lines = gr.dumps(_REPORT, format="pipe").split("\n")
        at = next(k for k, line in enumerate(lines) if line.startswith("| （七）总计"))
        text = "\n".join([*lines[:at], "| （七）总计 | 26 | 0 | 1 |"])

        with pytest.raises(gr.ParseError) as caught:
            gr.loads(text, format="pipe")

        error = caught.value
        assert (error.line, error.table, error.expected, error.got) == (
            at + 1,
            "三",
            "the rest of the table",
            "the end of the text",
        )
        assert error.detail == (
            "the text ends inside table 三, in the row '（七）总计' after 3 of 7 values "
            "(from t3.total_processed.public_interest on the cells are absent)"
        )


class TestAlignedRows:
    def test_a_row_printed_out_of_order_is_read_by_its_whole_label(self) -> None:
        rows = _t3_rows("")
        aligned = align_tables({"t3": _tokens([rows[-1], *rows[:-1]])})

        assert {p: c.value for p, c in aligned.cells.items()} == {
            p: v for p, v in _CELLS.items() if p.startswith("t3.")
        }
        assert [(d.code, d.severity, d.line) for d in aligned.diagnostics] == [
            ("row_out_of_order", Severity.INFO, 1)
        ]
        assert aligned.diagnostics[0].message == (
            "table 三: the row '四、结转下年度继续办理' is printed out of the form's order; "
            "read by its label"
        )

    def test_a_row_too_long_is_left_absent_with_a_note_on_its_first_cell(self) -> None:
        rows = _t3_rows("")
        rows[23] = [*rows[23], "5"]

        aligned = align_tables({"t3": _tokens(rows)})

        assert not any(path.startswith("t3.total_processed.") for path in aligned.cells)
        assert [(d.code, d.message, d.path, d.line) for d in aligned.diagnostics] == [
            (
                "row_too_long",
                "table 三, row '(七)总计': 8 values for 7 columns; the row is left absent",
                "t3.total_processed.natural_person",
                24,
            )
        ]

    def test_a_row_with_label_evidence_outweighs_rows_without_any(self) -> None:
        """``信访举报`` (a fragment of one label) and three rows of values with no label.

        Three slots are free; the fragment can take only the last.  Its evidence
        (five points) beats the three unlabelled rows (one point each): it is
        placed, and the rows without a label, which no longer fit in order, are not.
        """
        rows = _t3_rows("")
        printed = [
            *rows[:13],
            ["信访举报", *rows[15][1:]],
            rows[13][1:],
            rows[14][1:],
            rows[15][1:],
            *rows[16:],
        ]

        aligned = align_tables({"t3": _tokens(printed)})

        placed = {path.rsplit(".", 1)[0] for path in aligned.cells}
        assert "t3.not_processed_petition" in placed
        assert "t3.unable_needs_creation" not in placed
        assert "t3.unable_still_unclear" not in placed
        assert len(placed) == 23
        assert [(d.code, d.line) for d in aligned.diagnostics] == [
            ("unplaced_value", 15),
            ("unplaced_value", 16),
            ("unplaced_value", 17),
        ]


class TestProseAroundTables:
    def test_blank_lines_between_paragraphs_are_kept_as_printed(self) -> None:
        """Prose after table 二: the blank lines next to the table go, those between paragraphs stay."""
        lines = gr.dumps(_REPORT, format="pipe").split("\n")
        at = next(k for k, line in enumerate(lines) if line.startswith("3、"))
        lines[at:at] = ["", "第一段。", "", "", "第二段。", ""]

        back = gr.loads("\n".join(lines), format="pipe")

        assert back.section(2).text == "第一段。\n\n\n第二段。"
        assert back.cells() == _REPORT.cells()


def _strict_error(lines: list[str]) -> gr.ParseError:
    with pytest.raises(gr.ParseError) as caught:
        gr.loads("\n".join(lines), format="pipe")
    return caught.value


class TestCollectorProblems:
    _LINES = gr.dumps(_REPORT, format="pipe").split("\n")

    def _at(self, start: str) -> int:
        return next(k for k, line in enumerate(self._LINES) if line.startswith(start))

    def test_a_row_printed_twice_with_other_values_is_left_absent(self) -> None:
        at = self._at("| 2.重复申请")
        again = "| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
        lines = [*self._LINES[: at + 1], again, *self._LINES[at + 1 :]]

        back = gr.loads("\n".join(lines), format="pipe", lenient=True)

        got = back.cells()
        assert all(got[f"t3.not_processed_repeat.{c}"] is None for c in T3_COLUMNS)
        assert (
            got["t3.not_processed_publication.total"]
            == _CELLS["t3.not_processed_publication.total"]
        )
        # printed twice alike: the cells stand
        same = [*self._LINES[: at + 1], self._LINES[at], *self._LINES[at + 1 :]]
        back = gr.loads("\n".join(same), format="pipe", lenient=True)
        assert (
            back.cells()["t3.not_processed_repeat.total"]
            == _CELLS["t3.not_processed_repeat.total"]
        )

    def test_the_assembler_leaves_a_row_printed_twice_differently_absent(self) -> None:
        """Its own reading, before any evidence: a second printing never overwrites the first."""
        rows = _t3_rows("")
        repeat = next(r for r in rows if r[0] == "2.重复申请")
        printed = [*rows, ["2.重复申请", "1", "0", "0", "0", "0", "0", "1"], repeat]
        assembler = Assembler(lenient=True)
        assembler.feed(_tokens(printed), table="t3")

        cells, _ = assembler.finish()

        assert not any(path.startswith("t3.not_processed_repeat.") for path in cells)
        assert cells["t3.granted.total"] == Cell(_CELLS["t3.granted.total"])

    @pytest.mark.parametrize(
        ("row", "old", "new", "where", "expected"),
        [
            ("| 7.属于行政执法案卷", "6", "-6", "三", "a count ≥ 0"),
            ("| 行政事业性收费", "3.3", "-3.3", "二", "an amount in 万元 (a decimal ≥ 0)"),
            ("| 7.属于行政执法案卷", "6", "6a", "三", "a count"),
        ],
    )
    def test_a_cell_that_is_no_count_or_amount(
        self, row: str, old: str, new: str, where: str, expected: str
    ) -> None:
        lines = [line.replace(f"{row} | {old} |", f"{row} | {new} |") for line in self._LINES]

        error = _strict_error(lines)

        negative = new.startswith("-")
        assert error.detail == ("negative number" if negative else "not a number")
        assert (error.table, error.expected, error.got) == (where, expected, new)

    def test_a_missing_row_names_its_table_and_label(self) -> None:
        at = self._at("| 2.重复申请")

        error = _strict_error([*self._LINES[:at], *self._LINES[at + 1 :]])

        assert (error.detail, error.table, error.row) == ("row missing", "三", "2.重复申请")
        assert error.line == 1 + self._at("| （本列数据的勾稽关系")  # where table 三 begins
        assert (error.expected, error.got) == ("the row '2.重复申请'", "no such row in the table")

    def test_a_missing_table(self) -> None:
        start, end = self._at("四、"), self._at("五、")

        error = _strict_error([*self._LINES[:start], *self._LINES[end:]])

        assert (error.detail, error.table) == ("table missing", "四")
        assert error.expected == "table 四 (政府信息公开行政复议、行政诉讼情况)"
        assert error.got == "no table in the text"

    def test_table_four_without_values(self) -> None:
        start, end = self._at("四、"), self._at("五、")

        error = _strict_error([*self._LINES[: start + 4], *self._LINES[end:]])

        assert (error.detail, error.table, error.expected, error.got) == (
            "table 四 has no values",
            "四",
            "15 values",
            "none",
        )
        assert error.line == start + 2  # where table 四 begins: its first header row
        back = gr.loads(
            "\n".join([*self._LINES[: start + 4], *self._LINES[end:]]), format="pipe", lenient=True
        )
        assert back.provenance is not None
        assert [d.code for d in back.provenance.diagnostics] == ["row_missing"]


# --- the form's tables the engine builds once: identities and label keys, built afresh --------


class TestIdentityTables:
    """``codecs/_identities``: the identities of tables 三 and 四 as readers place gaps with them."""

    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_every_identity_holds_on_a_valid_report(self, seed: int) -> None:
        report = generate(seed)
        for table in ("t3", "t4"):
            for identity in _instances(table):
                assert sum(k * report.value(path) for k, path in identity) == 0, identity

    def test_their_shape(self) -> None:
        t3, t4 = _instances("t3"), _instances("t4")

        assert (len(t3), len(t4), _instances("t2")) == (2 * 7 + 25, 3, [])
        assert t3[0] == [
            (1, "t3.new_received.natural_person"),
            (1, "t3.carried_over.natural_person"),
            (-1, "t3.total_processed.natural_person"),
            (-1, "t3.carried_forward.natural_person"),
        ]
        assert t3[1][:2] == [
            (1, "t3.total_processed.natural_person"),
            (-1, "t3.granted.natural_person"),
        ]
        assert len(t3[1]) == 1 + 21  # total processed = the 21 rows of results
        assert t3[14] == [(1, "t3.new_received.total")] + [
            (-1, f"t3.new_received.{c}") for c in T3_COLUMNS[:-1]
        ]
        assert t4[2] == [
            (1, "t4.suit_after_review.total"),
            (-1, "t4.suit_after_review.upheld"),
            (-1, "t4.suit_after_review.corrected"),
            (-1, "t4.suit_after_review.other"),
            (-1, "t4.suit_after_review.pending"),
        ]

    def test_instance_ids_as_the_rules_give_them(self) -> None:
        """Each cell's identity instances, against the 2021 rule set's own instances."""
        families = ("t3.balance", "t3.processed_sum", "t3.row_sum", "t4.group_sum")
        expected: dict[str, list[str]] = {}
        for instance in RULES_2021.instances():
            if instance.family in families:
                for path in instance.paths:
                    expected.setdefault(path, []).append(instance.id)

        assert {p: sorted(ids) for p, ids in _instance_ids().items()} == {
            p: sorted(ids) for p, ids in expected.items()
        }

    @given(st.data())
    def test_fits_identities_reads_every_identity_a_trial_cell_is_in(
        self, data: st.DataObject
    ) -> None:
        """A trial fits when no identity is broken or forces a negative or fractional cell.

        Against the plain reading: every identity of the table that holds a
        trial cell, found by scanning them all.
        """
        table = data.draw(st.sampled_from(["t3", "t4"]))
        report = generate(data.draw(st.integers(1, 50)))
        identities = _instances(table)
        paths = sorted({path for identity in identities for _, path in identity})
        known: dict[str, int | None] = {p: report.value(p) for p in paths}
        for path in data.draw(st.lists(st.sampled_from(paths), max_size=3)):
            known[path] = data.draw(st.none() | st.integers(0, 9))
        trial = {
            p: data.draw(st.none() | st.integers(0, 9))
            for p in data.draw(
                st.lists(st.sampled_from(paths), min_size=1, max_size=7, unique=True)
            )
        }

        def holds(identity: list[tuple[int, str]]) -> bool:
            values = [(k, trial[p] if p in trial else known.get(p)) for k, p in identity]
            unknown = [k for k, v in values if v is None]
            total = sum(k * v for k, v in values if v is not None)
            if not unknown:
                return total == 0
            if len(unknown) == 1:
                implied, remainder = divmod(-total, unknown[0])
                return remainder == 0 and implied >= 0
            return True

        touched = [i for i in identities if any(p in trial for _, p in i)]
        assert fits_identities(table, known, trial) == all(map(holds, touched))

    def test_used_identities(self) -> None:
        specs = [CELL_SPECS["t3.granted.research"], CELL_SPECS["t3.granted.total"]]

        assert used_identities(specs) == (
            "t3.processed_sum[research]",
            "t3.processed_sum[total]",
            "t3.row_sum[granted]",
        )


class TestLabelKeys:
    """``codecs/_row_evidence``: the keys a printed row label may have, and how labels score."""

    def test_table_two(self) -> None:
        keys = _label_keys("t2")

        assert keys["regulations"] == ("规章",)
        assert set(keys["normative_documents"]) == {"规范性文件", "行政规范性文件"}
        assert keys["admin_fees"] == ("行政事业性收费",)

    def test_table_three(self) -> None:
        keys = _label_keys("t3")

        assert sorted(keys["partial"]) == [
            "二部分公开",
            "二部分公开区分处理的只计这一情形不计其他情形",
            "部分公开区分处理的只计这一情形不计其他情形",
        ]
        assert keys["other_other"] == ("3其他",)  # a bare 其他 would match anything
        assert sorted(keys["denied_prohibited_by_law"]) == [
            "2其他法律行政法规禁止公开",
            "其他法律行政法规禁止公开",
        ]

    @pytest.mark.parametrize(
        ("label", "bare"),
        [
            ("1.属于国家秘密", "属于国家秘密"),
            ("12．其他", "其他"),
            ("三、本年度办理结果", "本年度办理结果"),
            ("十二、其他", "其他"),
            ("（二）部分公开", "部分公开"),
            ("（七）总计", "总计"),
            ("行政许可", "行政许可"),
            ("a.b", "a.b"),
            ("、开头", "、开头"),
            ("（很长很长的括号里的话）x", "（很长很长的括号里的话）x"),
        ],
    )
    def test_strip_ordinal(self, label: str, bare: str) -> None:
        assert _strip_ordinal(label) == bare

    @pytest.mark.parametrize(
        ("parts", "score"),
        [
            (["行政", "许可"], WHOLE),  # consecutive parts that make a whole label
            (["甲", "乙", "丙", "行政许可"], WHOLE),
            (["x", "y", "z", "w", "行政许可"], WHOLE),
            (["三不予公开1属于国家秘密"], 0),
            (["行政"], 2),  # a fragment: its length
            (["许可", "行政许"], 3),  # the longest fragment
            (["行"], 0),  # one character is no evidence
        ],
    )
    def test_label_evidence(self, parts: list[str], score: int) -> None:
        assert label_evidence(parts, ("行政许可",)) == score

    def test_merged_labels_printed_in_one_cell(self) -> None:
        """A part ending with a whole label of three characters or more is that label."""
        assert label_evidence(["三不予公开1属于国家秘密"], ("1属于国家秘密",)) == WHOLE
        assert label_evidence(["其他3其他"], ("3其他",)) == WHOLE
        assert label_evidence(["x规章"], ("规章",)) == 0  # two characters: too short to tell

    @given(st.data())
    def test_every_row_scored_at_once_as_one_by_one(self, data: st.DataObject) -> None:
        """``label_scores`` of a table's rows agrees with the evidence read row by row, plainly."""
        table = data.draw(st.sampled_from(["t2", "t3"]))
        keys = [key for row in ROW_KEYS[table].values() for key in row]
        pieces = st.builds(
            lambda key, a, b: key[min(a, b) : max(a, b)],
            st.sampled_from(keys),
            st.integers(0, 30),
            st.integers(0, 30),
        )
        part = st.one_of(pieces, st.text("行政公开1其他x", max_size=4))
        parts = data.draw(st.lists(st.builds(str.__add__, part, part), max_size=6))

        scores = label_scores(parts, table)

        assert scores == {row: _plain_evidence(parts, k) for row, k in ROW_KEYS[table].items()}

    @pytest.mark.parametrize("table", ["t2", "t3"])
    def test_every_label_merged_after_another_is_whole(self, table: str) -> None:
        """Each key of three characters or more ends a merged cell: its row scores WHOLE."""
        for row, keys in ROW_KEYS[table].items():
            for key in keys:
                if len(key) >= 3:
                    assert label_scores(["甲" + key], table)[row] == WHOLE, key

    @pytest.mark.parametrize(
        ("key", "fragment"),
        [("五不", True), ("予处理", True), ("公开", False), ("行政许可", False)],
    )
    def test_group_fragment(self, key: str, fragment: bool) -> None:
        assert group_fragment(key) is fragment


def _plain_evidence(parts: list[str], keys: tuple[str, ...]) -> int:
    """Label evidence by its definition, key by key (the reference ``label_scores`` must match)."""
    for i in range(len(parts)):
        for j in range(i + 1, min(i + 4, len(parts)) + 1):
            if "".join(parts[i:j]) in keys:
                return WHOLE
        if any(parts[i].endswith(key) for key in keys if len(key) >= 3):
            return WHOLE
    return max((len(p) for p in parts if len(p) >= 2 and any(p in k for k in keys)), default=0)


class TestValueLikeText:
    """``codecs/_cell_text``: which printed texts may stand in a value cell (read afresh, uncached)."""

    @pytest.mark.parametrize(
        ("text", "elsewhere", "in_t4"),
        [
            ("", True, True),  # a blank
            ("/", True, True),  # a marker
            ("—", True, True),
            ("[absent]", True, True),
            ("3", True, True),  # numbers
            ("-3", True, True),
            ("  12 ", True, True),
            ("1.属于国家秘密", False, False),  # a numbered label, not a number
            ("1.", False, False),
            ("(一)", False, False),  # brackets and Chinese ordinals open labels
            ("（二）部分公开", False, False),
            ("一、总体情况", False, False),
            ("十、", False, False),
            ("行政许可", False, False),  # a whole label
            ("，。", True, True),  # nothing left to match: no label
            ("维持", True, False),  # table 四's own words are no values there
            ("abc", False, False),  # longer than two characters
            ("其他", False, False),  # the start of a label
            ("结果", False, False),
            ("六", True, True),  # a numeral alone
            ("二", True, True),
            ("件", True, True),  # a unit
            ("公开", True, True),
        ],
    )
    def test_value_like(self, text: str, elsewhere: bool, in_t4: bool) -> None:
        assert (_value_like_text(text, in_t4=False), _value_like_text(text, in_t4=True)) == (
            elsewhere,
            in_t4,
        )

    @pytest.mark.parametrize(
        ("text", "prose"),
        [
            ("x" * 25, True),  # longer than any cell's text
            ("x" * 24, False),
            ("本年度无。", True),  # a sentence
            ("（一）存在的主要问题", True),  # an item's heading
            ("12", False),
        ],
    )
    def test_looks_like_prose(self, text: str, prose: bool) -> None:
        assert looks_like_prose(text) is prose


class TestCoreEdges:
    """Edges of the reading core's small helpers that mutation testing showed untested."""

    def test_the_total_row_has_no_bare_key(self) -> None:
        """``（七）总计`` is matched whole: a bare 总计 would match every total."""
        assert _label_keys("t3")["total_processed"] == ("七总计",)

    @pytest.mark.parametrize(
        ("label", "bare"),
        [("（一二三四）x", "x"), ("（一二三四五）x", "（一二三四五）x")],  # a bracket closes early
    )
    def test_a_bracket_ordinal_is_short(self, label: str, bare: str) -> None:
        assert _strip_ordinal(label) == bare

    def test_at_most_four_parts_make_a_label(self) -> None:
        assert label_evidence(["a", "b", "c", "d"], ("abcd",)) == WHOLE
        assert label_evidence(["a", "b", "c", "d", "e"], ("abcde",)) == 0

    def test_no_fragment_of_anything(self) -> None:
        assert group_fragment("xyz") is False

    def test_table_four_has_its_own_words(self) -> None:
        assert (value_test("t4")("维持"), value_test("t3")("维持"), value_test(None)("维持")) == (
            False,
            True,
            True,
        )
        assert not is_value(Token("维持", 1), "t4")
        assert is_value(Token("维持", 1), "t3")

    def test_a_cell_in_no_identity(self) -> None:
        assert used_identities([CELL_SPECS["t2.regulations.issued"]]) == ()

    def test_padding_after_a_total(self) -> None:
        def row(*texts: str, value_at: int | None = None) -> list[Token]:
            return [
                Token(text, 1, TokenKind.VALUE if i == value_at else TokenKind.CELL)
                for i, text in enumerate(texts)
            ]

        assert padded_after_total(row("1", "1", "", "", "", "", ""), 7)  # two cells: 1 = 1
        assert padded_after_total(row("1", "0", "0", "0", "0", "1", ""), 7)  # a total of 1
        assert padded_after_total(row("3", "0", "0", "0", "0", "3", "", value_at=1), 7)
        assert padded_after_total(row("3", "0", "0", "0", "0", "3", "", value_at=5), 7)
        # the grid's own blank 总计 (HTML) is a blank cell, never padding
        assert not padded_after_total(row("3", "0", "0", "0", "0", "3", "", value_at=6), 7)
        assert not padded_after_total(row("3", "", "", "", "", "", ""), 7)  # one cell: no sum


class TestReadOutlineDetails:
    """What the whole reading passes on: the year from section 一, the prose around a table."""

    def test_the_year_from_the_period_in_section_one(self) -> None:
        """No year in the front matter: the 统计期限 stated in section 一 gives it."""
        text = "\n".join(
            [
                "某局政府信息公开工作年度报告",
                "一、总体情况",
                "本报告所列数据统计期限自2023年1月1日至12月31日。",
                "二、主动公开政府信息情况",
                "正文。",
            ]
        )
        report = gr.loads(text, format="pipe", lenient=True)

        assert report.meta.year == 2023

    def test_prose_around_a_table_keeps_its_paragraphs(self) -> None:
        """Blank lines stay between paragraphs, never at the ends nor where the table stood."""
        report = generate(4)
        text = gr.dumps(report, format="pipe")
        head, rest = text.split("四、政府信息公开行政复议、行政诉讼情况\n", 1)
        changed = f"{head}四、政府信息公开行政复议、行政诉讼情况\n\n前文一。\n\n前文二。\n\n{rest}"
        table_end = changed.index("五、")
        changed = f"{changed[:table_end]}\n后文。\n\n{changed[table_end:]}"
        back = gr.loads(changed, format="pipe", lenient=True)

        assert (
            back.sections[3].text == "前文一。\n\n前文二。\n后文。"
        )  # the table between: no blank
        assert back.cells() == report.cells()


class TestGapPlacementRecords:
    """``codecs/_collect``: what a row that lost a cell records — diagnostics, origins, absences."""

    def _read(self, change: Callable[[list[str]], int]) -> tuple[gr.Report, int]:
        lines = gr.dumps(generate(5), format="pipe").splitlines()
        at = change(lines)
        return gr.loads("\n".join(lines), format="pipe", lenient=True), at + 1

    def test_a_gap_in_table_three(self) -> None:
        def drop_first_value(lines: list[str]) -> int:
            i = next(k for k, line in enumerate(lines) if "（一）予以公开" in line and "|" in line)
            cells = lines[i].split("|")
            del cells[3]  # 自然人's 7
            lines[i] = "|".join(cells)
            return i

        report, line = self._read(drop_first_value)
        diagnostics = report.provenance.diagnostics

        assert [(d.code, d.severity, d.line, d.path) for d in diagnostics] == [
            ("missing_value", Severity.WARNING, line, None),
            ("gap_placed", Severity.INFO, line, "t3.granted.natural_person"),
        ]
        assert diagnostics[1].message == (
            "table 三, row '（一）予以公开': the missing cell is 自然人 "
            "(t3.granted.natural_person), the only place the identities allow; it is left absent"
        )
        assert report.t3.granted.natural_person.value is None
        origin = report.provenance.cells["t3.granted.commercial"]
        assert origin.line == line
        assert "t3.row_sum[granted]" in origin.inferred_by
        assert "t3.processed_sum[commercial]" in origin.inferred_by

    def test_a_gap_in_table_two(self) -> None:
        def drop_the_value(lines: list[str]) -> int:
            i = next(k for k, line in enumerate(lines) if line.startswith("| 行政处罚"))
            lines[i] = "| 行政处罚 |"
            return i

        report, line = self._read(drop_the_value)

        assert report.provenance.diagnostics[-1] == Diagnostic(
            "unplaced_value",
            "table 二, row '行政处罚': 0 values for 1 columns and table 二 has no identity to "
            "place the gap with; the row is left absent",
            Severity.WARNING,
            line=line,
            path="t2.punishment.decisions",
        )
        assert report.t2.punishment.decisions.value is None


class TestCollectorDiagnostics:
    """``codecs/_collect``: each kind of damage recorded whole — code, severity, line, cell, words."""

    def _diagnostics(self, change: Callable[[list[str]], list[str]]) -> list[tuple[object, ...]]:
        lines = gr.dumps(generate(5), format="pipe").splitlines()
        report = gr.loads("\n".join(change(lines)), format="pipe", lenient=True)
        assert report.provenance is not None
        return [
            (d.code, d.severity, d.line, d.path, d.message) for d in report.provenance.diagnostics
        ]

    @staticmethod
    def _at(lines: list[str], needle: str) -> int:
        return next(k for k, line in enumerate(lines) if needle in line)

    def test_cut_inside_a_row_of_table_three(self) -> None:
        def cut(lines: list[str]) -> list[str]:
            i = self._at(lines, "（二）部分公开")
            return [
                *lines[:i],
                "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 |",
            ]

        row = "'（二）部分公开（区分处理的，只计这一情形，不计其他情形）'"
        where = f"the text ends inside table 三, in the row {row} after 2 of 7 values"
        absent = "(from t3.partial.research on the cells are absent)"
        assert self._diagnostics(cut) == [
            (
                "truncated",
                Severity.WARNING,
                37,
                None,
                f"table 三: {where} {absent}: expected the rest of the table, got 'the end of the text'",
            ),
            (
                "truncated",
                Severity.WARNING,
                37,
                None,
                f"table 四 is not in the text: {where} {absent}; the cells after it are absent",
            ),
        ]

    def test_cut_before_the_tables(self) -> None:
        def cut(lines: list[str]) -> list[str]:
            return lines[: self._at(lines, "二、") + 1]

        assert self._diagnostics(cut) == [
            (
                "table_missing",
                Severity.WARNING,
                15,
                None,
                f"table {n}: table missing: expected table {n} ({title}), got 'no table in the text'",
            )
            for n, title in (
                ("二", "主动公开政府信息情况"),
                ("三", "收到和处理政府信息公开申请情况"),
                ("四", "政府信息公开行政复议、行政诉讼情况"),
            )
        ]

    def test_a_row_with_a_value_too_many(self) -> None:
        def extra(lines: list[str]) -> list[str]:
            i = self._at(lines, "（一）予以公开")
            lines[i] = lines[i].rstrip() + " 9 |"
            return lines

        assert self._diagnostics(extra) == [
            (
                "extra_values",
                Severity.WARNING,
                36,
                None,
                (
                    "table 三, row （一）予以公开: 8 values for 7 columns; the row is left absent: "
                    "expected 7 values, got '7 0 0 0 0 0 7 9'"
                ),
            )
        ]

    @pytest.mark.parametrize(
        ("printed", "code", "expected"),
        [
            ("-7", "negative_number", "negative number: expected a count ≥ 0"),
            ("七x", "not_a_number", "not a number: expected a count"),
        ],
    )
    def test_a_cell_that_is_no_count(self, printed: str, code: str, expected: str) -> None:
        def spoil(lines: list[str]) -> list[str]:
            i = self._at(lines, "（一）予以公开")
            lines[i] = lines[i].replace("| 7 |", f"| {printed} |", 1)
            return lines

        path = "t3.granted.natural_person"
        assert self._diagnostics(spoil) == [
            (
                code,
                Severity.WARNING,
                36,
                path,
                f"table 三, row （一）予以公开, column 自然人 ({path}): {expected}, got '{printed}'",
            )
        ]
