"""The command line: both doors, conversion, cells, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import main

from .conftest import CORPUS, SEEDS, expected


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestDoors:
    def test_python_dash_m_is_the_console_script(self) -> None:
        """``python -m govinfo_report`` and ``govinfo-report`` run the same main()."""
        done = subprocess.run(
            [sys.executable, "-m", "govinfo_report", "--help"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert done.returncode == 0
        for command in ("cells", "convert", "validate", "rules", "generate"):
            assert command in done.stdout
        script = Path(sys.executable).with_name("govinfo-report")
        same = subprocess.run(
            [str(script), "--help"], capture_output=True, text=True, encoding="utf-8", check=False
        )
        assert same.stdout == done.stdout

    def test_usage_error_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown subcommand is a usage error: exit 2."""
        code, _, err = _run(capsys, "frobnicate")
        assert code == 2
        assert "invalid choice" in err


class TestCells:
    @pytest.mark.parametrize(
        ("name", "said"),
        [
            ("005.txt", "the text ends inside table 三"),
            ("011.txt", "the text ends inside table 三"),
            ("023.txt", "table missing: expected table 二"),
            ("042.html", "the text ends inside table 三"),
        ],
    )
    def test_lenient_partial_pages(
        self, capsys: pytest.CaptureFixture[str], name: str, said: str
    ) -> None:
        """Partial pages give exactly their expected cells, null for the rest, diagnostics on stderr."""
        code, out, err = _run(capsys, "cells", "--lenient", str(CORPUS / name))
        assert code == 0
        assert json.loads(out) == expected(name.split(".", maxsplit=1)[0])["cells"]
        assert said in err


class TestConvert:
    @pytest.mark.parametrize("fmt", ["json", "markdown", "text", "pipe", "html"])
    def test_round_trip_through_files(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
    ) -> None:
        """Converting a seed and reading the result back gives the same report."""
        out_file = tmp_path / f"seed.{fmt}"
        code, _, err = _run(
            capsys, "convert", str(SEEDS["seed-000"]), "--to", fmt, "-o", str(out_file)
        )
        assert (code, err) == (0, "")
        assert gr.load(SEEDS["seed-000"]) == gr.load(out_file)

    def test_stdout(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without -o the converted report goes to stdout."""
        code, out, _ = _run(capsys, "convert", str(SEEDS["seed-004"]), "--to", "json")
        assert code == 0
        assert gr.loads(out) == gr.load(SEEDS["seed-004"])


class TestErrors:
    def test_missing_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A missing file: exit 2 and one line naming it."""
        missing = tmp_path / "nope.txt"
        code, out, err = _run(capsys, "cells", str(missing))
        assert (code, out) == (2, "")
        assert err.count("\n") == 1
        assert str(missing) in err

    def test_binary_junk(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Binary data: exit 2 and one line saying it is not text."""
        junk = tmp_path / "junk.bin"
        junk.write_bytes(bytes(range(256)) * 4)
        code, _, err = _run(capsys, "cells", str(junk))
        assert code == 2
        assert err.count("\n") == 1
        assert f"{junk}: binary data, not a report" in err

    def test_not_a_number_names_the_cell(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A letter in a count: exit 2, and the line names file, line, row, column and path."""
        bad = tmp_path / "bad.txt"
        text = SEEDS["seed-000"].read_text("utf-8").replace("\t290\n", "\t29o\n")
        bad.write_text(text, "utf-8")
        code, _, err = _run(capsys, "cells", str(bad))
        assert code == 2
        assert (
            f"{bad}, line 52, table 二, row 行政处罚, column 本年处理决定数量 "
            "(t2.punishment.decisions): not a number: expected a count, got '29o'"
        ) in err
