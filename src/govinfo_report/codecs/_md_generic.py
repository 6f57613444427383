"""Markdown of any dialect: converter and OCR output, hand-written GFM.

Markdown written by people and by PDF converters follows no one's dialect
(SPEC §8, corpus 101): headings of any level with any numbering, pipe tables
with or without ``|---|`` separator rows, a table cut into several tables
(table 二 as four, table 三 as one per group with placeholder headers
``数据1`` … ``数据6``, table 四 as three tables of five), rows fragmented — a
row's label spilling out onto free lines above its values, label pieces in
the cells of neighbouring rows —, repeated table headings at page breaks
(``## 表三：…``), page markers (``— 4 —``, ``- 4 -``, ``第 4 页``) and cell
notes on lines of their own.

The tokenizer here turns every table row into its cells and a row end,
every free line of a table section into one text cell (or, for a line such
as ``行政许可 0``, a label cell and value cells), and drops separator rows,
page markers and heading marks; the shared engine
(:func:`~govinfo_report.codecs._reading.read_outline`) does the rest: the
sequential assembler, and where it leaves cells out, the alignment of the
printed rows with the form.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govinfo_report.codecs._reading import empty_report, read_outline
from govinfo_report.codecs._sections import (
    HTML_BREAK,
    PAGE_MARKER,
    Line,
    numbered_lines,
    split_sections,
)
from govinfo_report.codecs._tokens import Token
from govinfo_report.schema import Report

__all__ = ["loads_generic"]

_CAPTION = re.compile(r"^\s{0,3}#{1,6}\s*(?:\*\*)?表\s*[一二三四1-4]")
"""A table's caption as a heading (``## 表三：…``), repeated at page breaks: no cell."""
_DIGIT = re.compile(r"[0-9０-９]")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s*")
_EMPHASIS = re.compile(r"\*\*|__")
_LABEL_AND_NUMBERS = re.compile(
    r"^(?P<label>.*?[^\d\s.,，．/])\s+(?P<numbers>[\d０-９][\d０-９.,，]*(?:\s+[\d０-９][\d０-９.,，]*)*)$"
)


def _plain(line: Line) -> Line:
    """A line without heading marks, emphasis and HTML line breaks."""
    text = _HEADING_MARK.sub("", line.text)
    text = _EMPHASIS.sub("", text)
    text = HTML_BREAK.sub(" ", text)
    return Line(text, line.number)


_ORDINAL_AFTER_SPACE = re.compile(
    r"\s+(?=(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+\s*[.．、]\s*\D))"
)
"""White space before an ordinal: where merged labels printed in one cell meet."""


def _raw_cells(text: str) -> list[str]:
    """The ``|``-separated cells of a table row, stripped."""
    body = text.strip()
    body = body.removeprefix("|")
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", body)]


def _cells(raw: list[str], columns: int) -> list[str]:
    """A row's cells; merged labels in one cell (``三、… （三）… 1.…``) apart.

    Empty cells ending the row may be blank cells or the padding a converter
    adds to a row that lost cells.  In table 三 they are kept, and the
    reading weighs them: a row with more cells than columns, or with empty
    cells after its printed 总计, is padded and short
    (:func:`~govinfo_report.codecs._cell_text.padded_after_total`); so they
    are in table 四's rows of numbers (its header rows are padded: there they
    are no cells).  In table 二, which has no identity to weigh them with,
    they are cells only where the table's header names their column
    (*columns*: the header's width), else no cells: a short row is left
    absent, never left-aligned.
    """
    end = len(raw)
    if any(raw[1:]):
        while end > columns and not raw[end - 1]:
            end -= 1
    cells: list[str] = []
    for cell in raw[:end]:
        cells.extend(part.strip() for part in _ORDINAL_AFTER_SPACE.split(cell))
    return cells


def _tokens(lines: Sequence[Line], region: int) -> list[Token]:
    """Table rows → cells and a row end; free lines → a text cell (or label and numbers).

    A row followed by a separator row is a table's header; a header without
    empty cells gives the table's width (see :func:`_cells`).
    """
    keep_all = region == 3
    tokens: list[Token] = []
    columns = 0
    previous = ""
    for index, line in enumerate(lines):
        text = line.text.strip()
        if text and _SEPARATOR.match(text) and tokens:
            # the table's separator row: a line of the table, no cell (never prose)
            tokens[-1] = tokens[-1]._replace(last_line=line.number)
        if not text or _SEPARATOR.match(text):
            previous = text
            continue
        if "|" in text:
            raw = _raw_cells(text)
            following = next((n.text for n in lines[index + 1 : index + 3] if n.text.strip()), "")
            if _SEPARATOR.match(following.strip()):  # a header: a table begins
                columns = len(raw) if all(raw) else 0
            elif "|" not in previous:  # a table without a header begins
                columns = 0
            numbers = region == 4 and any(_DIGIT.search(cell) for cell in raw)
            width = len(raw) if keep_all or numbers else columns
            tokens.extend(Token(cell, line.number) for cell in _cells(raw, width))
            tokens.append(Token.row_end(line.number))
            previous = text
            continue
        previous = text
        split = _LABEL_AND_NUMBERS.match(text)
        if split is not None:
            tokens.append(Token(split["label"].strip(), line.number))
            tokens.extend(Token(n, line.number) for n in split["numbers"].split())
            tokens.append(Token.row_end(line.number))
            continue
        tokens.append(Token(text, line.number))
    return tokens


def loads_generic(text: str, *, lenient: bool = False, source: str | None = None) -> Report:
    """Read Markdown of any dialect (see the module).

    Raises:
        ParseError: (strict mode) as :func:`govinfo_report.codecs.text.loads`.
    """
    lines = numbered_lines(text.removeprefix("\ufeff"))
    if not any(not line.blank for line in lines):
        return empty_report(lines, source=source, lenient=lenient, format="markdown")
    content = [
        _plain(line)
        for line in lines
        if not PAGE_MARKER.match(line.text) and not _CAPTION.match(line.text)
    ]
    outline = split_sections(content, is_candidate=lambda line: "|" not in line.text)
    return read_outline(
        outline,
        _tokens,
        format="markdown",
        source=source,
        lenient=lenient,
        regions=(2, 3, 4),
    )
