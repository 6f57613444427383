"""The shared table assembler: value cells known from the grid, table 四's row of values."""

from __future__ import annotations

import pytest

from govinfo_report.codecs._assemble import Assembler
from govinfo_report.codecs._tokens import Token, TokenKind
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import CELL_PATHS, T3_COLUMNS, Cell

T4_HEADER = [Token("行政复议", 1), Token("行政诉讼", 1), Token.row_end(1)]


def assemble(
    tokens: list[Token], table: str, *, lenient: bool = True
) -> tuple[dict[str, Cell], list[str]]:
    """Feed *tokens* as the region of *table*; return the cells and the diagnostic codes."""
    assembler = Assembler(source="t.txt", lenient=lenient)
    assembler.feed(tokens, table=table)
    cells, diagnostics = assembler.finish()
    return cells, [d.code for d in diagnostics if d.code != "table_missing"]


def t4_cells(cells: dict[str, Cell]) -> list[Cell | None]:
    """Table 四's cells in canonical order (``None`` where not read)."""
    return [cells.get(path) for path in CELL_PATHS[185:]]


class TestValueToken:
    def test_kind(self) -> None:
        """``Token.value`` makes a value cell token at its line."""
        assert Token("其他", 7, TokenKind.VALUE) == Token.value("其他", 7)

    def test_value_printed_like_a_label_stays_a_value(self) -> None:
        """A value cell printed ``其他`` (a header of table 三) is the row's cell, kept as printed."""
        values = ["1", "0", "0", "0", "0", "其他", "1"]
        tokens = [Token("（一）予以公开", 1), *(Token.value(v, 1) for v in values)]
        cells, codes = assemble([*tokens, Token.row_end(1)], "t3")

        assert [c for c in codes if c != "row_missing"] == ["not_a_number"]
        assert Cell(None, "其他") == cells["t3.granted.other_org"]
        assert Cell(1) == cells["t3.granted.total"]

    def test_same_cell_without_the_flag_is_a_label(self) -> None:
        """Without the flag ``其他`` is read as the header it looks like: the row is one short."""
        values = ["1", "0", "0", "0", "0", "其他", "1"]
        tokens = [Token("（一）予以公开", 1), *(Token(v, 1) for v in values)]

        with pytest.raises(ParseError, match="5 values for 7 columns"):
            assemble([*tokens, Token.row_end(1)], "t3", lenient=False)

    def test_value_never_completes_a_broken_label(self) -> None:
        """A label broken over cells (``1.属于国家`` / ``秘密``) is not completed by a value cell."""
        broken = [Token("1.属于国家", 1), Token("秘密", 1)]
        flagged = [Token("1.属于国家", 1), Token.value("秘密", 1)]
        values = [Token(v, 1) for v in ["0"] * 7]

        read, _ = assemble([*broken, *values, Token.row_end(1)], "t3")
        assert {f"t3.denied_state_secret.{c}" for c in T3_COLUMNS} <= set(read)
        with pytest.raises(ParseError, match="8 values for 7 columns") as info:
            assemble([*flagged, *values, Token.row_end(1)], "t3", lenient=False)
        assert info.value.got == "秘密 0 0 0 0 0 0 0"


class TestTable4Row:
    def test_blank_value_cells_open_the_row(self) -> None:
        """Fifteen blank value cells are table 四's row: every cell blank, nothing missing."""
        cells, codes = assemble([*T4_HEADER, *[Token.value("", 2)] * 15], "t4")

        assert codes == []
        assert [Cell(None, "")] * 15 == t4_cells(cells)

    def test_printed_row_of_blanks(self) -> None:
        """A printed row of blank cells only, after the header, is the row of values."""
        cells, codes = assemble([*T4_HEADER, *[Token("", 2)] * 15, Token.row_end(2)], "t4")

        assert codes == []
        assert [Cell(None, "")] * 15 == t4_cells(cells)

    def test_blanks_after_the_header_without_row_ends(self) -> None:
        """Blank cells after the header, before a number, are the row's first cells."""
        tokens = [Token("行政复议", 1), *[Token("", 2)] * 2, *[Token("1", 2)] * 13]
        cells, codes = assemble(tokens, "t4")

        assert codes == []
        assert [Cell(None, "")] * 2 + [Cell(1)] * 13 == t4_cells(cells)

    def test_header_continuation_blanks_are_not_values(self) -> None:
        """Blank cells before a header word (merged continuations) are not values."""
        tokens = [
            *T4_HEADER,
            *[Token("", 2)] * 5,
            Token("结果维持", 2),
            Token.row_end(2),
            *[Token("0", 3)] * 15,
        ]
        cells, codes = assemble(tokens, "t4")

        assert codes == []
        assert [Cell(0)] * 15 == t4_cells(cells)

    @pytest.mark.parametrize("first", ["@00", "abc", "一二三"])
    def test_text_first_value_opens_the_row(self, first: str) -> None:
        """Text that is no label, where the first value belongs, is kept as printed and reported."""
        tokens = [*T4_HEADER, Token(first, 2), *[Token("0", 2)] * 14, Token.row_end(2)]
        cells, codes = assemble(tokens, "t4")

        assert codes == ["not_a_number"]
        assert Cell(None, first) == cells["t4.review.upheld"]
        assert [Cell(0)] * 14 == t4_cells(cells)[1:]
