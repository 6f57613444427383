"""The per-file check on an existing distributed engine: Dask on a local cluster."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra is not installed")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dask_check.py"


def test_dask_example_counts_every_report(tmp_path: Path) -> None:
    """examples/dask_check.py maps check_file on two Dask workers: 40 reports, 10 invalid."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("40 reports: 30 ok, 10 invalid, 0 could not be checked")
    assert re.search(r"^t3\.row_sum +error +10 +25\.0 %", done.stdout, re.MULTILINE)
