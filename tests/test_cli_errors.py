"""The command line's rough edges: one line per error, option names, suffixes, --out, 80 columns."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import EXIT_INTERNAL, main
from govinfo_report.cli._rules import rules_table
from govinfo_report.codecs import format_of_name
from govinfo_report.rules import RuleSet, cell, relation

from .conftest import SEEDS

FUZZ = Path(__file__).parent / "fixtures" / "fuzz"
ROOT = Path(__file__).parent.parent


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


class TestNoTraceback:
    @pytest.mark.parametrize(
        ("name", "said"),
        [
            ("01-bignum-cell.txt", "not a number"),
            ("04-html-deep.html", "table missing"),
            ("06-utf16-odd.txt", "ends in the middle of a character"),
        ],
    )
    def test_hostile_files_are_one_line(
        self, capsys: pytest.CaptureFixture[str], name: str, said: str
    ) -> None:
        """Strict reading of each reproducer: exit 2 and one short line on stderr."""
        code, out, err = _run(capsys, "cells", str(FUZZ / name))

        assert code == 2
        assert out == ""
        assert said in err
        assert err.count("\n") == 1
        assert len(err) < 600
        assert "Traceback" not in err

    def test_lenient_cut_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Lenient: the cut UTF-16 file is read; its diagnostics go to stderr."""
        code, out, err = _run(capsys, "cells", "--lenient", str(FUZZ / "06-utf16-odd.txt"))

        assert code == 0
        assert set(json.loads(out).values()) == {None}
        assert "undecodable" not in out
        assert "ends in the middle of a character" in err

    def test_long_line_is_cut(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A 100 KB cell yields stderr lines of a few hundred characters."""
        text = (FUZZ / "11-nfkc-digits.txt").read_text(encoding="utf-8")
        path = tmp_path / "long.txt"
        path.write_text(text.replace("\t29①\n", "\t" + "1 " * 50_000 + "\n"), encoding="utf-8")

        code, _, err = _run(capsys, "cells", "--lenient", str(path))

        assert code == 0
        assert max(len(line) for line in err.splitlines()) < 600

    def test_internal_error_is_one_line(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An exception that is no library error: one line, exit 70, no traceback."""

        def broken(*_args: object, **_kwargs: object) -> gr.Report:
            raise ZeroDivisionError("x" * 5000)

        monkeypatch.setattr("govinfo_report.cli._common.load", broken)
        monkeypatch.delenv("GOVINFO_REPORT_TRACEBACK", raising=False)

        code, out, err = _run(capsys, "cells", str(SEEDS["seed-000"]))

        assert code == EXIT_INTERNAL == 70
        assert out == ""
        assert err.startswith("govinfo-report: internal error: ZeroDivisionError: xxx")
        assert err.count("\n") == 1
        assert len(err) < 1200

    def test_traceback_on_request(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """GOVINFO_REPORT_TRACEBACK=1 lets the exception through, for debugging."""

        def broken(*_args: object, **_kwargs: object) -> gr.Report:
            raise ZeroDivisionError

        monkeypatch.setattr("govinfo_report.cli._common.load", broken)
        monkeypatch.setenv("GOVINFO_REPORT_TRACEBACK", "1")

        with pytest.raises(ZeroDivisionError):
            main(["cells", str(SEEDS["seed-000"])])


class TestMaxBytes:
    def test_over_the_limit(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--max-bytes lowers the limit; the message names the option."""
        code, _, err = _run(capsys, "cells", "--max-bytes", "1k", str(SEEDS["seed-000"]))

        assert code == 2
        assert "over the limit (1,024 bytes)" in err
        assert "--max-bytes" in err

    def test_units(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Sizes take k, M and G."""
        code, out, _ = _run(capsys, "cells", "--max-bytes", "1M", str(SEEDS["seed-000"]))

        assert code == 0
        assert json.loads(out)["t3.new_received.total"] == 26

    @pytest.mark.parametrize("bad", ["0", "ten", "-5", "1T"])
    def test_bad_size(self, capsys: pytest.CaptureFixture[str], bad: str) -> None:
        """A size that is not one is a usage error."""
        code, _, err = _run(capsys, "cells", "--max-bytes", bad, str(SEEDS["seed-000"]))

        assert code == 2
        assert "expected a size in bytes" in err


class TestGenerate:
    def test_json_lines_read_by_cells(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """What generate prints (one report) is read by cells and convert."""
        code, out, _ = _run(capsys, "generate", "--seed", "7")
        assert code == 0
        path = tmp_path / "one.jsonl"
        path.write_text(out, encoding="utf-8")

        code, cells, _ = _run(capsys, "cells", str(path))

        assert code == 0
        assert json.loads(cells) == {
            p: (str(v) if p == "t2.admin_fees.amount" and v is not None else v)
            for p, v in gr.generate(seed="7:0").cells().items()
        }

    def test_several_json_lines(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Several reports in one file: each read, named FILE:LINE (as iter_load reads them)."""
        _, out, _ = _run(capsys, "generate", "--count", "3", "--breaking", "t4.group_sum[review]")
        path = tmp_path / "three.jsonl"
        path.write_text(out, encoding="utf-8")

        code, cells, _ = _run(capsys, "cells", str(path))

        assert code == 0
        files = [json.loads(line)["file"] for line in cells.splitlines()]
        assert files == [f"{path}:{n}" for n in (1, 2, 3)]
        assert len(list(gr.iter_load(path))) == 3

    def test_suffix_per_format(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--to pipe, pdftext, glued and text write distinct suffixes, each read back as its format."""
        for fmt, suffix in [
            ("pipe", ".pipe.txt"),
            ("pdftext", ".pdftext.txt"),
            ("glued", ".glued.txt"),
            ("text", ".txt"),
        ]:
            out = tmp_path / fmt
            code, _, _ = _run(capsys, "generate", "--to", fmt, "--out", str(out))
            assert code == 0
            (written,) = [p for p in out.iterdir() if p.name != "index.jsonl"]
            assert written.name == f"report-00000{suffix}"
            assert format_of_name(written.name) == fmt

    def test_out_refuses_a_folder_with_files(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A second run into the same folder is refused unless --force."""
        out = str(tmp_path / "out")
        assert _run(capsys, "generate", "--count", "2", "--out", out)[0] == 0

        code, _, err = _run(capsys, "generate", "--out", out)
        assert code == 2
        assert "not empty" in err
        assert "--force" in err

        code, _, _ = _run(capsys, "generate", "--seed", "x", "--out", out, "--force")
        assert code == 0
        index = (tmp_path / "out" / "index.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["seed"] for line in index] == ["x:0"]

    def test_bad_breaking_leaves_out_untouched(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Options are checked before the folder is made."""
        out = tmp_path / "out"

        code, _, _ = _run(capsys, "generate", "--breaking", "no.such.rule", "--out", str(out))

        assert code == 2
        assert not out.exists()

    def test_messages_use_option_names(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An impossible --breaking set is reported with --breaking, not breaking=."""
        code, _, err = _run(capsys, "generate", "--breaking", "t3.balance[total]")

        assert code == 2
        assert "--breaking ['t3.balance[total]']" in err
        assert "to --breaking as well" in err
        assert "breaking=" not in err


class TestRules:
    def test_fits_80_columns(self) -> None:
        """At 80 columns every line fits, and each relation is shown whole where it fits."""
        table = rules_table(gr.RULES_2021, width=80)
        lines = table.splitlines()

        assert max(map(_width, lines)) <= 80
        first = gr.RULES_2021.instances()[0]
        assert lines[0] == f"{first.id}  error"
        assert lines[2] == "    " + first.relation_text(labels=True, compact=True)
        assert len(lines) == 3 * len(gr.RULES_2021.instances())

    def test_wide_terminal_keeps_the_table(self) -> None:
        """At 160 columns it stays a table with a header."""
        assert rules_table(gr.RULES_2021, width=160).startswith("id ")


class TestFailedRelation:
    def test_inequality_prints_the_relation_that_holds(self) -> None:
        """A broken ``a <= b`` prints ``a > b``, not ``≠``."""
        rule = relation(
            "my.granted_within_new",
            cell("t3.granted.total") <= cell("t3.new_received.total") - 20,
            label_zh="予以公开不多于新收减二十",
            label_en="granted <= new - 20",
        )
        report = gr.load(SEEDS["seed-000"])

        (violation,) = gr.validate(report, rules=RuleSet([rule])).violations

        assert violation.explain().splitlines()[0].endswith(": 9 > 6 (diff 3)")

    def test_identity_prints_not_equal(self) -> None:
        """A broken identity still prints ``≠``."""
        report = gr.load(SEEDS["seed-000"]).with_cells({"t3.granted.total": 10})

        violation = next(
            v for v in gr.validate(report).violations if v.rule_id == "t3.row_sum[granted]"
        )

        assert " ≠ " in violation.explain().splitlines()[0]


class TestDocsSite:
    def test_mkdocs_build_strict(self, tmp_path: Path) -> None:
        """The documentation site builds with no warning (every page in the nav, every link whole)."""
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

        assert done.returncode == 0, done.stderr
        assert (tmp_path / "format" / "index.html").exists()
        assert (tmp_path / "cli" / "index.html").exists()

    def test_license(self) -> None:
        """The LICENSE file is the MIT licence pyproject declares."""
        assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
