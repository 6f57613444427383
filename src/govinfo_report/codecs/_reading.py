"""Read a whole text: front matter, sections and the three tables, by evidence.

Every text-like reader cuts its text into sections
(:func:`~govinfo_report.codecs._sections.split_sections`) and hands them to
:func:`read_outline` with its own tokenizer.  The tables are read twice when
the first reading leaves something out: by the sequential
:class:`~govinfo_report.codecs._assemble.Assembler`, and by aligning the
printed rows with the form (:mod:`govinfo_report.codecs._align`); per table,
the reading with the most evidence is kept (:mod:`govinfo_report.codecs._evidence`)
and the report's provenance says so.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from govinfo_report.codecs._align import align_tables
from govinfo_report.codecs._assemble import Assembler
from govinfo_report.codecs._evidence import Reading, choose
from govinfo_report.codecs._official_rows import SECTION_TABLES
from govinfo_report.codecs._sections import Line, Outline, join_lines, read_meta
from govinfo_report.codecs._table_starts import with_headless_tables
from govinfo_report.codecs._tokens import Token
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import (
    CELL_PATHS,
    Cell,
    CellOrigin,
    Diagnostic,
    Presence,
    Provenance,
    Report,
    Section,
    Severity,
)

__all__ = ["Tokenizer", "empty_report", "read_outline"]

_TEXT = operator.attrgetter("text")
_LINE = operator.attrgetter("line")
_LAST_LINE = operator.attrgetter("last_line")
_NUMBER = operator.attrgetter("number")
_ABSENT = Cell()


Tokenizer = Callable[[Sequence[Line], int], list[Token]]
"""Turns the lines of one region (section number, 0 for the front matter) into tokens.

Lines that yield no token are prose; tokens the assembler does not take
for a table turn their lines back into prose.
"""


def read_outline(
    outline: Outline,
    tokenize: Tokenizer,
    *,
    format: str,
    source: str | None = None,
    lenient: bool = False,
    regions: Iterable[int] = (0, 1, 2, 3, 4, 5, 6),
    source_lines: Sequence[str] | None = None,
    align_tokenize: Tokenizer | None = None,
    blanks_visible: bool = True,
    make_assembler: Callable[..., Assembler] = Assembler,
) -> Report:
    """Read a whole report: meta from the front matter, sections, and the three tables.

    Args:
        outline: The text cut into front matter and sections
            (:func:`~govinfo_report.codecs._sections.split_sections`).
        tokenize: The reader's own tokenizer (see :data:`Tokenizer`).
        format: The reader's name, for the provenance.
        source: A name for messages.
        lenient: Diagnostics instead of errors.
        regions: Which regions to tokenize (0 = front matter, 1–6 the
            sections); readers whose tables cannot be told from prose by
            syntax tokenize only sections 2–4.
        source_lines: Every line of the text, for a reader whose outline
            holds only the lines that are not table cells (the Word export,
            whose cells its tokenizer knows by their tab): the lines of a
            cell that turns out to be prose are taken from here.
        align_tokenize: The tokenizer for the aligned reading, when it
            should see the text differently (default: *tokenize*).
        blanks_visible: Whether the rendering shows an empty cell (PDF text
            does not: a row cut off at the end of the text may as well have
            lost blank cells, so its values are placed only by the identities).
        make_assembler: Makes the sequential reading's assembler (called
            with ``source=`` and ``lenient=``): a reader may pass a subclass
            that learns more of the reading (which token gave each cell).

    Raises:
        ParseError: (strict mode) for anything that keeps the text from being
            read exactly.
    """
    outline, notes = with_headless_tables(outline)
    options: dict[str, Any] = {
        "notes": notes,
        "format": format,
        "source": source,
        "regions": regions,
        "source_lines": source_lines,
        "align_tokenize": align_tokenize,
        "blanks_visible": blanks_visible,
        "make_assembler": make_assembler,
    }
    if lenient:
        return _read(outline, tokenize, lenient=True, **options)
    try:
        return _read(outline, tokenize, lenient=False, **options)
    except ParseError as error:
        # The sequential reading failed: the aligned reading is kept when it
        # reads the whole of every table without a problem.
        report = _read(outline, tokenize, lenient=True, aligned_only=True, **options)
        provenance = report.provenance
        if provenance is None or provenance.reading is None or not _clean_and_whole(report):
            raise
        first_line = str(error).splitlines()[0]
        return attrs.evolve(
            report,
            provenance=attrs.evolve(
                provenance, reading=f"{provenance.reading}; the sequential reading: {first_line}"
            ),
        )


def _clean_and_whole(report: Report) -> bool:
    """Every table cell read and nothing noticed beyond notes."""
    provenance = report.provenance
    return (
        provenance is not None
        and all(cell.presence is not Presence.ABSENT for cell in report.flat_cells)
        and all(d.severity is Severity.INFO for d in provenance.diagnostics)
    )


def _read(
    outline: Outline,
    tokenize: Tokenizer,
    *,
    format: str,
    source: str | None,
    lenient: bool,
    regions: Iterable[int],
    source_lines: Sequence[str] | None,
    align_tokenize: Tokenizer | None,
    blanks_visible: bool,
    make_assembler: Callable[..., Assembler],
    notes: Sequence[Diagnostic],
    aligned_only: bool = False,
) -> Report:
    """Read the text; with *aligned_only*, the tables only as the aligned reading gives them."""
    assembler = make_assembler(source=source, lenient=lenient, blanks_visible=blanks_visible)
    wanted = set(regions)
    region_lines: list[tuple[int, Sequence[Line]]] = [(0, outline.front)]
    region_lines += [(s.number, s.body) for s in outline.sections]
    region_tokens = {r: tokenize(lines, r) for r, lines in region_lines if r in wanted}
    present = [
        r
        for r, lines in region_lines
        if region_tokens.get(r) or any(text.strip() for text, _ in lines)
    ]
    last_region = present[-1] if present else 0
    prose_by_region: dict[int, list[Line]] = {}
    expect = {2: "t2", 3: "t3", 4: "t4"}
    for region, printed in region_lines:
        tokens = region_tokens.get(region)
        if not tokens:
            prose_by_region[region] = list(printed)
            continue
        last = region == last_region and not _text_after(tokens, printed)
        flags = assembler.feed(tokens, table=expect.get(region), last=last)
        numbers = set(map(_NUMBER, printed))  # which of the region's lines hold a token
        table_lines = numbers.intersection(map(_LINE, tokens))
        if source_lines is None:  # (else no cell line is among the region's lines)
            for token in itertools.compress(tokens, map(_LAST_LINE, tokens)):
                table_lines.update(numbers.intersection(token.lines))
        prose_lines: set[int] = set()
        lines = printed
        if any(flags):
            for token, is_prose in zip(tokens, flags, strict=True):
                if is_prose:
                    prose_lines.update(token.lines)
            if source_lines is not None:  # cells that are prose: their lines as printed
                lines = _with_lines(lines, prose_lines, source_lines)
        prose_by_region[region] = _prose(lines, table_lines - prose_lines, prose_lines)
    last_line = outline.last_line if source_lines is None else len(source_lines)
    flat, diagnostics = assembler.finish_flat(last_line=last_line)
    first = Reading(format, flat, assembler.origins, diagnostics)
    reading, why = first, None
    if _worth_aligning(first):
        by_table = {
            table: align_tokenize(lines, region) if align_tokenize else region_tokens[region]
            for region, lines in region_lines
            if region in wanted
            and (table := SECTION_TABLES.get(region)) is not None
            and table not in assembler.format_2019  # other columns: never read as 2021
        }
        truncated = assembler.truncated[0] if assembler.truncated is not None else None
        aligned = align_tables(
            by_table, truncated_at=truncated, blanks_visible=assembler.blanks_visible
        )
        if aligned.cells:
            second = Reading(
                f"{format}, rows aligned",
                tuple(aligned.cells.get(path, _ABSENT) for path in CELL_PATHS),
                aligned.origins,
                [*aligned.diagnostics, *(d for d in diagnostics if d.code == "truncated")],
            )
            if aligned_only:
                reading, why = second, "the sequential reading failed; rows aligned"
            else:
                reading, why = choose([first, second])
    if why is not None:
        prose_by_region = _without_cells(prose_by_region, reading.origins)
    sec1 = prose_by_region.get(1, [])
    meta = read_meta(prose_by_region[0], year_hint_lines=sec1)
    sections = []
    for s in outline.sections:
        heading = s.heading.text if s.heading is not None else None
        sections.append(Section(s.number, heading, join_lines(prose_by_region.get(s.number, []))))
    provenance = Provenance(
        source=source,
        format=format,
        diagnostics=(*notes, *reading.diagnostics),
        cells=dict(reading.origins),
        reading=why,
    )
    return Report.from_flat(
        reading.flat, meta=meta, sections=tuple(sections), provenance=provenance
    )


def _text_after(tokens: Sequence[Token], lines: Sequence[Line]) -> bool:
    """Whether text that is no cell follows the region's last cell: the text goes on there.

    A table cut short by the end of the text is read up to where it stops;
    one followed by prose (a section whose heading is missing) just ends.
    """
    end = max((t.last_line or t.line for t in tokens), default=0)
    return any(number > end and text.strip() for text, number in lines)


def _without_cells(
    prose_by_region: dict[int, list[Line]], origins: Mapping[str, CellOrigin]
) -> dict[int, list[Line]]:
    """Each table section's prose without the lines the chosen reading read cells from.

    The sequential reading tells prose from table lines; where the aligned
    reading gave a table, the lines of its cells are no prose either.
    """
    cell_lines = {origin.line for origin in origins.values() if origin.line is not None}
    out = dict(prose_by_region)
    for region in SECTION_TABLES:
        lines = out.get(region)
        if lines:
            out[region] = _prose(lines, cell_lines.intersection(map(_NUMBER, lines)), set())
    return out


def _worth_aligning(reading: Reading) -> bool:
    """Whether the first reading left anything out (else a second is not tried)."""
    return _ABSENT in reading.flat or any(
        d.severity is not Severity.INFO for d in reading.diagnostics
    )


def _with_lines(
    lines: Sequence[Line], numbers: set[int], source_lines: Sequence[str]
) -> Sequence[Line]:
    """*lines* and the source lines *numbers* that are not among them, in order."""
    missing = numbers.difference(map(_NUMBER, lines))
    if not missing:
        return lines
    extra = [Line(source_lines[number - 1], number) for number in missing]
    return sorted([*lines, *extra], key=_NUMBER)


def _prose(lines: Sequence[Line], table: set[int], prose_tokens: set[int]) -> list[Line]:
    """The lines of a region that are prose; blank lines only between two prose lines."""
    if not table:
        return list(lines)  # blank lines at either end are dropped by join_lines
    if not prose_tokens and all(
        number in table or not text or text.isspace() for text, number in lines
    ):
        return []
    kinds: list[str] = []
    for text, number in lines:
        if number in table:
            kinds.append("table")
        elif (not text or text.isspace()) and number not in prose_tokens:
            kinds.append("blank")
        else:
            kinds.append("prose")
    before: list[str | None] = []
    last: str | None = None
    for kind in kinds:
        before.append(last)
        if kind != "blank":
            last = kind
    out: list[Line] = []
    following: str | None = None
    for index in range(len(lines) - 1, -1, -1):
        kind = kinds[index]
        if kind == "prose" or (
            kind == "blank" and before[index] == "prose" and following == "prose"
        ):
            out.append(lines[index])
        if kind != "blank":
            following = kind
    out.reverse()
    return out


def empty_report(
    lines: Sequence[Line], *, source: str | None, lenient: bool, format: str
) -> Report:
    """The answer to a text with nothing in it.

    Raises:
        ParseError: in strict mode, always ("empty input" or "only white space").
    """
    detail = "empty input" if not lines else "only white space"
    error = ParseError(
        detail,
        source=source,
        line=len(lines) or None,
        expected="the text of a report",
        got="nothing" if not lines else f"{len(lines)} blank line(s)",
    )
    if not lenient:
        raise error
    diagnostic = Diagnostic("empty", detail + ": no report in the text", Severity.ERROR)
    return Report.from_cells(
        {}, provenance=Provenance(source=source, format=format, diagnostics=(diagnostic,))
    )
