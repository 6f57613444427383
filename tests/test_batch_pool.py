"""The per-file check, the process pool and the streaming summary."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import govinfo_report as gr
from govinfo_report.batch import (
    CheckOptions,
    Row,
    Summary,
    check_file,
    check_paths,
    check_reports,
    check_text,
    map_files,
)
from govinfo_report.batch._each import lines_of_file
from govinfo_report.exceptions import InvalidArgument

from .conftest import CORPUS, SEEDS


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Twelve generated reports: every third broken in two rules, one cut in half, one missing."""
    folder = tmp_path_factory.mktemp("reports")
    paths = []
    for i in range(12):
        if i % 3 == 1:
            report = gr.generate(i, breaking=["t3.row_sum[granted]", "t3.processed_sum[total]"])
            text = gr.dumps(report.report, format="text")
        else:
            text = gr.dumps(gr.generate(i), format="text")
        if i == 5:
            text = text[: len(text) // 2]
        path = folder / f"r{i:02d}.txt"
        if i != 8:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def expected_status(i: int) -> str:
    """The status of report *i* of the fixture."""
    if i in (5, 8):
        return "unreadable"
    return "invalid" if i % 3 == 1 else "ok"


class TestCheckFile:
    def test_ok_row(self) -> None:
        """A valid report is an ok row with its agency, year, format and counts, and no report kept."""
        row = check_file(str(SEEDS["seed-000"]))

        assert (row.status, row.exit_status, row.errors, row.failed_rules) == ("ok", 0, 0, ())
        assert (row.agency, row.year, row.format) == ("北京市西城区卫生健康委员会", 2024, "text")
        assert row.passed + row.failed + row.not_evaluated == len(gr.RULES_2021.instances())
        assert not any(isinstance(getattr(row, a.name), gr.Report) for a in attrs.fields(Row))

    def test_invalid_row_names_rules_and_families(self, reports: list[Path]) -> None:
        """A broken report lists its failing instances and their families, with severity."""
        row = check_file(str(reports[1]))

        assert row.status == "invalid"
        assert row.exit_status == 1
        assert set(row.failed_rules) == {"t3.row_sum[granted]", "t3.processed_sum[total]"}
        assert dict(row.failed_families) == {"t3.row_sum": "error", "t3.processed_sum": "error"}
        assert row.line().startswith(f"{reports[1]}: INVALID: 2 error(s), 0 warning(s): ")

    def test_unreadable_row(self, reports: list[Path]) -> None:
        """A missing file and a cut-off one are unreadable rows with their reasons, never raised."""
        missing = check_file(str(reports[8]))
        cut = check_file(str(reports[5]))

        assert (missing.status, missing.exit_status) == ("unreadable", 2)
        assert missing.reason == f"{reports[8]}: No such file or directory"
        assert cut.status == "unreadable"
        assert "the text ends inside table" in (cut.reason or "")

    def test_lenient_cut_off_is_unchecked(self) -> None:
        """Read leniently, a cut-off page is 'unchecked' (exit 3), never ok, with the reader's warnings."""
        row = check_file(str(CORPUS / "005.txt"), CheckOptions(lenient=True))

        assert (row.status, row.exit_status) == ("unchecked", 3)
        assert "error rule instance(s) not evaluated" in (row.reason or "")
        assert any("table 四 is not in the text" in d for d in row.diagnostics)
        assert "COULD NOT BE CHECKED" in row.line()
        assert " ok" not in row.line()

    def test_unchecked_full_text_never_says_ok(self) -> None:
        """The full text of an unchecked report starts with COULD NOT BE CHECKED, not OK."""
        row = check_file(str(CORPUS / "005.txt"), CheckOptions(lenient=True, detail="text"))

        assert isinstance(row.detail, str)
        first = row.detail.splitlines()[0]
        assert first.startswith(f"{CORPUS / '005.txt'}: COULD NOT BE CHECKED: ")
        assert "OK" not in first

    def test_inferred_cells_counted(self) -> None:
        """Cells the reader chose with the identities are counted and said in the line."""
        path = CORPUS / "001.txt"
        expected = len(gr.validate(gr.load(path)).inferred_cells)

        row = check_file(str(path))

        assert expected > 0
        assert row.inferred == expected
        assert f"{expected} cell(s) inferred by the reader (not fully checked)" in row.line()

    def test_time_budget(self) -> None:
        """A file over its time budget is an unreadable row saying so."""
        row = check_file(str(SEEDS["seed-000"]), CheckOptions(budget=1e-6))

        assert row.status == "unreadable"
        assert "took longer than the time budget" in (row.reason or "")

    def test_text(self) -> None:
        """A report given as bytes (stdin) is checked under the name given."""
        row = check_text(SEEDS["seed-004"].read_bytes(), name="<stdin>")
        binary = check_text(b"\x00\x01", name="<stdin>")

        assert (row.path, row.status) == ("<stdin>", "ok")
        assert binary.status == "unreadable"

    def test_json_detail_is_the_full_result(self, reports: list[Path]) -> None:
        """With detail='json' the row carries the JSON object of validate --format json."""
        row = check_file(str(reports[1]), CheckOptions(detail="json"))

        assert isinstance(row.detail, dict)
        assert row.detail["status"] == "invalid"
        assert {v["rule"] for v in row.detail["violations"]} == set(row.failed_rules)
        json.dumps(row.detail, ensure_ascii=False)


class TestCheckPaths:
    @pytest.mark.parametrize("jobs", [1, 2])
    def test_rows_in_input_order(self, reports: list[Path], jobs: int) -> None:
        """In one process or a pool, every file gives one row, in input order."""
        rows = list(check_paths(map(str, reports), jobs=jobs, chunksize=2))

        assert [row.path for row in rows] == [str(p) for p in reports]
        assert [row.status for row in rows] == [expected_status(i) for i in range(12)]

    def test_pool_equals_loop(self, reports: list[Path]) -> None:
        """The pool's rows equal the one-process rows (apart from the time taken)."""
        pooled = list(check_paths(map(str, reports), jobs=2, chunksize=3))
        single = list(check_paths(map(str, reports), jobs=1))

        strip = [row.to_dict() | {"seconds": 0} for row in pooled]
        assert strip == [row.to_dict() | {"seconds": 0} for row in single]

    def test_budget_in_workers(self, reports: list[Path]) -> None:
        """The time budget is enforced in the worker processes too: every file is given up, none stalls."""
        rows = list(check_paths(map(str, reports), CheckOptions(budget=1e-6), jobs=2, chunksize=2))

        assert len(rows) == 12
        assert {row.status for row in rows} == {"unreadable"}
        assert sum("time budget" in (row.reason or "") for row in rows) >= 10

    def test_input_read_lazily(self, reports: list[Path]) -> None:
        """Only a few chunks per worker are taken from the input before the first row comes back."""
        taken = 0

        def paths() -> object:
            nonlocal taken
            for i in range(10_000):
                taken += 1
                yield str(reports[i % 12])

        rows = check_paths(paths(), jobs=2, chunksize=4)  # type: ignore[arg-type]
        first = next(rows)
        rows.close()  # type: ignore[attr-defined]

        assert first.path == str(reports[0])
        assert taken <= 2 * 4 * 4 + 4 + 1

    def test_bad_arguments(self) -> None:
        """jobs and chunksize below 1 are refused before any work."""
        with pytest.raises(InvalidArgument, match="jobs and chunksize must be at least 1"):
            list(map_files(check_file, ["x"], None, jobs=0))

    def test_empty(self) -> None:
        """No paths, no rows."""
        assert list(check_paths([], jobs=2)) == []


class TestSummary:
    def test_counts_families_and_worst(self, reports: list[Path]) -> None:
        """The summary counts statuses, reports failing per family, and keeps the worst files."""
        summary = Summary(worst=2)
        for row in check_paths(map(str, reports), jobs=1):
            summary.add(row)

        assert summary.files == 12
        assert dict(summary.by_status) == {"ok": 6, "invalid": 4, "unreadable": 2}
        assert summary.by_family == {"t3.row_sum": 4, "t3.processed_sum": 4}
        assert summary.exit_status == 2
        assert [path for path, _, _ in summary.worst_files] == [str(reports[1]), str(reports[4])]
        text = summary.to_text()
        assert text.startswith("12 reports: 6 ok, 4 invalid, 0 could not be checked, 2 unreadable")
        assert "t3.processed_sum  error" in text
        assert "No such file or directory" in text
        data = summary.to_dict()
        assert (data["files"], data["invalid"], data["unreadable"]) == (12, 4, 2)
        assert data["families"][0]["reports_failing"] == 4

    def test_memory_is_bounded(self) -> None:
        """However many rows, only the configured number of worst files and examples is kept."""
        summary = Summary(worst=3, examples=2)
        for i in range(500):
            summary.add(
                Row(
                    path=f"f{i}",
                    status="invalid",
                    errors=i % 7,
                    failed_rules=("t3.balance[total]",),
                    failed_families=(("t3.balance", "error"),),
                )
            )

        assert len(summary.worst_files) == 3
        assert [e for _, e, _ in summary.worst_files] == [6, 6, 6]
        assert summary.family_examples == {"t3.balance": ["f0", "f1"]}
        assert summary.by_family["t3.balance"] == 500


class TestWorkerDeath:
    def test_clear_error(self) -> None:
        """A worker that dies is one clear error naming the files it was checking, not a traceback."""
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        from govinfo_report.batch._pool import _result

        future: Future[list[Row]] = Future()
        future.set_exception(BrokenProcessPool("gone"))

        with pytest.raises(
            gr.GovinfoReportError, match=r"from a\.txt to c\.txt; rerun them with --jobs 1"
        ):
            _result(["a.txt", "b.txt", "c.txt"], future)


class TestJsonLinesOnEveryCore:
    """The reports of one JSON-lines file are handed to the workers line by line."""

    @pytest.fixture
    def lines_file(self, tmp_path: Path) -> tuple[Path, list[str]]:
        """BOM, a blank line, CRLF, a broken line, a report breaking a rule, no final line break."""
        good = [gr.dumps(gr.generate(seed), format="jsonl").rstrip("\n") for seed in range(4)]
        broken = gr.dumps(gr.generate(9).with_cells({"t4.review.total": 99}), format="jsonl")
        lines = [good[0], "", good[1] + "\r", good[2][:300], broken.rstrip("\n"), good[3]]
        path = tmp_path / "many.jsonl"
        path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
        return path, lines

    def test_lines_by_place(self, lines_file: tuple[Path, list[str]]) -> None:
        path, lines = lines_file
        found = list(lines_of_file(str(path)) or ())
        data = path.read_bytes()

        assert [line.number for line in found] == [1, 3, 4, 5, 6]
        assert [line.name for line in found] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6)]
        read = [data[x.offset : x.offset + x.size].decode("utf-8-sig") for x in found]
        assert [x.broken for x in found] == [True, True, True, True, False]
        assert [text.removesuffix("\n") for text in read] == [
            lines[0],
            *lines[2:],
        ]

    def test_not_json_lines(self, tmp_path: Path) -> None:
        """One report, another format, UTF-16 JSON lines: read whole, as before."""
        one = tmp_path / "one.jsonl"
        one.write_text(gr.dumps(gr.generate(1), format="jsonl"), encoding="utf-8")
        text = tmp_path / "a.txt"
        text.write_text(gr.dumps(gr.generate(1), format="text"), encoding="utf-8")
        wide = tmp_path / "two16.jsonl"
        wide.write_text(gr.dumps(gr.generate(1), format="jsonl") * 2, encoding="utf-16")

        assert [lines_of_file(str(p)) for p in (one, text, wide, tmp_path / "none")] == [None] * 4

    @pytest.mark.parametrize("jobs", [1, 2])
    def test_same_rows_as_reading_the_file_whole(
        self, lines_file: tuple[Path, list[str]], jobs: int
    ) -> None:
        path, _ = lines_file
        rows = list(check_paths([str(path)], jobs=jobs, chunksize=1))
        whole = check_reports(str(path))

        assert [(r.path, r.status, r.reason) for r in rows] == [
            (r.path, r.status, r.reason) for r in whole
        ]
        assert [r.status for r in rows] == ["ok", "ok", "unreadable", "invalid", "ok"]

    def test_a_line_over_the_limit(self, lines_file: tuple[Path, list[str]]) -> None:
        path, lines = lines_file
        limit = len(lines[0].encode("utf-8")) - 1
        rows = list(check_paths([str(path)], CheckOptions(max_bytes=limit), jobs=1))
        whole = check_reports(str(path), CheckOptions(max_bytes=limit))

        assert [(r.status, r.reason) for r in rows] == [(r.status, r.reason) for r in whole]
        assert "too large" in (rows[0].reason or "")
