"""The command line on many reports: inputs, formats, summary, stderr, exit statuses, stdin."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.rules.series import HIERARCHY_2021, SERIES_2021

from .conftest import CORPUS, SEEDS


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 reports under two year folders: every fourth broken, one cut off; plus a non-report."""
    root = tmp_path_factory.mktemp("batch")
    for i in range(40):
        year = root / str(2021 + i % 2)
        year.mkdir(exist_ok=True)
        if i % 4 == 3:
            report = gr.generate(i, breaking=["t3.row_sum[granted]", "t3.processed_sum[total]"])
            text = gr.dumps(report.report, format="text")
        else:
            text = gr.dumps(gr.generate(i), format="text")
        if i == 10:
            text = text[: len(text) // 2]
        (year / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
    (root / "README").write_text("not a report", encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line; return the exit status, stdout and stderr."""
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make *data* the standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


class TestValidateMany:
    def test_directory(self, capsys, folder):
        """A folder: one line per report (in path order), unreadable on stderr, then the summary."""
        status, out, err = run(capsys, "validate", str(folder), "--jobs", "1")

        lines = out.splitlines()
        assert status == 2
        assert len([line for line in lines if line.startswith(str(folder))]) == 39
        assert lines[0].startswith(f"{folder / '2021' / 'r00.txt'}: ok (")
        assert any(line.startswith(f"{folder / '2022' / 'r03.txt'}: INVALID:") for line in lines)
        assert f"{folder / '2021' / 'r10.txt'}: unreadable: line " in err
        assert "r10.txt" not in out.split("\n\n")[0]
        assert "40 reports: 29 ok, 10 invalid, 0 could not be checked, 1 unreadable" in out
        assert re.search(r"^t3\.row_sum +error +10 +25\.6 % +\S+r03\.txt$", out, re.MULTILINE)
        assert "worst reports:" in out

    def test_quiet(self, capsys, folder):
        """--quiet: the summary alone on stdout."""
        status, out, _ = run(capsys, "validate", str(folder), "-q", "-j", "1")

        assert status == 2
        assert out.startswith("40 reports: 29 ok, 10 invalid")

    def test_pool_gives_the_same_lines(self, capsys, folder):
        """With two workers the per-file lines are the same, in the same order."""
        _, one, _ = run(capsys, "validate", str(folder), "-j", "1")
        _, two, _ = run(capsys, "validate", str(folder), "-j", "2")

        def files(out: str) -> list[str]:
            return [
                line.rsplit(" (", 1)[0] for line in out.split("\n\n", maxsplit=1)[0].splitlines()
            ]

        assert files(one) == files(two)

    def test_csv(self, capsys, folder):
        """CSV: a header and one row per file (unreadable ones too), results only on stdout."""
        status, out, err = run(capsys, "validate", str(folder), "--format", "csv", "-j", "1")

        rows = list(csv.DictReader(io.StringIO(out)))
        assert status == 2
        assert len(rows) == 40
        broken = next(r for r in rows if r["path"].endswith("r03.txt"))
        assert (broken["status"], broken["errors"], broken["exit_status"]) == ("invalid", "2", "1")
        assert set(broken["failed_rules"].split()) == {
            "t3.row_sum[granted]",
            "t3.processed_sum[total]",
        }
        cut = next(r for r in rows if r["path"].endswith("r10.txt"))
        assert cut["status"] == "unreadable"
        assert "the text ends inside table" in cut["reason"]
        assert "r10.txt: unreadable: " in err
        assert err.splitlines()[-1].startswith("40 reports: 29 ok, 10 invalid, 0 could not be")

    def test_jsonl(self, capsys, folder):
        """JSON lines: one full object per file, with its status."""
        _, out, _ = run(capsys, "validate", str(folder), "--format", "jsonl", "-j", "1")

        objects = [json.loads(line) for line in out.splitlines()]
        assert len(objects) == 40
        assert {o["status"] for o in objects} == {"ok", "invalid", "unreadable"}
        broken = next(o for o in objects if o["file"].endswith("r03.txt"))
        assert {v["rule"] for v in broken["violations"]} == {
            "t3.row_sum[granted]",
            "t3.processed_sum[total]",
        }

    def test_json_is_one_array(self, capsys, folder):
        """JSON: one array, one object per file."""
        _, out, _ = run(capsys, "validate", f"{folder}/2022", "--format", "json", "-j", "1")

        data = json.loads(out)
        assert [d["file"] for d in data] == [str(p) for p in sorted((folder / "2022").iterdir())]

    def test_glob_and_list(self, capsys, folder, tmp_path):
        """Globs and @LIST files are expanded; a list may name folders."""
        listing = tmp_path / "list.txt"
        listing.write_text(f"{folder / '2021' / 'r00.txt'}\n# a comment\n{folder / '2022'}\n")

        _, by_list, _ = run(capsys, "validate", f"@{listing}", "-q", "-j", "1")
        _, by_glob, _ = run(capsys, "validate", f"{folder}/**/r0*.txt", "-q", "-j", "1")

        assert by_list.startswith("21 reports: ")
        assert by_glob.startswith("10 reports: ")

    def test_paths_on_stdin(self, capsys, folder, monkeypatch):
        """'-' whose first line names a file reads paths from stdin."""
        names = "\n".join(str(p) for p in sorted((folder / "2021").iterdir())) + "\n"
        feed_stdin(monkeypatch, names.encode())

        status, out, _ = run(capsys, "validate", "-", "-q", "-j", "1")

        assert status == 2
        assert out.startswith("20 reports: ")

    def test_summary_json(self, capsys, folder, tmp_path):
        """--summary-json writes the summary's counts, families and worst files."""
        out_file = tmp_path / "summary.json"

        run(capsys, "validate", str(folder), "-q", "-j", "1", "--summary-json", str(out_file))

        data = json.loads(out_file.read_text("utf-8"))
        assert (data["files"], data["ok"], data["invalid"], data["unreadable"]) == (40, 29, 10, 1)
        assert {f["family"] for f in data["families"]} == {"t3.row_sum", "t3.processed_sum"}

    def test_progress_bar_on_stderr(self, capsys, folder):
        """--progress draws a bar on stderr, never on stdout."""
        _, out, err = run(capsys, "validate", str(folder), "-q", "-j", "1", "--progress")

        assert "40 files" in err
        assert "files/s" in err
        assert "\r" not in out

    def test_glob_without_match_is_a_usage_error(self, capsys, tmp_path):
        """A glob matching nothing: exit 2 with one line on stderr."""
        status, _, err = run(capsys, "validate", f"{tmp_path}/*.none")

        assert status == 2
        assert err.startswith("govinfo-report: error: ")


class TestOneReport:
    def test_report_on_stdin(self, capsys, monkeypatch):
        """'-' holding a report validates it in full, named <stdin>."""
        feed_stdin(monkeypatch, SEEDS["seed-000"].read_bytes())

        status, out, _ = run(capsys, "validate", "-")

        assert status == 0
        assert out.startswith("<stdin>: OK: ")

    def test_report_on_stdin_after_blank_lines(self, capsys, monkeypatch):
        """A report whose text starts with blank lines is still a report, not a list of paths."""
        feed_stdin(monkeypatch, b"\n\n" + SEEDS["seed-000"].read_bytes())

        status, out, _ = run(capsys, "validate", "-")

        assert status == 0
        assert out.startswith("<stdin>: OK: ")

    def test_unreadable_goes_to_stderr(self, capsys, tmp_path):
        """A file that cannot be read: its error on stderr, nothing on stdout, exit 2."""
        status, out, err = run(capsys, "validate", str(tmp_path / "missing.txt"))

        assert status == 2
        assert out == ""
        assert err.strip() == f"{tmp_path / 'missing.txt'}: unreadable: No such file or directory"

    def test_lenient_cut_off_never_ok(self, capsys):
        """--lenient on a cut-off page: the reader's warnings on stderr, COULD NOT BE CHECKED, exit 3."""
        status, out, err = run(capsys, "validate", "--lenient", str(CORPUS / "005.txt"))

        assert status == 3
        assert out.startswith(f"{CORPUS / '005.txt'}: COULD NOT BE CHECKED: ")
        assert "OK" not in out.splitlines()[0]
        assert "table 四 is not in the text" in err

    def test_lenient_json_not_ok(self, capsys):
        """In JSON a report that could not be checked has ok false and its reason."""
        status, out, _ = run(
            capsys, "validate", "--lenient", str(CORPUS / "005.txt"), "--format", "json"
        )

        data = json.loads(out)[0]
        assert status == 3
        assert (data["status"], data["ok"]) == ("unchecked", False)
        assert "not evaluated" in data["reason"]


class TestCellsAndConvert:
    def test_cells_many_as_json_lines(self, capsys, folder):
        """cells on a folder: one JSON line per report; the unreadable one on stderr, exit 2."""
        status, out, err = run(capsys, "cells", f"{folder}/2021", "-j", "1")

        lines = [json.loads(line) for line in out.splitlines()]
        assert status == 2
        assert len(lines) == 19
        first = gr.load(folder / "2021" / "r00.txt").cells()
        assert lines[0]["file"] == str(folder / "2021" / "r00.txt")
        assert lines[0]["cells"]["t3.new_received.total"] == first["t3.new_received.total"]
        assert "r10.txt" in err

    def test_cells_from_stdin(self, capsys, monkeypatch):
        """cells - reads one report from stdin."""
        feed_stdin(monkeypatch, SEEDS["seed-004"].read_bytes())

        status, out, _ = run(capsys, "cells", "-")

        expected = {p: v for p, v in gr.load(SEEDS["seed-004"]).cells().items() if v is not None}
        data = json.loads(out)
        assert status == 0
        assert {p: data[p] for p in expected} == {
            p: (str(v) if not isinstance(v, int) else v) for p, v in expected.items()
        }

    def test_convert_many_into_a_folder(self, capsys, folder, tmp_path):
        """convert on many reports writes each under -o at its own relative path."""
        out_dir = tmp_path / "out"

        status, _, err = run(
            capsys, "convert", f"{folder}/2022", "--to", "json", "-o", str(out_dir), "-j", "2"
        )

        written = sorted(out_dir.rglob("*.json"))
        assert status == 0, err
        assert len(written) == 20
        source = folder / "2022" / "r01.txt"
        target = next(p for p in written if p.name == "r01.json")
        assert gr.load(target) == gr.load(source)

    def test_convert_many_needs_a_folder(self, capsys, folder):
        """Without -o, many reports are a usage error."""
        status, _, err = run(capsys, "convert", f"{folder}/2022", "--to", "json")

        assert status == 2
        assert "need -o FOLDER" in err

    def test_convert_from_stdin(self, capsys, monkeypatch):
        """convert - reads one report from stdin."""
        feed_stdin(monkeypatch, SEEDS["seed-000"].read_bytes())

        status, out, _ = run(capsys, "convert", "-", "--to", "json")

        assert status == 0
        assert gr.loads(out) == gr.load(SEEDS["seed-000"])


class TestRulesSets:
    def test_series_and_hierarchy_rules_are_listed(self, capsys):
        """``rules --set`` lists the cross-year and hierarchy rules like the others, as data."""
        status, out, _ = run(capsys, "rules", "--set", "hierarchy", "--format", "json")
        ids = {row["id"] for row in json.loads(out)}

        assert status == 0
        assert ids == {i.id for i in HIERARCHY_2021.instances()}
        assert any(i.startswith("hierarchy.") for i in ids)

        status, out, _ = run(capsys, "rules", "--set", "series", "--format", "json")
        assert {row["id"] for row in json.loads(out)} == {i.id for i in SERIES_2021.instances()}
