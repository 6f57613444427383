"""Every script in examples/ runs and does what its docstring says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _run(name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


class TestExamples:
    @pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.py")))
    def test_runs_cleanly(self, name: str) -> None:
        """The example exits 0 and writes nothing to stderr."""
        done = _run(name)
        assert (done.returncode, done.stderr) == (0, "")

    def test_validate_seed_names_the_mistyped_cell(self) -> None:
        """validate_seed.py finds the cell it mistyped and its consistent value."""
        out = _run("validate_seed.py").stdout
        assert "北京市西城区卫生健康委员会 2024" in out
        assert "三、（三）7.属于行政执法案卷 / 自然人 应为 6（印为 60）" in out
