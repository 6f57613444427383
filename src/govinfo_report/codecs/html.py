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
(:attr:`~govinfo_report.codecs._assemble.TokenKind.VALUE`).  So a value
printed like one of the form's labels (``其他``, ``总计``) stays a value,
kept as printed, and table 四's row of values is read whatever it holds
(blanks only, or text that is no number).  In a table with another layout
the labels alone tell what each cell is, and a value printed like a label
is read as that label (reported, never guessed).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import html as _html
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

import attrs

from govinfo_report.codecs._align import align_tables
from govinfo_report.codecs._assemble import Assembler
from govinfo_report.codecs._evidence import Reading, choose
from govinfo_report.codecs._reading import empty_report
from govinfo_report.codecs._sections import Line, join_lines, read_meta, split_sections
from govinfo_report.codecs._tokens import ABSENT_TEXT, Token, TokenKind
from govinfo_report.exceptions import MissingExtraError
from govinfo_report.schema import (
    CELL_PATHS,
    FORMAT_2021,
    Cell,
    CellOrigin,
    Diagnostic,
    Provenance,
    Report,
    ReportMeta,
    Section,
    Severity,
    match_key,
)

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

__all__ = ["MAX_DEPTH", "GridCell", "dumps", "loads", "looks_like_html", "table_grid"]

_TABLES = {t.key: t for t in FORMAT_2021.tables}

_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_SKIP = frozenset(
    {"head", "script", "style", "noscript", "template", "iframe", "object", "svg", "button"}
)
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_HTML_HINT = re.compile(r"<(?:table|tbody|tr|td|th)\b|<(?:html|body|p|div|span)[\s>]", re.I)
_MAX_SPAN = 1000
_NOT_TEXT = frozenset({"Comment", "Doctype", "Declaration", "ProcessingInstruction", "CData"})


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


# --- the grid ---------------------------------------------------------------------------


@attrs.frozen
class GridCell:
    """One ``<td>``/``<th>`` placed in its table's grid.

    Attributes:
        row: 0-based grid row of its top-left corner.
        column: 0-based grid column of its top-left corner.
        rowspan: Rows it covers (at least 1).
        colspan: Columns it covers (at least 1).
        text: Its text as a browser shows it (see the module docstring).
        line: Its 1-based line in the source, when known.
    """

    row: int
    column: int
    rowspan: int
    colspan: int
    text: str
    line: int | None = None


def _span(tag: Tag, name: str) -> int:
    value = tag.get(name)
    if not isinstance(value, str):
        return 1
    digits = value.strip()
    if not (digits.isascii() and digits.isdigit()):
        return 1
    if len(digits) > len(str(_MAX_SPAN)):
        return _MAX_SPAN
    return min(max(int(digits), 1), _MAX_SPAN)


def _rows(table: Tag) -> Iterator[Tag]:
    """The ``<tr>`` of *table* itself (not of nested tables), in order."""
    for child in table.children:
        tag = _as_tag(child)
        if tag is None:
            continue
        if tag.name == "tr":
            yield tag
        elif tag.name in ("thead", "tbody", "tfoot"):
            for row in tag.children:
                row_tag = _as_tag(row)
                if row_tag is not None and row_tag.name == "tr":
                    yield row_tag


def table_grid(table: Tag, lines: dict[int, int] | None = None) -> list[GridCell]:
    """Place the cells of an HTML *table* in its grid, honouring ``rowspan`` and ``colspan``.

    Cells come in reading order (grid row, then column).  A cell covered by
    a span from an earlier row pushes the row's next cells to the right, as
    a browser lays them out.

    Args:
        table: A ``<table>`` element (BeautifulSoup).
        lines: Source line by ``id()`` of the element, when known.

    Returns:
        The table's cells.

    Raises:
        MissingExtraError: if BeautifulSoup is not installed.
    """
    cells = [tr.find_all(["td", "th"], recursive=False) for tr in _rows(table)]
    spans = [[(_span(td, "rowspan"), _span(td, "colspan")) for td in row] for row in cells]
    out: list[GridCell] = []
    for (r, c, rowspan, colspan), td in zip(
        _layout(spans), (td for row in cells for td in row), strict=True
    ):
        line = lines.get(id(td)) if lines is not None else None
        out.append(GridCell(r, c, rowspan, colspan, _cell_text(td), line))
    out.sort(key=lambda cell: (cell.row, cell.column))
    return out


def _layout(rows: Iterable[Sequence[tuple[int, int]]]) -> Iterator[tuple[int, int, int, int]]:
    """``(row, column, rowspan, colspan)`` of each cell given by its spans, row by row.

    A cell covered by a span from an earlier row pushes the row's next cells
    to the right, as a browser lays them out.
    """
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            yield r, c, rowspan, colspan
            c += colspan


# --- text as a browser shows it ----------------------------------------------------------


def _as_tag(node: object) -> Tag | None:
    """*node* if it is an element (not text), else ``None``; works without importing bs4."""
    return cast("Tag", node) if isinstance(getattr(node, "name", None), str) else None


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text)


def _cell_text(td: Tag) -> str:
    """A cell's text: lines at block boundaries, white space collapsed, ``<pre>`` kept exactly."""
    children = [c for c in td.children if _as_tag(c) is not None or str(c).strip()]
    if len(children) == 1 and getattr(children[0], "name", None) == "pre":
        return cast("Tag", children[0]).get_text()
    lines: list[str] = [""]
    for piece, is_break in _inline(td):
        if is_break:
            lines.append("")
        else:
            lines[-1] += piece
    cleaned = [_collapse(line).strip() for line in lines]
    return "\n".join(line for line in cleaned if line)


def _inline(node: Tag) -> Iterator[tuple[str, bool]]:
    """Yield ``(text, False)`` for text and ``("", True)`` at block boundaries and ``<br>``."""
    for child in node.children:
        tag = _as_tag(child)
        if tag is None:
            if type(child).__name__ not in _NOT_TEXT:
                yield str(child), False
        elif tag.name in _SKIP:
            continue
        elif tag.name == "br":
            yield "", True
        elif tag.name in _BLOCKS:
            yield "", True
            yield from _inline(tag)
            yield "", True
        else:
            yield from _inline(tag)


# --- the page ---------------------------------------------------------------------------

_T2_KEYS = tuple(
    match_key(k)
    for k in (
        "第二十条",
        "信息内容",
        "本年制发件数",
        "规章",
        "规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    )
)
_T3_KEYS = tuple(
    match_key(k)
    for k in (
        "申请人情况",
        "本年新收政府信息公开申请数量",
        "本年度办理结果",
        "予以公开",
        "结转下年度继续办理",
    )
)
_T4_KEYS = tuple(match_key(k) for k in ("尚未审结", "未经复议直接起诉", "复议后起诉", "行政复议"))


def _table_kind(table: Tag) -> str | None:
    key = match_key(table.get_text())
    if any(k in key for k in _T3_KEYS):
        return "t3"
    if any(k in key for k in _T4_KEYS):
        return "t4"
    if any(k in key for k in _T2_KEYS):
        return "t2"
    return None


@attrs.frozen
class _TableBlock:
    element: Any
    kind: str
    after_line: int  # number of text lines before the table


class _Page:
    """A page as text lines (tables taken out) and the report tables in order."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.tables: list[_TableBlock] = []
        self._current = ""

    def flush(self) -> None:
        text = _collapse(self._current).strip()
        if text:
            self.lines.append(Line(text, len(self.lines) + 1))
        self._current = ""

    def exact(self, text: str) -> None:
        self.flush()
        for part in text.split("\n"):
            self.lines.append(Line(part, len(self.lines) + 1))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            tag = _as_tag(child)
            if tag is None:
                if type(child).__name__ not in _NOT_TEXT:
                    self._current += str(child)
            elif tag.name in _SKIP:
                continue
            elif tag.name == "br":
                self.flush()
            elif tag.name == "pre":
                self.exact(tag.get_text())
            elif tag.name == "table" and tag.find("table") is None:
                kind = _table_kind(tag)
                if kind is None:
                    self.block(tag)
                else:
                    self.flush()
                    self.tables.append(_TableBlock(tag, kind, len(self.lines)))
            elif tag.name in _BLOCKS:
                self.block(tag)
            else:
                self.walk(tag)

    def block(self, node: Tag) -> None:
        self.flush()
        self.walk(node)
        self.flush()


def _source_lines(text: str, soup: BeautifulSoup) -> dict[int, int]:
    """Source line of every element, by ``id()``: lxml's own tree, matched in document order."""
    import lxml.etree

    try:
        root = lxml.etree.fromstring(text, lxml.etree.HTMLParser())
    except (lxml.etree.LxmlError, ValueError):
        return {}
    if root is None:
        return {}
    theirs = [(e.tag, e.sourceline) for e in root.iter() if isinstance(e.tag, str)]
    ours = list(soup.find_all(True))
    if [t for t, _ in theirs] != [t.name for t in ours]:
        return {}
    return {id(tag): line for tag, (_, line) in zip(ours, theirs, strict=True) if line}


def _value_cells(grid: Sequence[GridCell]) -> tuple[str | None, frozenset[tuple[int, int]]]:
    """Which table *grid* holds and where its value cells are, when it has the official layout.

    Every cell of the grid must sit where the official layout of table 二,
    三 or 四 (SPEC §3, as :func:`dumps` writes it) has a cell with the same
    spans; a table cut off early qualifies.  Any other layout (S19's spans, a
    table split in parts) gives ``(None, frozenset())``: no cell is known to
    be a value, and the labels alone tell what each cell is.
    """
    if not grid:
        return None, frozenset()
    for kind in _WRITERS:
        shape, values = _official_layout(kind)
        if all((c.row, c.column, c.rowspan, c.colspan) in shape for c in grid):
            return kind, values
    return None, frozenset()


@functools.cache
def _official_layout(
    kind: str,
) -> tuple[frozenset[tuple[int, int, int, int]], frozenset[tuple[int, int]]]:
    """Each cell of table *kind* as :func:`dumps` writes it, and where its value cells are."""
    rows = _WRITERS[kind](Report.from_cells({}))
    spans = [[(cell.rowspan, cell.colspan) for cell in row] for row in rows]
    placed = list(_layout(spans))
    flags = [cell.value for row in rows for cell in row]
    shape = frozenset(placed)
    values = frozenset((r, c) for (r, c, _, _), value in zip(placed, flags, strict=True) if value)
    return shape, values


def _tokens(
    grid: Sequence[GridCell], default_line: int, values: frozenset[tuple[int, int]]
) -> list[Token]:
    tokens: list[Token] = []
    row: int | None = None
    line = default_line
    for cell in grid:
        if row is not None and cell.row != row:
            tokens.append(Token.row_end(line))
        row = cell.row
        line = cell.line or line
        kind = TokenKind.VALUE if (cell.row, cell.column) in values else TokenKind.CELL
        tokens.append(Token(cell.text, line, kind))
    if row is not None:
        tokens.append(Token.row_end(line))
    return tokens


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
    text, surrogates = _without_surrogates(text.removeprefix("\ufeff"))
    soup = beautiful_soup(text, "lxml")
    flattened = _flatten_deep(soup)
    page = _Page()
    page.walk(soup.body or soup)
    page.flush()
    if not page.lines and not page.tables:
        return empty_report([], source=source, lenient=lenient, format="html")
    source_lines = _source_lines(text, soup)

    assembler = Assembler(source=source, lenient=lenient)
    last_text = max((i for i, ln in enumerate(page.lines) if not ln.blank), default=-1) + 1
    by_table: dict[str, list[Token]] = {}
    for index, block in enumerate(page.tables):
        grid = table_grid(block.element, source_lines)
        default = source_lines.get(id(block.element), 1)
        last = index + 1 == len(page.tables) and block.after_line >= last_text
        kind, values = _value_cells(grid)
        tokens = _tokens(grid, default, values)
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

    own = _as_tag(soup.find("article", class_="govinfo-report"))
    if own is not None:
        meta, sections = _own_structure(own)
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


MAX_DEPTH = 256
"""The deepest nesting of elements kept (real pages nest a few dozen deep); an element nested
deeper is replaced by its text, so that reading never recurses past Python's limit."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> tuple[str, int]:
    """*text* with lone surrogates (which no parser can encode) made U+FFFD, and how many."""
    if text.isascii():
        return text, 0
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", text)
    return text, 0


def _flatten_deep(soup: BeautifulSoup) -> int:
    """Replace each element nested deeper than :data:`MAX_DEPTH` by its text; how many.

    One replacement per too-deep subtree, each linear in its size: the
    whole is linear in the page.
    """
    depth = {id(soup): 0}
    roots: list[Tag] = []
    for element in soup.descendants:
        parent = element.parent
        tag = _as_tag(element)
        if parent is None or tag is None or id(parent) not in depth:
            continue  # text, or inside a subtree already too deep
        level = depth[id(parent)] + 1
        if level > MAX_DEPTH:
            roots.append(tag)
        else:
            depth[id(tag)] = level
    for tag in roots:
        tag.replace_with(tag.get_text("\n"))
    return len(roots)


def _attr(tag: Tag, name: str) -> str | None:
    value = tag.get(name)
    return value if isinstance(value, str) else None


def _is_year(text: str) -> bool:
    return len(text) <= 4 and text.isascii() and text.isdigit()


def _own_structure(article: Tag) -> tuple[ReportMeta, tuple[Section, ...]]:
    """Metadata and sections of a document this module wrote."""
    year = _attr(article, "data-year")
    preamble = article.find("pre", class_="preamble", recursive=False)
    meta = ReportMeta(
        title=_attr(article, "data-title"),
        agency=_attr(article, "data-agency"),
        year=int(year) if year is not None and _is_year(year) else None,
        format_version=_attr(article, "data-format-version") or "2021",
        preamble=preamble.get_text() if preamble is not None else "",
    )
    by_number: dict[str, Tag] = {}
    for child in article.children:
        tag = _as_tag(child)
        if tag is not None and tag.name == "section":
            by_number.setdefault(str(tag.get("data-section")), tag)
    sections = []
    for number in range(1, 7):
        element = by_number.get(str(number))
        if element is None:
            sections.append(Section(number))
            continue
        body = element.find("pre", class_="section-text", recursive=False)
        text = body.get_text() if body is not None else ""
        sections.append(Section(number, _attr(element, "data-heading"), text))
    return meta, tuple(sections)


# --- writing ----------------------------------------------------------------------------


def _escape(text: str) -> str:
    return _html.escape(text, quote=True).replace("\r", "&#13;")


def _plain(text: str) -> bool:
    """Whether a browser shows *text* unchanged in a table cell."""
    return text == _collapse(text).strip() and "\u00a0" not in text


@attrs.frozen
class _Out:
    """A cell as the writer prints it: text, spans, and whether it is a value cell."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    value: bool = False

    def render(self) -> str:
        spans = ""
        if self.rowspan > 1:
            spans += f' rowspan="{self.rowspan}"'
        if self.colspan > 1:
            spans += f' colspan="{self.colspan}"'
        text = self.text
        body = _escape(text) if _plain(text) else f"<pre>{_escape(text)}</pre>"
        return f"<td{spans}>{body}</td>"


def _value(cell: Cell, *, colspan: int = 1) -> _Out:
    return _Out(ABSENT_TEXT if cell.printed is None else cell.printed, 1, colspan, value=True)


def _table2(report: Report) -> list[list[_Out]]:
    rows: list[list[_Out]] = []
    title = None
    for row in _TABLES["t2"].rows:
        single = len(row.columns) == 1
        if row.groups[0] != title:
            title = row.groups[0]
            rows.append([_Out(title, colspan=4)])
            header = [_Out("信息内容")]
            if single:
                header.append(_Out(row.columns[0].label, colspan=3))
            else:
                header += [_Out(c.label) for c in row.columns]
            rows.append(header)
        cells = getattr(report.t2, row.key).cells()
        rows.append([_Out(row.label), *(_value(c, colspan=3 if single else 1) for c in cells)])
    return rows


def _table3(report: Report) -> list[list[_Out]]:
    columns = [c.label for c in _TABLES["t3"].rows[0].columns]
    rows = [
        [
            _Out(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                rowspan=3,
                colspan=3,
            ),
            _Out("申请人情况", colspan=7),
        ],
        [
            _Out(columns[0], rowspan=2),
            _Out("法人或其他组织", colspan=5),
            _Out(columns[-1], rowspan=2),
        ],
        [_Out(c) for c in columns[1:-1]],
    ]
    spans: dict[str, int] = {}
    for row in _TABLES["t3"].rows:
        for group in row.groups:
            spans[group] = spans.get(group, 0) + 1
    seen: set[str] = set()
    for row in _TABLES["t3"].rows:
        labels = []
        for group in row.groups:
            if group not in seen:
                seen.add(group)
                labels.append(_Out(group, rowspan=spans[group]))
        labels.append(_Out(row.label, colspan=3 - len(row.groups)))
        values = getattr(report.t3, row.key).cells()
        rows.append([*labels, *(_value(c) for c in values)])
    return rows


def _table4(report: Report) -> list[list[_Out]]:
    outcomes = [c.label for c in _TABLES["t4"].rows[0].columns]
    return [
        [_Out("行政复议", colspan=5), _Out("行政诉讼", colspan=10)],
        [
            *(_Out(o, rowspan=2) for o in outcomes),
            _Out("未经复议直接起诉", colspan=5),
            _Out("复议后起诉", colspan=5),
        ],
        [_Out(o) for o in outcomes * 2],
        [_value(c) for c in report.t4.cells()],
    ]


_WRITERS = {"t2": _table2, "t3": _table3, "t4": _table4}


_STYLE = (
    "<style>pre{white-space:pre-wrap;font-family:inherit}"
    "table{border-collapse:collapse}td{border:1px solid #000;padding:2px 4px}</style>"
)


def _attrs(pairs: Sequence[tuple[str, str | None]]) -> str:
    return "".join(f' {name}="{_escape(value)}"' for name, value in pairs if value is not None)


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
    article = _attrs(
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
        f"<title>{_escape(_collapse(title).strip())}</title>",
        _STYLE,
        "</head>",
        "<body>",
        f"<article{article}>",
    ]
    if meta.title is not None:
        out.append(f"<h1>{_escape(meta.title)}</h1>")
    if meta.preamble:
        out.append(f'<pre class="preamble">{_escape(meta.preamble)}</pre>')
    writers = {2: "t2", 3: "t3", 4: "t4"}
    for section in report.sections:
        out.append(
            f"<section{_attrs([('data-section', str(section.number)), ('data-heading', section.heading)])}>"
        )
        if section.heading is not None:
            out.append(f"<h2>{_escape(section.heading)}</h2>")
        if section.text:
            out.append(f'<pre class="section-text">{_escape(section.text)}</pre>')
        table = writers.get(section.number)
        if table is not None and getattr(report, table).present:
            out.append('<table border="1">')
            out += [
                f"<tr>{''.join(c.render() for c in row)}</tr>" for row in _WRITERS[table](report)
            ]
            out.append("</table>")
        out.append("</section>")
    out += ["</article>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
