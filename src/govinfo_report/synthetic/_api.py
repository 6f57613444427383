"""``generate()`` and friends: seeded synthetic reports, valid or broken on purpose."""

from __future__ import annotations

import bisect
import random
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING, overload

import attrs

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.schema import Report
from govinfo_report.synthetic._build import (
    BrokenReport,
    apply_blanks,
    blankable,
    break_on_purpose,
    mutate,
    report_of,
)
from govinfo_report.synthetic._draw import Values, below, cells_of, dense, draw_values, pick
from govinfo_report.synthetic._mutations import (
    MUTATION_KINDS,
    BlankCell,
    DigitTypo,
    Mutation,
    Offset,
    SwapColumns,
    SwapRows,
    Transposition,
)
from govinfo_report.synthetic._narrative import Words, draw_agency, draw_words
from govinfo_report.synthetic._oracle import BreakPlan, Oracle
from govinfo_report.synthetic._plan import default_oracle
from govinfo_report.synthetic._profiles import (
    AGENCY_CUM,
    AGENCY_KINDS,
    BLANKS,
    SIZES,
    agency_profile,
    size_profile,
)

if TYPE_CHECKING:
    from govinfo_report.rules import RuleSet

__all__ = [
    "FIRST_YEAR",
    "BrokenReport",
    "expected_violations",
    "generate",
    "generate_batch",
]

FIRST_YEAR = 2021
"""The first report year of the 2021 format (国办公开办函〔2021〕30号)."""
_LAST_YEAR = 2100
_DEFAULT_YEARS = (2021, 2022, 2023, 2024, 2025)


@attrs.frozen
class _Seeded:
    """A :class:`~govinfo_report.synthetic._oracle.Chooser` over a seeded ``Random``."""

    rng: random.Random

    def below(self, n: int) -> int:
        return below(self.rng, n)

    def between(self, low: int, high: int) -> int:
        return low + below(self.rng, high - low + 1)


def _check_options(
    seed: object,
    size: str | None,
    year: int | None,
    agency_kind: str | None,
    blanks: str,
) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int | str | bytes):
        msg = f"seed={seed!r}: expected an int, a str or bytes (a seed is reproducible only as one of those)"
        raise InvalidArgument(msg)
    if size is not None and size not in SIZES:
        msg = f"size={size!r}: expected one of {', '.join(SIZES)}"
        raise InvalidArgument(msg)
    if agency_kind is not None and agency_kind not in AGENCY_KINDS:
        msg = f"agency_kind={agency_kind!r}: expected one of {', '.join(AGENCY_KINDS)}"
        raise InvalidArgument(msg)
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= _LAST_YEAR
    ):
        msg = (
            f"year={year!r}: expected a year from {FIRST_YEAR} (the first year of the "
            f"2021 format) to {_LAST_YEAR}"
        )
        raise InvalidArgument(msg)
    if blanks not in BLANKS:
        msg = f"blanks={blanks!r}: expected one of {', '.join(BLANKS)}"
        raise InvalidArgument(msg)


def _break_plan(breaking: object, oracle: Oracle) -> BreakPlan:
    if isinstance(breaking, str):
        msg = f"breaking={breaking!r}: expected a collection of rule instance ids, e.g. [{breaking!r}]"
        raise InvalidArgument(msg)
    if not isinstance(breaking, Collection) or not all(isinstance(i, str) for i in breaking):
        msg = f"breaking={breaking!r}: expected a collection of rule instance ids (str)"
        raise InvalidArgument(msg)
    if not breaking:
        msg = "breaking=[]: expected at least one rule instance id to break"
        raise InvalidArgument(msg)
    return oracle.break_plan(frozenset(breaking))


def _check_mutations(mutations: object) -> tuple[Mutation | str, ...]:
    kinds = (Offset, DigitTypo, Transposition, SwapRows, SwapColumns, BlankCell)
    if isinstance(mutations, str) or not isinstance(mutations, Sequence) or not mutations:
        msg = (
            f"mutations={mutations!r}: expected a non-empty list of mutations or kinds "
            f"({', '.join(MUTATION_KINDS)})"
        )
        raise InvalidArgument(msg)
    for m in mutations:
        if isinstance(m, str) and m in MUTATION_KINDS:
            continue
        if isinstance(m, kinds):
            continue
        msg = f"mutations: unknown mutation {m!r}; expected a Mutation or one of {', '.join(MUTATION_KINDS)}"
        raise InvalidArgument(msg)
    return tuple(mutations)


def _draw(
    rng: random.Random, size: str | None, year: int | None, agency_kind: str | None
) -> tuple[Values, Words, bool]:
    drawn_kind = AGENCY_KINDS[bisect.bisect(AGENCY_CUM, rng.random() * AGENCY_CUM[-1])]
    kind = agency_kind or drawn_kind
    agency = agency_profile(kind)
    cum = agency.size_cum
    drawn_size = SIZES[bisect.bisect(cum, rng.random() * cum[-1])]
    drawn_year = pick(rng, _DEFAULT_YEARS)
    values = draw_values(rng, size_profile(size or drawn_size), agency)
    words = draw_words(rng, draw_agency(rng, kind), year or drawn_year)
    return values, words, agency.makes_regulations


@overload
def generate(
    seed: int | str | bytes,
    *,
    size: str | None = None,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: str = "zero",
    breaking: None = None,
    mutations: None = None,
) -> Report: ...


@overload
def generate(
    seed: int | str | bytes,
    *,
    size: str | None = None,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: str = "zero",
    breaking: Collection[str],
    mutations: None = None,
) -> BrokenReport: ...


@overload
def generate(
    seed: int | str | bytes,
    *,
    size: str | None = None,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: str = "zero",
    breaking: None = None,
    mutations: Sequence[Mutation | str],
) -> BrokenReport: ...


def generate(
    seed: int | str | bytes,
    *,
    size: str | None = None,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: str = "zero",
    breaking: Collection[str] | None = None,
    mutations: Sequence[Mutation | str] | None = None,
) -> Report | BrokenReport:
    """Return a synthetic report, the same one for the same seed on every machine.

    Without ``breaking`` or ``mutations`` the report is valid: every rule
    instance of :data:`~govinfo_report.rules.RULES_2021` holds or, with
    blanks, is not assessable; none is violated.  It looks like a real one:
    a township office with a handful of requests up to a city government
    with thousands, natural persons far ahead of legal persons, most
    table-三 cells 0, table-二 counts in realistic ranges, the 万元 fee with
    0–6 decimals, and six sections whose figures agree with the tables.

    >>> from govinfo_report.synthetic import generate
    >>> report = generate(7, agency_kind="township", year=2024)
    >>> report.meta.year, report.meta.title.endswith("2024年政府信息公开工作年度报告")
    (2024, True)
    >>> generate(7, agency_kind="township", year=2024) == report
    True

    Args:
        seed: Any int, str or bytes; the report depends on nothing else.
        size: One of :data:`SIZES` (``"tiny"`` … ``"huge"``), or drawn to
            suit the agency kind.
        year: The report year (from 2021), or drawn from 2021–2025.
        agency_kind: One of :data:`AGENCY_KINDS`, or drawn.
        blanks: ``"zero"`` prints every number; ``"blank"`` or ``"slash"``
            print zero cells empty or as ``/`` where real reports do (the
            规章 row of an agency that makes none, zero decisions, zero
            cells of the legal-person columns and of table 四).  Rule
            instances reading such a cell are then not assessable.
        breaking: Rule instance ids to break, exactly: the result violates
            these and no other.  One cell is changed when one will do,
            otherwise a few.
        mutations: Mistakes to make, in order: :class:`Offset`,
            :class:`DigitTypo`, :class:`Transposition`, :class:`SwapRows`,
            :class:`SwapColumns`, :class:`BlankCell` values, or kinds from
            :data:`MUTATION_KINDS` to draw one of at random.

    Returns:
        A :class:`~govinfo_report.Report`, or with ``breaking`` or
        ``mutations`` a :class:`BrokenReport` carrying the report, the ids
        it violates, the mutations and the original.

    Raises:
        InvalidArgument: before anything is drawn, for an unknown option
            value, for ``breaking`` and ``mutations`` together, for an
            unknown rule id, and for a set of instances that cannot fail
            alone (``breaking=["t3.balance[total]"]``: it is implied by
            the other columns, SPEC §5.3), naming the instances that force
            it.

    .. versionadded:: 0.1.0
    """
    _check_options(seed, size, year, agency_kind, blanks)
    if breaking is not None and mutations is not None:
        msg = "breaking= and mutations= cannot be combined; give one of them"
        raise InvalidArgument(msg)
    oracle = plan = None
    steps: tuple[Mutation | str, ...] = ()
    if breaking is not None:
        oracle = default_oracle()
        plan = _break_plan(breaking, oracle)
    elif mutations is not None:
        steps = _check_mutations(mutations)
        oracle = default_oracle()

    rng = random.Random(seed)
    values, words, makes_regulations = _draw(rng, size, year, agency_kind)
    if oracle is None and blanks == "zero":
        return report_of(cells_of(values), words)
    full = dense(values)
    if plan is not None:
        assert oracle is not None
        return break_on_purpose(
            plan,
            oracle,
            full,
            words=words,
            makes_regulations=makes_regulations,
            blanks=blanks,
            choose=_Seeded(rng),
        )
    cells = cells_of(full)
    apply_blanks(cells, blankable(full, makes_regulations), blanks)
    if oracle is None:
        return report_of(cells, words)
    return mutate(tuple(cells), words, steps, _Seeded(rng), oracle)


def generate_batch(
    n: int,
    seed: int | str,
    *,
    size: str | None = None,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: str = "zero",
) -> Iterator[Report]:
    """Yield *n* valid reports: report *i* is ``generate(f"{seed}:{i}", ...)``.

    Every report can thus be regenerated on its own from its seed; two
    batches with different seeds share none.

    >>> from govinfo_report.synthetic import generate, generate_batch
    >>> reports = list(generate_batch(3, seed=5))
    >>> reports[2] == generate("5:2")
    True

    Raises:
        InvalidArgument: for a negative *n* or an unknown option, before
            the first report.

    .. versionadded:: 0.1.0
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        msg = f"n={n!r}: expected a count ≥ 0"
        raise InvalidArgument(msg)
    if isinstance(seed, bool) or not isinstance(seed, int | str):
        msg = f"seed={seed!r}: expected an int or a str (report i is generate(f'{{seed}}:{{i}}'))"
        raise InvalidArgument(msg)
    _check_options(seed, size, year, agency_kind, blanks)
    return _batch(n, seed, size=size, year=year, agency_kind=agency_kind, blanks=blanks)


def _batch(
    n: int,
    seed: int | str,
    *,
    size: str | None,
    year: int | None,
    agency_kind: str | None,
    blanks: str,
) -> Iterator[Report]:
    for i in range(n):
        yield generate(f"{seed}:{i}", size=size, year=year, agency_kind=agency_kind, blanks=blanks)


def expected_violations(
    original: Report, changed: Report, *, rules: RuleSet | None = None
) -> frozenset[str]:
    """Return the ids of the rule instances *changed* violates, given a valid *original*.

    Only the instances that read a changed cell are looked at, through their
    linear terms applied to the change; nothing is validated.  Instances
    that read a cell which is no longer a number are not assessable, not
    violated.

    Args:
        original: A report that violates no instance (a generated one).
        changed: The same report with some cells changed.
        rules: A rule set with ``instances()``; default
            :data:`~govinfo_report.rules.RULES_2021`.

    .. versionadded:: 0.1.0
    """
    from govinfo_report.synthetic._oracle import oracle_for

    oracle = default_oracle() if rules is None else oracle_for(rules)
    violated, _ = oracle.changes(original.flat_cells, changed.flat_cells)
    return violated
