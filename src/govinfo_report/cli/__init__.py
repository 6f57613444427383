"""The ``govinfo-report`` command line (also ``python -m govinfo_report``).

Exit status: 0 success (for ``validate``: no error-severity violation),
1 a report breaks an error rule, 2 unreadable input or a usage error,
3 (``validate``) a report read but error rules not evaluated (141 when
the output pipe closes early, as with ``| head``; 130 on Ctrl-C; 70 for
an internal error, a bug of the library, reported as one line too: set
``GOVINFO_REPORT_TRACEBACK=1`` to see its traceback).
Every failure prints one clear line on stderr, never a traceback.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import TYPE_CHECKING

from govinfo_report.exceptions import GovinfoReportError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

#: The exit status of an internal error (a bug, not bad input): EX_SOFTWARE of sysexits.h.
EXIT_INTERNAL = 70

#: The most characters of one error line (the rest is cut, saying how long it was).
ERROR_LINE_LENGTH = 1000

#: Subcommand modules, in the order ``--help`` lists them.  Each has
#: ``register(subparsers)``, which sets ``run`` (``args -> int``) as default.
COMMANDS = ("cells", "convert", "export", "generate", "report", "validate", "rules")

PROG = "govinfo-report"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    from govinfo_report import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Read, check, convert and generate 政府信息公开工作年度报告 "
            "(government information disclosure annual reports, format of "
            "国办公开办函〔2021〕30号)."
        ),
        epilog=(
            "Exit status: 0 success, 1 a report breaks an error rule, 2 unreadable input or "
            "usage error, 3 a report read but error rules not evaluated (validate), "
            f"{EXIT_INTERNAL} internal error (a bug: please report it)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"govinfo_report.cli._{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # The reader of our output went away (``| head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except (GovinfoReportError, OSError) as exc:
        print(f"{PROG}: error: {error_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print(f"{PROG}: error: out of memory (try a smaller --max-bytes)", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:  # the last resort: a bug must not print a traceback either
        if os.environ.get("GOVINFO_REPORT_TRACEBACK"):
            raise
        print(
            f"{PROG}: internal error: {type(exc).__name__}: {error_line(exc)} "
            "(a bug of govinfo-report; GOVINFO_REPORT_TRACEBACK=1 shows where)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def error_line(exc: BaseException) -> str:
    """Return an exception as one line (file and line numbers kept), cut to 1,000 characters."""
    from govinfo_report.batch import one_line
    from govinfo_report.exceptions import excerpt

    return excerpt(one_line(exc), ERROR_LINE_LENGTH)
