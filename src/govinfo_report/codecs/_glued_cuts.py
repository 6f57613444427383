"""Cutting the touching digits of glued rows into cells, never by guess.

:class:`RowCutter` turns each row found in glued text into the tokens the
assembler reads: the cells every cut that fits the identities agrees on,
and :data:`~govinfo_report.codecs._tokens.ABSENT_TEXT` with an
``ambiguous_split`` diagnostic where the cuts disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govinfo_report.codecs._glued_values import (
    GluedRow,
    apart_positions,
    digits_of,
    fitting_placements,
    marked_candidates,
    marked_fit,
    respecting,
    spaced_cells,
)
from govinfo_report.codecs._identities import INSTANCE_IDS
from govinfo_report.codecs._problems import TABLE_NUMBERS
from govinfo_report.codecs._split import MAX_CELL_DIGITS, Placement, count_splits, is_cell
from govinfo_report.codecs._split_blanks import blank_cell_options, blank_splits
from govinfo_report.codecs._split_narrow import narrow_table3
from govinfo_report.codecs._tokens import ABSENT_TEXT, Token, TokenKind
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import (
    FORMAT_2021,
    T4_GROUPS,
    T4_OUTCOMES,
    Cell,
    CellOrigin,
    Diagnostic,
    Severity,
    strip_artefacts,
)

__all__ = ["RowCutter"]

_TABLES = {t.key: t for t in FORMAT_2021.tables}
_VANISHED_BUDGET = 20_000
"""Partial-sum states :func:`narrow_table3` may keep when blank cells vanish (rows have
many placements each; past it the rows are left unnarrowed, their cells unresolved)."""
_GROUPED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")  # digits in groups of three: one number


class RowCutter:
    """The cells of glued rows, cut where the identities allow, and the problems met.

    Args:
        source: A name for messages (usually the file name).
        lenient: Record problems as diagnostics instead of raising.
    """

    def __init__(self, *, source: str | None, lenient: bool) -> None:
        self.source = source
        self.lenient = lenient
        self.diagnostics: list[Diagnostic] = []
        self.blanks_vanish = False  # set once the tables are found
        self.origins: dict[str, CellOrigin] = {}  # cells whose cut the identities chose

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

    # -- splitting ---------------------------------------------------------------------

    def split_table3(self, rows: dict[str, GluedRow]) -> dict[str, tuple[Placement, ...]]:
        """Candidate placements of each table-三 row, narrowed by E1/E2."""
        candidates: dict[str, tuple[Placement, ...]] = {}
        for key, row in rows.items():
            spaced = spaced_cells(row.values, row.cells)
            if spaced is not None:
                if all(p == "" or is_cell(p) for p in spaced):
                    candidates[key] = (tuple(int(p) if p else None for p in spaced),)
                continue
            digits = digits_of(strip_artefacts(row.values))
            if digits is None or len(digits) > row.cells * MAX_CELL_DIGITS:
                continue
            apart = apart_positions(row.values)
            found = respecting(
                fitting_placements("t3", digits, row.cells, blanks=self.blanks_vanish), apart
            )
            if found:
                candidates[key] = found
            elif found is not None:
                only = respecting(blank_splits(digits, 7, limit=1), apart)
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

    def row_tokens(self, row: GluedRow, table3: tuple[Placement, ...] | None) -> list[Token]:
        tokens = [Token(row.label, row.line)] if row.label else []
        end = [] if row.last else [Token.row_end(row.line)]
        digits = digits_of(strip_artefacts(row.values))
        printed = " ".join(row.values.split())
        if printed and row.cells == 1:
            # one cell: its digits, or its text as printed (the amount, ``12件``,
            # ``[bookmark: OLE_LINK1]2731``); digits printed apart are never joined
            joined = bool(digits) and (
                not apart_positions(row.values)
                or _GROUPED.fullmatch(row.values.strip()) is not None  # as printed: one space
            )
            kept = digits if joined and digits and not Cell.parse(printed).is_number else printed
            return [*tokens, Token(kept, row.line), *end]
        spaced = spaced_cells(row.values, row.cells)
        if spaced is not None:
            # cells printed apart, blanks among them: cell by cell, blanks in place
            return [*tokens, *(Token(part, row.line, TokenKind.VALUE) for part in spaced), *end]
        marked = marked_candidates(row.values, row.cells) if digits is None else None
        fit = [r for r in marked if marked_fit(row.table, r)] if marked else []
        if fit:
            # digits and markers ('00/00 00'): each marker a cell, the digits cut around them
            agreed = self.marked_agreed(row, fit)
            if len(fit) < len(marked or ()):
                self.mark_chosen(row, agreed)
            return [*tokens, *(Token(text, row.line, TokenKind.VALUE) for text in agreed), *end]
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

    def marked_agreed(self, row: GluedRow, readings: Sequence[Sequence[str]]) -> list[str]:
        """The cells every reading of a row with markers agrees on; the others unresolved."""
        out: list[str] = []
        for index, texts in enumerate(zip(*readings, strict=True)):
            options = sorted(set(texts), key=texts.index)
            if len(options) == 1:
                out.append(options[0])
                continue
            out.append(ABSENT_TEXT)
            path = _path(row, index)
            self.diagnostics.append(
                Diagnostic(
                    "ambiguous_split",
                    f"table {TABLE_NUMBERS[row.table]}, row {row.label or 'of values'}: "
                    f"{' '.join(row.values.split())!r} cuts in {len(readings)} ways around its "
                    f"markers; {path} is one of {', '.join(options)} and is left unresolved",
                    Severity.WARNING,
                    row.line,
                    path,
                    tuple(int(t) for t in options if t.isdigit()),
                )
            )
        return out

    def not_split(self, row: GluedRow, digits: str) -> list[str]:
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

    def mark_chosen(self, row: GluedRow, chosen: Sequence[str]) -> None:
        """Mark a row's cells as chosen with its identities (which then cannot check them)."""
        paths = [_path(row, index) for index in range(row.cells)]
        rules = tuple(sorted({rule for path in paths for rule in INSTANCE_IDS.get(path, ())}))
        for path, text in zip(paths, chosen, strict=True):
            if rules and text != ABSENT_TEXT:
                self.origins[path] = CellOrigin(line=row.line, inferred_by=rules)

    def mark_inferred(self, row: GluedRow, digits: str, chosen: Sequence[str]) -> None:
        """Mark the cells of a row whose digits cut more than one way as chosen by identities.

        The identities that chose the cut cannot then check it: validation
        reports them as not evaluated (:attr:`CellOrigin.inferred_by`).
        """
        if row.cells == 1 or all(text == ABSENT_TEXT for text in chosen):
            return
        if not self.blanks_vanish and count_splits(digits, row.cells) == 1:
            return
        self.mark_chosen(row, chosen)

    def choose(
        self, row: GluedRow, digits: str, table3: tuple[Placement, ...] | None
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
        apart = apart_positions(row.values)
        if row.table == "t3" and table3 is not None:
            fitting = table3
        else:
            fitting = respecting(
                fitting_placements(row.table, digits, n, blanks=self.blanks_vanish), apart
            )
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
            if respecting((only,), apart):
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
        row: GluedRow,
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

    def agreed(self, row: GluedRow, digits: str, fitting: Sequence[Placement]) -> list[str]:
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


def _listing(values: Sequence[int]) -> str:
    return ", ".join(map(str, values))


def _path(row: GluedRow, index: int) -> str:
    if row.table == "t4":
        return f"t4.{T4_GROUPS[index // 5]}.{T4_OUTCOMES[index % 5]}"
    column = _TABLES[row.table].row(row.key).columns[index]
    return f"{row.table}.{row.key}.{column.key}"
