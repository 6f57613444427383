"""Read the three tables by aligning the printed rows with the form's rows.

The :class:`~govinfo_report.codecs._assemble.Assembler` reads a table as a
sequence: a label opens a row, the values that follow fill it.  Converters,
OCR and page breaks do not always print a table as a sequence: a row's label
spills out onto free lines above its values (or is cut into fragments that sit
in the cells of neighbouring rows), a row of values is printed with no label
at all, merged labels are scattered in pieces, the rows of table 二 come in
another order (SPEC §8; corpus 101).  This module reads the same tokens a
second way, as a whole:

1. the tokens of a table are grouped into *printed rows*: the text cells
   (label parts) followed by the value cells (numbers, blanks, markers); a
   text cell after values starts the next printed row, a row end after a full
   row of values starts a row with no label;
2. each printed row is scored against each row of the form by the evidence
   of its label parts (a whole label, or the longest fragment of one);
3. table 三's printed rows are aligned with the form's 25 rows in order
   (a row printed earlier is an earlier row of the form): the alignment with
   the most label evidence wins, a row without label evidence is placed only
   where the rows around it leave exactly one place for it, and a row that
   could sit in two places stays unplaced with a diagnostic;
4. table 二's rows are found by their labels alone (converters reorder them);
   table 四's fifteen values by their group labels (three rows of five) or in
   print order.

A row with fewer values than columns is placed as the assembler places it:
at the end of a cut-off text the values are the first cells; otherwise the
gap is placed by the identities when exactly one placement fits, and then the
cells so placed are marked inferred (:attr:`CellOrigin.inferred_by` names the
identities used), so that validation does not report those identities as
checked.  Nothing is ever left-aligned or guessed.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import attrs

from govinfo_report.codecs._cell_text import (
    clean_text,
    is_ordinal,
    padded_after_total,
    parse_cell,
)
from govinfo_report.codecs._identities import INSTANCE_IDS, fits_identities
from govinfo_report.codecs._problems import TABLE_NUMBERS
from govinfo_report.codecs._row_evidence import (
    GROUP_KEYS,
    STRONG,
    WHOLE,
    WHOLE_KEYS,
    group_fragment,
    label_scores,
)
from govinfo_report.codecs._tokens import ABSENT_TEXT, Token, TokenKind
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    FORMAT_2021,
    T4_GROUPS,
    T4_OUTCOMES,
    Cell,
    CellOrigin,
    CellSpec,
    Diagnostic,
    Presence,
    Severity,
    match_key,
)

__all__ = ["Alignment", "align_tables"]

_ABSENT = Cell()
_TABLES = {t.key: t for t in FORMAT_2021.tables}
_MAX_ROWS = 400
"""Printed rows of one table read at the most (bounded work on hostile input)."""


@attrs.define
class _Printed:
    """A row as printed: its label parts and its values."""

    labels: list[Token] = attrs.Factory(list)
    values: list[Token] = attrs.Factory(list)
    line: int = 0
    ends: list[int] = attrs.Factory(list)  # value counts at which the source ended a row

    def label_text(self) -> str:
        return " ".join(clean_text(t.text) for t in self.labels if t.text.strip())


@attrs.frozen
class Alignment:
    """What aligning the printed rows gave: cells, origins and diagnostics.

    Attributes:
        cells: The cells read, by path (only cells the text gives).
        origins: Where each cell was printed, and the identities used for
            cells placed by them.
        diagnostics: What the alignment noticed.
    """

    cells: dict[str, Cell]
    origins: dict[str, CellOrigin]
    diagnostics: list[Diagnostic]


# --- printed rows ---------------------------------------------------------------------


def _printed_rows(tokens: Sequence[Token]) -> list[_Printed]:
    """Group a table's tokens into printed rows (label parts, then values)."""
    rows: list[_Printed] = []
    current = _Printed()
    pending: list[Token] = []  # empty cells after a row end: the next row's label cells?
    for token in tokens:
        if token.kind is TokenKind.ROW_END:
            if current.values and (not current.ends or current.ends[-1] != len(current.values)):
                current.ends.append(len(current.values))
            continue
        if token.kind is TokenKind.VALUE or _is_value(token.text):
            ended = bool(current.ends) and current.ends[-1] == len(current.values)
            if ended and token.kind is not TokenKind.VALUE and _is_blank(token):
                pending.append(token)
                continue
            if not current.labels and not current.values:
                current.line = token.line
            current.values.extend(pending)
            current.values.append(token)
            pending.clear()
            continue
        pending.clear()  # merged label cells printed empty before a row label
        if current.values and _completes(current.labels, token):
            current.labels.append(
                token
            )  # a label wrapped around its values: '（一' 3 … '）予以公开'
            continue
        if current.values:
            rows.append(current)
            current = _Printed()
            if len(rows) > _MAX_ROWS:
                break
        if not current.labels:
            current.line = token.line
        current.labels.append(token)
    if current.labels or current.values:
        rows.append(current)
    return rows


def _completes(labels: Sequence[Token], token: Token) -> bool:
    """Whether *token* ends a label that the last of *labels* begin.

    A PDF prints a long label around its row's values (``（一`` / ``3 0 … 3`` /
    ``）予以公开``); the part after the values belongs to the row above when
    it completes a label begun there (merged group labels and repeated page
    headers in between set aside) and the row above has no whole label yet.
    """
    parts = [key for key in map(_key, labels) if key and not group_fragment(key)]
    end = _key(token)
    for k in range(len(parts) - 1, -1, -1):
        tail = "".join(parts[k:])
        if tail in WHOLE_KEYS:
            return False
        if tail + end in WHOLE_KEYS:
            return True
    # an ordinal printed apart, characters of a vertical group label after it:
    # ``8.`` / ``本`` / values / ``属于行政查询事项``
    return any(part + end in WHOLE_KEYS for part in parts)


def _key(token: Token) -> str:
    return match_key(clean_text(token.text))


def _is_value(text: str) -> bool:
    """A number (notes and units allowed), a blank or a marker: never a label part."""
    if text == ABSENT_TEXT:
        return True
    if is_ordinal(text):
        return False
    return (
        parse_cell(text, False).presence in _VALUE_PRESENCES
        or parse_cell(text, True).presence is Presence.NUMBER  # the 万元 fee: a decimal
    )


_VALUE_PRESENCES = frozenset({Presence.NUMBER, Presence.BLANK, Presence.MARKER})


def _is_blank(token: Token) -> bool:
    return not clean_text(token.text)


def _split_full_rows(row: _Printed, width: int) -> list[_Printed]:
    """Cut the values of a printed row at the source's row ends once a row is full.

    ``| 4.无正当理由大量反复申请 | 1 | … |`` followed by ``| 0 | … | 0 |`` is two
    rows, the second with no label.
    """
    if not row.ends or len(row.values) <= width:
        return [row]
    out = [_Printed(row.labels, [], row.line)]
    start = 0
    for end in [*row.ends, len(row.values)]:
        if end <= start:
            continue
        chunk = row.values[start:end]
        current = out[-1]
        filled = sum(1 for t in current.values if not _is_blank(t)) or len(current.values)
        if current.values and filled >= width and any(not _is_blank(t) for t in chunk):
            out.append(_Printed([], list(chunk), chunk[0].line))
        else:
            current.values.extend(chunk)
        start = end
    return out


def _trim(values: list[Token], width: int) -> list[Token] | None:
    """Drop padding blanks beyond *width* (trailing first, then leading); ``None`` if too many."""
    values = list(values)
    while len(values) > width and _is_blank(values[-1]):
        values.pop()
    while len(values) > width and _is_blank(values[0]):
        values.pop(0)
    return values if len(values) <= width else None


# --- the alignment --------------------------------------------------------------------


class _Reader:
    def __init__(self, *, truncated_at: int | None, blanks_visible: bool) -> None:
        self.blanks_visible = blanks_visible
        self.cells: dict[str, Cell] = {}
        self.origins: dict[str, CellOrigin] = {}
        self.diagnostics: list[Diagnostic] = []
        self.truncated_at = truncated_at

    def note(self, code: str, message: str, *, line: int | None, path: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, message, Severity.WARNING, line=line, path=path))

    def put(self, spec: CellSpec, token: Token, inferred_by: tuple[str, ...] = ()) -> None:
        cell = parse_cell(token.text, spec.kind == "amount")
        if token.text == ABSENT_TEXT:
            return
        self.cells[spec.path] = cell
        self.origins[spec.path] = CellOrigin(line=token.line, inferred_by=inferred_by)

    def fill(
        self, table: str, specs: Sequence[CellSpec], values: Sequence[Token], label: str, line: int
    ) -> None:
        """Give a row's values to its cells; a short row is placed, never left-aligned."""
        if padded_after_total(values, len(specs)):
            values = list(values)
            while _is_blank(values[-1]):
                values.pop()
        n, m = len(specs), len(values)
        if m == n:
            for spec, token in zip(specs, values, strict=True):
                self.put(spec, token)
            return
        if m > n:
            self.note(
                "row_too_long",
                f"table {TABLE_NUMBERS[table]}, row {label!r}: {m} values for {n} columns; "
                "the row is left absent",
                line=line,
                path=specs[0].path,
            )
            return
        last = values[-1].line if values else line
        if self.blanks_visible and self.truncated_at is not None and last >= self.truncated_at:
            for spec, token in zip(specs, values, strict=False):
                self.put(spec, token)
            return
        self.place(table, specs, values, label, line)

    def place(
        self, table: str, specs: Sequence[CellSpec], values: Sequence[Token], label: str, line: int
    ) -> None:
        n, m = len(specs), len(values)
        if table == "t2" or n - m > 2:
            why = (
                "table 二 has no identity to place the gap with"
                if table == "t2"
                else "too many cells are missing to place them"
            )
            self.note(
                "unplaced_value",
                f"table {TABLE_NUMBERS[table]}, row {label!r}: {m} values for {n} columns and {why}; "
                "the row is left absent",
                line=line,
                path=specs[0].path,
            )
            return
        parsed = [parse_cell(t.text, False).value for t in values]
        known = {  # only cells read as printed: a placed cell proves nothing
            path: cell.value if isinstance(cell.value, int) else None
            for path, cell in self.cells.items()
            if not (path in self.origins and self.origins[path].inferred_by)
        }
        fitting: list[tuple[int, ...]] = []
        for gaps in itertools.combinations(range(n), n - m):
            drawn = iter(parsed)
            trial: dict[str, int | None] = {}
            for k, spec in enumerate(specs):
                value = None if k in gaps else next(drawn)
                trial[spec.path] = value if isinstance(value, int) else None
            if fits_identities(table, known, trial):
                fitting.append(gaps)
        if len(fitting) != 1:
            self.note(
                "unplaced_value",
                f"table {TABLE_NUMBERS[table]}, row {label!r}: {m} values for {n} columns and "
                f"{len(fitting)} placements fit the identities; the row is left absent",
                line=line,
                path=specs[0].path,
            )
            return
        gaps = fitting[0]
        used = tuple(
            sorted(
                {
                    rule
                    for spec in specs
                    for rule in INSTANCE_IDS.get(spec.path, ())
                    if rule.startswith(table)
                }
            )
        )
        drawn_tokens = iter(values)
        for k, spec in enumerate(specs):
            if k in gaps:
                self.note(
                    "gap_placed",
                    f"table {TABLE_NUMBERS[table]}, row {label!r}: the missing cell is "
                    f"{spec.column.label} ({spec.path}), the only place the identities "
                    "allow; it is left absent and the row's other cells are marked inferred",
                    line=line,
                    path=spec.path,
                )
                continue
            self.put(spec, next(drawn_tokens), used)


def _specs(table: str, row: str) -> tuple[CellSpec, ...]:
    return tuple(CELL_SPECS[p] for p in CELL_PATHS if p.startswith(f"{table}.{row}."))


def _parts(row: _Printed) -> list[str]:
    """The keys of a row's label parts, pieces of merged group labels left out."""
    return [key for key in map(_key, row.labels) if key and not group_fragment(key)]


def _read_t2(rows: list[_Printed], reader: _Reader) -> None:
    taken: set[str] = set()
    for row in rows:
        if not row.values or all(_is_blank(t) for t in row.values):
            continue
        parts = _parts(row)
        scores = label_scores(parts, "t2")
        best = max(scores.values())
        winners = [key for key, score in scores.items() if score == best]
        if len(winners) > 1 or best < STRONG:  # two rows' labels, no values between
            reader.note(
                "unplaced_value",
                f"table 二: values {' '.join(clean_text(t.text) for t in row.values)!r} "
                "have no row label; they are not placed",
                line=row.line,
            )
            continue
        key = winners[0]
        if key in taken:
            reader.note(
                "row_repeated",
                f"table 二, row {key}: printed again; the first printing is kept",
                line=row.line,
            )
            continue
        taken.add(key)
        specs = _specs("t2", key)
        values = _trim(row.values, len(specs))
        label = row.label_text() or key
        if values is None:
            reader.fill("t2", specs, row.values, label, row.line)
            continue
        reader.fill("t2", specs, values, label, row.line)


def _read_t3(rows: list[_Printed], reader: _Reader) -> None:
    slots = [r.key for r in _TABLES["t3"].rows]
    candidates = [
        piece
        for row in rows
        for piece in _split_full_rows(row, 7)
        if piece.values and (not all(_is_blank(t) for t in piece.values) or _strong_t3(piece))
    ]
    if not candidates:
        return
    scores = [_t3_scores(row) for row in candidates]
    full = [_is_full(row, 7) for row in candidates]
    choice = _align(scores, full, len(slots))
    taken = {next(iter(o)) for o in choice if len(o) == 1}
    for index, (row, options) in enumerate(zip(candidates, choice, strict=True)):
        if options:
            continue
        whole = [slot for slot, score in enumerate(scores[index]) if score >= WHOLE]
        if len(whole) == 1 and whole[0] not in taken:  # a whole label printed out of order
            taken.add(whole[0])
            choice[index] = {whole[0]}
            reader.diagnostics.append(
                Diagnostic(
                    "row_out_of_order",
                    f"table 三: the row {_TABLES['t3'].row(slots[whole[0]]).label!r} is "
                    "printed out of the form's order; read by its label",
                    Severity.INFO,
                    line=row.line,
                )
            )
        else:
            reader.note(
                "unplaced_value",
                f"table 三: the row printed {_printed_as(row)} fits no row of the form "
                "in the order printed; its values are not placed",
                line=row.line,
            )
    for row, options in zip(candidates, choice, strict=True):
        if not options:
            continue
        if len(options) > 1:
            names = " or ".join(
                slots[o] if o >= 0 else "no row" for o in sorted(options, key=lambda o: (o < 0, o))
            )
            reader.note(
                "row_ambiguous",
                f"table 三: the row of values printed here fits the rows {names} equally; "
                "its values are not placed",
                line=row.line,
            )
            continue
        key = slots[next(iter(options))]
        if max(_t3_scores(row)) < STRONG:
            reader.note(
                "row_by_position",
                f"table 三: the row of values printed {_printed_as(row)} is read as "
                f"{_TABLES['t3'].row(key).label!r}, the only row its place allows",
                line=row.line,
                path=f"t3.{key}.total",
            )
        specs = _specs("t3", key)
        values = _trim(row.values, 7)
        label = row.label_text() or _TABLES["t3"].row(key).label
        reader.fill("t3", specs, values if values is not None else row.values, label, row.line)


def _printed_as(row: _Printed) -> str:
    """How a row's label was printed, for messages: ``as '…'`` or ``without a label``."""
    printed = row.label_text()
    return f"as {printed!r}" if printed else "without a label"


def _is_full(row: _Printed, width: int) -> bool:
    """A whole row of values: *width* cells once padding is dropped, one a number at least."""
    values = _trim(row.values, width)
    return (
        values is not None
        and len(values) == width
        and any(parse_cell(t.text, False).value is not None for t in values)
    )


def _has_number(row: _Printed) -> bool:
    return any(parse_cell(t.text, False).value is not None for t in row.values)


def _strong_t3(row: _Printed) -> bool:
    return max(_t3_scores(row)) >= WHOLE


def _t3_scores(row: _Printed) -> list[int]:
    parts = _parts(row)
    return list(label_scores(parts, "t3").values())


def _align(scores: list[list[int]], full: list[bool], n_slots: int) -> list[set[int]]:
    """Align printed rows with the form's rows, in order; every optimal slot of each row.

    A row with label evidence may take the slots its evidence is best for (a
    row whose label names another row cannot take *c*); a row without
    evidence may take any slot, but only when it is a whole row of values.  Each row placed adds
    one point plus its evidence; rows may be left out.  Returns, for each
    printed row, the slots it takes in the best alignments (empty: left out).
    """
    n = len(scores)
    allowed: list[list[int | None]] = []
    for row_scores, whole in zip(scores, full, strict=True):
        top = max(row_scores)
        if top >= STRONG:
            allowed.append([s + 1 if s == top else None for s in row_scores])
        else:
            allowed.append([1 if whole else None for _ in row_scores])
    # forward[i][c]: best score of rows < i using slots < c
    forward = [[0] * (n_slots + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        forward[i][0] = 0
        for c in range(1, n_slots + 1):
            best = max(forward[i - 1][c], forward[i][c - 1])
            gain = allowed[i - 1][c - 1]
            if gain is not None:
                best = max(best, forward[i - 1][c - 1] + gain)
            forward[i][c] = best
    backward = [[0] * (n_slots + 2) for _ in range(n + 2)]
    for i in range(n, 0, -1):
        for c in range(n_slots, 0, -1):
            best = max(backward[i + 1][c], backward[i][c + 1])
            gain = allowed[i - 1][c - 1]
            if gain is not None:
                best = max(best, backward[i + 1][c + 1] + gain)
            backward[i][c] = best
    total = forward[n][n_slots]
    out: list[set[int]] = []
    for i in range(1, n + 1):
        options: set[int] = set()
        for c in range(1, n_slots + 1):
            gain = allowed[i - 1][c - 1]
            if gain is not None and forward[i - 1][c - 1] + gain + backward[i + 1][c + 1] == total:
                options.add(c - 1)
        left_out = any(
            forward[i - 1][c] + backward[i + 1][c + 1] == total for c in range(n_slots + 1)
        )
        if left_out and options:
            options.add(-1)
        out.append(options)
    return out


def _read_t4(rows: list[_Printed], reader: _Reader) -> None:
    groups: dict[str, _Printed] = {}
    ordered: list[Token] = []
    for row in rows:
        if not _has_number(row):
            continue
        parts = _parts(row)
        named = [g for g, key in GROUP_KEYS.items() if parts and parts[-1].endswith(key)]
        trimmed = _trim(row.values, 5)
        if len(named) == 1 and trimmed is not None and len(trimmed) == 5:
            groups.setdefault(named[0], row)
        ordered.extend(row.values)
    if len(groups) == 3:
        for group in T4_GROUPS:
            row = groups[group]
            specs = tuple(CELL_SPECS[f"t4.{group}.{o}"] for o in T4_OUTCOMES)
            values = _trim(row.values, 5) or []
            reader.fill("t4", specs, values, group, row.line)
        return
    if not ordered:
        return
    specs = tuple(CELL_SPECS[f"t4.{g}.{o}"] for g in T4_GROUPS for o in T4_OUTCOMES)
    trimmed = _trim(ordered, 15)
    values = trimmed if trimmed is not None else ordered
    reader.fill("t4", specs, values, "of values", ordered[0].line)


def align_tables(
    regions: Mapping[str, Sequence[Token]],
    *,
    truncated_at: int | None = None,
    blanks_visible: bool = True,
) -> Alignment:
    """Read tables 二, 三 and 四 from their tokens by aligning printed rows with the form.

    Args:
        regions: The tokens of each table's region, by table key (``t2``, ``t3``, ``t4``).
        truncated_at: The last line of a text that is cut off (a short row
            there gives its first cells), or ``None`` for a whole text.
        blanks_visible: Whether the rendering shows empty cells; when it does
            not, a short row at the end of a cut-off text is placed only by
            the identities (its blank cells may have vanished).
    """
    reader = _Reader(truncated_at=truncated_at, blanks_visible=blanks_visible)
    for table, read in (("t2", _read_t2), ("t3", _read_t3), ("t4", _read_t4)):
        tokens = regions.get(table)
        if tokens:
            read(_printed_rows(tokens), reader)
    return Alignment(reader.cells, reader.origins, reader.diagnostics)
