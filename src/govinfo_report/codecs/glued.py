"""Glued text (format ``"glued"``): a page whose HTML tags a crawler stripped.

The cells of a row touch, with nothing between them (corpus 001)::

    一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000…

Reading it takes three steps (SPEC §8, "glued"):

1. **Cut at known labels.**  Section headings, then the row labels of each
   table, are found in the text by their matching keys
   (:func:`~govinfo_report.schema.match_key`), in order.  The value text of
   a row runs from the end of its label to the start of the next label, so
   the ordinal of the next label is never taken for a value
   (``属于国家秘密0000000`` + ``2.其他…`` reads ``00000002.其他…``).
2. **Split each run of digits into the row's cells** (a cell is ``0`` or a
   number without a leading zero; white space inside a run is ignored, as
   a stray space may fall between or inside cells: ``500000 5``), keeping
   only the splits that satisfy the identities: E3 per table-三 row, then
   E1/E2 across the rows of each column, E4 for table 四
   (:mod:`govinfo_report.codecs._split`).  Table 二 has no identities: a
   row whose digits split in several ways stays unresolved.
3. **Never guess.**  A cell that has more than one value over the splits
   that fit is left absent, with an ``ambiguous_split`` diagnostic that lists
   its candidates (:attr:`Diagnostic.candidates`).  That holds in strict
   mode too: ambiguity is not a read error.  A run that no split fits (the
   source breaks an identity and the digits allow several cuts) is a read
   error in strict mode and a ``no_consistent_split`` diagnostic otherwise.

:func:`dumps` writes a report the same way: labels and digits touching.
``loads(dumps(r))`` gives back every cell of *r* that the identities
determine; the others come back absent, with their true value among the
listed candidates.  A row holding a blank, a marker, a non-number text or
an absent cell is written with its cells one space apart
(`` 64 [absent] 0 2 0 4 70``, `` 7      7`` for 7, five blanks, 7: a space parts the label from the cells) and read
back cell by cell, blanks in place.

**Blank cells that vanish.**  Where a crawler prints a blank cell as
nothing, a row holds fewer numbers than cells and a number could land in
the wrong cell.  The reader guards against it: when the text shows that blanks
vanish (a row with nothing after its label, or digits that no cut into the
row's cells fits), every row weighs every choice of blank cells along with
the cuts (a blank counts as zero in the identities), and a cell is read
only where all the placements that fit agree; elsewhere it is absent with
an ``ambiguous_split`` diagnostic listing its candidates (``… or blank``).
A text that shows no such sign (corpus 001) is read with every cell
printed; a blank hidden in such a text would go unnoticed only if every
row's digits also cut, by chance, into all its cells in a way that fits.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govinfo_report.codecs._glued_read import GluedReader
from govinfo_report.codecs._glued_text import T3_NOTE
from govinfo_report.codecs._official_rows import written_title
from govinfo_report.codecs._reading import empty_report
from govinfo_report.codecs._sections import Line
from govinfo_report.codecs._tokens import ABSENT_TEXT
from govinfo_report.schema import FORMAT_2021, SECTION_HEADINGS, Cell, Report

__all__ = ["dumps", "loads", "looks_like_glued"]

_TABLES = {t.key: t for t in FORMAT_2021.tables}


def looks_like_glued(text: str) -> bool:
    """Return whether *text* holds table rows whose cells touch (glued text).

    True when at least two table-三 row labels are followed, at most a space
    apart, by a run of seven or more digits.

    >>> looks_like_glued("一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000")
    True
    >>> looks_like_glued("一、本年新收政府信息公开申请数量 25 0 1 0 0 0 26")
    False
    """
    hits = 0
    for label in ("申请数量", "予以公开", "属于国家秘密", "（七）总计", "(七)总计", "继续办理"):
        start = 0
        while (index := text.find(label, start)) >= 0:
            start = index + len(label)
            tail = text[start : start + 9].lstrip(" ")
            if len(tail) >= 7 and tail[:7].isascii() and tail[:7].isdigit():
                hits += 1
    return hits >= 2


def loads(text: str, *, lenient: bool = False, source: str | None = None) -> Report:
    """Read a report from glued text.

    Args:
        text: The page text, tags stripped, cells touching.
        lenient: Return what can be read, with diagnostics in
            ``report.provenance.diagnostics``, instead of raising.  Cells
            whose digits split in several ways that fit the identities are
            left absent with an ``ambiguous_split`` diagnostic in both modes.
        source: A name for messages (usually the file name).

    Raises:
        ParseError: (strict mode) naming the source, line, table and row,
            what was expected and what was found: for a run of digits that
            no split into the row's cells fits, and for everything the
            shared table assembler refuses (a missing table or row, text cut
            off inside a table, a cell that is not a number).
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        lines = [Line(t, i) for i, t in enumerate(text.splitlines(), start=1)]
        return empty_report(lines, source=source, lenient=lenient, format="glued")
    return GluedReader(text, source=source, lenient=lenient).read()


# --- writing ----------------------------------------------------------------------------

_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _cell_text(cell: Cell) -> str:
    if cell.printed is None:
        return ABSENT_TEXT
    if cell.value is not None:
        return cell.printed if _PLAIN.fullmatch(cell.printed) else str(cell.value)
    return cell.printed


def _glue(cells: Sequence[Cell]) -> str:
    """A row's cells touching, or, when one is no number, one space apart after a space.

    The space before the first cell parts it from the label, so that an empty
    first cell (``总计 ␣␣1 1 …``) is told from a label and its values printed
    one space apart (``… 61 14 2``), where a blank may have vanished anywhere.
    """
    texts = [_cell_text(c) for c in cells]
    if all(c.value is not None for c in cells):
        return "".join(texts)
    return " " + " ".join(texts)


def _table2(report: Report) -> str:
    out: list[str] = []
    title = None
    for row in _TABLES["t2"].rows:
        if row.groups[0] != title:
            title = row.groups[0]
            out.append(title + "信息内容" + "".join(c.label for c in row.columns))
        out.append(row.label + _glue(getattr(report.t2, row.key).cells()))
    return "".join(out)


def _table3(report: Report) -> str:
    out = [
        T3_NOTE,
        "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
    ]
    groups: tuple[str, ...] = ()
    for row in _TABLES["t3"].rows:
        out.extend(g for depth, g in enumerate(row.groups) if groups[depth : depth + 1] != (g,))
        groups = row.groups
        out.append(row.label + _glue(getattr(report.t3, row.key).cells()))
    return "".join(out)


def _table4(report: Report) -> str:
    outcomes = "结果维持结果纠正其他结果尚未审结总计"
    header = "行政复议行政诉讼" + outcomes + "未经复议直接起诉复议后起诉" + outcomes * 2
    return header + _glue(report.t4.cells())


def dumps(report: Report) -> str:
    """Write *report* as glued text: headings, labels and digits touching.

    >>> import govinfo_report as gr
    >>> text = dumps(gr.Report.from_cells(dict.fromkeys(gr.CELL_PATHS, 0)))
    >>> "规章000行政规范性文件000" in text
    True
    """
    out: list[str] = []
    meta = report.meta
    title = written_title(meta)
    if title:
        out.append(title)
    if meta.preamble:
        out.append(meta.preamble)
    writers = {2: ("t2", _table2), 3: ("t3", _table3), 4: ("t4", _table4)}
    for section in report.sections:
        heading = section.heading
        table = writers.get(section.number)
        has_table = table is not None and getattr(report, table[0]).present
        if heading is None and (section.text or has_table):
            heading = SECTION_HEADINGS[section.number - 1]
        line = (heading or "") + section.text
        if table is not None and has_table:
            line += table[1](report)
        if line:
            out.append(line)
    return "\n".join(out) + "\n"
