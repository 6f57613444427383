"""The package's modules stay short, and its readers and schema import without circles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import govinfo_report as gr

PACKAGE_DIR = Path(gr.__file__).parent


def _import_time_imports(path: Path, package: str) -> set[str]:
    """Modules of *package* that *path* imports when it is loaded (not in functions, not typing)."""
    found = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        module = node.module if isinstance(node, ast.ImportFrom) else None
        if module and module.startswith(f"{package}."):
            found.add(module.rsplit(".", 1)[1])
    return found


class TestLayout:
    """One concern a module: no module passes 600 lines, no import runs in a circle."""

    def test_modules_are_short(self):
        """No module of the package passes 600 lines."""
        long = {
            str(path.relative_to(PACKAGE_DIR)): n
            for path in PACKAGE_DIR.rglob("*.py")
            if (n := len(path.read_text("utf-8").splitlines())) > 600
        }
        assert long == {}

    @pytest.mark.parametrize("subpackage", ["codecs", "schema"])
    def test_no_import_circle(self, subpackage):
        """Following the imports made when its modules load never comes back to where it began."""
        package = f"govinfo_report.{subpackage}"
        graph = {
            p.stem: _import_time_imports(p, package)
            for p in (PACKAGE_DIR / subpackage).glob("*.py")
        }

        def reaches(start: str, goal: str, seen: set[str]) -> bool:
            for nxt in graph.get(start, ()):
                if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                    return True
            return False

        assert [m for m in graph if reaches(m, m, {m})] == []
