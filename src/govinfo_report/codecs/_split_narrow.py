"""Table 三's row cuts narrowed jointly by E1 and E2, the identities across its rows.

Each row's own identity (E3) leaves candidate cuts per row; a column's
balance (E1) and sum of results (E2) read several rows at once, and only
the cuts that take part in a combination satisfying them are kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from govinfo_report.codecs._split import Placement
from govinfo_report.schema import T3_COLUMNS, T3_VALUE_ROWS

__all__ = ["T3_IDENTITIES", "ColumnIdentity", "Narrowing", "narrow_table3"]

_NARROW_BUDGET = 200_000
"""The most partial-sum states :func:`narrow_table3` keeps per step before giving up."""


@attrs.frozen
class ColumnIdentity:
    """One column identity of table 三: ``Σ plus[column] == Σ minus[column]``.

    Attributes:
        id: The SPEC §5 instance id (``t3.balance[natural_person]``).
        column: The column's index in a row split (0–6).
        plus: Row keys on the left-hand side.
        minus: Row keys on the right-hand side.
    """

    id: str
    column: int
    plus: tuple[str, ...]
    minus: tuple[str, ...]

    @property
    def rows(self) -> tuple[str, ...]:
        """Every row the identity reads."""
        return self.plus + self.minus


T3_IDENTITIES: tuple[ColumnIdentity, ...] = (
    *(
        ColumnIdentity(
            f"t3.balance[{column}]",
            index,
            ("new_received", "carried_over"),
            ("total_processed", "carried_forward"),
        )
        for index, column in enumerate(T3_COLUMNS)
    ),
    *(
        ColumnIdentity(
            f"t3.processed_sum[{column}]", index, ("total_processed",), tuple(T3_VALUE_ROWS)
        )
        for index, column in enumerate(T3_COLUMNS)
    ),
)
"""E1 and E2 for each of the seven columns (SPEC §5.1)."""


@attrs.frozen
class Narrowing:
    """What the column identities left of each row's candidate splits.

    Attributes:
        rows: Row key → the splits still possible (a subset of the input).
        used: Ids of the identities that took part.
        broken: Ids of identities the source breaks whatever the split (all
            their rows have a single candidate and the sums differ); they
            are left out of the search.
        unsatisfiable: ``True`` when no combination of candidates satisfies
            the identities that remain; the candidates are then returned
            unnarrowed.
        gave_up: ``True`` when the search grew past its budget; the
            candidates are returned unnarrowed.
    """

    rows: dict[str, tuple[Placement, ...]]
    used: tuple[str, ...] = ()
    broken: tuple[str, ...] = ()
    unsatisfiable: bool = False
    gave_up: bool = False


def _value(row: Placement, identity: ColumnIdentity) -> int:
    return row[identity.column] or 0  # a blank counts as zero when choosing


def narrow_table3(
    rows: Mapping[str, Sequence[Placement]],
    identities: Sequence[ColumnIdentity] = T3_IDENTITIES,
    *,
    budget: int = _NARROW_BUDGET,
) -> Narrowing:
    """Keep only the row splits that take part in a combination satisfying E1 and E2.

    *rows* maps each table-三 row key present in the text to its candidate
    splits (those that satisfy E3).  A row absent from *rows* makes every
    identity that reads it unusable.  The search is a dynamic programme over
    the ambiguous rows whose state is the vector of partial sums of the
    identities they appear in: forward (reachable partial sums), then
    backward (partial sums that can still complete), and a candidate
    survives if it links the two.  It keeps at most *budget* states per row.
    A blank cell of a placement counts as zero, as in :func:`blank_sum_splits`.

    >>> rows = {k: [(0,) * 7] for k in ("new_received", "carried_over", "total_processed")}
    >>> rows["carried_forward"] = [(1, 0, 0, 0, 0, 0, 1), (0, 0, 0, 0, 0, 0, 0)]
    >>> narrow_table3(rows).rows["carried_forward"]
    ((0, 0, 0, 0, 0, 0, 0),)
    """
    candidates = {key: tuple(value) for key, value in rows.items()}
    usable = [i for i in identities if all(candidates.get(r) for r in i.rows)]
    variables = [k for k, v in candidates.items() if len(v) > 1]
    active: list[ColumnIdentity] = []
    broken: list[str] = []
    for identity in usable:
        if any(r in variables for r in identity.rows):
            active.append(identity)
            continue
        left = sum(_value(candidates[r][0], identity) for r in identity.plus)
        right = sum(_value(candidates[r][0], identity) for r in identity.minus)
        if left != right:
            broken.append(identity.id)
    order = [k for k in variables if any(k in i.rows for i in active)]
    if not order:
        return Narrowing(candidates, broken=tuple(broken))

    # Each identity as "Σ coefficient · value == 0"; the fixed rows fold into a constant.
    constant = [0] * len(active)
    for j, identity in enumerate(active):
        for sign, keys in ((1, identity.plus), (-1, identity.minus)):
            for r in keys:
                if r not in order:
                    constant[j] += sign * _value(candidates[r][0], identity)

    def contribution(key: str, split: Placement) -> tuple[int, ...]:
        out = []
        for identity in active:
            sign = (1 if key in identity.plus else 0) - (1 if key in identity.minus else 0)
            out.append(sign * _value(split, identity))
        return tuple(out)

    contributions = {k: [contribution(k, s) for s in candidates[k]] for k in order}
    target = tuple(-c for c in constant)
    dims = range(len(active))

    forward: list[set[tuple[int, ...]]] = [{(0,) * len(active)}]
    for key in order:
        level = {tuple(p[d] + c[d] for d in dims) for p in forward[-1] for c in contributions[key]}
        if len(level) > budget:
            return Narrowing(candidates, tuple(i.id for i in active), tuple(broken), gave_up=True)
        forward.append(level)

    alive: set[tuple[int, ...]] = {target} & forward[-1]
    if not alive:
        return Narrowing(
            candidates, tuple(i.id for i in active), tuple(broken), unsatisfiable=True
        )
    keep: dict[str, set[int]] = {}
    for step in range(len(order) - 1, -1, -1):
        key = order[step]
        before: set[tuple[int, ...]] = set()
        chosen: set[int] = set()
        for p in forward[step]:
            for index, c in enumerate(contributions[key]):
                if tuple(p[d] + c[d] for d in dims) in alive:
                    before.add(p)
                    chosen.add(index)
        keep[key] = chosen
        alive = before
    narrowed = {
        key: tuple(s for i, s in enumerate(value) if key not in keep or i in keep[key])
        for key, value in candidates.items()
    }
    return Narrowing(narrowed, tuple(i.id for i in active), tuple(broken))
