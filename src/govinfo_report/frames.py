"""Many reports as tables for research: pandas DataFrames and Arrow tables (extra ``[frames]``).

Three shapes:

* **wide** — one row per report: ``file``, ``agency``, ``year``, ``format``,
  then every canonical cell as a nullable integer (the 万元 fee
  ``t2.admin_fees.amount`` as an exact decimal), then ``read.<path>`` for
  each cell: how it was read (``number``, ``inferred``, ``blank``,
  ``marker``, ``text`` or ``absent``);
* **long** — one row per report and cell: ``file``, ``agency``, ``year``,
  ``path``, ``value`` (integer; the fee in ``amount``), ``printed`` (the
  text as printed) and ``read``;
* **violations** — one row per broken rule instance: ``file``, ``rule``,
  ``family``, ``severity``, ``code``, ``cells`` (the paths involved),
  ``lhs``, ``rhs``, ``diff`` and the two messages.

>>> from govinfo_report import frames
>>> df = frames.wide_frame(["tests/fixtures/corpus/seed-000.txt"])
>>> row = df.iloc[0]
>>> row["agency"], int(row["year"]), int(row["t3.new_received.total"]), row["read.t3.granted.total"]
('北京市西城区卫生健康委员会', 2024, 26, 'number')
>>> df["t3.new_received.total"].dtype
Int64Dtype()

Records (plain dicts) are built without pandas or pyarrow, so that worker
processes stay light; :func:`write_table` streams any number of reports to
CSV, Parquet or JSON lines in batches.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from govinfo_report.codecs import load
from govinfo_report.exceptions import GovinfoReportError, MissingExtraError
from govinfo_report.schema import CELL_SPECS, Report

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "TABLES",
    "Errors",
    "Shape",
    "long_frame",
    "long_records",
    "reading",
    "records",
    "schema",
    "table",
    "violation_records",
    "violations_frame",
    "wide_frame",
    "wide_record",
    "write_table",
]

Shape = Literal["wide", "long", "violations"]
"""The shape of a table: ``wide``, ``long`` or ``violations``."""

Errors = Literal["raise", "skip"]
"""What to do with a file that cannot be read: ``raise``, or ``skip`` it."""


#: The table shapes.
TABLES: tuple[Shape, ...] = ("wide", "long", "violations")

_AMOUNT_PRECISION, _AMOUNT_SCALE = 24, 6  # 万元 with up to six decimals, exactly
_META = ("file", "agency", "year", "format")
Item = Report | str | os.PathLike[str]


def _require() -> Any:
    try:
        import pyarrow as pa
    except ImportError:
        raise MissingExtraError("tables for research", "frames") from None
    return pa


def reading(report: Report, path: str) -> str:
    """Return how a cell was read: ``inferred`` (chosen with the identities) or its presence."""
    provenance = report.provenance
    if provenance is not None:
        origin = provenance.cells.get(path)
        if origin is not None and origin.inferred_by:
            return "inferred"
    return report.cell(path).presence.value


def _file(report: Report, file: str | None) -> str | None:
    if file is not None:
        return file
    return report.provenance.source if report.provenance is not None else None


def wide_record(report: Report, *, file: str | None = None) -> dict[str, Any]:
    """Return one report's row of the wide table as a plain dict."""
    provenance = report.provenance
    record: dict[str, Any] = {
        "file": _file(report, file),
        "agency": report.meta.agency,
        "year": report.meta.year,
        "format": provenance.format if provenance is not None else None,
    }
    inferred = provenance.inferred if provenance is not None else {}
    reads: dict[str, str] = {}
    for spec, cell in report.iter_cells():
        record[spec.path] = cell.value
        reads[f"read.{spec.path}"] = "inferred" if spec.path in inferred else cell.presence.value
    record.update(reads)
    return record


def long_records(report: Report, *, file: str | None = None) -> Iterator[dict[str, Any]]:
    """Yield one report's 200 rows of the long table as plain dicts."""
    name = _file(report, file)
    provenance = report.provenance
    inferred = provenance.inferred if provenance is not None else {}
    for spec, cell in report.iter_cells():
        amount = spec.kind == "amount"
        yield {
            "file": name,
            "agency": report.meta.agency,
            "year": report.meta.year,
            "path": spec.path,
            "value": None if amount else cell.value,
            "amount": cell.value if amount else None,
            "printed": cell.printed,
            "read": "inferred" if spec.path in inferred else cell.presence.value,
        }


def violation_records(
    report: Report, *, file: str | None = None, previous: Report | None = None
) -> Iterator[dict[str, Any]]:
    """Validate *report* (``RULES_2021``) and yield one plain dict per violation."""
    from govinfo_report.rules import validate

    name = _file(report, file)
    for v in validate(report, previous=previous).violations:
        yield {
            "file": name,
            "agency": report.meta.agency,
            "year": report.meta.year,
            "rule": v.rule_id,
            "family": v.family,
            "severity": v.severity.value,
            "code": str(v.code),
            "cells": list(v.paths),
            "lhs": _decimal(v.lhs),
            "rhs": _decimal(v.rhs),
            "diff": _decimal(v.diff),
            "message_zh": v.message_zh,
            "message_en": v.message_en,
        }


def _decimal(value: int | Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def records(report: Report, shape: Shape, *, file: str | None = None) -> list[dict[str, Any]]:
    """Return one report's rows of a table of the given shape."""
    if shape == "wide":
        return [wide_record(report, file=file)]
    if shape == "long":
        return list(long_records(report, file=file))
    return list(violation_records(report, file=file))


def schema(shape: Shape) -> pa.Schema:
    """Return the Arrow schema of a table shape."""
    pa = _require()
    amount = pa.decimal128(_AMOUNT_PRECISION, _AMOUNT_SCALE)
    head = [
        pa.field("file", pa.string()),
        pa.field("agency", pa.string()),
        pa.field("year", pa.int32()),
    ]
    if shape == "wide":
        fields = [*head, pa.field("format", pa.string())]
        fields += [
            pa.field(s.path, amount if s.kind == "amount" else pa.int64())
            for s in CELL_SPECS.values()
        ]
        fields += [
            pa.field(f"read.{s.path}", pa.dictionary(pa.int8(), pa.string()))
            for s in CELL_SPECS.values()
        ]
        return pa.schema(fields)
    if shape == "long":
        return pa.schema(
            [
                *head,
                pa.field("path", pa.string()),
                pa.field("value", pa.int64()),
                pa.field("amount", amount),
                pa.field("printed", pa.string()),
                pa.field("read", pa.dictionary(pa.int8(), pa.string())),
            ]
        )
    number = pa.decimal128(_AMOUNT_PRECISION, _AMOUNT_SCALE)
    return pa.schema(
        [
            *head,
            pa.field("rule", pa.string()),
            pa.field("family", pa.string()),
            pa.field("severity", pa.string()),
            pa.field("code", pa.string()),
            pa.field("cells", pa.list_(pa.string())),
            pa.field("lhs", number),
            pa.field("rhs", number),
            pa.field("diff", number),
            pa.field("message_zh", pa.string()),
            pa.field("message_en", pa.string()),
        ]
    )


def _reports(
    items: Iterable[Item], *, lenient: bool, errors: Errors
) -> Iterator[tuple[Report, str | None]]:
    for item in items:
        if isinstance(item, Report):
            yield item, None
            continue
        try:
            yield load(item, lenient=lenient), os.fspath(item)
        except (GovinfoReportError, OSError):
            if errors == "raise":
                raise


def table(
    items: Iterable[Item],
    shape: Shape = "wide",
    *,
    lenient: bool = False,
    errors: Errors = "raise",
) -> pa.Table:
    """Return an Arrow table of the given shape from reports or report files.

    Args:
        items: :class:`~govinfo_report.Report` objects or paths (read with
            :func:`govinfo_report.load`).
        shape: ``wide``, ``long`` or ``violations``.
        lenient: Read files leniently.
        errors: ``raise`` (default) on a file that cannot be read, or
            ``skip`` it.

    Raises:
        MissingExtraError: without pyarrow (``pip install 'govinfo-report[frames]'``).
    """
    pa = _require()
    rows: list[dict[str, Any]] = []
    for report, file in _reports(items, lenient=lenient, errors=errors):
        rows.extend(records(report, shape, file=file))
    return pa.Table.from_pylist(rows, schema=schema(shape))


def _to_pandas(arrow: pa.Table) -> pd.DataFrame:
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("tables for research", "frames") from None
    pa = _require()

    def mapper(dtype: Any) -> Any:
        if pa.types.is_integer(dtype):
            return pd.Int64Dtype()
        if pa.types.is_string(dtype) or pa.types.is_large_string(dtype):
            return pd.StringDtype()
        return None

    frame = arrow.to_pandas(types_mapper=mapper)
    if "year" in frame:
        frame["year"] = frame["year"].astype("Int64")
    return frame


def wide_frame(
    items: Iterable[Item], *, lenient: bool = False, errors: Errors = "raise"
) -> pd.DataFrame:
    """Return the wide table as a DataFrame: cells as ``Int64``, the fee as ``Decimal``, reads as categories.

    The arguments are those of :func:`table`.
    """
    return _to_pandas(table(items, "wide", lenient=lenient, errors=errors))


def long_frame(
    items: Iterable[Item], *, lenient: bool = False, errors: Errors = "raise"
) -> pd.DataFrame:
    """Return the long table (report, path, value, printed text, how read) as a DataFrame."""
    return _to_pandas(table(items, "long", lenient=lenient, errors=errors))


def violations_frame(
    items: Iterable[Item], *, lenient: bool = False, errors: Errors = "raise"
) -> pd.DataFrame:
    """Return the violations (report, rule, severity, cells, lhs, rhs, diff) as a DataFrame."""
    return _to_pandas(table(items, "violations", lenient=lenient, errors=errors))


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def write_table(
    rows: Iterable[list[dict[str, Any]]],
    out: str | os.PathLike[str],
    *,
    shape: Shape = "wide",
    to: Literal["csv", "parquet", "jsonl"] = "parquet",
    batch_rows: int = 2000,
) -> int:
    """Stream rows to *out* in batches (memory bounded by *batch_rows*); return the rows written.

    *rows* yields each report's records (as :func:`records` makes them), so
    that they can come from worker processes.  CSV cells of the ``cells``
    list are joined by spaces; JSON lines keep decimals as strings.
    """
    pa = _require()
    target = schema(shape)
    written = 0
    if to == "jsonl":
        with open(out, "w", encoding="utf-8") as handle:
            for group in rows:
                for record in group:
                    handle.write(json.dumps(record, ensure_ascii=False, default=_jsonable))
                    handle.write("\n")
                    written += 1
        return written
    if to == "csv":
        import pyarrow.csv as pacsv

        if shape == "violations":
            target = target.set(target.get_field_index("cells"), pa.field("cells", pa.string()))
        writer: Any = pacsv.CSVWriter(str(out), _plain(target))
    else:
        import pyarrow.parquet as pq

        writer = pq.ParquetWriter(str(out), target)
    try:
        pending: list[dict[str, Any]] = []
        for group in rows:
            if to == "csv" and shape == "violations":
                group = [r | {"cells": " ".join(r["cells"])} for r in group]  # noqa: PLW2901
            pending.extend(group)
            if len(pending) >= batch_rows:
                writer.write_table(_batch(pa, pending, target, to))
                written += len(pending)
                pending = []
        if pending or written == 0:
            writer.write_table(_batch(pa, pending, target, to))
            written += len(pending)
    finally:
        writer.close()
    return written


def _plain(target: pa.Schema) -> pa.Schema:
    """The schema with dictionary columns as plain strings (CSV has no dictionaries)."""
    pa = _require()
    return pa.schema(
        [pa.field(f.name, pa.string()) if pa.types.is_dictionary(f.type) else f for f in target]
    )


def _batch(pa: Any, pending: list[dict[str, Any]], target: pa.Schema, to: str) -> pa.Table:
    return pa.Table.from_pylist(pending, schema=_plain(target) if to == "csv" else target)
