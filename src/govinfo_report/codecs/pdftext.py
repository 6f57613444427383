"""PDF-extracted text (format ``"pdftext"``): space-separated cells, page furniture removed.

Text pulled out of a PDF (``pdftotext``, flip-book pages, SH25, KW24,
corpus 023) prints a table row as its label followed by space-separated
numbers (``一、本年新收政府信息公开申请数量 25 0 1 0 0 0 26``); header words
are broken across lines and characters (``结果 结果 其他 尚未 总`` /
``维持 纠正 结果 审结 计``, ``商 业 企`` / ``业``), labels break mid-word
(``（三）不`` / ``予公开``), page markers (``- 4 -``, ``— 4 —``,
``Page 8 - …``, ``P. 8``, ``第 4 页``) interrupt the text, and the headers
repeat after a page break.  The reader drops the page markers, splits every
line at white space, and lets the label-driven assembler
(:mod:`govinfo_report.codecs._assemble`) put the pieces back together.

:func:`dumps` writes one table row per line, cells separated by a space.
PDF text cannot show an empty cell, so ``loads(dumps(r)) == r`` holds for
reports whose cells are numbers, markers or absent and whose printed cells
hold no white space (otherwise as for :mod:`govinfo_report.codecs.text`).
A blank cell is written as nothing, which leaves its row short of a value:
strict reading refuses the text (:class:`~govinfo_report.exceptions.ParseError`
naming the row), and lenient reading places the gap with the identities
where exactly one placement fits, leaving the blank cell absent, and
otherwise leaves the row's uncertain cells absent.  No value is ever read
into another cell.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govinfo_report.codecs._official_rows import write_lines
from govinfo_report.codecs._reading import empty_report, read_outline
from govinfo_report.codecs._sections import PAGE_MARKER, Line, numbered_lines, split_sections
from govinfo_report.codecs._tokens import Token
from govinfo_report.schema import Report

__all__ = ["PAGE_MARKER", "dumps", "loads"]


def loads(text: str, *, lenient: bool = False, source: str | None = None) -> Report:
    """Read a report from PDF-extracted text.

    Args:
        text: The text.
        lenient: Return what can be read, with diagnostics, instead of raising.
        source: A name for messages.

    Raises:
        ParseError: (strict mode) as :func:`govinfo_report.codecs.text.loads`.
    """
    lines = numbered_lines(text.removeprefix("\ufeff"))
    if not any(not line.blank for line in lines):
        return empty_report(lines, source=source, lenient=lenient, format="pdftext")
    content = [line for line in lines if not PAGE_MARKER.match(line.text)]
    outline = split_sections(content)
    return read_outline(
        outline, _tokens, format="pdftext", source=source, lenient=lenient, blanks_visible=False
    )


_RULES = re.compile(r"[|｜│┃]")
"""Table rules a PDF's text may keep: they separate cells, they are none."""


_RULE_LINE = re.compile(r"^[\s|+:=]*-{3,}[\s|+:=\-]*$")
"""A line of table rules only (``|---|---|``, ``+-----+``): a lone ``-`` is a marker cell."""


def _tokens(lines: Sequence[Line], region: int) -> list[Token]:
    """Every word separated by white space or a table rule (``|``) is a cell."""
    del region
    tokens: list[Token] = []
    for line in lines:
        if _RULE_LINE.match(line.text):
            continue  # a line that only draws the table (|---|---|, +----+): no cell
        words = _RULES.sub(" ", line.text).split()
        while words:
            word = words.pop(0)
            # an export artefact such as "[bookmark: OLE_LINK1]2731" holds a space
            while "[" in word and "]" not in word[word.rindex("[") :] and words:
                word += " " + words.pop(0)
            tokens.append(Token(word, line.number))
    return tokens


def dumps(report: Report) -> str:
    """Write *report* as PDF-like text: one table row per line, cells separated by a space.

    >>> import govinfo_report as gr
    >>> text = dumps(gr.Report.from_cells({"t3.new_received.total": 26}))
    >>> "一、本年新收政府信息公开申请数量 [absent] [absent]" in text
    True
    """
    return write_lines(
        report,
        lambda labels, values: " ".join(
            [*(label for label in labels if label), *(v for v in values if v.strip())]
        ),
    )
