"""Check many reports: every core, flat memory, one row per file and one summary.

For researchers and auditors who check thousands of reports::

    from govinfo_report.batch import CheckOptions, Summary, check_paths, iter_paths

    summary = Summary()
    for row in check_paths(iter_paths(["reports/"]), CheckOptions(lenient=True)):
        summary.add(row)            # row: path, status, counts, failing rules; no report kept
    print(summary.to_text())        # ok / invalid / unreadable, per rule family, worst reports

* :func:`iter_paths` expands files, directories (reports chosen by content),
  globs and ``@listfile`` lazily;
* :func:`check_file` is the work of one file, a pure function (path in,
  :class:`Row` out) that any engine can map; :func:`check_reports` gives
  a row per report (one per line of JSON lines holding several, named
  ``FILE:LINE``, as :func:`each_report` reads them);
* :func:`check_paths` runs it on a process pool, chunks in flight bounded,
  rows streamed back in input order, each file within a time budget (the
  lines of a JSON-lines file, :func:`lines_of_file`, handed out one by one);
* :class:`Summary` counts rows in bounded memory;
* :func:`series_pairs` and :func:`check_pair` run the cross-year rules and
  measure narrative repetition on each agency's consecutive years;
  :func:`read_manifest`, :func:`hierarchy_jobs` and :func:`check_hierarchy`
  check a government against the sum of its departments.

:func:`validate_files` and :func:`iter_validate` keep the whole
:class:`~govinfo_report.rules.ValidationResult` of each file, for small
batches examined in Python.

.. versionadded:: 0.1.0
"""

from govinfo_report.batch._check import (
    EXIT_STATUS,
    CheckOptions,
    FileTimeout,
    Row,
    RowStatus,
    check_file,
    check_reports,
    check_text,
    result_row,
    time_budget,
)
from govinfo_report.batch._discover import iter_paths, looks_like_report
from govinfo_report.batch._each import (
    LineOfFile,
    Reading,
    each_report,
    holds_several_reports,
    lines_of_file,
    read_entry,
)
from govinfo_report.batch._files import (
    BatchResult,
    FileResult,
    iter_validate,
    one_line,
    validate_files,
)
from govinfo_report.batch._pool import DEFAULT_CHUNKSIZE, check_paths, default_jobs, map_files
from govinfo_report.batch._series import (
    REPETITION_THRESHOLD,
    HierarchyRow,
    PairRow,
    Repetition,
    SeriesOptions,
    check_hierarchy,
    check_pair,
    hierarchy_jobs,
    normalise_agency,
    read_manifest,
    repetition,
    series_pairs,
    sum_reports,
)
from govinfo_report.batch._summary import Summary

__all__ = [
    "DEFAULT_CHUNKSIZE",
    "EXIT_STATUS",
    "REPETITION_THRESHOLD",
    "BatchResult",
    "CheckOptions",
    "FileResult",
    "FileTimeout",
    "HierarchyRow",
    "LineOfFile",
    "PairRow",
    "Reading",
    "Repetition",
    "Row",
    "RowStatus",
    "SeriesOptions",
    "Summary",
    "check_file",
    "check_hierarchy",
    "check_pair",
    "check_paths",
    "check_reports",
    "check_text",
    "default_jobs",
    "each_report",
    "hierarchy_jobs",
    "holds_several_reports",
    "iter_paths",
    "iter_validate",
    "lines_of_file",
    "looks_like_report",
    "map_files",
    "normalise_agency",
    "one_line",
    "read_entry",
    "read_manifest",
    "repetition",
    "result_row",
    "series_pairs",
    "sum_reports",
    "time_budget",
    "validate_files",
]
