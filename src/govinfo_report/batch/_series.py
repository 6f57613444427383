"""Across reports: an agency's years in a row, year-over-year repetition, and hierarchy.

* :func:`series_pairs` groups reports by agency (name normalised) and pairs
  each with the agency's report of the year before; :func:`check_pair` runs
  the cross-year rules (:data:`~govinfo_report.rules.series.SERIES_2021`)
  on a pair and measures how much of the narrative repeats last year's.
* :func:`read_manifest` reads which departments belong to which government
  (CSV ``parent,child``, agency names); :func:`check_hierarchy` checks a
  government's figures against the sum of its departments'
  (:data:`~govinfo_report.rules.series.HIERARCHY_2021`), naming the
  departments whose report is missing.

Each check is a pure function of paths and options, mapped on the pool like
:func:`~govinfo_report.batch.check_file`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import difflib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from govinfo_report.exceptions import GovinfoReportError
from govinfo_report.schema import CELL_SPECS, Cell, Report, ReportMeta

__all__ = [
    "REPETITION_THRESHOLD",
    "HierarchyRow",
    "PairRow",
    "Repetition",
    "SeriesOptions",
    "check_hierarchy",
    "check_pair",
    "hierarchy_jobs",
    "normalise_agency",
    "read_manifest",
    "repetition",
    "series_pairs",
    "sum_reports",
]

#: Above this share of last year's narrative repeated, a pair gets a warning
#: (assessors deduct points above 50 %; evaluators have found 90 % copied).
REPETITION_THRESHOLD = 0.5

_MIN_BLOCK = 12  # characters: shorter common runs are set phrases, not copying
_PUNCTUATION = re.compile(r"[\s\u3000·•、，。（）()\[\]【】〔〕“”\"'‘’《》<>:：;；,.\-—_/]+")


def normalise_agency(name: str | None) -> str | None:
    """Return an agency name reduced for grouping: NFKC, no spaces, brackets or punctuation.

    >>> normalise_agency(" 平潭综合实验区（管委会） ") == normalise_agency("平潭综合实验区管委会")
    True
    """
    if not name:
        return None
    reduced = _PUNCTUATION.sub("", unicodedata.normalize("NFKC", name))
    return reduced or None


@attrs.frozen
class Repetition:
    """How much of a report's narrative repeats last year's.

    Attributes:
        overall: The share of this year's narrative characters found in
            last year's (runs of at least 12 characters), 0–1.
        sections: ``(section number, share)`` for each section with text.
        passages: The longest repeated passages, longest first.
    """

    overall: float
    sections: tuple[tuple[int, float], ...]
    passages: tuple[str, ...]


def _repeated(last: str, this: str) -> tuple[int, list[str]]:
    if not this or not last:
        return 0, []
    matcher = difflib.SequenceMatcher(None, last, this, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= _MIN_BLOCK]
    return sum(b.size for b in blocks), [this[b.b : b.b + b.size] for b in blocks]


def repetition(this: Report, last: Report, *, passages: int = 3) -> Repetition:
    """Measure how much of *this* year's narrative repeats *last* year's, per section and overall.

    >>> import govinfo_report as gr
    >>> r = gr.generate(1)
    >>> repetition(r, r).overall
    1.0
    """
    last_texts = {s.number: s.text for s in last.sections}
    total = repeated = 0
    shares: list[tuple[int, float]] = []
    found: list[str] = []
    for section in this.sections:
        text = section.text.strip()
        if not text:
            continue
        same, runs = _repeated(last_texts.get(section.number, "").strip(), text)
        shares.append((section.number, same / len(text)))
        total += len(text)
        repeated += same
        found += runs
    found.sort(key=len, reverse=True)
    flat = (" ".join(p.split()) for p in found[:passages])
    shown = tuple(p if len(p) <= 120 else p[:119] + "…" for p in flat)
    return Repetition(repeated / total if total else 0.0, tuple(shares), shown)


@attrs.frozen
class SeriesOptions:
    """How pairs and hierarchies are read and judged."""

    lenient: bool = False
    format: str | None = None
    threshold: float = REPETITION_THRESHOLD
    budget: float | None = 10.0
    max_bytes: int | None = None


@attrs.frozen
class PairRow:
    """The outcome of one agency's consecutive pair of reports.

    Attributes:
        agency: The agency (as the later report prints it).
        last, this: The two files.
        year: The later report's year.
        failed_rules: The cross-year rules broken.
        diffs: ``rule id → difference`` for each.
        repetition: The narrative repeated from last year, or ``None``.
        repeated: Whether it is over the threshold.
        error: Why the pair could not be checked, or ``None``.
    """

    agency: str | None
    last: str
    this: str
    year: int | None
    failed_rules: tuple[str, ...] = ()
    diffs: tuple[tuple[str, str], ...] = ()
    repetition: Repetition | None = None
    repeated: bool = False
    error: str | None = None

    def line(self) -> str:
        """One line: the agency, the years, the rules broken, the repetition."""
        head = f"{self.agency} {self.year and self.year - 1}→{self.year}"
        if self.error is not None:
            return f"{head}: could not be checked: {self.error}"
        broken = ", ".join(f"{r} (diff {d})" for r, d in self.diffs) or "cross-year rules hold"
        rep = ""
        if self.repetition is not None:
            worst = max(self.repetition.sections, key=lambda s: s[1], default=None)
            rep = f"; narrative repeated {self.repetition.overall:.0%}"
            if worst is not None:
                rep += f" (most: section {worst[0]} {worst[1]:.0%})"
            if self.repeated:
                rep += " WARNING"
        return f"{head}: {broken}{rep}  [{self.last} → {self.this}]"

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON data."""
        data = attrs.asdict(self)
        data["kind"] = "series"
        return data


@attrs.frozen
class HierarchyRow:
    """The outcome of one government's report against its departments'.

    Attributes:
        parent: The government's file.
        agency: Its name.
        year: The year.
        children: The departments' files summed.
        missing: The departments (names) with no report for the year.
        failed_rules: The hierarchy rules broken, with their difference.
        error: Why the check could not be made, or ``None``.
    """

    parent: str
    agency: str | None
    year: int | None
    children: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    failed_rules: tuple[tuple[str, str], ...] = ()
    error: str | None = None

    def line(self) -> str:
        """One line: the government, the year, the figures that differ, the departments missing."""
        head = f"{self.agency} {self.year} (with {len(self.children)} department(s))"
        if self.error is not None:
            return f"{head}: could not be checked: {self.error}"
        broken = ", ".join(f"{r} (diff {d})" for r, d in self.failed_rules)
        missing = f"; missing: {', '.join(self.missing)}" if self.missing else ""
        return f"{head}: {broken or 'equals the sum of its departments'}{missing}"

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON data."""
        data = attrs.asdict(self)
        data["kind"] = "hierarchy"
        return data


def _read(path: str, options: SeriesOptions) -> Report:
    """Read a report by the name a batch gave it: a file, or ``FILE:LINE`` of JSON lines."""
    from govinfo_report.batch._check import time_budget
    from govinfo_report.batch._each import read_entry

    with time_budget(options.budget):
        return read_entry(
            path, format=options.format, lenient=options.lenient, max_bytes=options.max_bytes
        )


def _one_line(exc: BaseException) -> str:
    from govinfo_report.batch._files import one_line

    return one_line(exc)


def check_pair(pair: tuple[str, str], options: SeriesOptions) -> PairRow:
    """Check one agency's consecutive reports ``(last, this)``: cross-year rules and repetition."""
    from govinfo_report.batch._check import FileTimeout
    from govinfo_report.rules import validate
    from govinfo_report.rules.series import SERIES_2021

    last_path, this_path = pair
    try:
        last, this = _read(last_path, options), _read(this_path, options)
    except (GovinfoReportError, OSError, FileTimeout) as exc:
        return PairRow(None, last_path, this_path, None, error=_one_line(exc) or "time budget")
    result = validate(this, SERIES_2021, previous=last)
    rep = repetition(this, last)
    return PairRow(
        this.meta.agency,
        last_path,
        this_path,
        this.meta.year,
        failed_rules=tuple(v.rule_id for v in result.violations),
        diffs=tuple((v.rule_id, str(v.diff)) for v in result.violations),
        repetition=rep,
        repeated=rep.overall > options.threshold,
    )


def series_pairs(
    entries: Iterable[tuple[str | None, int | None, str]],
) -> Iterator[tuple[str, str]]:
    """Yield ``(last year's file, this year's file)`` for every agency's consecutive years.

    *entries* are ``(agency, year, path)``; agencies are grouped by
    :func:`normalise_agency`; a year given by two files pairs with neither
    (the duplicate is reported by the caller, never guessed).
    """
    by_agency: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for agency, year, path in entries:
        key = normalise_agency(agency)
        if key is not None and year is not None:
            by_agency[key][year].append(path)
    for key in sorted(by_agency):
        years = by_agency[key]
        for year in sorted(years):
            if year - 1 in years and len(years[year]) == 1 and len(years[year - 1]) == 1:
                yield years[year - 1][0], years[year][0]


def read_manifest(path: str | os.PathLike[str]) -> dict[str, list[str]]:
    """Read a hierarchy manifest: CSV with a header ``parent,child`` of agency names.

    Returns:
        government (normalised name) → its departments' names, as written.

    Raises:
        GovinfoReportError: for a file without the two columns.
    """
    manifest: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"parent", "child"} <= set(reader.fieldnames):
            msg = f"{os.fspath(path)}: a hierarchy manifest needs the columns 'parent' and 'child'"
            raise GovinfoReportError(msg)
        for row in reader:
            parent = normalise_agency(row["parent"])
            if parent is not None and row["child"].strip():
                manifest[parent].append(row["child"].strip())
    return dict(manifest)


def hierarchy_jobs(
    manifest: Mapping[str, Sequence[str]],
    entries: Iterable[tuple[str | None, int | None, str]],
) -> Iterator[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Yield ``(government's file, departments' files, departments missing)`` per government and year."""
    index: dict[tuple[str, int], str] = {}
    for agency, year, path in entries:
        key = normalise_agency(agency)
        if key is not None and year is not None:
            index[key, year] = path
    for (key, year), path in sorted(index.items()):
        if key not in manifest:
            continue
        children = manifest[key]
        found = [index.get((normalise_agency(c) or "", year)) for c in children]
        yield (
            path,
            tuple(f for f in found if f is not None),
            tuple(c for c, f in zip(children, found, strict=True) if f is None),
        )


def sum_reports(reports: Sequence[Report], *, year: int | None = None) -> Report:
    """Return a report whose every cell is the sum of *reports*' (unknown if any is unknown)."""
    cells: list[Cell] = []
    for index in range(len(CELL_SPECS)):
        values = [r.flat_cells[index].value for r in reports]
        if not values or any(v is None for v in values):
            cells.append(Cell())
        else:
            cells.append(Cell(sum(values)))  # type: ignore[arg-type]
    return Report.from_flat(tuple(cells), meta=ReportMeta(year=year))


def check_hierarchy(
    job: tuple[str, tuple[str, ...], tuple[str, ...]], options: SeriesOptions
) -> HierarchyRow:
    """Check a government's report against the sum of its departments' (:func:`hierarchy_jobs`)."""
    from govinfo_report.batch._check import FileTimeout
    from govinfo_report.rules import validate
    from govinfo_report.rules.series import HIERARCHY_2021

    parent_path, child_paths, missing = job
    try:
        parent = _read(parent_path, options)
        children = [_read(p, options) for p in child_paths]
    except (GovinfoReportError, OSError, FileTimeout) as exc:
        return HierarchyRow(parent_path, None, None, child_paths, missing, error=_one_line(exc))
    year = parent.meta.year
    # The departments' sum is the comparison report the rules read as previous(...);
    # it carries the year before, as the evaluator expects of a comparison report.
    total = sum_reports(children, year=None if year is None else year - 1)
    result = validate(parent, HIERARCHY_2021, previous=total)
    return HierarchyRow(
        parent_path,
        parent.meta.agency,
        year,
        child_paths,
        missing,
        failed_rules=tuple((v.rule_id, str(v.diff)) for v in result.violations),
    )
