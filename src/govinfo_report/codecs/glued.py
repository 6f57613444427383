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
import unicodedata
from array import array
from collections.abc import Sequence

import attrs

from govinfo_report.codecs._assemble import Assembler
from govinfo_report.codecs._identities import INSTANCE_IDS
from govinfo_report.codecs._official_rows import written_title
from govinfo_report.codecs._problems import TABLE_NUMBERS
from govinfo_report.codecs._reading import empty_report
from govinfo_report.codecs._sections import HEADING_ALIASES, Line, read_meta
from govinfo_report.codecs._split import (
    MAX_CELL_DIGITS,
    Placement,
    blank_cell_options,
    blank_chained_sum_splits,
    blank_splits,
    blank_sum_splits,
    chained_sum_splits,
    count_splits,
    is_cell,
    narrow_table3,
    splits,
    sum_splits,
)
from govinfo_report.codecs._tokens import ABSENT_TEXT, Token, TokenKind
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import (
    FORMAT_2021,
    SECTION_HEADINGS,
    T4_GROUPS,
    T4_OUTCOMES,
    Cell,
    CellOrigin,
    Diagnostic,
    Provenance,
    Report,
    Section,
    Severity,
    match_key,
    strip_artefacts,
)

__all__ = ["dumps", "loads", "looks_like_glued"]

_TABLES = {t.key: t for t in FORMAT_2021.tables}
_CN = "一二三四五六"

# --- labels -----------------------------------------------------------------------

_T2_TITLES = (
    "第二十条第（一）项",
    "第二十条第（五）项",
    "第二十条第（六）项",
    "第二十条第（八）项",
)
_T2_HEADERS = (
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额（单位：万元）",
)
_T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_T3_HEADERS = (
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
)
_T3_GROUPS = (
    "三、本年度办理结果",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
    "（六）其他",
)
_T4_HEADERS = (
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议直接起诉",
    "复议后起诉",
)
_ROW_ALIASES: dict[str, tuple[str, ...]] = {
    "normative_documents": ("规范性文件",),
    "partial": ("（二）部分公开",),
}
_STARTS = {
    "t2": (*_T2_TITLES[:1], "信息内容"),
    "t3": ("本列数据的勾稽关系为", "申请人情况"),
    "t4": ("行政复议行政诉讼", "结果维持结果纠正"),
}
_NOISE = {
    "t2": tuple(sorted({match_key(t) for t in (*_T2_TITLES, *_T2_HEADERS)}, key=len)[::-1]),
    "t3": tuple(
        sorted({match_key(t) for t in (_T3_NOTE, *_T3_HEADERS, *_T3_GROUPS)}, key=len)[::-1]
    ),
    "t4": tuple(sorted({match_key(t) for t in _T4_HEADERS}, key=len)[::-1]),
}
_VANISHED_BUDGET = 20_000
"""Partial-sum states :func:`narrow_table3` may keep when blank cells vanish (rows have
many placements each; past it the rows are left unnarrowed, their cells unresolved)."""
_CLOSERS = frozenset("）)”’」』】")
_OPENERS = frozenset("（(“‘「『【")
_DIGITS = re.compile(r"[0-9\s]*")
_GROUPED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")  # digits in groups of three: one number
_AMOUNT = re.compile(r"\s*[0-9][0-9\s]*(?:\.[0-9]+)?")


def _row_keys(table: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (row.key, tuple(match_key(a) for a in (row.label, *_ROW_ALIASES.get(row.key, ()))))
        for row in _TABLES[table].rows
    ]


_ROWS = {"t2": _row_keys("t2"), "t3": _row_keys("t3")}


# --- matching in key space ------------------------------------------------------------


@attrs.frozen
class _Keyed:
    """A text in matching-key space, with the position of every key character in the text."""

    text: str
    key: str
    origin: array[int]  # 8 bytes a character: a text of many megabytes stays small

    @classmethod
    def of(cls, text: str) -> _Keyed:
        keys: dict[str, str] = {}
        key: list[str] = []
        origin = array("q")
        for index, char in enumerate(text):
            k = keys.get(char)
            if k is None:
                k = keys[char] = match_key(char)
            if k:
                key.append(k)
                origin.extend([index] * len(k))
        origin.append(len(text))
        return cls(text, "".join(key), origin)

    def start(self, k: int) -> int:
        """Text position where a match starting at key position *k* begins.

        Opening brackets and quotes, which the key drops, belong to the label.
        """
        pos = self.origin[k]
        while pos > 0 and self.text[pos - 1] in _OPENERS:
            pos -= 1
        return pos

    def at(self, k: int) -> int:
        """Text position of key position *k* (the end of the text for ``len(key)``)."""
        return self.origin[k]

    def end(self, k_end: int) -> int:
        """Text position just after a match ending (exclusive) at key position *k_end*.

        Closing brackets and quotes, which the key drops, belong to the label.
        """
        if k_end == 0:
            return 0
        pos = self.origin[k_end - 1] + 1
        while pos < len(self.text) and self.text[pos] in _CLOSERS:
            pos += 1
        return pos

    def key_at(self, pos: int) -> int:
        """The first key position at or after text position *pos*."""
        lo, hi = 0, len(self.key)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.origin[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def find(self, needles: Sequence[str], start: int, stop: int) -> tuple[int, int] | None:
        """The earliest (then longest) of *needles* in ``key[start:stop]`` as key positions."""
        best: tuple[int, int] | None = None
        for needle in needles:
            if not needle:
                continue
            k = self.key.find(needle, start, stop)
            if k < 0:
                continue
            if best is None or k < best[0] or (k == best[0] and k + len(needle) > best[1]):
                best = (k, k + len(needle))
        return best


def _headings(keyed: _Keyed) -> dict[int, tuple[int, int]]:
    """Section → (key start, key end) of its heading, found in order (with an ordinal)."""
    found: dict[int, tuple[int, int]] = {}
    position = 0
    for number in range(1, 7):
        aliases = [match_key(a) for a in HEADING_ALIASES[number]]
        hit = keyed.find([_CN[number - 1] + a for a in aliases], position, len(keyed.key))
        if hit is None:
            hit = keyed.find([str(number) + a for a in aliases], position, len(keyed.key))
        if hit is not None:
            found[number] = hit
            position = hit[1]
    return found


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


# --- reading ----------------------------------------------------------------------------


@attrs.define
class _Row:
    """One table row found in the text: its label and its value text."""

    table: str
    key: str
    label: str  # as printed
    line: int
    values: str  # the text after the label, up to the next label
    cells: int
    last: bool = False  # nothing of the text follows it


@attrs.define
class _TableText:
    table: str
    start: int  # text position of the table's first label
    end: int  # text position after its last value
    rows: list[_Row]


class _Reader:
    def __init__(self, text: str, *, source: str | None, lenient: bool) -> None:
        self.text = text
        self.source = source
        self.lenient = lenient
        self.keyed = _Keyed.of(text)
        self.diagnostics: list[Diagnostic] = []
        self.blanks_vanish = False  # set once the tables are found
        self.origins: dict[str, CellOrigin] = {}  # cells whose cut the identities chose
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

    def problem(
        self,
        code: str,
        detail: str,
        *,
        line: int,
        table: str,
        row: str,
        expected: str,
        got: str,
        path: str | None = None,
    ) -> None:
        error = ParseError(
            detail,
            source=self.source,
            line=line,
            table=TABLE_NUMBERS[table],
            row=row,
            path=path,
            expected=expected,
            got=got,
        )
        if not self.lenient:
            raise error
        message = (
            f"table {TABLE_NUMBERS[table]}, row {row}: {detail}: expected {expected}, got {got!r}"
        )
        self.diagnostics.append(Diagnostic(code, message, Severity.WARNING, line, path))

    # -- structure -------------------------------------------------------------------

    def read(self) -> Report:
        keyed = self.keyed
        headings = _headings(keyed)
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
            _shows_vanished_blank(row) for found in tables.values() for row in found.rows
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
        start_hit = keyed.find([match_key(s) for s in _STARTS[table]], lo, hi)
        if table == "t4":
            return self.find_table4(lo, hi, start_hit)
        anchors: list[tuple[str, int, int]] = []
        position = start_hit[0] if start_hit else lo
        for key, needles in _ROWS[table]:
            hit = keyed.find(needles, position, hi)
            if hit is not None:
                anchors.append((key, *hit))
                position = hit[1]
        if not anchors:
            return None
        begin = start_hit[0] if start_hit else anchors[0][1]
        rows: list[_Row] = []
        end = keyed.start(begin)
        for index, (key, k0, k1) in enumerate(anchors):
            final = index + 1 == len(anchors)
            label_end = keyed.end(k1)
            stop = keyed.start(hi if final else anchors[index + 1][1])
            value, unexpected = self.take_values(table, key, label_end, stop)
            if unexpected and not final:
                value = self.text[label_end:stop]  # read cell by cell; the assembler judges
            rows.append(
                _Row(
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
        pattern = _AMOUNT if key == "admin_fees" else _DIGITS
        m = pattern.match(_narrow(segment))
        if m is None or not m.group().strip():
            # not a run of digits: the cells run up to the table's next label
            k0, k1 = self.keyed.key_at(start), self.keyed.key_at(stop)
            hit = self.keyed.find(_NOISE[table], k0, k1)
            return (segment if hit is None else self.text[start : self.keyed.start(hit[0])]), False
        rest_key = match_key(segment[m.end() :])
        for noise in _NOISE[table]:
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
        while k < hi and not keyed.key[k].isdigit():
            k += 1
        start = keyed.start(begin)
        if k >= hi:
            # no digit: a row of blank cells printed apart (``"   …"``) or no values
            pos = keyed.end(k)
            run = self.text[pos : keyed.start(hi)].split("\n", 1)[0]
            if _spaced(run, 15) is None:
                return _TableText("t4", start, keyed.at(k), [])
            row = _Row("t4", "data", "", self.line_of(pos), run, 15)
            return _TableText("t4", start, pos + len(run), [row])
        pos = keyed.at(k)
        while pos > 0 and self.text[pos - 1] == " ":
            pos -= 1  # blank cells printed apart before the first value
        segment = self.text[pos : keyed.start(hi)]
        m = _DIGITS.match(_narrow(segment))
        run = segment[: m.end()] if m else ""
        row = _Row("t4", "data", "", self.line_of(pos), run.rstrip("\r\n"), 15)
        return _TableText("t4", start, pos + len(run.rstrip()), [row])

    # -- splitting ---------------------------------------------------------------------

    def split_table3(self, rows: dict[str, _Row]) -> dict[str, tuple[Placement, ...]]:
        """Candidate placements of each table-三 row, narrowed by E1/E2."""
        candidates: dict[str, tuple[Placement, ...]] = {}
        for key, row in rows.items():
            spaced = _spaced(row.values, row.cells)
            if spaced is not None:
                if all(p == "" or is_cell(p) for p in spaced):
                    candidates[key] = (tuple(int(p) if p else None for p in spaced),)
                continue
            digits = _digits_of(strip_artefacts(row.values))
            if digits is None or len(digits) > row.cells * MAX_CELL_DIGITS:
                continue
            apart = _apart(row.values)
            found = _respecting(
                _fitting("t3", digits, row.cells, blanks=self.blanks_vanish), apart
            )
            if found:
                candidates[key] = found
            elif found is not None:
                only = _respecting(blank_splits(digits, 7, limit=1), apart)
                if only is not None and len(only) == 1:
                    candidates[key] = only  # the source breaks E3; the cut is forced anyway
        narrowed = (
            narrow_table3(candidates, budget=_VANISHED_BUDGET)
            if self.blanks_vanish
            else narrow_table3(candidates)
        )
        if narrowed.unsatisfiable or narrowed.gave_up:
            why = (
                "no combination of the rows' splits satisfies them"
                if narrowed.unsatisfiable
                else "too many combinations to search"
            )
            self.diagnostics.append(
                Diagnostic(
                    "identities_unused",
                    f"table 三: the column identities ({', '.join(narrowed.used)}) were not "
                    f"used to choose between splits: {why}",
                    Severity.WARNING,
                )
            )
        return narrowed.rows

    def row_tokens(self, row: _Row, table3: tuple[Placement, ...] | None) -> list[Token]:
        tokens = [Token(row.label, row.line)] if row.label else []
        end = [] if row.last else [Token.row_end(row.line)]
        digits = _digits_of(strip_artefacts(row.values))
        printed = " ".join(row.values.split())
        if printed and row.cells == 1:
            # one cell: its digits, or its text as printed (the amount, ``12件``,
            # ``[bookmark: OLE_LINK1]2731``); digits printed apart are never joined
            joined = bool(digits) and (
                not _apart(row.values) or _GROUPED.fullmatch(printed) is not None
            )
            kept = digits if joined and digits and not Cell.parse(printed).is_number else printed
            return [*tokens, Token(kept, row.line), *end]
        spaced = _spaced(row.values, row.cells)
        if spaced is not None:
            # cells printed apart, blanks among them: cell by cell, blanks in place
            return [*tokens, *(Token(part, row.line, TokenKind.VALUE) for part in spaced), *end]
        if digits is None:
            # markers, text, cells printed apart: cell by cell
            return [*tokens, *(Token(part, row.line) for part in row.values.split()), *end]
        if not digits:
            # nothing up to the next label: every cell blank, the one way to print that;
            # at the very end of the text, the text ends before the row's cells
            blanks = [] if row.last else [Token("", row.line, TokenKind.VALUE)] * row.cells
            return [*tokens, *blanks, *end]
        chosen: list[str] | None
        if len(digits) > row.cells * MAX_CELL_DIGITS:
            chosen = self.not_split(row, digits)
        else:
            chosen = self.choose(row, digits, table3)
        if chosen is None:  # the text ends inside this row
            return tokens
        self.mark_inferred(row, digits, chosen)
        values = (
            Token(text, row.line, TokenKind.VALUE if not text else TokenKind.CELL)
            for text in chosen
        )
        return [*tokens, *values, *end]

    def not_split(self, row: _Row, digits: str) -> list[str]:
        """A row whose digits are too long to be its cells: not split, left unresolved."""
        why = f"more than {MAX_CELL_DIGITS} digits a cell"
        self.diagnostics.append(
            Diagnostic(
                "not_split",
                f"table {TABLE_NUMBERS[row.table]}, row {row.label or 'of values'}: "
                f"{len(digits)} digits for {row.cells} cells are not split ({why}); "
                "the row's cells are left unresolved",
                Severity.WARNING,
                row.line,
                _path(row, 0),
            )
        )
        return [ABSENT_TEXT] * row.cells

    def mark_inferred(self, row: _Row, digits: str, chosen: Sequence[str]) -> None:
        """Mark the cells of a row whose digits cut more than one way as chosen by identities.

        The identities that chose the cut cannot then check it: validation
        reports them as not evaluated (:attr:`CellOrigin.inferred_by`).
        """
        if row.cells == 1 or all(text == ABSENT_TEXT for text in chosen):
            return
        if not self.blanks_vanish and count_splits(digits, row.cells) == 1:
            return
        paths = [_path(row, index) for index in range(row.cells)]
        rules = tuple(sorted({rule for path in paths for rule in INSTANCE_IDS.get(path, ())}))
        if not rules:
            return
        for path, text in zip(paths, chosen, strict=True):
            if text != ABSENT_TEXT:
                self.origins[path] = CellOrigin(line=row.line, inferred_by=rules)

    def choose(
        self, row: _Row, digits: str, table3: tuple[Placement, ...] | None
    ) -> list[str] | None:
        """The row's cells as printed, or :data:`ABSENT_TEXT` where the placements disagree.

        A cell is a value or a blank (``""``) where every fitting placement
        agrees.

        A blank cell prints as nothing in glued text, so the placements
        weighed include every choice of which cells are blank.

        Returns ``None`` when the text ends inside the row and its digits
        cannot make the row's cells.
        """
        n = row.cells
        fitting: tuple[Placement, ...] | None
        apart = _apart(row.values)
        if row.table == "t3" and table3 is not None:
            fitting = table3
        else:
            fitting = _respecting(_fitting(row.table, digits, n, blanks=self.blanks_vanish), apart)
        if fitting:
            return self.agreed(row, digits, fitting)
        if row.last and not count_splits(digits, n):
            return None  # the text ends inside the row
        options = blank_cell_options(digits, n)
        if fitting is None:
            if apart:
                return [ABSENT_TEXT] * n
            return self.unresolved(row, digits, options, "splits in too many ways to list")
        if not any(values or blank for values, blank in options):
            if row.last:
                return None
            self.problem(
                "no_consistent_split",
                "the digits cannot be split into the row's cells",
                line=row.line,
                table=row.table,
                row=row.label or "of values",
                expected=f"{n} cells (each 0 or a number without a leading zero)",
                got=digits,
            )
            return [ABSENT_TEXT] * n
        if all(len(values) + blank == 1 for values, blank in options):
            # a single placement: the source breaks the identity; validation reports it
            only = tuple(values[0] if values else None for values, _ in options)
            if _respecting((only,), apart):
                return ["" if v is None else str(v) for v in only]
        identity = (
            "总计 equal to the sum of the six columns"
            if row.table == "t3"
            else "each 总计 equal to the sum of its four outcomes"
        )
        self.problem(
            "no_consistent_split",
            "no split of the digits satisfies the identities",
            line=row.line,
            table=row.table,
            row=row.label or "of values",
            expected=f"{n} cells with {identity}",
            got=digits,
        )
        if apart:  # the candidates would join digits printed apart: none is listed
            return [ABSENT_TEXT] * n
        return self.unresolved(row, digits, options, "splits only in ways that break 总计")

    def unresolved(
        self,
        row: _Row,
        digits: str,
        options: Sequence[tuple[tuple[int, ...], bool]],
        why: str,
    ) -> list[str]:
        """Each cell's one possibility as printed, or :data:`ABSENT_TEXT` and a diagnostic."""
        out: list[str] = []
        for index, (values, blank) in enumerate(options):
            if len(values) + blank == 1:
                out.append(str(values[0]) if values else "")
                continue
            out.append(ABSENT_TEXT)
            path = _path(row, index)
            listing = _listing(values) + (" or blank" if blank else "")
            self.diagnostics.append(
                Diagnostic(
                    "ambiguous_split",
                    f"table {TABLE_NUMBERS[row.table]}, row {row.label or 'of values'}: "
                    f"{digits!r} {why}; {path} is one of {listing} "
                    "and is left unresolved",
                    Severity.WARNING,
                    row.line,
                    path,
                    tuple(values),
                )
            )
        return out

    def agreed(self, row: _Row, digits: str, fitting: Sequence[Placement]) -> list[str]:
        """Cells every fitting placement agrees on; the others unresolved with their candidates."""
        if len(fitting) == 1:
            return ["" if v is None else str(v) for v in fitting[0]]
        ways = "; ".join("/".join("" if v is None else str(v) for v in s) for s in fitting[:6])
        if len(fitting) > 6:
            ways += "; …"
        options = [
            (
                tuple(sorted({v for s in fitting if (v := s[i]) is not None})),
                any(s[i] is None for s in fitting),
            )
            for i in range(row.cells)
        ]
        return self.unresolved(
            row, digits, options, f"splits in {len(fitting)} ways that fit ({ways})"
        )


def _fitting(table: str, digits: str, cells: int, *, blanks: bool) -> tuple[Placement, ...] | None:
    """The placements of a touching run of digits into a row's cells that fit its identities.

    With *blanks* (the text shows that blank cells vanish, see
    :func:`_shows_vanished_blank`) every choice of blank cells is weighed.
    Otherwise the cells are taken to be all printed when some cut of the
    digits into that many numbers fits (corpus 001), and blank cells are
    weighed only when none does.  ``None`` when there are too many.
    """
    full: tuple[Placement, ...] | None = ()
    if blanks:
        pass
    elif table == "t3":
        full = sum_splits(digits, 6)
    elif table == "t4":
        full = chained_sum_splits(digits, 3, 4)
    else:
        full = splits(digits, cells)
    if full is None or full:
        return full
    if table == "t3":
        return blank_sum_splits(digits, 6)
    if table == "t4":
        return blank_chained_sum_splits(digits, 3, 4)
    return blank_splits(digits, cells)


def _apart(values: str) -> frozenset[int]:
    """Where white space parts the digits of a value text (positions in its joined digits).

    Digits printed apart are never read as one number: every cut of the row
    falls at these positions (``0 0 0 0 0 049 0`` is no ``…, 490``).
    """
    groups = unicodedata.normalize("NFKC", strip_artefacts(values)).split()
    positions: set[int] = set()
    length = 0
    for group in groups[:-1]:
        length += len(group)
        positions.add(length)
    return frozenset(positions)


def _respecting(
    placements: tuple[Placement, ...] | None, apart: frozenset[int]
) -> tuple[Placement, ...] | None:
    """The placements whose cuts include every position where the digits are printed apart."""
    if placements is None or not apart:
        return placements
    kept = []
    for placement in placements:
        cuts: set[int] = set()
        length = 0
        for value in placement:
            if value is not None:
                length += len(str(value))
                cuts.add(length)
        if apart <= cuts:
            kept.append(placement)
    return tuple(kept)


def _shows_vanished_blank(row: _Row) -> bool:
    """Whether a touching row of digits must hide a blank cell.

    True for a row with nothing after its label, and for one whose digits
    cannot be cut into its cells or (tables 三 and 四) into cells that fit
    the row's identities.  Then blank cells vanish in this text, and any
    row of it may hide one: a cut into all the cells that happens to fit is
    no proof, and every row weighs the blanks.  Rows printed apart show
    their blanks (:func:`_spaced`) and prove nothing about the others.
    """
    if _spaced(row.values, row.cells) is not None or row.last:
        return False
    digits = _digits_of(strip_artefacts(row.values))
    if digits is None or len(digits) > row.cells * MAX_CELL_DIGITS:
        return False
    if not digits:
        return True
    if row.cells == 1:
        return False
    if row.table == "t3":
        return sum_splits(digits, 6, limit=1) == ()
    if row.table == "t4":
        return chained_sum_splits(digits, 3, 4, limit=1) == ()
    return count_splits(digits, row.cells) == 0


def _spaced(values: str, cells: int) -> list[str] | None:
    """The cells of a row printed apart with its blank cells in place, else ``None``.

    The writer prints a row holding a blank cell with one space between
    cells (``7      7``: 7, five blanks, 7).  A value text that single
    spaces cut into exactly the row's cells, one or more of them empty, is
    read so; any other text (``500000 5``) is not.
    """
    text = _narrow(values.rstrip("\r\n"))
    if " " not in text or "\n" in text or "\t" in text:
        return None
    parts = text.split(" ")
    if len(parts) == cells + 1 and parts[0] == "":
        parts = parts[1:]  # the space the writer puts between the label and the cells
        return parts if "" in parts else None
    if len(parts) != cells or "" not in parts[1:]:
        # a space before the first value may as well part it from the label: an empty
        # first cell is read only where another cell is empty too
        return None
    return parts


def _listing(values: Sequence[int]) -> str:
    return ", ".join(map(str, values))


def _path(row: _Row, index: int) -> str:
    if row.table == "t4":
        return f"t4.{T4_GROUPS[index // 5]}.{T4_OUTCOMES[index % 5]}"
    column = _TABLES[row.table].row(row.key).columns[index]
    return f"{row.table}.{row.key}.{column.key}"


def _narrow(text: str) -> str:
    """*text* with full-width digits, points and spaces made ASCII, character for character."""
    out = []
    for char in text:
        normal = unicodedata.normalize("NFKC", char)
        out.append(normal if len(normal) == 1 else char)
    return "".join(out)


def _digits_of(values: str) -> str | None:
    """The digits of a value text made of digits and white space only, else ``None``."""
    normal = unicodedata.normalize("NFKC", values)
    joined = "".join(normal.split())
    if joined and not (joined.isascii() and joined.isdigit()):
        return None
    return joined


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
    return _Reader(text, source=source, lenient=lenient).read()


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
        _T3_NOTE,
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
