"""govinfo_report: China's 政府信息公开工作年度报告 as data.

Read a report in any of its real-world renderings, check its accounting
identities (勾稽关系), write it back out, or generate synthetic ones.

>>> import govinfo_report as gr
>>> report = gr.Report.from_cells({"t3.new_received.total": 26})
>>> report.t3.new_received.total.value
26

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govinfo_report import exceptions, schema
from govinfo_report.codecs import (
    FORMATS,
    detect_format,
    dump,
    dumps,
    iter_load,
    iter_loads,
    load,
    loads,
)
from govinfo_report.exceptions import (
    GovinfoReportError,
    InputTooLarge,
    InvalidArgument,
    InvalidCellError,
    MissingExtraError,
    ParseError,
    ReportInvalid,
    RuleDefinitionError,
    StructureError,
    UnknownPathError,
)
from govinfo_report.schema import (
    CELL_PATHS,
    FORMAT_2021,
    Cell,
    CellOrigin,
    CellPath,
    CellValue,
    Diagnostic,
    Presence,
    Provenance,
    Report,
    ReportMeta,
    Section,
    Severity,
)

if TYPE_CHECKING:
    from govinfo_report import batch, strategies, synthetic
    from govinfo_report.batch import BatchResult, validate_files
    from govinfo_report.rules import RULES_2021, Rule, RuleSet, ValidationResult, validate
    from govinfo_report.synthetic import BrokenReport, generate, generate_batch

__all__ = [
    "CELL_PATHS",
    "FORMATS",
    "FORMAT_2021",
    "RULES_2021",
    "BatchResult",
    "BrokenReport",
    "Cell",
    "CellOrigin",
    "CellPath",
    "CellValue",
    "Diagnostic",
    "GovinfoReportError",
    "InputTooLarge",
    "InvalidArgument",
    "InvalidCellError",
    "MissingExtraError",
    "ParseError",
    "Presence",
    "Provenance",
    "Report",
    "ReportInvalid",
    "ReportMeta",
    "Rule",
    "RuleDefinitionError",
    "RuleSet",
    "Section",
    "Severity",
    "StructureError",
    "UnknownPathError",
    "ValidationResult",
    "__version__",
    "batch",
    "detect_format",
    "dump",
    "dumps",
    "exceptions",
    "generate",
    "generate_batch",
    "iter_load",
    "iter_loads",
    "load",
    "loads",
    "schema",
    "strategies",
    "synthetic",
    "validate",
    "validate_files",
]

# Names loaded on first use, so that ``import govinfo_report`` stays cheap:
# name -> (module, attribute or "" for the module itself).
_LAZY: dict[str, tuple[str, str]] = {
    "strategies": ("govinfo_report.strategies", ""),
    "RULES_2021": ("govinfo_report.rules", "RULES_2021"),
    "Rule": ("govinfo_report.rules", "Rule"),
    "RuleSet": ("govinfo_report.rules", "RuleSet"),
    "ValidationResult": ("govinfo_report.rules", "ValidationResult"),
    "validate": ("govinfo_report.rules", "validate"),
    "synthetic": ("govinfo_report.synthetic", ""),
    "generate": ("govinfo_report.synthetic", "generate"),
    "generate_batch": ("govinfo_report.synthetic", "generate_batch"),
    "BrokenReport": ("govinfo_report.synthetic", "BrokenReport"),
    "batch": ("govinfo_report.batch", ""),
    "BatchResult": ("govinfo_report.batch", "BatchResult"),
    "validate_files": ("govinfo_report.batch", "validate_files"),
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("govinfo-report")
    try:
        module, attr = _LAZY[name]
    except KeyError:
        msg = f"module 'govinfo_report' has no attribute {name!r}"
        raise AttributeError(msg) from None
    mod = importlib.import_module(module)
    value = getattr(mod, attr) if attr else mod
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
