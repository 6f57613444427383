"""The per-file check: a path in, one small summary row out.

:func:`check_file` is a pure function of the path and the options, with no
state kept between calls, so that any engine can run it: a loop, the
process pool of :mod:`govinfo_report.batch`, Dask or Spark.  The row keeps
nothing of the report (only counts, the failing rule ids and the reader's
diagnostics), so a batch of any size holds only what it prints.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Literal

import attrs

from govinfo_report.batch._each import LineOfFile, each_report
from govinfo_report.codecs import load, loads
from govinfo_report.exceptions import GovinfoReportError
from govinfo_report.schema import Severity

if TYPE_CHECKING:
    from govinfo_report.rules import ValidationResult
    from govinfo_report.schema import Report

from govinfo_report.rules import RuleSet

__all__ = [
    "EXIT_STATUS",
    "CheckOptions",
    "FileTimeout",
    "Row",
    "RowStatus",
    "check_file",
    "check_reports",
    "check_text",
    "result_row",
    "time_budget",
]

RowStatus = Literal["ok", "invalid", "unreadable", "unchecked"]
"""A file's outcome: ``ok``; ``invalid`` (an error rule broken); ``unreadable``
(missing, not a report, damaged, or over its time budget); ``unchecked`` (read,
but error rules could not be evaluated because the text does not give their
cells: a table missing or cut off)."""

#: The command line's exit status for each :data:`Status`.
EXIT_STATUS: dict[str, int] = {"ok": 0, "invalid": 1, "unreadable": 2, "unchecked": 3}

# Reasons for a rule not evaluated that mean the text lost part of the report,
# as opposed to cells the report itself prints blank or as text.
_LOST = frozenset({"absent", "no_text"})


class FileTimeout(GovinfoReportError):  # noqa: N818 - a reason, named as the row shows it
    """Raised inside a check when a file takes longer than its time budget."""


@attrs.frozen
class CheckOptions:
    """How to read and check each file (picklable, sent once to each worker).

    Attributes:
        rules: The rule set (``RULES_2021`` when ``None``).
        previous: Last year's report, for the cross-year rules.
        lenient: Read damaged or cut-off text leniently.
        format: Force a reader instead of detecting it.
        blank_as_zero: Read blank cells as 0.
        max_bytes: The largest file to read (``None``: each reader's own limit).
        budget: Seconds a file may take before it is given up as
            ``unreadable`` (``None``: no limit).  Enforced with a timer
            signal where the check runs in a process's main thread.
        detail: What the row carries besides its counts: ``"none"``,
            ``"text"`` (the full text of ``validate``), ``"markdown"`` or
            ``"json"`` (the full JSON object).

    .. versionadded:: 0.1.0
    """

    rules: RuleSet | None = None
    previous: Report | None = None
    lenient: bool = False
    format: str | None = None
    blank_as_zero: bool = False
    max_bytes: int | None = None
    budget: float | None = 10.0
    detail: Literal["none", "text", "json", "markdown"] = "none"


@attrs.frozen
class Row:
    """The summary of one checked file: small, flat, nothing of the report kept.

    Attributes:
        path: The file, as given.
        status: ``ok``, ``invalid``, ``unreadable`` or ``unchecked``.
        reason: Why a file is unreadable or unchecked, in one line.
        agency: The reporting agency, when read.
        year: The report year, when read.
        format: The reader used.
        passed: Rule instances passed.
        failed: Rule instances failed (every severity).
        not_evaluated: Rule instances not evaluated.
        errors: Error-severity violations.
        warnings: Warning- and info-severity violations.
        failed_rules: The failing instance ids, in rule order.
        failed_families: ``(family, severity)`` of each failing rule family, once each.
        inferred: Cells whose value the reader chose with the identities
            (the rules it used are not evaluated: not fully checked).
        diagnostics: What the reader noticed (lenient reading), one line each.
        seconds: The time the check took.
        detail: The full result as text or JSON data, when asked for.

    .. versionadded:: 0.1.0
    """

    path: str
    status: RowStatus
    reason: str | None = None
    agency: str | None = None
    year: int | None = None
    format: str | None = None
    passed: int = 0
    failed: int = 0
    not_evaluated: int = 0
    errors: int = 0
    warnings: int = 0
    failed_rules: tuple[str, ...] = ()
    failed_families: tuple[tuple[str, str], ...] = ()
    inferred: int = 0
    diagnostics: tuple[str, ...] = ()
    seconds: float = 0.0
    detail: str | dict[str, Any] | None = attrs.field(default=None, eq=False)

    @property
    def exit_status(self) -> int:
        """0 ok, 1 an error rule broken, 2 unreadable, 3 read but not fully checked."""
        return EXIT_STATUS[self.status]

    def line(self) -> str:
        """Return the row as one line of text (``validate``'s per-file line)."""
        if self.status == "unreadable":
            return f"{self.path}: unreadable: {_without_path(self.reason or '', self.path)}"
        counts = f"{self.passed} passed, {self.failed} failed, {self.not_evaluated} not evaluated"
        if self.inferred:
            counts += f", {self.inferred} cell(s) inferred by the reader (not fully checked)"
        if self.status == "unchecked":
            return f"{self.path}: COULD NOT BE CHECKED: {self.reason}; {counts}"
        if self.status == "ok":
            extra = f", {self.warnings} warning(s)" if self.warnings else ""
            return f"{self.path}: ok ({counts}{extra})"
        shown = ", ".join(self.failed_rules[:4]) + (" …" if len(self.failed_rules) > 4 else "")
        return (
            f"{self.path}: INVALID: {self.errors} error(s), {self.warnings} warning(s): "
            f"{shown} ({counts})"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the row as JSON-ready data (without the detail)."""
        data = attrs.asdict(self, recurse=False, filter=lambda a, _: a.name != "detail")
        data["failed_rules"] = list(self.failed_rules)
        data["failed_families"] = [family for family, _ in self.failed_families]
        data["diagnostics"] = list(self.diagnostics)
        data["exit_status"] = self.exit_status
        data["seconds"] = round(self.seconds, 4)
        return data


def _without_path(reason: str, path: str) -> str:
    """The reason without the file name it starts with (``path: …`` or ``path, line 3: …``)."""
    for sep in (": ", ", "):
        if reason.startswith(path + sep):
            return reason[len(path) + len(sep) :]
    return reason


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return " ".join(str(exc).split("\n"))


@attrs.frozen
class _Plan:
    """Per rule set: each instance's id, family, severity name, and whether it is an error."""

    ids: tuple[str, ...]
    families: tuple[str, ...]
    severities: tuple[str, ...]
    errors: tuple[bool, ...]


# Per rule set (kept alive here with it), so that each row costs one pass over the statuses.
_PLANS: dict[int, tuple[RuleSet, _Plan]] = {}


def _plan(rules: RuleSet) -> _Plan:
    entry = _PLANS.get(id(rules))
    if entry is None or entry[0] is not rules:
        instances = rules.instances()
        plan = _Plan(
            tuple(i.id for i in instances),
            tuple(i.family for i in instances),
            tuple(i.severity.value for i in instances),
            tuple(i.severity is Severity.ERROR for i in instances),
        )
        if len(_PLANS) > 16:
            _PLANS.clear()
        entry = _PLANS[id(rules)] = (rules, plan)
    return entry[1]


def _unchecked_reason(result: ValidationResult) -> str | None:
    """Say why error rules were not evaluated, when the text lost their cells."""
    lost = [
        na
        for na in result.not_evaluated
        if na.severity is Severity.ERROR and str(na.reason) in _LOST
    ]
    if not lost:
        return None
    return (
        f"{len(lost)} error rule instance(s) not evaluated: the text does not give their "
        f"cells (a table missing or cut off, or a cell left unresolved), e.g. {lost[0].rule_id}"
    )


def result_row(
    path: str,
    result: ValidationResult,
    *,
    seconds: float = 0.0,
    detail: Literal["none", "text", "json", "markdown"] = "none",
) -> Row:
    """Return the :class:`Row` of a validation result (the report itself is not kept).

    One pass over the statuses; the details of violations and of rules not
    evaluated are worked out only when an error rule could not be evaluated
    or *detail* asks for them.
    """
    from govinfo_report.rules import Status as RuleStatus

    plan = _plan(result.rules)
    fail, na = RuleStatus.FAIL, RuleStatus.NA
    failed: list[int] = []
    error_na = False
    passed = not_evaluated = 0
    for k, outcome in enumerate(result.statuses):
        if outcome is fail:
            failed.append(k)
        elif outcome is na:
            not_evaluated += 1
            error_na = error_na or plan.errors[k]
        else:
            passed += 1
    errors = sum(plan.errors[k] for k in failed)
    families: dict[str, str] = {}
    for k in failed:
        if families.get(plan.families[k]) != "error":
            families[plan.families[k]] = plan.severities[k]
    reason = _unchecked_reason(result) if error_na else None
    status: RowStatus = "unchecked" if reason else ("ok" if errors == 0 else "invalid")
    report = result.report
    provenance = report.provenance
    diagnostics = tuple(str(d) for d in provenance.diagnostics) if provenance is not None else ()
    text: str | dict[str, Any] | None = None
    if detail == "text":
        text = result.to_text(source=path)
        if status == "unchecked":  # the result's own verdict would say OK: it is not
            head, _, rest = text.partition("\n")
            verdict = head.removeprefix(f"{path}: ").removeprefix("OK: ")
            text = f"{path}: COULD NOT BE CHECKED: {reason}; {verdict}\n{rest}"
    elif detail == "markdown":
        text = result.to_markdown(source=path)
        if status == "unchecked":
            head, sep, rest = text.partition("\n\nOK: ")
            text = f"{head}{sep[:2]}COULD NOT BE CHECKED: {reason}; {rest}" if sep else text
    elif detail == "json":
        text = {"file": path, "status": status, **result.to_dict()}
        if status == "unchecked":
            text["ok"] = False
            text["reason"] = reason
        if diagnostics:
            text["diagnostics"] = list(diagnostics)
    return Row(
        path=path,
        status=status,
        reason=reason,
        agency=report.meta.agency,
        year=report.meta.year,
        format=provenance.format if provenance is not None else None,
        passed=passed,
        failed=len(failed),
        not_evaluated=not_evaluated,
        errors=errors,
        warnings=len(failed) - errors,
        failed_rules=tuple(plan.ids[k] for k in failed),
        failed_families=tuple(families.items()),
        inferred=len(result.inferred_cells),
        diagnostics=diagnostics,
        seconds=seconds,
        detail=text,
    )


def _unreadable(path: str, reason: str, seconds: float, detail: str) -> Row:
    data: str | dict[str, Any] | None = None
    if detail == "json":
        data = {"file": path, "status": "unreadable", "ok": False, "error": reason}
    elif detail != "none":
        data = f"{path}: cannot read: {_without_path(reason, path)}"
    return Row(path=path, status="unreadable", reason=reason, seconds=seconds, detail=data)


def _on_alarm(signum: int, frame: object) -> None:
    del signum, frame
    raise FileTimeout


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`FileTimeout` in the block after *seconds* (main thread only)."""
    if (
        seconds is None
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _check(path: str, options: CheckOptions, read: Callable[[], Report]) -> Row:
    from govinfo_report.rules import RULES_2021, validate

    start = time.perf_counter()
    try:
        with time_budget(options.budget):
            report = read()
            result = validate(
                report,
                RULES_2021 if options.rules is None else options.rules,
                previous=options.previous,
                blank_as_zero=options.blank_as_zero,
            )
            return result_row(
                path, result, seconds=time.perf_counter() - start, detail=options.detail
            )
    except FileTimeout:
        reason = f"{path}: took longer than the time budget of {options.budget:g} s; given up"
    except (GovinfoReportError, OSError, RecursionError, MemoryError) as exc:
        reason = _one_line(exc)
    return _unreadable(path, reason, time.perf_counter() - start, options.detail)


def check_file(path: str, options: CheckOptions | None = None) -> Row:
    """Read and validate one file and return its summary :class:`Row`; never raises for the file.

    The work of one file in a batch, as a pure function (path in, row out)
    that any engine can map over many paths: a file that cannot be read, is
    not a report, or takes longer than ``options.budget`` seconds is a row
    with its reason.

    >>> from govinfo_report.batch import check_file
    >>> check_file("tests/fixtures/corpus/seed-000.txt").status
    'ok'
    >>> check_file("no/such/file.txt").reason
    'no/such/file.txt: No such file or directory'

    .. versionadded:: 0.1.0
    """
    options = options or CheckOptions()
    return _check(
        path,
        options,
        functools.partial(
            load, path, format=options.format, lenient=options.lenient, max_bytes=options.max_bytes
        ),
    )


def check_reports(
    path: str, options: CheckOptions | None = None, *, data: bytes | None = None
) -> list[Row]:
    """Check every report of one file (or of *data*, named *path*): a :class:`Row` each.

    A file of JSON lines holding several reports (what ``govinfo-report
    generate`` prints) gives one row per line, named ``FILE:LINE``; a line
    that cannot be read is an ``unreadable`` row and the next lines are
    still checked.  Any other file gives the one row of :func:`check_file`.
    Never raises for the file.

    .. versionadded:: 0.1.0
    """
    options = options or CheckOptions()
    readings = each_report(
        path,
        format=options.format,
        lenient=options.lenient,
        max_bytes=options.max_bytes,
        data=data,
    )
    return [_check(name, options, read) for name, read in readings]


def check_item(item: str | LineOfFile, options: CheckOptions) -> list[Row]:
    """Check a file (every report of it), or one line of a JSON-lines file: what a worker is handed."""
    if isinstance(item, str):
        return check_reports(item, options)
    name, read = item.reading(lenient=options.lenient, max_bytes=options.max_bytes)
    return [_check(name, options, read)]


def check_text(text: str | bytes, options: CheckOptions | None = None, *, name: str) -> Row:
    """Check a report given as text or bytes (standard input, say), named *name* in the row.

    Bytes are read as a file's would be: a PDF or Word document by its bytes,
    anything else decoded as text.
    """
    options = options or CheckOptions()
    return _check(
        name,
        options,
        functools.partial(
            loads,
            text,
            format=options.format,
            lenient=options.lenient,
            source=name,
            max_bytes=options.max_bytes,
        ),
    )
