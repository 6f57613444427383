"""HTML (format ``"html"``): web pages and fragments holding a report, and an HTML rendering.

Reading uses a real HTML parser, BeautifulSoup over lxml (the optional
extra ``html``: ``python -m pip install 'govinfo-report[html]'``); without
it :func:`loads` raises :class:`~govinfo_report.exceptions.MissingExtraError`.

How a page is read (SPEC §8):

* **Tables.**  Every innermost ``<table>`` that holds labels of table 二, 三
  or 四 becomes a grid that honours ``rowspan``/``colspan``
  (:func:`table_grid`).  Its cells are handed, row by row, to the shared
  label-driven assembler (:mod:`govinfo_report.codecs._assemble`), which
  maps each value to its cell by the *row label* and the order of the
  values, never by grid column: S19 prints table 二 with header colspans
  that differ from the data rows', and a merged label (``rowspan="22"``)
  appears once, in the first row it covers.
* **Cell text** is what a browser shows: text of ``<span>``/``<font>`` runs
  joined as printed (``20</span><span>23`` is ``2023``; one ``<span>`` per
  character is one word), ``<p>``, ``<div>`` and ``<br>`` breaking lines,
  white space and ``&nbsp;`` runs collapsed.  A cell whose text is a
  ``<pre>`` keeps its text exactly.
* **Page chrome** (navigation, scripts, styles, ``<head>``) is never table
  content; text outside the tables becomes lines from which the section
  headings, the title, agency, year and preamble are read
  (:mod:`govinfo_report.codecs._sections`).  A fragment that is not a whole
  document, or a table left unclosed, is read as far as it goes; what the
  text does not give stays absent, with a ``truncated`` diagnostic.

:func:`dumps` writes a whole HTML document with the official spans of
SPEC §3 (block titles ``colspan="4"`` in table 二, ``rowspan="22"`` for
``三、本年度办理结果``, ``rowspan="8"`` for ``（三）不予公开`` …).  It marks
its own structure (``<article class="govinfo-report">`` with the metadata in
``data-`` attributes, one ``<section data-section="n">`` per section, texts
in ``<pre>``) so that ``loads(dumps(r)) == r`` for every report: cells as
printed, blanks, markers, absent cells (written ``[absent]``), headings
(``None`` included) and texts of any white space (but NUL, which HTML
cannot carry).  The tables of such a document are read like any other
page's, by their labels, with one help from the grid: a table laid out
exactly as the official form (its cells where SPEC §3 puts them, with the
same spans; this writer's tables, and many real pages) tells which of its
cells are values, and those are handed to the assembler as value cells
(:attr:`~govinfo_report.codecs._tokens.TokenKind.VALUE`).  So a value
printed like one of the form's labels (``其他``, ``总计``) stays a value,
kept as printed, and table 四's row of values is read whatever it holds
(blanks only, or text that is no number).  In a table with another layout
the labels alone tell what each cell is, and a value printed like a label
is read as that label (reported, never guessed).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govinfo_report.codecs._align import align_tables
from govinfo_report.codecs._assemble import Assembler
from govinfo_report.codecs._evidence import Reading, choose
from govinfo_report.codecs._html_grid import GridCell, grid_tokens, table_grid, value_cells
from govinfo_report.codecs._html_page import (
    MAX_DEPTH,
    Page,
    element_lines,
    flatten_deep,
    own_structure,
    without_surrogates,
)
from govinfo_report.codecs._html_text import as_tag, collapse
from govinfo_report.codecs._html_write import STYLE, WRITERS, escape, html_attributes
from govinfo_report.codecs._reading import empty_report
from govinfo_report.codecs._sections import join_lines, read_meta, split_sections
from govinfo_report.codecs._tokens import Token
from govinfo_report.exceptions import MissingExtraError
from govinfo_report.schema import (
    CELL_PATHS,
    Cell,
    CellOrigin,
    Diagnostic,
    Provenance,
    Report,
    Section,
    Severity,
)

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

__all__ = ["MAX_DEPTH", "GridCell", "dumps", "loads", "looks_like_html", "table_grid"]

_HTML_HINT = re.compile(r"<(?:table|tbody|tr|td|th)\b|<(?:html|body|p|div|span)[\s>]", re.I)


def looks_like_html(text: str) -> bool:
    """Return whether *text* is HTML markup (a page or a fragment).

    >>> looks_like_html('<p>二、主动公开政府信息情况</p><table><tr><td>规章</td></tr></table>')
    True
    >>> looks_like_html("一、本年新收政府信息公开申请数量 25 0 1 0 0 0 26")
    False
    """
    return _HTML_HINT.search(text) is not None


def _import_bs4() -> type[BeautifulSoup]:
    try:
        import lxml  # noqa: F401  (the parser BeautifulSoup is asked to use)
        from bs4 import BeautifulSoup
    except ImportError:
        raise MissingExtraError("reading HTML", "html") from None
    return BeautifulSoup


def loads(text: str, *, lenient: bool = False, source: str | None = None) -> Report:
    """Read a report from an HTML page or fragment.

    Args:
        text: The markup.
        lenient: Return what can be read, with diagnostics in
            ``report.provenance.diagnostics``, instead of raising.  Nothing
            is invented: cells the page does not give are absent.
        source: A name for messages (usually the file name).

    Raises:
        MissingExtraError: when BeautifulSoup or lxml is not installed.
        ParseError: (strict mode) naming the source, line, table, row and
            column, the cell path, what was expected and what was found: a
            cell that is not a number, a row label that is not the form's,
            a row with too many or too few cells, a missing table or row, a
            table cut off.
    """
    beautiful_soup = _import_bs4()
    text, surrogates = without_surrogates(text.removeprefix("\ufeff"))
    soup = beautiful_soup(text, "lxml")
    flattened = flatten_deep(soup)
    page = Page()
    page.walk(soup.body or soup)
    page.flush()
    if not page.lines and not page.tables:
        return empty_report([], source=source, lenient=lenient, format="html")
    source_lines = element_lines(text, soup)

    assembler = Assembler(source=source, lenient=lenient)
    last_text = max((i for i, ln in enumerate(page.lines) if not ln.blank), default=-1) + 1
    by_table: dict[str, list[Token]] = {}
    for index, block in enumerate(page.tables):
        grid = table_grid(block.element, source_lines)
        default = source_lines.get(id(block.element), 1)
        last = index + 1 == len(page.tables) and block.after_line >= last_text
        kind, values = value_cells(grid)
        tokens = grid_tokens(grid, default, values)
        assembler.feed(tokens, table=kind or block.kind, last=last)
        if kind or block.kind:
            by_table.setdefault(kind or block.kind, []).extend([*tokens, Token.row_end(default)])
    cells, diagnostics = assembler.finish(last_line=text.count("\n") + 1)
    origins, why = dict(assembler.origins), None
    if lenient and by_table and (len(cells) < len(CELL_PATHS) or diagnostics):
        cells, origins, diagnostics, why = _by_evidence(
            cells, origins, diagnostics, by_table, assembler
        )
    if flattened and lenient:
        diagnostics = [
            Diagnostic(
                "nested_too_deep",
                f"markup nested more than {MAX_DEPTH} deep read as its text "
                f"({flattened} element(s) flattened)",
                Severity.INFO,
            ),
            *diagnostics,
        ]
    if surrogates and lenient:
        diagnostics = [
            Diagnostic(
                "undecodable",
                f"{surrogates} lone surrogate(s) (text that is no Unicode) read as U+FFFD",
            ),
            *diagnostics,
        ]

    own = as_tag(soup.find("article", class_="govinfo-report"))
    if own is not None:
        meta, sections = own_structure(own)
    else:
        outline = split_sections(page.lines)
        meta = read_meta(outline.front, year_hint_lines=outline.section(1).body)
        sections = tuple(
            Section(
                s.number,
                s.heading.text if s.heading is not None else None,
                join_lines(s.body),
            )
            for s in outline.sections
        )
    provenance = Provenance(
        source=source, format="html", diagnostics=tuple(diagnostics), cells=origins, reading=why
    )
    return Report.from_cells(cells, meta=meta, sections=sections, provenance=provenance)


def _by_evidence(
    cells: dict[str, Cell],
    origins: dict[str, CellOrigin],
    diagnostics: list[Diagnostic],
    by_table: dict[str, list[Token]],
    assembler: Assembler,
) -> tuple[dict[str, Cell], dict[str, CellOrigin], list[Diagnostic], str | None]:
    """The grid read a second way, rows aligned with the form; per table the better reading."""
    truncated = assembler.truncated[0] if assembler.truncated is not None else None
    usable = {t: tokens for t, tokens in by_table.items() if t not in assembler.format_2019}
    aligned = align_tables(usable, truncated_at=truncated)
    if not aligned.cells:
        return cells, origins, diagnostics, None
    absent = Cell()
    first = Reading("html", tuple(cells.get(p, absent) for p in CELL_PATHS), origins, diagnostics)
    second = Reading(
        "html, rows aligned",
        tuple(aligned.cells.get(p, absent) for p in CELL_PATHS),
        aligned.origins,
        [*aligned.diagnostics, *(d for d in diagnostics if d.code == "truncated")],
    )
    reading, why = choose([first, second])
    kept = {p: c for p, c in zip(CELL_PATHS, reading.flat, strict=True) if c is not absent}
    return kept, dict(reading.origins), list(reading.diagnostics), why


def dumps(report: Report) -> str:
    """Write *report* as an HTML document with the official table layout (SPEC §3).

    >>> import govinfo_report as gr
    >>> page = dumps(gr.Report.from_cells({"t3.new_received.total": 26}))
    >>> '<td rowspan="22">三、本年度办理结果</td>' in page
    True
    >>> loads(page, lenient=True).t3.new_received.total
    Cell(26)
    """
    meta = report.meta
    title = meta.title or ""
    article = html_attributes(
        [
            ("class", "govinfo-report"),
            ("data-title", meta.title),
            ("data-agency", meta.agency),
            ("data-year", None if meta.year is None else str(meta.year)),
            ("data-format-version", meta.format_version),
        ]
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="generator" content="govinfo-report">',
        f"<title>{escape(collapse(title).strip())}</title>",
        STYLE,
        "</head>",
        "<body>",
        f"<article{article}>",
    ]
    if meta.title is not None:
        out.append(f"<h1>{escape(meta.title)}</h1>")
    if meta.preamble:
        out.append(f'<pre class="preamble">{escape(meta.preamble)}</pre>')
    writers = {2: "t2", 3: "t3", 4: "t4"}
    for section in report.sections:
        out.append(
            f"<section{html_attributes([('data-section', str(section.number)), ('data-heading', section.heading)])}>"
        )
        if section.heading is not None:
            out.append(f"<h2>{escape(section.heading)}</h2>")
        if section.text:
            out.append(f'<pre class="section-text">{escape(section.text)}</pre>')
        table = writers.get(section.number)
        if table is not None and getattr(report, table).present:
            out.append('<table border="1">')
            out += [
                f"<tr>{''.join(c.render() for c in row)}</tr>" for row in WRITERS[table](report)
            ]
            out.append("</table>")
        out.append("</section>")
    out += ["</article>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
