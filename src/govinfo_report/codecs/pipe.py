"""Pipe text (format ``"pipe"``): tables whose cells are separated by ``|``.

Web pages copied as text and crawler output print the tables with ``|``
in several shapes, all read here (SPEC §8):

* **one row per line** (corpus 007, 011): ``规章 | 0 | 0 | 0 |``; group
  labels share the line with the first sub-row (``三、本年度办理结果 |
  (一)予以公开 | 0 | …``); merged cells leave padding ``||`` / ``|||``;
  Markdown-like rows with a leading and a trailing ``|`` (corpus 021);
* **one cell per line** (corpus 005): ``25 |`` lines, a bare ``|`` line
  between rows; a bare ``|`` line *more* than the row separator is an empty
  cell (005's empty ``规章`` 现行有效件数), never a reason to shift;
* **``|`` lines between cells** (corpus 015): ``0`` / ``|`` / ``0`` /
  ``|`` / ``6``; two ``|`` lines in a row enclose an empty cell.

:func:`dumps` writes one row per line, with leading and trailing ``|``.
``loads(dumps(r)) == r`` holds for reports whose printed cells hold no
``|``, no line break and no surrounding white space, and whose texts hold no
``|`` (otherwise as for :mod:`govinfo_report.codecs.text`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govinfo_report.codecs._cell_text import looks_like_prose, printed_value
from govinfo_report.codecs._official_rows import write_lines
from govinfo_report.codecs._reading import empty_report, read_outline
from govinfo_report.codecs._sections import (
    HTML_BREAK,
    PAGE_MARKER,
    Line,
    numbered_lines,
    split_sections,
)
from govinfo_report.codecs._tokens import Token, TokenKind
from govinfo_report.schema import Cell, Presence, Report

__all__ = ["dumps", "loads", "without_padding"]

_MIN_BARE = 3


def loads(text: str, *, lenient: bool = False, source: str | None = None) -> Report:
    """Read a report whose tables are pipe text (any of the shapes above).

    Args:
        text: The text.
        lenient: Return what can be read, with diagnostics, instead of raising.
        source: A name for messages.

    Raises:
        ParseError: (strict mode) as :func:`govinfo_report.codecs.text.loads`.
    """
    lines = numbered_lines(text.removeprefix("\ufeff"))
    if not any(not line.blank for line in lines):
        return empty_report(lines, source=source, lenient=lenient, format="pipe")
    lines = [  # page furniture is no cell; an HTML line break in a cell is a line break
        Line(HTML_BREAK.sub(" ", line.text), line.number)
        for line in lines
        if not PAGE_MARKER.match(line.text)
    ]
    outline = split_sections(lines, is_candidate=lambda line: "|" not in line.text)
    shape = _shape(lines)
    if shape == "between":
        return read_outline(
            outline,
            _between_tokens,
            format="pipe",
            source=source,
            lenient=lenient,
            regions=(2, 3, 4),
        )
    if shape == "cells":
        return read_outline(
            outline,
            _cell_tokens,
            format="pipe",
            source=source,
            lenient=lenient,
            align_tokenize=_bar_cell_tokens,
        )
    tokenize = _table_row_tokens if _SEPARATOR_ROW.search(text) else _row_tokens
    return read_outline(outline, tokenize, format="pipe", source=source, lenient=lenient)


def _is_bare(line: Line) -> bool:
    stripped = line.text.strip()
    return bool(stripped) and not stripped.strip("|").strip()


def _shape(lines: Sequence[Line]) -> str:
    """``rows`` (one row per line), ``cells`` (one cell per line) or ``between`` (``|`` lines)."""
    bare = sum(1 for line in lines if _is_bare(line))
    if bare < _MIN_BARE:
        return "rows"
    with_content = sum(1 for line in lines if "|" in line.text and not _is_bare(line))
    return "between" if with_content * 4 < bare else "cells"


def _row_tokens(lines: Sequence[Line], region: int) -> list[Token]:
    """One row per line: every ``|``-separated part is a cell; a line ends a row.

    Where rows open with a bar (``| 规章 | 0 |``) the first bar opens the row;
    where they do not (``规章 | 0 |``), a line that begins with one begins
    with an empty cell (`` |  | 0 | …``: table 四's first cells blank).
    """
    del region
    rows = [line for line in _cells_across_lines(lines) if "|" in line.text]
    opened = sum(1 for line in rows if line.text.lstrip().startswith("|"))
    opening_bars = opened * 2 >= len(rows)
    tokens: list[Token] = []
    for line in rows:
        parts = _row_parts(line.text, opening_bar=opening_bars)
        tokens.extend(Token(cell, line.number) for cell in without_padding(parts))
        tokens.append(Token.row_end(line.number))
    return tokens


def _row_parts(text: str, *, opening_bar: bool) -> list[str]:
    """The ``|``-separated parts of a row line, its opening and closing bars taken off."""
    body = text.strip()
    if opening_bar:
        body = body.removeprefix("|")
    parts = body.split("|")
    if not parts[-1].strip():
        parts.pop()  # the row's closing bar
    return parts


def without_padding(parts: Sequence[str]) -> list[str]:
    """A printed row's cells, stripped, without the bars that pad its end.

    Bars with nothing between them at the end of a row (``| 行政许可 | 0 | ||``,
    ``| 2.重复申请 | 2 | 0 | 0 | 0 | 2 | ||``) pad merged or lost cells: they
    are no cells, so a row that lost cells is short and its gaps are placed by
    the identities or left absent, never filled from the left.  An empty cell
    printed with white space (``| 18 | | |``) is a cell.
    """
    cells = list(parts)
    padded = False
    while len(cells) > 1 and cells[-1] == "":
        cells.pop()
        padded = True
    if padded and len(cells) > 1 and cells[-1] == " ":
        cells.pop()  # the space before the padding: '2 | ||'
    return [cell.strip() for cell in cells]


_SEPARATOR_ROW = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", re.MULTILINE)
"""A Markdown table's separator row: its rows are padded to the table's width."""


def _table_row_tokens(lines: Sequence[Line], region: int) -> list[Token]:
    """One row per line of a Markdown-style table: empty cells ending a row are padding."""
    tokens: list[Token] = []
    for token in _row_tokens(lines, region):
        if token.kind is TokenKind.ROW_END:
            while tokens and tokens[-1].kind is not TokenKind.ROW_END and not tokens[-1].text:
                if len(tokens) < 2 or tokens[-2].kind is TokenKind.ROW_END:
                    break  # a row of one empty cell
                tokens.pop()
        tokens.append(token)
    return tokens


_MAX_CELL_START = 16
"""Characters of a cell's first line, at the most, when its bar closes it on the next."""


def _cells_across_lines(lines: Sequence[Line]) -> list[Line]:
    """Lines, a cell printed over two joined into one (``行政规范`` / ``性  文件 |``).

    A cell's bar closes it: a short line without a bar, no sentence and no
    item's ordinal in it, followed by a line of cells, begins that line's
    first cell (one cell per line, or one row per line alike).  A number is
    never a piece of a cell: ``8`` / ``0 |`` are two numbers, never 80.
    """
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            following is not None
            and text
            and "|" not in text
            and len(text) <= _MAX_CELL_START
            and not looks_like_prose(text)
            and not printed_value(text)
            and "|" in following.text
            and not _is_bare(following)
        ):
            out.append(Line(text + following.text.lstrip(), line.number))
            index += 2
            continue
        out.append(line)
        index += 1
    return out


def _cell_tokens(lines: Sequence[Line], region: int) -> list[Token]:
    """One cell per line (``25 |``); a run of *k* bare ``|`` lines is *k* − 1 empty cells and a row end."""
    del region
    tokens: list[Token] = []
    run: list[Line] = []

    def flush() -> None:
        if run:
            tokens.extend(Token("", line.number) for line in run[:-1])
            tokens.append(Token.row_end(run[-1].number))
            run.clear()

    content = _cells_across_lines([line for line in lines if not line.blank])
    for index, line in enumerate(content):
        if _is_bare(line):
            run.append(line)
            continue
        flush()
        if "|" not in line.text:
            cut_off = index == len(content) - 1 and index > 0 and "|" in content[index - 1].text
            if cut_off:  # a cell whose bar the cut took away (005: '三、本年度办')
                tokens.append(Token(line.text.strip(), line.number))
            continue  # prose
        tokens.append(Token(line.text.split("|", 1)[0].strip(), line.number))
    if run:
        flush()
    return tokens


_EMPTY_THEN_PADDING = re.compile(r"^\|[ \t]+\|{2,}$")
"""An empty cell closed by its bar, then the bars that pad its row (``| ||``)."""


def _bar_cell_tokens(lines: Sequence[Line], region: int) -> list[Token]:
    """Every ``|`` closes a cell: ``25 |`` is a cell, a bare ``|`` an empty one; ``||`` pads.

    How the aligned reading sees one-cell-per-line pipe text: which empty
    cells are padding is decided by the row they fall in, not by the tokenizer.
    """
    del region
    tokens: list[Token] = []
    content = [line for line in _cells_across_lines(lines) if "|" in line.text]
    separated = _rows_separated(content)
    for index, line in enumerate(content):
        text = line.text.strip()
        if _EMPTY_THEN_PADDING.match(text):
            tokens.append(Token("", line.number))  # '| ||': an empty cell, then padding
            continue
        if _is_bare(line):
            tokens.extend(_bare_line_tokens(line, index, content, separated=separated))
            continue
        parts = text.split("|")
        if parts[-1].strip():
            parts.append("")  # a last cell without its closing bar
        cells = [part.strip() for part in parts[:-1]]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()  # '8 | ||': padding after the cell
        tokens.extend(Token(cell, line.number) for cell in cells)
        if sum(1 for cell in cells if cell) >= 2:
            tokens.append(Token.row_end(line.number))
    return tokens


_PADDED = re.compile(r"\|[ \t]*\|{2,}[ \t]*$")
"""A line ending in the bars that pad its row (``总计 | |||||``): the row ends there."""


def _bare_line_tokens(
    line: Line, index: int, content: Sequence[Line], *, separated: bool
) -> list[Token]:
    """What a line of bars only is: an empty cell, the end of a row, or both.

    ``||``, ``|||`` pad a row (corpus 009).  Where rows are separated by a
    bare ``|`` (corpus 005), one before a row label, after a padded line or
    is that separator, and anywhere else (after a row label too) an empty
    cell.  Where they are not, a bare ``|`` is always an empty cell, and one
    before a row label also ends its row.  The last one of a table is an
    empty cell and the row's end.  (The aligned reading drops empty cells a
    full row does not need.)
    """
    text = line.text.strip()
    if len(text) > 1:
        return [Token.row_end(line.number)]
    following = content[index + 1] if index + 1 < len(content) else None
    before = content[index - 1] if index else None
    if following is None:  # the table's last cell, or the separator after it
        return [Token("", line.number), Token.row_end(line.number)]
    row_ends = _starts_a_row(following)
    if separated:
        if row_ends or (before is not None and _PADDED.search(before.text)):
            return [Token.row_end(line.number)]
        return [Token("", line.number)]
    if row_ends:
        return [Token("", line.number), Token.row_end(line.number)]
    return [Token("", line.number)]


def _rows_separated(content: Sequence[Line]) -> bool:
    """Whether row labels follow a bare ``|`` line (corpus 005), never a value or padding.

    Where rows are not separated, a bare ``|`` before a label is mostly the
    row's last cell, printed empty: blank cells make bars before labels common.
    """
    after_bar = after_other = 0
    for i, line in enumerate(content[1:], 1):
        if _is_bare(line) or not _starts_a_row(line):
            continue
        if content[i - 1].text.strip() == "|":
            after_bar += 1
        elif not _starts_a_row(content[i - 1]):
            after_other += 1  # after a value, or after the bars padding a row ('||')
    return after_bar > 9 * after_other


def _starts_a_row(line: Line) -> bool:
    """Whether a cell line holds text (a label), not a value."""
    first = line.text.split("|", 1)[0].strip()
    return bool(first) and Cell.parse(first).presence is Presence.TEXT


def _between_tokens(lines: Sequence[Line], region: int) -> list[Token]:
    """``|`` on its own line between cells; two in a row enclose an empty cell.

    The bar lines are the table's too, never prose: the first after a cell
    closes that cell (it is the cell's last line), each further one is an
    empty cell.
    """
    del region
    tokens: list[Token] = []
    bars = 0
    for line in lines:
        if line.blank:
            continue
        if _is_bare(line):
            bars += 1
            if bars > 1:
                tokens.append(Token("", line.number))
            elif tokens:
                tokens[-1] = tokens[-1]._replace(last_line=line.number)
            continue
        bars = 0
        tokens.append(Token(line.text.strip(), line.number))
    return tokens


def dumps(report: Report) -> str:
    """Write *report* as pipe text, one table row per line (``| 规章 | 0 | 0 | 0 |``).

    >>> import govinfo_report as gr
    >>> text = dumps(gr.Report.from_cells({"t3.new_received.total": 26}))
    >>> "| 一、本年新收政府信息公开申请数量 | [absent] |" in text
    True
    """
    return write_lines(
        report,
        lambda labels, values: "| " + " | ".join([*(c for c in labels if c), *values]) + " |",
    )
