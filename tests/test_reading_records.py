"""The records of the reading engine's core: what it places, and what it says of what it does not.

Each test pins a whole record — code, severity, line, cell, words — of the sequential
reading (``codecs/_collect``) or the aligned reading (``codecs/_align``) for one kind of
damage, so that a change to what the reader tells its user is seen.  Written from what
mutation testing of those modules showed untested.
"""

from __future__ import annotations

from typing import Any

import pytest

import govinfo_report as gr
from govinfo_report.codecs._align import align_tables
from govinfo_report.codecs._assemble import Assembler
from govinfo_report.schema import CELL_PATHS, T3_COLUMNS, Cell, Severity

from .test_reading_mutants import _CELLS, _REPORT, _t3_rows, _tokens


class TestCollectorGapRecords:
    """``codecs/_collect``: a short row placed, partly placed or left absent, recorded whole."""

    @staticmethod
    def _collect(
        rows: list[list[str]], *, last: bool = False, blanks_visible: bool = True
    ) -> tuple[Assembler, dict[str, Cell], list[tuple[object, ...]]]:
        assembler = Assembler(lenient=True, blanks_visible=blanks_visible)
        assembler.feed(_tokens(rows), table="t3", last=last)
        cells, diagnostics = assembler.finish(last_line=99)
        records = [(d.code, d.severity, d.line, d.path, d.message) for d in diagnostics]
        return assembler, cells, [r for r in records if r[0] != "table_missing"]

    @staticmethod
    def _row(cells: dict[str, Cell], row: str) -> list[Cell]:
        return [cells.get(f"t3.{row}.{c}", Cell()) for c in T3_COLUMNS]

    def test_two_cells_lost_and_one_placement_fits(self) -> None:
        """Two gaps are placed when the identities allow one placement only."""
        rows = _t3_rows("")
        rows[2] = ["（一）予以公开", "0", "1", "0", "0", "0"]  # 8 and 9 lost

        assembler, cells, records = self._collect(rows)

        assert self._row(cells, "granted") == [Cell(), *map(Cell, [0, 1, 0, 0, 0]), Cell()]
        assert [(r[0], r[3]) for r in records] == [
            ("missing_value", None),
            ("gap_placed", "t3.granted.natural_person"),
            ("gap_placed", "t3.granted.total"),
        ]
        assert assembler.origins["t3.granted.research"].line == 3

    def test_no_placement_fits(self) -> None:
        rows = _t3_rows("")
        rows[2] = ["（一）予以公开", "7", "1", "0", "0", "0", "9"]

        _, cells, records = self._collect(rows)

        assert self._row(cells, "granted") == [Cell()] * 7
        assert records[-1] == (
            "unplaced_value",
            Severity.WARNING,
            3,
            "t3.granted.natural_person",
            (
                "table 三, row '（一）予以公开': 6 values for 7 columns and no placement of the gap "
                "satisfies the identities; the row is left absent"
            ),
        )

    def test_the_cells_every_placement_agrees_on_are_kept(self) -> None:
        """Three placements fit: the cells before the run of zeros and the 总计 are kept."""
        rows = _t3_rows("")
        rows[0] = ["一、本年新收政府信息公开申请数量", "25", "0", "1", "0", "0", "26"]

        assembler, cells, records = self._collect(rows)

        assert self._row(cells, "new_received") == [
            *map(Cell, [25, 0, 1]),
            Cell(),
            Cell(),
            Cell(),
            Cell(26),
        ]
        assert records[-1] == (
            "unplaced_value",
            Severity.WARNING,
            1,
            "t3.new_received.public_interest",
            (
                "table 三, row '一、本年新收政府信息公开申请数量': 6 values for 7 columns and 3 "
                "placements fit the identities; t3.new_received.public_interest, "
                "t3.new_received.legal_service, t3.new_received.other_org left absent"
            ),
        )
        origin = assembler.origins["t3.new_received.total"]
        assert origin.line == 1
        assert "t3.row_sum[new_received]" in origin.inferred_by

    def test_a_row_padded_with_empty_cells_is_short(self) -> None:
        """Empty cells after a row's last value pad it: the row has 5 values, not 7."""
        rows = _t3_rows("")
        rows[2] = ["（一）予以公开", "8", "0", "1", "0", "0", "", "", "", ""]

        _, cells, records = self._collect(rows)

        assert records[0][4] == (
            "table 三, row （一）予以公开: 5 values for 7 columns; a cell is missing and will "
            "not be guessed by position: expected 7 values, got '8 0 1 0 0'"
        )
        assert self._row(cells, "granted") == [*map(Cell, [8, 0, 1]), *[Cell()] * 4]

    def test_a_row_without_values(self) -> None:
        rows = _t3_rows("")
        rows[16] = ["2.重复申请"]

        _, _, records = self._collect(rows)

        assert records[0] == (
            "missing_value",
            Severity.WARNING,
            17,
            None,
            (
                "table 三, row 2.重复申请: 0 values for 7 columns; a cell is missing and will not "
                "be guessed by position: expected 7 values, got 'none'"
            ),
        )

    def test_cut_after_a_short_row_when_blanks_leave_no_trace(self) -> None:
        """Blank cells that vanish: the last row's values are placed by the identities only."""
        rows = _t3_rows("")[:3]
        rows[2] = ["（一）予以公开", "8", "0", "1"]

        _, cells, records = self._collect(rows, last=True, blanks_visible=False)

        where = "the text ends inside table 三, after the row '（一）予以公开', which gives 3 of 7 values"
        assert records[0] == (
            "truncated",
            Severity.WARNING,
            3,
            None,
            f"table 三: {where}: expected the rest of the table, got 'the end of the text'",
        )
        assert self._row(cells, "granted") == [Cell()] * 7

    def test_tables_missing_are_placed_at_the_last_line(self) -> None:
        assembler = Assembler(lenient=True)
        assembler.feed(_tokens(_t3_rows("")), table="t3")

        _, diagnostics = assembler.finish(last_line=42)

        assert [(d.code, d.line) for d in diagnostics] == [("table_missing", 42)] * 2

    def test_cut_before_the_tables(self) -> None:
        assembler = Assembler(lenient=True)
        assembler.feed(_tokens([["（一）予以"]], start=5), table=None, last=True)

        _, diagnostics = assembler.finish(last_line=5)

        assert diagnostics[0].message == (
            "line 5: the text ends before the tables, at the label '（一）予以': expected the "
            "rest of the table, got 'the end of the text'"
        )

    def test_cut_inside_table_two_leaves_both_later_tables_out(self) -> None:
        lines = gr.dumps(_REPORT, format="pipe").split("\n")
        at = next(k for k, line in enumerate(lines) if line.startswith("| 规章"))

        report = gr.loads("\n".join([*lines[:at], "| 规章 | 3 |"]), format="pipe", lenient=True)

        assert report.provenance is not None
        assert [
            (d.code, d.line, d.message.split(":")[0]) for d in report.provenance.diagnostics
        ] == [
            ("truncated", at + 1, "table 二"),
            ("truncated", at + 1, "table 三 is not in the text"),
            ("truncated", at + 1, "table 四 is not in the text"),
        ]

    def test_a_cell_placed_proves_nothing_for_the_next_row(self) -> None:
        """Row （一）'s cells placed by the identities are not used to place row （二）'s gap.

        Taken as printed, 予以公开's 8 would leave one place for 部分公开's gap
        (its 自然人); placed, it proves nothing and six placements fit.
        """
        rows = _t3_rows("")
        rows[2] = ["（一）予以公开", "8", "1", "0", "0", "0", "9"]
        rows[3] = [rows[3][0], "0", "0", "0", "0", "0", "8"]

        _, cells, records = self._collect(rows)

        assert self._row(cells, "granted") == [Cell(8), Cell(), *map(Cell, [1, 0, 0, 0, 9])]
        assert self._row(cells, "partial") == [*[Cell()] * 6, Cell(8)]
        assert [(r[0], r[3]) for r in records[2:]] == [
            ("gap_placed", "t3.granted.commercial"),
            ("unplaced_value", "t3.partial.natural_person"),
        ]
        assert "6 placements fit the identities" in str(records[-1][4])

    def test_text_after_the_last_row_of_table_three_is_prose(self) -> None:
        """After 四、结转下年度继续办理 the table is done: a note with a number is prose, no row."""
        rows = [*_t3_rows(""), ["注：以上数据", "5"]]
        assembler = Assembler(lenient=True)

        prose = assembler.feed(_tokens(rows), table="t3")
        _, diagnostics = assembler.finish()

        assert prose[-3:-1] == [True, True]  # the note and its number; not the row end
        assert [d.code for d in diagnostics] == ["table_missing"] * 2

    def test_a_gap_placed_names_the_row_as_printed(self) -> None:
        rows = _t3_rows("")
        rows[2] = ["(一)予以公开", "0", "1", "0", "0", "0"]

        _, _, records = self._collect(rows)

        assert records[1][4] == (
            "table 三, row '(一)予以公开': the missing cell is 自然人 (t3.granted.natural_person), "
            "the only place the identities allow; it is left absent"
        )

    def test_table_four_row_of_values_with_a_gap(self) -> None:
        """Table 四's one row has no label: its record says 'of values'."""
        lines = gr.dumps(_REPORT, format="pipe").split("\n")
        at = next(k for k, line in enumerate(lines) if line.startswith("| 3 | 0"))
        values = [cell.strip() for cell in lines[at].split("|")[1:-1]]
        del values[6]  # a 0 of 未经复议直接起诉
        lines[at] = "| " + " | ".join(values) + " |"

        report = gr.loads("\n".join(lines), format="pipe", lenient=True)

        assert report.provenance is not None
        last = report.provenance.diagnostics[-1]
        assert (last.code, last.line, last.path) == (
            "unplaced_value",
            at + 1,
            "t4.suit_direct.upheld",
        )
        assert last.message.startswith(
            "table 四, row 'of values': 14 values for 15 columns and 10 placements fit the "
            "identities; t4.suit_direct.upheld, "
        )
        assert report.t4.review.total.value == 3
        assert report.t4.suit_direct.upheld.value is None

    def test_a_2019_table_two_and_no_later_tables(self) -> None:
        """A table of the 2019 format is not read; the tables after it are still looked for."""
        text = gr.dumps(_REPORT, format="pipe").replace("本年制发件数", "本年新制作数量")
        text = text[: text.index("3、 收到和处理")] + text[text.index("五、存在") :]

        report = gr.loads(text, format="pipe", lenient=True)

        assert report.provenance is not None
        assert [(d.code, d.message[:9]) for d in report.provenance.diagnostics] == [
            ("format_2019", "table 二: "),
            ("table_missing", "table 三: "),
            ("table_missing", "table 四: "),
        ]


def _aligned(
    tables: dict[str, list[list[str]]], **options: Any
) -> tuple[dict[str, object], list[tuple[object, ...]]]:
    """The aligned reading of printed rows: (values by path, diagnostics as tuples)."""
    aligned = align_tables({t: _tokens(rows) for t, rows in tables.items()}, **options)
    values = {path: cell.value for path, cell in aligned.cells.items()}
    records = [(d.code, d.severity, d.line, d.path, d.message) for d in aligned.diagnostics]
    return values, records


class TestAlignedRecords:
    """``codecs/_align``: what the aligned reading places, and what it says of what it does not."""

    def test_table_two(self) -> None:
        """Values under no label, a row printed again, a label fragment long enough, rows too long."""
        printed = [
            ["规章", "1", "0", "2"],
            ["5", "6", "7"],  # no label: the row above goes on
            ["规章", "3", "3", "3"],
            ["行政规范", "4", "0", "4"],  # four characters of 行政规范性文件: evidence enough
            ["许可", "9"],  # two characters: no evidence
            ["行政许可", "8"],
            ["行政处罚", "1", "2"],
        ]

        values, records = _aligned({"t2": printed})

        assert values == {
            "t2.normative_documents.issued": 4,
            "t2.normative_documents.repealed": 0,
            "t2.normative_documents.in_force": 4,
            "t2.licensing.decisions": 8,
        }
        warning = Severity.WARNING
        assert records == [
            (
                "row_too_long",
                warning,
                1,
                "t2.regulations.issued",
                "table 二, row '规章': 6 values for 3 columns; the row is left absent",
            ),
            (
                "row_repeated",
                warning,
                3,
                None,
                "table 二, row regulations: printed again; the first printing is kept",
            ),
            (
                "unplaced_value",
                warning,
                5,
                None,
                "table 二: values '9' have no row label; they are not placed",
            ),
            (
                "row_too_long",
                warning,
                7,
                "t2.punishment.decisions",
                "table 二, row '行政处罚': 2 values for 1 columns; the row is left absent",
            ),
        ]

    def test_a_row_that_fits_two_rows_equally(self) -> None:
        """Two labels lost and one row of values printed for them: either row may be it."""
        rows = _t3_rows("")

        values, records = _aligned({"t3": [*rows[:13], rows[13][1:], *rows[15:]]})

        assert records == [
            (
                "row_ambiguous",
                Severity.WARNING,
                14,
                None,
                (
                    "table 三: the row of values printed here fits the rows unable_needs_creation or "
                    "unable_still_unclear equally; its values are not placed"
                ),
            )
        ]
        assert not any(p.startswith(("t3.unable_needs", "t3.unable_still")) for p in values)
        assert values["t3.not_processed_petition.total"] == 0
        assert values["t3.carried_forward.total"] == 1

    @pytest.mark.parametrize(("label", "said"), [([], "without a label"), (["甲乙"], "as '甲乙'")])
    def test_a_row_read_by_its_place(self, label: list[str], said: str) -> None:
        rows = _t3_rows("")

        values, records = _aligned({"t3": [*rows[:13], [*label, *rows[13][1:]], *rows[14:]]})

        assert records == [
            (
                "row_by_position",
                Severity.WARNING,
                14,
                "t3.unable_needs_creation.total",
                (
                    f"table 三: the row of values printed {said} is read as "
                    "'2.没有现成信息需要另行制作', the only row its place allows"
                ),
            )
        ]
        assert len(values) == 175

    def test_table_four_by_its_groups(self) -> None:
        """Each group's row named by its label, one padded with an empty cell before it."""
        printed = [
            ["行政复议", "3", "0", "0", "0", "3"],
            ["未经复议直接起诉", "0", "0", "0", "0", "0"],
            ["复议后起诉", "", "0", "0", "0", "1", "1"],
        ]

        values, records = _aligned({"t4": printed})

        assert records == []
        assert values == {path: _CELLS[path] for path in CELL_PATHS if path.startswith("t4.")}

    def test_table_four_in_one_row(self) -> None:
        """Fifteen values after an empty cell: the empty cell pads the row."""
        numbers = [str(_CELLS[p]) for p in CELL_PATHS if p.startswith("t4.")]

        values, records = _aligned({"t4": [["", *numbers]]})

        assert records == []
        assert values == {path: _CELLS[path] for path in CELL_PATHS if path.startswith("t4.")}

    def test_table_four_with_a_group_missing(self) -> None:
        printed = [
            ["行政复议", "3", "0", "0", "0", "3"],
            ["未经复议直接起诉", "0", "0", "0", "0", "0"],
        ]

        values, records = _aligned({"t4": printed})

        assert values == {}
        assert records == [
            (
                "unplaced_value",
                Severity.WARNING,
                1,
                "t4.review.upheld",
                (
                    "table 四, row 'of values': 10 values for 15 columns and too many cells are "
                    "missing to place them; the row is left absent"
                ),
            )
        ]

    @pytest.mark.parametrize("blanks_visible", [True, False])
    def test_a_short_row_where_the_text_is_cut(self, blanks_visible: bool) -> None:
        """Blanks shown: the cut row's first cells; blanks that vanish: the identities only."""
        printed = [*_t3_rows("")[:3], ["（二）部分公开", "8", "0"]]

        values, records = _aligned({"t3": printed}, truncated_at=4, blanks_visible=blanks_visible)

        partial = {p: v for p, v in values.items() if p.startswith("t3.partial.")}
        if blanks_visible:
            assert partial == {"t3.partial.natural_person": 8, "t3.partial.commercial": 0}
            assert records == []
        else:
            assert partial == {}
            assert records == [
                (
                    "unplaced_value",
                    Severity.WARNING,
                    4,
                    "t3.partial.natural_person",
                    (
                        "table 三, row '(二)部分公开': 2 values for 7 columns and too many cells are "
                        "missing to place them; the row is left absent"
                    ),
                )
            ]
        assert values["t3.granted.total"] == 9

    def test_a_short_row_before_the_cut_is_no_cut_row(self) -> None:
        """Only the row on the last line may be cut: a short row above it is placed or left out."""
        printed = [*_t3_rows("")[:3], ["（二）部分公开", "8", "0"], ["1.属于国家秘密", "0"]]

        values, _ = _aligned({"t3": printed}, truncated_at=5)

        assert not any(p.startswith("t3.partial.") for p in values)
        assert values["t3.denied_state_secret.natural_person"] == 0

    def test_a_row_printed_again_out_of_order(self) -> None:
        """A second printing whose row is already read is not read by its label again."""
        rows = _t3_rows("")
        again = ["（一）予以公开", "1", "0", "0", "0", "0", "0", "1"]

        values, records = _aligned({"t3": [*rows, again]})

        assert records == [
            (
                "unplaced_value",
                Severity.WARNING,
                26,
                None,
                (
                    "table 三: the row printed as '(一)予以公开' fits no row of the form in the "
                    "order printed; its values are not placed"
                ),
            )
        ]
        assert values["t3.granted.total"] == 9

    def test_the_first_row_may_be_ambiguous_too(self) -> None:
        rows = _t3_rows("")

        _, records = _aligned({"t3": [rows[0][1:], *rows[2:]]})

        assert [r[4] for r in records] == [
            (
                "table 三: the row of values printed here fits the rows new_received or "
                "carried_over equally; its values are not placed"
            )
        ]

    def test_a_row_of_blank_cells_under_a_whole_label(self) -> None:
        """Blank cells printed under a row's label are blank cells of that row."""
        rows = _t3_rows("")
        rows[16] = ["2.重复申请", *[""] * 7]

        aligned = align_tables({"t3": _tokens(rows)})

        assert [aligned.cells[f"t3.not_processed_repeat.{c}"] for c in T3_COLUMNS] == [
            Cell(None, "")
        ] * 7
        assert aligned.diagnostics == []

    def test_a_first_cell_printed_blank_is_a_cell(self) -> None:
        """Seven cells, the first empty: a blank 自然人, not padding before six values."""
        rows = _t3_rows("")
        rows[2] = ["（一）予以公开", "", "0", "1", "0", "0", "0", "1"]

        aligned = align_tables({"t3": _tokens(rows)})

        cells = [aligned.cells[f"t3.granted.{c}"] for c in T3_COLUMNS]
        assert cells == [Cell(None, ""), *map(Cell, [0, 1, 0, 0, 0, 1])]

    def test_two_gaps_in_a_late_row(self) -> None:
        """（七）总计 without its 自然人 and 总计: the rows above it leave one placement."""
        rows = _t3_rows("")
        rows[23] = ["（七）总计", "0", "1", "0", "0", "0"]

        values, records = _aligned({"t3": rows})

        assert [(r[0], r[3]) for r in records] == [
            ("gap_placed", "t3.total_processed.natural_person"),
            ("gap_placed", "t3.total_processed.total"),
        ]
        assert [values.get(f"t3.total_processed.{c}") for c in T3_COLUMNS] == [
            None,
            0,
            1,
            0,
            0,
            0,
            None,
        ]

    def test_a_row_padded_after_its_total_is_short(self) -> None:
        """``8 0 1 0 0 9`` and an empty cell: the empty cell pads a row that lost a cell."""
        rows = _t3_rows("")
        rows[2] = ["（一）予以公开", "8", "0", "1", "0", "0", "9", ""]

        values, records = _aligned({"t3": rows})

        assert not any(p.startswith("t3.granted.") for p in values)
        assert [r[4] for r in records] == [
            (
                "table 三, row '(一)予以公开': 6 values for 7 columns and 7 placements fit the "
                "identities; the row is left absent"
            )
        ]

    def test_cells_placed_prove_nothing_for_the_next_row(self) -> None:
        """（七）总计's cells placed by the identities do not help place the next row's gap.

        Taken as printed, its 自然人 26 would leave the next row's lost 1 one
        place (E1 of the column); placed, it proves nothing.
        """
        rows = _t3_rows("")
        rows[23] = ["（七）总计", "26", "0", "0", "0", "0", "27"]
        rows[24] = ["四、结转下年度继续办理", "0", "0", "0", "0", "0", "1"]  # its 自然人 1 lost

        values, records = _aligned({"t3": rows})

        assert records[0] == (
            "gap_placed",
            Severity.WARNING,
            24,
            "t3.total_processed.research",
            (
                "table 三, row '(七)总计': the missing cell is 科研机构 (t3.total_processed.research), "
                "the only place the identities allow; it is left absent and the row's other cells "
                "are marked inferred"
            ),
        )
        assert records[1][:4] == (
            "unplaced_value",
            Severity.WARNING,
            25,
            "t3.carried_forward.natural_person",
        )
        assert "6 placements fit the identities" in str(records[1][4])
        assert not any(p.startswith("t3.carried_forward.") for p in values)

    def test_two_rows_of_values_for_one_place(self) -> None:
        """Either row may take the place, or neither: both are left out, and the message says so."""
        rows = _t3_rows("")

        values, records = _aligned({"t3": [*rows[:13], rows[13][1:], rows[13][1:], *rows[14:]]})

        message = (
            "table 三: the row of values printed here fits the rows unable_needs_creation or "
            "no row equally; its values are not placed"
        )
        assert records == [
            ("row_ambiguous", Severity.WARNING, 14, None, message),
            ("row_ambiguous", Severity.WARNING, 15, None, message),
        ]
        assert not any(p.startswith("t3.unable_needs_creation.") for p in values)

    def test_a_part_of_a_row_without_a_label_is_not_placed(self) -> None:
        """Three values with no label: no whole row, so no place."""
        rows = _t3_rows("")

        values, records = _aligned({"t3": [*rows[:13], rows[13][1:4], *rows[14:]]})

        assert records == [
            (
                "unplaced_value",
                Severity.WARNING,
                14,
                None,
                (
                    "table 三: the row printed without a label fits no row of the form in the order "
                    "printed; its values are not placed"
                ),
            )
        ]
        assert not any(p.startswith("t3.unable_needs_creation.") for p in values)

    def test_table_two_rows_that_give_too_little(self) -> None:
        printed = [["许可", "9", "8"], ["规章", "0", "0"], ["行政许可", "", ""], ["行政处罚", "5"]]

        values, records = _aligned({"t2": printed})

        assert values == {"t2.punishment.decisions": 5}
        assert records == [
            (
                "unplaced_value",
                Severity.WARNING,
                1,
                None,
                "table 二: values '9 8' have no row label; they are not placed",
            ),
            (
                "unplaced_value",
                Severity.WARNING,
                2,
                "t2.regulations.issued",
                (
                    "table 二, row '规章': 2 values for 3 columns and table 二 has no identity to "
                    "place the gap with; the row is left absent"
                ),
            ),
        ]
