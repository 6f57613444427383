"""Read a report from a document's flow of prose lines, table rows and pictures (PDF, Word).

:func:`read_flow` numbers the items of the flow as the lines of the
document, cuts them at the section headings, hands each table row's cells
to the shared label-driven assembler as tokens (a row end after each grid
row) and the prose lines of sections 二–四 as words aligned into rows
(:mod:`govinfo_report.codecs._words`), and keeps, for every cell read,
where it was printed (:class:`~govinfo_report.schema.CellOrigin`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from govinfo_report.codecs._assemble import Assembler
from govinfo_report.codecs._grid import FlowItem, GridCell
from govinfo_report.codecs._problems import TABLE_NUMBERS, Problems
from govinfo_report.codecs._reading import read_outline
from govinfo_report.codecs._sections import Line, SectionSlice, find_heading, split_sections
from govinfo_report.codecs._tokens import Token, TokenKind
from govinfo_report.codecs._words import is_value, word_tokens
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import (
    CELL_PATHS,
    CellOrigin,
    CellSpec,
    Diagnostic,
    Provenance,
    Report,
    Severity,
)

__all__ = ["read_flow"]


class _Recorder(Assembler):
    """The shared assembler, remembering which token gave each cell (in *tokens*)."""

    def __init__(
        self,
        tokens: dict[str, Token],
        *,
        source: str | None,
        lenient: bool,
        blanks_visible: bool = True,
    ) -> None:
        super().__init__(source=source, lenient=lenient, blanks_visible=blanks_visible)
        tokens.clear()  # a second reading starts afresh
        self.tokens = tokens

    def _assign(self, row: Any, values: Sequence[Token]) -> None:
        super()._assign(row, values)
        for spec, token in zip(row.specs, values, strict=False):
            self.tokens.setdefault(spec.path, token)

    def _set(self, spec: CellSpec, token: Token, row_label: str) -> None:
        super()._set(spec, token, row_label)
        self.tokens.setdefault(spec.path, token)


_EXPECTED = {2: "t2", 3: "t3", 4: "t4"}


def read_flow(
    items: Sequence[FlowItem],
    *,
    format: str,
    source: str | None,
    lenient: bool,
    where: str = "page",
) -> Report:
    """Read a report from a document's flow of prose lines, table rows and pictures.

    Line numbers in messages count the items of the flow (a table row is
    one line).  A section that should hold a table but holds a picture and
    no table text is reported as a table printed as an image, naming the
    page (strict: :class:`~govinfo_report.exceptions.ParseError`; lenient:
    an error diagnostic ``table_image``, the table's cells absent).

    Args:
        items: The flow, in reading order.
        format: The reader's name, for the provenance.
        source: A name for messages.
        lenient: Diagnostics instead of errors.
        where: How messages name an item's place (``"page"``).
    """
    items = [_heading_row(item) for item in items]
    lines: list[Line] = []
    rows: set[int] = set()
    for number, item in enumerate(items, start=1):
        lines.append(Line(item.text if item.kind != "image" else "", number))
        if item.kind == "row":
            rows.add(number)
    outline = split_sections(lines, skip=rows)
    problems = Problems(source=source, lenient=lenient)
    images = _image_tables(items, outline.sections, rows)
    for table, item_number in images.items():
        page = items[item_number - 1].page
        problems.report(
            f"table {TABLE_NUMBERS[table]} is printed as an image"
            + (f" on {where} {page}" if page is not None else "")
            + " (no text where it stands); its cells cannot be read and are absent",
            code="table_image",
            line=item_number,
            table=table,
            expected="the table as text",
            got="an image",
            severity=Severity.ERROR,
        )
    origins: dict[int, tuple[Token, GridCell | FlowItem]] = {}

    def keep(token: Token, origin: GridCell | FlowItem) -> Token:
        origins[id(token)] = (token, origin)
        return token

    def tokenize(region_lines: Sequence[Line], region: int) -> list[Token]:
        tokens: list[Token] = []
        run: list[tuple[int, FlowItem]] = []  # prose lines since the last table row
        for line in region_lines:
            item = items[line.number - 1]
            if item.kind == "row":
                tokens += word_tokens(run, keep)
                run = []
                tokens += [
                    keep(Token(text, line.number), cell)
                    for cell in item.cells
                    for text in _cell_texts(cell.text)
                ]
                tokens.append(Token("", line.number, TokenKind.ROW_END))
            elif item.kind == "prose" and region in _EXPECTED:
                run.append((line.number, item))
        return tokens + word_tokens(run, keep)

    recorded: dict[str, Token] = {}
    try:
        report = read_outline(
            outline,
            tokenize,
            format=format,
            source=source,
            lenient=lenient,
            make_assembler=functools.partial(_Recorder, recorded),
        )
    except ParseError as exc:
        raise _error_on_page(exc, items, where) from None
    base = report.provenance or Provenance(source=source, format=format)
    cells = _where_printed(report, base, recorded, origins, items)
    diagnostics = (
        *problems.diagnostics,
        *(
            _on_page(d, items, where)
            for d in base.diagnostics
            if not (d.code == "table_missing" and _about(d, images))
        ),
    )
    provenance = attrs.evolve(base, cells=cells, diagnostics=diagnostics)
    return attrs.evolve(report, provenance=provenance)


def _heading_row(item: FlowItem) -> FlowItem:
    """A table row of one cell holding a section heading (a table's title row) is that heading."""
    if item.kind == "row" and len(item.cells) == 1 and find_heading(item.text.strip()):
        return attrs.evolve(item, kind="prose", text=item.text.strip(), cells=())
    return item


def _cell_texts(text: str) -> list[str]:
    """A cell's text, or its values one by one when it holds several (a rule between them missing).

    >>> _cell_texts("0 12"), _cell_texts("（一）予以公开"), _cell_texts("3")
    (['0', '12'], ['（一）予以公开'], ['3'])
    """
    parts = text.split()
    if len(parts) > 1 and all(is_value(part) for part in parts):
        return parts
    return [text]


def _where_printed(
    report: Report,
    base: Provenance,
    recorded: dict[str, Token],
    origins: dict[int, tuple[Token, GridCell | FlowItem]],
    items: Sequence[FlowItem],
) -> dict[str, CellOrigin]:
    """Each cell's origin: the reading's (line, rules used) with the page and box it was printed in.

    The token that gave a cell is known from the sequential reading; when
    another reading was kept (rows aligned), the cell is found on its line by
    its printed text.
    """
    cells = dict(base.cells)
    used: set[int] = set()
    for spec_path, cell in zip(CELL_PATHS, report.flat_cells, strict=True):
        if cell.printed is None:
            continue
        origin = cells.get(spec_path, CellOrigin())
        token = recorded.get(spec_path)
        found: GridCell | FlowItem | None = None
        if token is not None and token.text.strip() == cell.printed.strip():
            entry = origins.get(id(token))
            if entry is not None and entry[0] is token:
                found = entry[1]
                origin = attrs.evolve(origin, line=origin.line or token.line)
        elif origin.line is not None and 1 <= origin.line <= len(items):
            found = _on_line(items[origin.line - 1], cell.printed, used)
        if found is not None:
            used.add(id(found))
            cells[spec_path] = attrs.evolve(origin, page=found.page, box=found.box)
    return cells


def _on_line(item: FlowItem, printed: str, used: set[int]) -> GridCell | FlowItem:
    """The first cell (or word) of a line printed as *printed* not yet given to a cell."""
    for cell in item.cells:
        if cell.text.strip() == printed.strip() and id(cell) not in used:
            return cell
    return item


def _about(diagnostic: Diagnostic, tables: Iterable[str]) -> bool:
    return any(f"table {TABLE_NUMBERS[t]}" in diagnostic.message for t in tables)


def _on_page(diagnostic: Diagnostic, items: Sequence[FlowItem], where: str) -> Diagnostic:
    """The diagnostic with the page of its line in front of its message."""
    line = diagnostic.line
    if line is None or not 1 <= line <= len(items):
        return diagnostic
    page = items[line - 1].page
    if page is None or f"{where} {page}" in diagnostic.message:
        return diagnostic
    return attrs.evolve(diagnostic, message=f"{where} {page}: {diagnostic.message}")


def _error_on_page(error: ParseError, items: Sequence[FlowItem], where: str) -> ParseError:
    """*error* with the page of its line in front of its description."""
    line = error.line
    page = items[line - 1].page if line is not None and 1 <= line <= len(items) else None
    if page is None:
        return error
    return ParseError(
        f"{where} {page}: {error.detail}",
        source=error.source,
        line=error.line,
        table=error.table,
        row=error.row,
        column=error.column,
        path=error.path,
        expected=error.expected,
        got=error.got,
    )


def _image_tables(
    items: Sequence[FlowItem], sections: Sequence[SectionSlice], rows: set[int]
) -> dict[str, int]:
    """Tables printed as pictures: where each should stand there is a picture and no table text.

    Where a table should stand: the body of its section; when the section's
    heading is not in the text (printed on a scanned page with the table),
    between the headings found before and after it.
    """
    found: dict[str, int] = {}
    for section in sections:
        table = _EXPECTED.get(section.number)
        if table is None:
            continue
        if section.heading is not None:
            numbers = [line.number for line in section.body]
        else:
            before = [s.heading.number for s in sections[: section.number - 1] if s.heading]
            after = [s.heading.number for s in sections[section.number :] if s.heading]
            span = range(max(before, default=0) + 1, min(after, default=len(items) + 1))
            start = max((n for n in span if n in rows), default=span.start - 1) + 1
            numbers = list(range(start, span.stop))  # after the table before it
        lines = [items[n - 1] for n in numbers]
        if any(n in rows for n in numbers) or any(
            sum(w.isdigit() for w in item.text.split()) >= 3 for item in lines
        ):
            continue
        image = next((n for n in numbers if items[n - 1].kind == "image"), None)
        if image is not None and image not in found.values():
            found[table] = image
    return found
