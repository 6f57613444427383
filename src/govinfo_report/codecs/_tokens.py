"""The token: one printed cell of a table (or a row's end), as readers hand it to the assembler.

Also the text a writer prints for an absent cell, and the walks over a
sequence of tokens that skip the row ends.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import NamedTuple

__all__ = [
    "ABSENT_TEXT",
    "Token",
    "TokenKind",
    "index_of_last_cell",
    "joined",
    "next_cell",
]

ABSENT_TEXT = "[absent]"
"""What the writers print for a cell the report does not give; the readers read it back as absent."""


class TokenKind(enum.Enum):
    """What a token is."""

    CELL = "cell"
    """One printed cell (label, header, value, blank …): the assembler tells which by its text."""
    VALUE = "value"
    """A printed cell the reader knows is a value cell (from the table's grid), never a label.

    Readers that see the grid (HTML with the official layout) mark the value
    cells so: a value printed like a label (``其他``, ``总计``) is then kept as
    a value (as printed, and reported if it is no number), and a blank or
    non-number first cell opens table 四's row of values.
    """
    ROW_END = "row_end"
    """The end of a printed row (a blank line of the Word export, the end of a pipe row)."""


class Token(NamedTuple):
    """One printed cell of a table, or the end of a printed row.

    A named tuple rather than an attrs class: readers make one per printed
    cell, and reading must stay within 12 × ``json.loads`` of the JSON
    (``benchmarks/bench_read.py``).

    Attributes:
        text: The cell's text exactly as printed (lines of a broken cell
            joined with ``"\\n"``); ``""`` for an empty cell.
        line: 1-based source line of the cell's first character.
        kind: :attr:`TokenKind.CELL`, :attr:`TokenKind.VALUE` (a cell
            known to be a value) or :attr:`TokenKind.ROW_END`.
        last_line: The cell's last source line, when it spans several.
    """

    text: str
    line: int
    kind: TokenKind = TokenKind.CELL
    last_line: int | None = None

    @property
    def lines(self) -> range:
        """The source lines the token covers."""
        return range(self.line, (self.last_line or self.line) + 1)

    @classmethod
    def row_end(cls, line: int) -> Token:
        """Return a row-end token at *line*."""
        return cls("", line, TokenKind.ROW_END)

    @classmethod
    def value(cls, text: str, line: int) -> Token:
        """Return a token for a cell known to be a value cell (:attr:`TokenKind.VALUE`)."""
        return cls(text, line, TokenKind.VALUE)


def joined(tokens: Sequence[Token], first: int, last: int) -> str:
    """The text of the cells ``tokens[first..last]`` run together, line breaks dropped."""
    if first == last:
        return tokens[first].text.replace("\n", "")
    return "".join(
        t.text.replace("\n", "")
        for t in tokens[first : last + 1]
        if t.kind is not TokenKind.ROW_END
    )


def index_of_last_cell(tokens: Sequence[Token]) -> int:
    """The index of the last cell among *tokens* (-1 if none)."""
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].kind is not TokenKind.ROW_END:
            return index
    return -1


def next_cell(tokens: Sequence[Token], start: int) -> Token | None:
    """The first cell among ``tokens[start:]`` (``None`` if none)."""
    for token in tokens[start:]:
        if token.kind is not TokenKind.ROW_END:
            return token
    return None
