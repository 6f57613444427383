"""Reading glued text: its sections and tables found by their labels, the rows fed to the assembler.

:class:`GluedReader` cuts the text at the section headings and the row
labels of each table (:mod:`govinfo_report.codecs._glued_text`), has each
row's digits cut into cells (:class:`~govinfo_report.codecs._glued_cuts.RowCutter`)
and hands them to the shared :class:`~govinfo_report.codecs._assemble.Assembler`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from govinfo_report.codecs._assemble import Assembler
from govinfo_report.codecs._glued_cuts import RowCutter
from govinfo_report.codecs._glued_text import (
    AMOUNT,
    DIGITS,
    MARKS,
    NOISE,
    ROWS,
    STARTS,
    Keyed,
    find_headings,
    narrow,
)
from govinfo_report.codecs._glued_values import GluedRow, shows_vanished_blank, spaced_cells
from govinfo_report.codecs._sections import Line, read_meta
from govinfo_report.codecs._tokens import Token
from govinfo_report.schema import (
    FORMAT_2021,
    Provenance,
    Report,
    Section,
    match_key,
)

__all__ = ["GluedReader"]

_TABLES = {t.key: t for t in FORMAT_2021.tables}


@attrs.define
class _TableText:
    table: str
    start: int  # text position of the table's first label
    end: int  # text position after its last value
    rows: list[GluedRow]


class GluedReader(RowCutter):
    """Reads one glued text into a :class:`~govinfo_report.schema.Report`."""

    def __init__(self, text: str, *, source: str | None, lenient: bool) -> None:
        super().__init__(source=source, lenient=lenient)
        self.text = text
        self.keyed = Keyed.of(text)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    # -- places --------------------------------------------------------------------

    def line_of(self, pos: int) -> int:
        lo, hi = 0, len(self.line_starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if self.line_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid
        return lo + 1

    # -- structure -------------------------------------------------------------------

    def read(self) -> Report:
        keyed = self.keyed
        headings = find_headings(keyed)
        tables: dict[str, _TableText] = {}
        for number, table in ((2, "t2"), (3, "t3"), (4, "t4")):
            before = [headings[n][1] for n in headings if n <= number]
            after = [headings[n][0] for n in headings if n > number]
            lo = max(before, default=0)
            if tables:
                lo = max(lo, keyed.key_at(max(t.end for t in tables.values())))
            hi = min(after, default=len(keyed.key))
            found = self.find_table(table, lo, hi)
            if found is not None:
                tables[table] = found
        if tables:
            last = max(tables.values(), key=lambda t: t.end)
            if not self.text[last.end :].strip() and last.rows:
                last.rows[-1].last = True

        assembler = Assembler(source=self.source, lenient=self.lenient)
        t3_rows = {r.key: r for r in tables["t3"].rows} if "t3" in tables else {}
        self.blanks_vanish = any(
            shows_vanished_blank(row) for found in tables.values() for row in found.rows
        )
        resolved = self.split_table3(t3_rows)
        for table in ("t2", "t3", "t4"):
            if table not in tables:
                continue
            tokens: list[Token] = []
            found_table = tables[table]
            if table == "t4":
                tokens.append(Token("行政复议", self.line_of(found_table.start)))
            for row in found_table.rows:
                tokens.extend(self.row_tokens(row, resolved.get(row.key)))
            at_end = any(r.last for r in found_table.rows)
            assembler.feed(tokens, table=table, last=at_end)
        cells, diagnostics = assembler.finish(last_line=self.line_of(len(self.text)))

        front_end = keyed.start(min((h[0] for h in headings.values()), default=len(keyed.key)))
        front = self.lines(0, front_end)
        spans = sorted((t.start, t.end) for t in tables.values())
        sections = []
        starts = sorted((h[0], n) for n, h in headings.items())
        for number in range(1, 7):
            if number not in headings:
                sections.append(Section(number))
                continue
            k0, k1 = headings[number]
            nxt = [s for s, n in starts if n > number]
            end = keyed.start(min(nxt)) if nxt else len(self.text)
            heading = self.text[keyed.start(k0) : keyed.end(k1)].strip()
            body = _without(self.text, keyed.end(k1), end, spans)
            sections.append(Section(number, heading, body))
        meta = read_meta(front, year_hint_lines=self.lines(*self.section_span(headings, 1)))
        provenance = Provenance(
            source=self.source,
            format="glued",
            diagnostics=(*diagnostics, *self.diagnostics),
            cells={path: o for path, o in self.origins.items() if path in cells},
        )
        return Report.from_cells(cells, meta=meta, sections=tuple(sections), provenance=provenance)

    def section_span(self, headings: dict[int, tuple[int, int]], number: int) -> tuple[int, int]:
        if number not in headings:
            return 0, 0
        nxt = [h[0] for n, h in headings.items() if n > number]
        end = self.keyed.start(min(nxt)) if nxt else len(self.text)
        return self.keyed.end(headings[number][1]), end

    def lines(self, start: int, end: int) -> list[Line]:
        """The text between two positions as numbered lines."""
        out = []
        first = self.line_of(start)
        for offset, text in enumerate(self.text[start:end].split("\n")):
            out.append(Line(text.rstrip("\r"), first + offset))
        if out and not out[-1].text.strip() and end < len(self.text):
            out.pop()
        return out

    def find_table(self, table: str, lo: int, hi: int) -> _TableText | None:
        keyed = self.keyed
        start_hit = keyed.find([match_key(s) for s in STARTS[table]], lo, hi)
        if table == "t4":
            return self.find_table4(lo, hi, start_hit)
        anchors: list[tuple[str, int, int]] = []
        position = start_hit[0] if start_hit else lo
        for key, needles in ROWS[table]:
            hit = keyed.find(needles, position, hi)
            if hit is not None:
                anchors.append((key, *hit))
                position = hit[1]
        if not anchors:
            return None
        begin = start_hit[0] if start_hit else anchors[0][1]
        rows: list[GluedRow] = []
        end = keyed.start(begin)
        for index, (key, k0, k1) in enumerate(anchors):
            final = index + 1 == len(anchors)
            label_end = keyed.end(k1)
            stop = keyed.start(hi if final else anchors[index + 1][1])
            value, unexpected = self.take_values(table, key, label_end, stop)
            if unexpected and not final:
                value = self.text[label_end:stop]  # read cell by cell; the assembler judges
            rows.append(
                GluedRow(
                    table,
                    key,
                    self.text[keyed.start(k0) : label_end],
                    self.line_of(keyed.start(k0)),
                    value,
                    len(_TABLES[table].row(key).columns),
                )
            )
            end = label_end + len(value.rstrip()) if final else stop
        return _TableText(table, keyed.start(begin), end, rows)

    def take_values(self, table: str, key: str, start: int, stop: int) -> tuple[str, bool]:
        """Cut the text after a row label into its value text; flag text that is no label.

        Returns:
            ``(values, unexpected)``: the leading run of digits (the amount
            for the fee row), or the whole text when it does not start with
            one; and whether text other than the table's own labels follows.
        """
        segment = self.text[start:stop]
        pattern = AMOUNT if key == "admin_fees" else DIGITS
        m = pattern.match(narrow(segment))
        if m is None or not m.group().strip():
            # not a run of digits: the cells run up to the table's next label
            k0, k1 = self.keyed.key_at(start), self.keyed.key_at(stop)
            hit = self.keyed.find(NOISE[table], k0, k1)
            return (segment if hit is None else self.text[start : self.keyed.start(hit[0])]), False
        rest_key = match_key(segment[m.end() :])
        for noise in NOISE[table]:
            rest_key = rest_key.replace(noise, "")
        return segment[: m.end()], bool(rest_key)

    def find_table4(
        self, lo: int, hi: int, start_hit: tuple[int, int] | None
    ) -> _TableText | None:
        keyed = self.keyed
        begin = start_hit[0] if start_hit else None
        if begin is None:
            hit = keyed.find([match_key("结果维持")], lo, hi)
            if hit is None:
                return None
            begin = hit[0]
        # the values start at the first digit after the header
        k = begin
        while k < hi and not "0" <= keyed.key[k] <= "9":  # ASCII digits only (no ²)
            k += 1
        start = keyed.start(begin)
        if k >= hi:
            # no digit: a row of blank cells printed apart (``"   …"``), of markers, or none
            pos = keyed.end(k)
            run = self.text[pos : keyed.start(hi)].split("\n", 1)[0]
            marks = run.strip() and set(run.strip()) <= MARKS | {" "}
            if marks:
                run = run.rstrip()
            if spaced_cells(run, 15) is None and not marks:
                return _TableText("t4", start, keyed.at(k), [])
            row = GluedRow("t4", "data", "", self.line_of(pos), run, 15)
            return _TableText("t4", start, pos + len(run), [row])
        pos = keyed.at(k)
        while pos > 0 and (self.text[pos - 1] == " " or self.text[pos - 1] in MARKS):
            pos -= 1  # blank cells printed apart, or markers, before the first digit
        segment = self.text[pos : keyed.start(hi)]
        m = DIGITS.match(narrow(segment))
        run = segment[: m.end()] if m else ""
        row = GluedRow("t4", "data", "", self.line_of(pos), run.rstrip("\r\n"), 15)
        return _TableText("t4", start, pos + len(run.rstrip()), [row])


def _without(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` without the table spans, parts stripped and joined by lines."""
    parts: list[str] = []
    position = start
    for s, e in spans:
        if e <= position or s >= end:
            continue
        parts.append(text[position:s])
        position = max(position, e)
    parts.append(text[position:end])
    kept = [p.strip() for p in parts if p.strip()]
    return "\n".join(kept)
