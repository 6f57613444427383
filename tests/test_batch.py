"""Many reports at once: every file a row, unreadable ones included."""

from __future__ import annotations

from pathlib import Path

import govinfo_report as gr
from govinfo_report.batch import BatchResult, iter_validate, validate_files

from .conftest import CORPUS, SEEDS


def _broken_copy(tmp_path: Path) -> Path:
    """Seed 000 with 6 printed as 60 in 三、（三）7 / 自然人."""
    report = gr.load(SEEDS["seed-000"])
    broken = report.with_cells({"t3.denied_enforcement_file.natural_person": 60})
    path = tmp_path / "broken.json"
    gr.dump(broken, path)
    return path


class TestValidateFiles:
    def test_good_broken_and_unreadable(self, tmp_path: Path) -> None:
        """A valid seed is 0, a broken copy 1, a missing file 2; the batch status is the maximum."""
        broken = _broken_copy(tmp_path)
        missing = tmp_path / "missing.txt"

        batch = validate_files([SEEDS["seed-004"], broken, missing])

        assert [f.status for f in batch.files] == [0, 1, 2]
        assert batch.exit_status == 2
        assert not batch.ok
        assert batch.unreadable[0].error == f"{missing}: No such file or directory"

    def test_failures_are_counted_per_rule(self, tmp_path: Path) -> None:
        """The aggregate counts, per rule instance and family, the files that fail it."""
        broken = _broken_copy(tmp_path)

        batch = validate_files([broken, broken, SEEDS["seed-000"]])

        assert batch.failures_by_rule() == {
            "t3.processed_sum[natural_person]": 2,
            "t3.row_sum[denied_enforcement_file]": 2,
        }
        assert batch.failures_by_family() == {"t3.processed_sum": 2, "t3.row_sum": 2}
        summary = batch.summary()
        assert summary.startswith("3 files: 1 ok, 2 invalid, 0 unreadable")
        assert "t3.row_sum" in summary

    def test_json_form_is_the_cli_form(self, tmp_path: Path) -> None:
        """``to_dict()`` gives one object per file with file, ok, violations, not_evaluated."""
        broken = _broken_copy(tmp_path)

        data = validate_files([broken, tmp_path / "nope.txt"]).to_dict()

        assert [d["file"] for d in data] == [str(broken), str(tmp_path / "nope.txt")]
        assert data[0]["ok"] is False
        assert {v["rule"] for v in data[0]["violations"]} == {
            "t3.processed_sum[natural_person]",
            "t3.row_sum[denied_enforcement_file]",
        }
        assert data[1] == {
            "file": str(tmp_path / "nope.txt"),
            "ok": False,
            "error": data[1]["error"],
        }
        assert "nope.txt" in data[1]["error"]

    def test_lenient_reads_partial_pages(self) -> None:
        """In lenient mode a cut-off page is read and validated, but not 'ok': status 3; strict mode: 2."""
        page = CORPUS / "005.txt"

        assert validate_files([page]).files[0].status == 2
        lenient = validate_files([page], lenient=True).files[0]
        assert lenient.status == 3
        assert not lenient.ok
        assert lenient.result is not None
        assert lenient.result.report.t3.new_received.total.value == 8

    def test_streaming_is_lazy(self, tmp_path: Path) -> None:
        """``iter_validate`` reads a file only when its row is asked for."""
        rows = iter_validate([SEEDS["seed-000"], tmp_path / "later.txt"])
        first = next(rows)
        (tmp_path / "later.txt").write_text(SEEDS["seed-004"].read_text("utf-8"), "utf-8")
        second = next(rows)
        assert (first.status, second.status) == (0, 0)

    def test_empty(self) -> None:
        """No files: ok, status 0."""
        batch = BatchResult(())
        assert (batch.ok, batch.exit_status, batch.summary()) == (
            True,
            0,
            "0 files: 0 ok, 0 invalid, 0 unreadable",
        )
