"""A glued row's value text: its digits, where they are printed apart, and the cuts that fit.

The cuts themselves are counted in :mod:`govinfo_report.codecs._split`;
here a row's text is read for what it shows (blanks printed apart, digits
parted by spaces, nothing at all) and the cuts are kept to those it allows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from govinfo_report.codecs._glued_text import MARKS, narrow
from govinfo_report.codecs._split import (
    MAX_CELL_DIGITS,
    Placement,
    chained_sum_splits,
    count_splits,
    splits,
    sum_splits,
)
from govinfo_report.codecs._split_blanks import (
    blank_chained_sum_splits,
    blank_splits,
    blank_sum_splits,
)
from govinfo_report.schema import strip_artefacts

__all__ = [
    "GluedRow",
    "apart_positions",
    "digits_of",
    "fitting_placements",
    "marked_candidates",
    "marked_fit",
    "respecting",
    "shows_vanished_blank",
    "spaced_cells",
]


@attrs.define
class GluedRow:
    """One table row found in the text: its label and its value text."""

    table: str
    key: str
    label: str  # as printed
    line: int
    values: str  # the text after the label, up to the next label
    cells: int
    last: bool = False  # nothing of the text follows it


def fitting_placements(
    table: str, digits: str, cells: int, *, blanks: bool
) -> tuple[Placement, ...] | None:
    """The placements of a touching run of digits into a row's cells that fit its identities.

    With *blanks* (the text shows that blank cells vanish, see
    :func:`shows_vanished_blank`) every choice of blank cells is weighed.
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


def apart_positions(values: str) -> frozenset[int]:
    """Where white space parts the digits of a value text (positions in its joined digits).

    Digits printed apart are never read as one number: every cut of the row
    falls at these positions (``0 0 0 0 0 049 0`` is no ``…, 490``).
    """
    groups = narrow(strip_artefacts(values)).split()
    positions: set[int] = set()
    length = 0
    for group in groups[:-1]:
        length += len(group)
        positions.add(length)
    return frozenset(positions)


def respecting(
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


def shows_vanished_blank(row: GluedRow) -> bool:
    """Whether a touching row of digits must hide a blank cell.

    True for a row with nothing after its label, and for one whose digits
    cannot be cut into its cells or (tables 三 and 四) into cells that fit
    the row's identities.  Then blank cells vanish in this text, and any
    row of it may hide one: a cut into all the cells that happens to fit is
    no proof, and every row weighs the blanks.  Rows printed apart show
    their blanks (:func:`spaced_cells`) and prove nothing about the others.
    """
    if spaced_cells(row.values, row.cells) is not None or row.last:
        return False
    digits = digits_of(strip_artefacts(row.values))
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


def spaced_cells(values: str, cells: int) -> list[str] | None:
    """The cells of a row printed apart with its blank cells in place, else ``None``.

    The writer prints a row holding a blank cell with one space between
    cells (``7      7``: 7, five blanks, 7).  A value text that single
    spaces cut into exactly the row's cells, one or more of them empty, is
    read so; any other text (``500000 5``) is not.
    """
    text = narrow(values.rstrip("\r\n"))
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


def digits_of(values: str) -> str | None:
    """The digits of a value text made of digits and white space only, else ``None``."""
    normal = narrow(values)
    joined = "".join(normal.split())
    if joined and not (joined.isascii() and joined.isdigit()):
        return None
    return joined


_MARKED_PART = re.compile(
    rf"(?P<marker>——|--|[{re.escape(''.join(sorted(MARKS)))}]|无)|(?P<digits>[0-9]+)|(?P<space>\s+)"
)
_MAX_MARKED = 64
"""Candidate readings of a row with markers weighed at the most (bounded work)."""


def marked_candidates(values: str, cells: int) -> list[list[str]] | None:
    """The readings of a value text of digits and markers (``00/00 00``) into *cells* cells.

    A marker (``/``, ``-``, ``—``, ``无`` …) is one cell and parts the digits
    around it; each run of digits (digits printed apart are never joined) is
    cut into one or more cells, each ``0`` or a number without a leading
    zero.  The identities are not used: a marker leaves them unassessable.
    ``None`` when the text is not digits and markers only, holds no marker,
    or has more than a few readings.
    """
    text = narrow(strip_artefacts(values)).strip()
    parts: list[str] = []
    at = 0
    for match in _MARKED_PART.finditer(text):
        if match.start() != at:
            return None  # something else than digits, markers and white space
        at = match.end()
        if match["marker"] is not None or match["digits"] is not None:
            parts.append(match[0])
    if at != len(text) or all(part.isdigit() for part in parts):
        return None
    readings: list[list[str]] = []

    def walk(index: int, left: int, cut: list[str]) -> bool:
        """Extend *cut* from part *index* on; ``False`` once there are too many readings."""
        if index == len(parts):
            if left == 0:
                readings.append(list(cut))
            return len(readings) <= _MAX_MARKED
        part = parts[index]
        if not part.isdigit():
            return left == 0 or walk(index + 1, left - 1, [*cut, part])
        for count in range(1, min(left, len(part)) + 1):
            cuts = splits(part, count, limit=_MAX_MARKED)
            if cuts is None:
                return False  # too many ways: not read so
            for numbers in cuts:
                if not walk(index + 1, left - count, [*cut, *map(str, numbers)]):
                    return False
        return True

    if not walk(0, cells, []) or not readings:
        return None
    return readings


def marked_fit(table: str, reading: Sequence[str]) -> bool:
    """Whether a reading of a row with markers keeps its 总计 (a marker counting as no case).

    Markers leave the identities unassessable for validation; for reading,
    a cut whose 总计 is not the sum of its columns even so is a misreading
    (a cell that vanished, digits joined wrongly) and is not taken.
    """

    def number(text: str) -> int:
        return int(text) if text.isdigit() else 0

    values = [number(text) for text in reading]
    if table == "t3":
        return values[6] == sum(values[:6])
    if table == "t4":
        return all(values[g + 4] == sum(values[g : g + 4]) for g in (0, 5, 10))
    return True
