"""Read a real report, check it, break it, and let validation find the broken cell.

Run: ``.venv/bin/python examples/validate_seed.py [REPORT]`` (defaults to seed 000).
"""

from __future__ import annotations

import sys
from pathlib import Path

import govinfo_report as gr

SEED = (
    Path(__file__).resolve().parent.parent
    / "tests"
    / "fixtures"
    / "seeds"
    / "000_6d6ca11b518e5ab9.txt"
)


def main(path: Path) -> int:
    """Validate *path*, then a copy with one mistyped cell; return 0 when all went as expected."""
    report = gr.load(path)
    print(f"{report.meta.agency} {report.meta.year}: {len(gr.CELL_PATHS)} cells read")
    result = gr.validate(report)
    print(result.summary())

    # One mistyped cell: 6 printed as 60.
    broken = report.with_cells({"t3.denied_enforcement_file.natural_person": 60})
    found = gr.validate(broken)
    for violation in found.violations:
        print(violation.explain())
    for correction in found.corrections:
        print(correction.message_zh)
    return 0 if result.ok and not found.ok else 1


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEED))
