"""What a reader can get back from a text: the cells no reader can tie to their place.

A style prints every number of the report; these helpers say where the text
leaves a reader without a way to tell which cell a number belongs to, so that
the expected value there is ``None``.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govinfo_report.synthetic._grid import Document, Piece
    from govinfo_report.synthetic._out import Out

__all__ = ["splits", "sum_splits", "unplaceable"]


def splits(run: str, k: int) -> int:
    """In how many ways *run* (digits, spaces as forced cuts) reads as *k* counts.

    A count is ``0`` or digits without a leading zero.  Table 二's rows have no
    identity, so a glued row with more than one way is a guess for any reader.
    """
    if not run.replace(" ", "").isdigit():
        return 0 if k else 1
    ways: dict[tuple[int, int], int] = {}

    def count(at: int, left: int) -> int:
        if at == len(run):
            return 1 if left == 0 else 0
        if left == 0:
            return 0
        key = (at, left)
        if key not in ways:
            total = 0
            start = at + 1 if run[at] == " " else at
            for end in range(start + 1, len(run) + 1):
                part = run[start:end]
                if " " in part:
                    break
                if part != "0" and part.startswith("0"):
                    break
                total += count(end, left - 1)
            ways[key] = total
        return ways[key]

    return count(0, k)


def sum_splits(run: str, groups: list[int]) -> int:
    """In how many ways (0, 1 or 2 meaning "more") *run* reads as groups whose last is their sum.

    Table 三's rows (7 cells, 总计 last) and table 四's three groups (5 cells,
    总计 last): the identity a reader of the row can use.  Other identities may
    still decide a row this counts as open; the expected cells stay ``None``
    there (a reader may give the value or nothing).
    """
    if not run.replace(" ", "").isdigit():
        return 1
    cells = sum(groups)
    last = {sum(groups[: i + 1]) - 1 for i in range(len(groups))}
    found = 0

    def walk(at: int, index: int, total: int) -> None:
        nonlocal found
        if found > 1:
            return
        if at < len(run) and run[at] == " ":
            at += 1
        if index == cells:
            found += at == len(run)
            return
        if at >= len(run):
            return
        if index in last:
            text = str(total)
            if run.startswith(text, at):
                walk(at + len(text), index + 1, 0)
            return
        for end in range(at + 1, len(run) + 1):
            part = run[at:end]
            if " " in part or (part != "0" and part.startswith("0")):
                break
            walk(end, index + 1, total + int(part))

    walk(0, 0, 0)
    return found


def unplaceable(doc: Document, out: Out) -> None:
    """Leave out of the expected cells the values no reader can place after a cell vanished.

    A table-二 document row has no identity: any gap makes the whole row a
    guess.  A table-三 row (7 cells, 总计 last) or the table-四 row (three
    groups of 5, 总计 last) may still be placed by its own sums: every way to
    put the printed cells back in order that the sums allow is tried, and a
    cell stays expected only when all of them give it the same number.
    (Column identities may decide more; those cells are left to the reader.)
    """
    for part in doc.parts:
        table = part.table
        if table is None:
            continue
        for row in table.rows:
            values = row.values
            gone = [c.dropped or c.path in out.hidden_paths for c in values]
            if row.kind != "data" or not any(gone):
                continue
            paths = [c.path or "" for c in values]
            if table.key == "t2":
                kept: set[str] = set()
            else:
                groups = [5, 5, 5] if table.key == "t4" else [7]
                kept = _placed(values, gone, groups)
            for path in paths:
                if path not in kept:
                    out.unsure(path)


def _number(piece: Piece) -> int | None:
    text = piece.text[piece.span[0] : piece.span[1]] if piece.span is not None else ""
    return int(text) if text.isdigit() else None


def _placed(values: tuple[Piece, ...], gone: list[bool], groups: list[int]) -> set[str]:
    """The paths whose number every placement of the printed cells allowed by the sums agrees on."""
    printed = [_number(c) for c, g in zip(values, gone, strict=True) if not g]
    n, k = len(values), sum(gone)
    agreed: list[int | bool | None] = [False] * n  # False: no placement seen yet
    for holes in itertools.combinations(range(n), k):
        rest = iter(printed)
        cells = [None if i in holes else next(rest) for i in range(n)]
        if not _sums_allow(cells, groups):
            continue
        for i, value in enumerate(cells):
            if agreed[i] is False:
                agreed[i] = value
            elif agreed[i] != value:
                agreed[i] = None
        if all(a is None for a in agreed):
            break  # no cell can be placed any more
    return {
        c.path
        for c, a in zip(values, agreed, strict=True)
        if c.path is not None and a is not None and a is not False
    }


def _sums_allow(cells: list[int | None], groups: list[int]) -> bool:
    start = 0
    for size in groups:
        *parts, total = cells[start : start + size]
        start += size
        known = sum(p for p in parts if p is not None)
        if total is not None and (known > total or (None not in parts and known != total)):
            return False
    return True
