"""The Word text export (format ``"text"``): read it, and write the same layout.

Word's "save as plain text" prints a table one cell per line, each line
starting with a TAB; a blank line ends a row; a line break inside a cell
continues on the next line *without* a tab (``\\t商业`` / ``企业``); an empty
or merged-continuation cell is a lone TAB (SPEC §8, the seeds).  The same
export without tabs — one cell per line, blank lines between (corpus 010) —
is read too: there the tables are told from the prose by their labels.

:func:`dumps` writes that layout: the title, the preamble, the six headings
with their narrative, and the three tables with the official labels and
header rows.  :func:`loads` reads it back:

* ``loads(dumps(r)) == r`` for every report whose cells are numbers,
  blanks, markers (``/``) or absent, whose texts have no leading or
  trailing blank lines and no line that starts with a TAB or reads as a
  section heading, and whose title (if any) reads as a title
  (``〈机关〉〈年〉年…政府信息公开…报告``) naming its agency and year.  A cell
  kept as non-number text (``'六'``) reads back equal with ``lenient=True``
  (strict reading refuses it, as it refuses it in any file).
* A cell the report does not give is written ``[absent]`` and read back as
  absent, so a partial report round-trips too.
* A section whose heading is ``None`` is written without a heading line
  when its text is empty (its table, if any, is still written in place
  and found by its labels), and under its canonical heading when it has
  text — which then reads back as that heading.  A title of ``None`` with
  an agency or a year is written as ``〈机关〉〈年〉年政府信息公开工作年度报告``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Sequence

from govinfo_report.codecs._official_rows import (
    SECTION_TABLES,
    official_rows,
    written_heading,
    written_title,
)
from govinfo_report.codecs._reading import Tokenizer, empty_report, read_outline
from govinfo_report.codecs._sections import (
    PAGE_MARKER,
    Line,
    Outline,
    numbered_lines,
    split_sections,
)
from govinfo_report.codecs._tokens import Token, TokenKind
from govinfo_report.schema import Report

__all__ = ["dumps", "loads"]

_LINE = operator.attrgetter("line")

_MIN_TAB_LINES = 3


def loads(text: str, *, lenient: bool = False, source: str | None = None) -> Report:
    """Read a report from the Word text export (with or without tabs).

    Args:
        text: The export's text.
        lenient: Return what can be read, with diagnostics in
            ``report.provenance.diagnostics``, instead of raising.  Nothing
            is invented: cells the text does not give are absent.
        source: A name for messages (usually the file name).

    Raises:
        ParseError: (strict mode) naming the source, line, table, row and
            column, the cell path, what was expected and what was found:
            for a cell that is not a number, a row label that is not the
            form's, a row with too many or too few cells, a duplicated or
            missing row, a missing table, a 2019-format table, or text cut
            off inside a table.
    """
    text = text.removeprefix("\ufeff")
    texts = text.splitlines()
    if not any(line.strip() for line in texts):
        return empty_report(numbered_lines(text), source=source, lenient=lenient, format="text")
    others, tokens = _tab_tokens(texts)
    if len(tokens) >= _MIN_TAB_LINES:
        outline = split_sections(others)
        return read_outline(
            outline,
            _slicer(tokens, outline),
            format="text",
            source=source,
            lenient=lenient,
            source_lines=texts,
        )
    lines = [line for line in numbered_lines(text) if not PAGE_MARKER.match(line.text)]
    outline = split_sections(lines)  # page furniture ('— 2 —') is no cell
    return read_outline(
        outline,
        _line_tokens,
        format="text",
        source=source,
        lenient=lenient,
        regions=(2, 3, 4),
    )


def _tab_tokens(texts: Sequence[str]) -> tuple[list[Line], list[Token]]:
    """The lines that are no table cell, and the cells of the whole text.

    A tab-indented line starts a cell; a non-blank line right after a cell
    line continues it (a line break inside the cell); a blank line ends a
    row; other lines are prose (or headings).  Only the lines that are no
    cell become :class:`Line` objects: the cells are the tokens.
    """
    others: list[Line] = []
    tokens: list[Token] = []
    add_token = tokens.append
    add_line = others.append
    new = tuple.__new__  # builds the named tuples directly: one per line and cell
    cell, row_end = TokenKind.CELL, TokenKind.ROW_END
    in_cell = open_row = False
    for number, text in enumerate(texts, 1):
        if text and text[0] == "\t":
            add_token(new(Token, (text[1:], number, cell, None)))
            in_cell = open_row = True
        elif not text or text.isspace():
            add_line(new(Line, (text, number)))
            if open_row:
                add_token(new(Token, ("", number, row_end, None)))
            in_cell = open_row = False
        elif in_cell:
            last = tokens[-1]
            tokens[-1] = Token(f"{last.text}\n{text}", last.line, cell, number)
        else:
            add_line(new(Line, (text, number)))
    return others, tokens


def _slicer(tokens: list[Token], outline: Outline) -> Tokenizer:
    """A tokenizer handing each region the precomputed tokens between its start and the next's.

    A region starts at line 1 (the front matter) or at its heading; the
    outline's lines hold no cell, so the regions' extents come from the
    headings, not from their lines.
    """
    firsts = {0: 1} | {s.number: s.heading.number for s in outline.sections if s.heading}
    ordered = sorted(firsts.values())
    ends = dict(zip(ordered, [*ordered[1:], None], strict=True))

    def tokenize(lines: Sequence[Line], region: int) -> list[Token]:
        del lines
        first = firsts.get(region)
        if first is None:
            return []
        end = ends[first]
        lo = bisect.bisect_left(tokens, first, key=_LINE)  # tokens are in the text's order
        hi = len(tokens) if end is None else bisect.bisect_left(tokens, end, key=_LINE)
        part = tokens[lo:hi]
        if part and part[-1].kind is not TokenKind.ROW_END:
            last = part[-1]
            part.append(Token.row_end(last.last_line or last.line))
        return part

    return tokenize


def _line_tokens(lines: Sequence[Line], region: int) -> list[Token]:
    """One cell per non-blank line (the export without tabs)."""
    del region
    return [Token(line.text.strip(), line.number) for line in lines if not line.blank]


# --- writing ----------------------------------------------------------------------


def dumps(report: Report) -> str:
    """Write *report* in the Word text export's layout (see the module docstring).

    >>> import govinfo_report as gr
    >>> text = dumps(gr.Report.from_cells({"t3.new_received.total": 26}))
    >>> gr.loads(text, format="text").t3.new_received.total
    Cell(26)
    """
    out: list[str] = []
    meta = report.meta
    title = written_title(meta)
    if title:
        out += [title, ""]
    if meta.preamble:
        out += [meta.preamble, ""]
    tables = official_rows(report)
    for section in report.sections:
        heading = written_heading(section)
        if heading is not None:
            out.append(heading)
        if section.text:
            out.append(section.text)
        table = SECTION_TABLES.get(section.number)
        if table is not None:
            out.append("")
            for labels, values in tables[table]:
                for cell in (*labels, *values):
                    first, *rest = cell.split("\n")
                    out.append("\t" + first)
                    out.extend(rest)
                out.append("")
        elif heading is not None or section.text:
            out.append("")
    return "\n".join(out) + "\n"
