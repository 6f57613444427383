"""The public surface: what ``import govinfo_report`` offers, and what it costs."""

from __future__ import annotations

import subprocess
import sys

import govinfo_report as gr

# A checked-in snapshot: a change to the public names must change this list on purpose.
PUBLIC = [
    "BatchResult",
    "BrokenReport",
    "CELL_PATHS",
    "Cell",
    "CellOrigin",
    "CellPath",
    "CellValue",
    "Diagnostic",
    "FORMATS",
    "FORMAT_2021",
    "GovinfoReportError",
    "InputTooLarge",
    "InvalidArgument",
    "InvalidCellError",
    "MissingExtraError",
    "ParseError",
    "Presence",
    "Provenance",
    "RULES_2021",
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


class TestPublicApi:
    def test_all_is_pinned(self) -> None:
        """``__all__`` equals the checked-in snapshot."""
        assert sorted(PUBLIC) == sorted(gr.__all__)

    def test_every_name_resolves(self) -> None:
        """Every name of ``__all__`` can be got from the package."""
        for name in gr.__all__:
            assert getattr(gr, name) is not None, name

    def test_version(self) -> None:
        """The version is the installed distribution's."""
        from importlib.metadata import version

        assert version("govinfo-report") == gr.__version__

    def test_import_is_cheap(self) -> None:
        """``import govinfo_report`` loads neither Hypothesis, the rules, nor the generator."""
        code = (
            "import sys, govinfo_report; "
            "print(sorted(m for m in ('hypothesis', 'govinfo_report.rules', "
            "'govinfo_report.synthetic', 'govinfo_report.strategies', 'govinfo_report.batch', "
            "'bs4', 'yaml') "
            "if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "[]"
