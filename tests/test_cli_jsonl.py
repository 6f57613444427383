"""Every command reads what ``generate`` writes: JSON lines of several reports, one a line.

Each report of such a file is read on its own and named ``FILE:LINE``; a
damaged line is one unreadable report and the other lines are still read.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import main

BREAKING = ["t3.row_sum[granted]", "t3.processed_sum[natural_person]"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line; return the exit status, stdout and stderr."""
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def three(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """Three reports as JSON lines, written by ``generate``."""
    status, out, _ = run(capsys, "generate", "--count", "3", "--seed", "4")
    assert status == 0
    path = tmp_path / "three.jsonl"
    path.write_text(out, encoding="utf-8")
    return path


@pytest.fixture
def damaged(three: Path, tmp_path: Path) -> Path:
    """The three reports with a broken line between the first and the second, a blank before the third."""
    first, second, third = three.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "damaged.jsonl"
    path.write_text(f"{first}\n{second[:100]}\n\n{third}\n", encoding="utf-8")
    return path


class TestValidate:
    def test_each_report_by_line(self, capsys: pytest.CaptureFixture[str], three: Path) -> None:
        """validate reads each report of the file, one line of output each, named FILE:LINE."""
        status, out, err = run(capsys, "validate", str(three))

        assert status == 0, err
        assert [line.split(": ")[0] for line in out.splitlines()[:3]] == [
            f"{three}:{n}" for n in (1, 2, 3)
        ]
        assert "3 reports: 3 ok" in out
        assert "unreadable" not in err

    def test_breaking_lines(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """``generate --breaking`` lines are reports too: each is checked and fails its rules."""
        argv = ["generate", "--count", "2"]
        for rule in BREAKING:
            argv += ["--breaking", rule]
        _, out, _ = run(capsys, *argv)
        path = tmp_path / "broken.jsonl"
        path.write_text(out, encoding="utf-8")

        status, out, _ = run(capsys, "validate", str(path), "--format", "jsonl")

        rows = [json.loads(line) for line in out.splitlines()]
        assert status == 1
        assert [row["file"] for row in rows] == [f"{path}:1", f"{path}:2"]
        assert all(row["status"] == "invalid" for row in rows)

    def test_damaged_line(self, capsys: pytest.CaptureFixture[str], damaged: Path) -> None:
        """A line that is not JSON is one unreadable report, named by its line; the rest are read."""
        status, out, err = run(capsys, "validate", str(damaged), "--format", "csv")

        rows = list(csv.DictReader(io.StringIO(out)))
        assert status == 2
        assert [(row["path"], row["status"]) for row in rows] == [
            (f"{damaged}:1", "ok"),
            (f"{damaged}:2", "unreadable"),
            (f"{damaged}:4", "ok"),
        ]
        assert f"{damaged}:2: unreadable: column 101: invalid JSON" in err

    def test_with_other_files_on_two_workers(
        self, capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path
    ) -> None:
        """In a folder with other reports, on the pool: the same rows, in order."""
        folder = tmp_path / "many"
        folder.mkdir()
        for i in range(40):
            (folder / f"r{i:02d}.txt").write_text(gr.dumps(gr.generate(i), format="text"))
        (folder / "zz.jsonl").write_bytes(three.read_bytes())

        status, out, _ = run(capsys, "validate", str(folder), "-j", "2", "--format", "jsonl")

        names = [json.loads(line)["file"] for line in out.splitlines()]
        assert status == 0
        assert len(names) == 43
        assert names[-3:] == [f"{folder / 'zz.jsonl'}:{n}" for n in (1, 2, 3)]

    def test_one_report_is_shown_in_full(
        self, capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path
    ) -> None:
        """A file of JSON lines holding one report is one report, named by its path."""
        path = tmp_path / "one.jsonl"
        path.write_text(three.read_text(encoding="utf-8").splitlines()[0] + "\n")

        status, out, _ = run(capsys, "validate", str(path))

        assert status == 0
        assert out.startswith(f"{path}: OK")

    def test_series_reads_lines_back(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--series pairs reports named FILE:LINE and reads them again by that name."""
        last = gr.generate(seed="s", year=2023)
        this = gr.generate(seed="s", year=2024)
        path = tmp_path / "years.jsonl"
        path.write_text(
            gr.dumps(last, format="jsonl") + gr.dumps(this, format="jsonl"), encoding="utf-8"
        )

        status, out, _ = run(capsys, "validate", str(path), "--series")

        assert status == 0
        assert "1 pairs of consecutive years" in out
        assert "could not be checked" not in out.split("series")[1]


class TestOtherCommands:
    def test_cells(self, capsys: pytest.CaptureFixture[str], three: Path) -> None:
        """cells prints one object a report, its file FILE:LINE, its cells those of the report."""
        status, out, _ = run(capsys, "cells", str(three))

        objects = [json.loads(line) for line in out.splitlines()]
        reports = list(gr.iter_load(three))
        assert status == 0
        assert [o["file"] for o in objects] == [f"{three}:{n}" for n in (1, 2, 3)]
        for data, report in zip(objects, reports, strict=True):
            assert data["cells"]["t3.granted.total"] == report.t3.granted.total.value

    def test_cells_damaged(self, capsys: pytest.CaptureFixture[str], damaged: Path) -> None:
        """cells goes on past a damaged line, says which on stderr, exits 2."""
        status, out, err = run(capsys, "cells", str(damaged))

        assert status == 2
        assert len(out.splitlines()) == 2
        assert err.startswith(f"{damaged}:2, column 101: invalid JSON")

    def test_convert(
        self, capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path
    ) -> None:
        """convert writes each report of the file as FILE-LINE with the new suffix."""
        out_dir = tmp_path / "out"

        status, _, err = run(capsys, "convert", str(three), "--to", "text", "-o", str(out_dir))

        written = sorted(out_dir.rglob("*.txt"))
        assert status == 0, err
        assert [p.name for p in written] == ["three-1.txt", "three-2.txt", "three-3.txt"]
        for path, report in zip(written, gr.iter_load(three), strict=True):
            assert gr.load(path).cells() == report.cells()

    def test_export(self, capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path) -> None:
        """export writes a row per report, its file FILE:LINE."""
        out = tmp_path / "wide.csv"

        status, _, _ = run(capsys, "export", str(three), "--to", "csv", "-o", str(out))

        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert status == 0
        assert [row["file"] for row in rows] == [f"{three}:{n}" for n in (1, 2, 3)]

    def test_report(self, capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path) -> None:
        """report writes a page per report of the file."""
        folder = tmp_path / "pages"

        status, _, err = run(capsys, "report", str(three), "-o", str(folder))

        assert status == 0, err
        assert len(list((folder / "reports").glob("*.html"))) == 3
        index = (folder / "index.html").read_text(encoding="utf-8")
        assert all(f"three.jsonl:{n}" in index for n in (1, 2, 3))


def test_generate_piped_into_validate() -> None:
    """``generate --count 3 | validate -``: the three reports from stdin, <stdin>:LINE each."""
    command = [sys.executable, "-m", "govinfo_report"]
    generated = subprocess.run(
        [*command, "generate", "--count", "3"], capture_output=True, check=True
    )

    done = subprocess.run(
        [*command, "validate", "-"], input=generated.stdout, capture_output=True, check=False
    )

    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert [line.split(": ")[0] for line in out.splitlines()[:3]] == [
        "<stdin>:1",
        "<stdin>:2",
        "<stdin>:3",
    ]


class TestLimits:
    def test_max_bytes_per_line(self, capsys: pytest.CaptureFixture[str], three: Path) -> None:
        """--max-bytes applies to each line: a longer line is refused, not read into memory."""
        status, _, err = run(capsys, "validate", str(three), "--max-bytes", "1k", "-q")

        assert status == 2
        assert err.count("input too large") == 3
        assert f"{three}:3: unreadable" in err

    def test_one_endless_line(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file of one line longer than any limit is refused by its size, as before."""
        path = tmp_path / "endless.jsonl"
        path.write_bytes(b"{" + b"x" * (2 << 20) + b"}")

        status, _, err = run(capsys, "cells", str(path), "--max-bytes", "1M")

        assert status == 2
        assert "input too large" in err


class TestUtf16:
    """JSON lines as a Windows shell's ``>`` writes them: UTF-16 with a byte order mark."""

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
    def test_each_report_of_utf16_lines(
        self, capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path, encoding: str
    ) -> None:
        text = three.read_text(encoding="utf-8")
        path = tmp_path / "three16.jsonl"
        bom = b"\xfe\xff" if encoding == "utf-16-be" else b""
        path.write_bytes(bom + text.encode(encoding))

        status, out, err = run(capsys, "validate", str(path))
        assert status == 0, err
        assert "3 reports: 3 ok" in out

        status, out, err = run(capsys, "cells", str(path))
        assert status == 0, err
        got = [json.loads(line) for line in out.splitlines()]
        _, out8, _ = run(capsys, "cells", str(three))  # the same reports, UTF-8
        expected = [json.loads(line) for line in out8.splitlines()]
        assert [g["file"] for g in got] == [f"{path}:{n}" for n in (1, 2, 3)]
        assert [g["cells"] for g in got] == [e["cells"] for e in expected]

    def test_a_damaged_character_spoils_its_line_only(
        self, capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path
    ) -> None:
        """A lone surrogate in line 2 (not UTF-16): line 2 unreadable, lines 1 and 3 read."""
        first, second, third = three.read_text(encoding="utf-8").splitlines()
        data = "\n".join((first, second, third)).encode("utf-16-le")
        at = 2 * (len(first) + 1 + 40)  # a character inside the second line
        data = b"\xff\xfe" + data[:at] + b"\x00\xd8" + data[at + 2 :]
        path = tmp_path / "damaged16.jsonl"
        path.write_bytes(data)

        status, out, err = run(capsys, "validate", str(path))

        assert status == 2
        assert "3 reports: 2 ok, 0 invalid, 0 could not be checked, 1 unreadable" in out
        assert f"{path}:2: unreadable" in err
        assert "Traceback" not in err

    def test_utf16_lines_from_stdin(self, three: Path) -> None:
        data = b"\xff\xfe" + three.read_text(encoding="utf-8").encode("utf-16-le")
        names = [name for name, _ in gr.batch.each_report("-", data=data)]

        assert names == ["-:1", "-:2", "-:3"]
