"""The identities of SPEC §5.1 (E1–E3 of table 三, E4 of table 四), as readers use them.

A reader that has lost a cell of a row places the gap where these
identities allow, and records which identity instances it relied on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from govinfo_report.schema import (
    FORMAT_2021,
    T3_COLUMNS,
    T3_VALUE_ROWS,
    T4_GROUPS,
    T4_OUTCOMES,
    CellSpec,
)

__all__ = ["INSTANCE_IDS", "fits_identities", "used_identities"]

_TABLES = {t.key: t for t in FORMAT_2021.tables}


def _instances(table: str) -> list[list[tuple[int, str]]]:
    """Each identity as ``[(coefficient, path), …]`` summing to zero."""
    out: list[list[tuple[int, str]]] = []
    if table == "t3":
        for c in T3_COLUMNS:
            balance = [
                (1, f"t3.new_received.{c}"),
                (1, f"t3.carried_over.{c}"),
                (-1, f"t3.total_processed.{c}"),
                (-1, f"t3.carried_forward.{c}"),
            ]
            processed = [(1, f"t3.total_processed.{c}")]
            processed += [(-1, f"t3.{r}.{c}") for r in T3_VALUE_ROWS]
            out += [balance, processed]
        out += [
            [(1, f"t3.{row.key}.total")] + [(-1, f"t3.{row.key}.{c}") for c in T3_COLUMNS[:-1]]
            for row in _TABLES["t3"].rows
        ]
    elif table == "t4":
        out += [
            [(1, f"t4.{g}.total")] + [(-1, f"t4.{g}.{o}") for o in T4_OUTCOMES[:-1]]
            for g in T4_GROUPS
        ]
    return out


_INSTANCES = {"t3": _instances("t3"), "t4": _instances("t4")}


def _touching(table: str) -> dict[str, tuple[int, ...]]:
    """For each cell of *table*: the positions in ``_INSTANCES[table]`` of the identities it is in."""
    out: dict[str, list[int]] = {}
    for k, instance in enumerate(_INSTANCES[table]):
        for _, path in instance:
            out.setdefault(path, []).append(k)
    return {path: tuple(ks) for path, ks in out.items()}


_TOUCHING = {table: _touching(table) for table in _INSTANCES}


def _instance_ids() -> dict[str, tuple[str, ...]]:
    """For each cell of tables 三 and 四: the ids of the identity instances it is in."""
    ids: dict[str, list[str]] = {}

    def add(rule: str, paths: Iterable[str]) -> None:
        for path in paths:
            ids.setdefault(path, []).append(rule)

    for c in T3_COLUMNS:
        add(f"t3.balance[{c}]", (f"t3.{r}.{c}" for r in _E1_ROWS))
        add(f"t3.processed_sum[{c}]", (f"t3.{r}.{c}" for r in ("total_processed", *T3_VALUE_ROWS)))
    for row in _TABLES["t3"].rows:
        add(f"t3.row_sum[{row.key}]", (f"t3.{row.key}.{c}" for c in T3_COLUMNS))
    for g in T4_GROUPS:
        add(f"t4.group_sum[{g}]", (f"t4.{g}.{o}" for o in T4_OUTCOMES))
    return {path: tuple(rules) for path, rules in ids.items()}


def used_identities(specs: Sequence[CellSpec]) -> tuple[str, ...]:
    """The identity instances that a row of *specs* takes part in (sorted)."""
    return tuple(sorted({rule for spec in specs for rule in INSTANCE_IDS.get(spec.path, ())}))


_E1_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")
INSTANCE_IDS: Mapping[str, tuple[str, ...]] = _instance_ids()
"""For each cell of tables 三 and 四, the identity instances (SPEC §5.1) it takes part in."""


def fits_identities(
    table: str, known: Mapping[str, int | None], trial: Mapping[str, int | None]
) -> bool:
    """Whether no identity is broken, and none forces a negative or fractional cell."""
    instances, touching = _INSTANCES[table], _TOUCHING[table]
    # only the identities a trial cell is in: the others hold or not whatever the trial
    for k in sorted({k for path in trial for k in touching.get(path, ())}):
        instance = instances[k]
        total = 0
        unknown: list[int] = []
        for coefficient, path in instance:
            value = trial[path] if path in trial else known.get(path)
            if value is None:
                unknown.append(coefficient)
            else:
                total += coefficient * value
        if not unknown:
            if total != 0:
                return False
        elif len(unknown) == 1:
            implied, remainder = divmod(-total, unknown[0])
            if remainder or implied < 0:
                return False
    return True
