"""JSON lines (format ``"jsonl"``): one JSON report per line.

``govinfo-report generate`` prints its reports this way: each line is a
report as :mod:`govinfo_report.codecs.json` writes it (on one line), or,
with ``--breaking``, ``{"report": …, "expected_violations": […]}``.  Blank
lines are skipped.

:func:`loads` reads a text of exactly one report (a file with several is
refused, naming how many); :func:`iter_loads` (and
:func:`govinfo_report.iter_load`) yields every report of the text, one at a
time.  :func:`dumps` writes one report as one line.

>>> import govinfo_report as gr
>>> from govinfo_report.codecs import jsonl
>>> report = gr.Report.from_cells({"t3.granted.total": 9})
>>> text = jsonl.dumps(report) + jsonl.dumps(report)
>>> [r.t3.granted.total.value for r in jsonl.iter_loads(text)]
[9, 9]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo_report.codecs import _json_text
from govinfo_report.codecs._json_report import structure_report
from govinfo_report.exceptions import InputTooLarge, ParseError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from govinfo_report.schema import Report

__all__ = ["dumps", "iter_loads", "loads", "looks_like_json_lines"]


def looks_like_json_lines(text: str) -> bool:
    """Whether *text* is JSON lines: its first non-blank line is a whole JSON object.

    >>> looks_like_json_lines('{"a": 1}\\n{"a": 2}\\n'), looks_like_json_lines('{\\n  "a": 1\\n}\\n')
    (True, False)
    """
    for line in text.removeprefix("\ufeff").splitlines():
        stripped = line.strip()
        if stripped:
            return len(stripped) > 1 and stripped[0] == "{" and stripped[-1] == "}"
    return False


def iter_loads(
    text: str,
    *,
    lenient: bool = False,
    source: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Report]:
    """Yield the report of every non-blank line of *text*, in order.

    Each report's provenance names its line: ``source:LINE`` (``<string>:LINE``
    for a string without a source).

    Args:
        text: The JSON lines.
        lenient: Read each report leniently (see :func:`govinfo_report.codecs.json.loads`).
        source: A name for messages (usually the file name).
        max_bytes: The largest line to accept, in bytes (default: the
            ``json`` reader's limit).

    Raises:
        ParseError: for a line that is not JSON, naming the line.
        StructureError: for a line that is JSON but not a report (strict mode).
    """
    return _iter(text, lenient=lenient, source=source, max_bytes=max_bytes, by_line=True)


def _iter(
    text: str, *, lenient: bool, source: str | None, max_bytes: int | None, by_line: bool
) -> Iterator[Report]:
    from govinfo_report.codecs import FORMATS

    limit = max_bytes if max_bytes is not None else FORMATS["jsonl"].max_bytes
    converter = _json_text.shared_converter()
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source or '<string>'}:{number}" if by_line else source
        size = len(line.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise InputTooLarge(size, limit, format="jsonl", source=where)
        try:
            data = _json_text.parse(line, source=source)
        except ParseError as exc:
            raise ParseError(
                exc.detail,
                source=source,
                line=number,
                column=exc.column,
                expected=exc.expected,
                got=exc.got,
            ) from None
        yield structure_report(
            _json_text.unwrap(data),
            converter,
            lenient=lenient,
            source=where,
            source_format="jsonl",
        )


def loads(text: str, *, lenient: bool = False, source: str | None = None) -> Report:
    """Read the one report of JSON lines *text*.

    Raises:
        ParseError: for an empty text, a line that is not JSON, or more
            than one report (read those with :func:`iter_loads`).
        StructureError: for a line that is JSON but not a report (strict mode).
    """
    reports = _iter(text, lenient=lenient, source=source, max_bytes=None, by_line=False)
    first = next(reports, None)
    if first is None:
        raise ParseError("empty input", source=source, expected="a JSON report per line")
    if next(reports, None) is not None:
        count = sum(1 for line in text.splitlines() if line.strip())
        raise ParseError(
            f"JSON lines with {count} reports, not one",
            source=source,
            expected="one report (govinfo_report.iter_load() reads them one by one)",
        )
    return first


def dumps(report: Report) -> str:
    """Write *report* as one line of JSON (with its provenance) and a line break."""
    return _json_text.dumps(report, indent=None)
