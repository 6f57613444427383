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

from collections.abc import Sequence

from govinfo_report.codecs._assemble import Token, empty_report, official_rows, read_outline
from govinfo_report.codecs._sections import Line, numbered_lines, split_sections
from govinfo_report.schema import SECTION_HEADINGS, Report

__all__ = ["dumps", "loads"]

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
    lines = numbered_lines(text.removeprefix("\ufeff"))
    if not any(not line.blank for line in lines):
        return empty_report(lines, source=source, lenient=lenient, format="text")
    tabbed = sum(1 for line in lines if line.text.startswith("\t")) >= _MIN_TAB_LINES
    if tabbed:
        outline = split_sections(_logical(lines), is_candidate=_not_cell)
        return read_outline(outline, _tab_tokens, format="text", source=source, lenient=lenient)
    outline = split_sections(lines)
    return read_outline(
        outline,
        _line_tokens,
        format="text",
        source=source,
        lenient=lenient,
        regions=(2, 3, 4),
    )


def _not_cell(line: Line) -> bool:
    return not line.text.startswith("\t")


_CONTINUATION = "\x00"


def _logical(lines: Sequence[Line]) -> list[Line]:
    """Mark the lines that continue a cell, so that no heading is looked for in them."""
    out: list[Line] = []
    in_cell = False
    for line in lines:
        if line.text.startswith("\t"):
            in_cell = True
            out.append(line)
        elif line.blank:
            in_cell = False
            out.append(line)
        elif in_cell:
            out.append(Line("\t" + _CONTINUATION + line.text, line.number))
        else:
            out.append(line)
    return out


def _tab_tokens(lines: Sequence[Line], region: int) -> list[Token]:
    """Cells of tab-indented lines; a blank line ends a row; other lines are prose."""
    del region
    tokens: list[Token] = []
    open_row = False
    for line in lines:
        text = line.text
        if text.startswith("\t" + _CONTINUATION):
            if tokens and tokens[-1].line <= line.number:
                last = tokens[-1]
                tokens[-1] = Token(last.text + "\n" + text[2:], last.line, last_line=line.number)
            continue
        if text.startswith("\t"):
            tokens.append(Token(text[1:], line.number))
            open_row = True
        elif line.blank and open_row:
            tokens.append(Token.row_end(line.number))
            open_row = False
    if open_row and lines:
        tokens.append(Token.row_end(lines[-1].number))
    return tokens


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
    title = meta.title
    if title is None and (meta.agency or meta.year):
        year = f"{meta.year}年" if meta.year is not None else ""
        title = f"{meta.agency or ''}{year}政府信息公开工作年度报告"
    if title:
        out += [title, ""]
    if meta.preamble:
        out += [meta.preamble, ""]
    tables = official_rows(report)
    for section in report.sections:
        heading = section.heading
        if heading is None and section.text:
            heading = SECTION_HEADINGS[section.number - 1]
        if heading is not None:
            out.append(heading)
        if section.text:
            out.append(section.text)
        table = {2: "t2", 3: "t3", 4: "t4"}.get(section.number)
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
