"""Tables for research: wide, long and violations, as DataFrames, Arrow tables and files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import frames
from govinfo_report.cli import main
from govinfo_report.schema import CELL_PATHS
from govinfo_report.synthetic import BLANKS

from .conftest import CORPUS, SEEDS


def cells_of(row: pd.Series) -> dict[str, Any]:
    """The 200 cells of a wide row, pandas' missing values as None."""
    return {path: (None if pd.isna(row[path]) else row[path]) for path in CELL_PATHS}


class TestWide:
    @given(
        seeds=st.lists(st.integers(0, 10**6), min_size=1, max_size=4),
        blanks=st.sampled_from(BLANKS),
    )
    def test_round_trip(self, seeds: list[int], blanks: str) -> None:
        """The wide table of generated reports gives back their cells exactly."""
        reports = [gr.generate(seed, blanks=blanks) for seed in seeds]

        rows = frames.table(reports).to_pylist()

        assert [{p: row[p] for p in CELL_PATHS} for row in rows] == [r.cells() for r in reports]
        assert [(row["agency"], row["year"]) for row in rows] == [
            (r.meta.agency, r.meta.year) for r in reports
        ]

    @pytest.mark.parametrize("blanks", BLANKS)
    def test_round_trip_pandas(self, blanks: str) -> None:
        """The DataFrame gives back the cells exactly too (pandas' missing values are None)."""
        reports = [gr.generate(seed, blanks=blanks) for seed in range(5)]

        frame = frames.wide_frame(reports)

        assert [cells_of(row) for _, row in frame.iterrows()] == [r.cells() for r in reports]

    def test_dtypes(self) -> None:
        """Counts are nullable integers, the fee an exact Decimal, reads categories."""
        frame = frames.wide_frame([SEEDS["seed-000"]])

        assert frame["t3.new_received.total"].dtype == pd.Int64Dtype()
        assert frame["t2.admin_fees.amount"][0] == Decimal("3.3")
        assert isinstance(frame["t2.admin_fees.amount"][0], Decimal)
        assert frame["read.t3.new_received.total"].dtype == "category"
        assert frame["file"][0] == str(SEEDS["seed-000"])
        assert frame["format"][0] == "text"

    def test_how_cells_were_read(self) -> None:
        """Blank, marker and absent cells are told apart, and stay missing values (never 0)."""
        report = gr.Report.from_cells(
            {
                "t3.new_received.total": 5,
                "t3.granted.total": gr.Cell(None, ""),
                "t3.partial.total": gr.Cell(None, "/"),
            }
        )

        row = frames.wide_frame([report]).iloc[0]

        assert row["t3.new_received.total"] == 5
        assert pd.isna(row["t3.granted.total"])
        assert [
            row[f"read.{p}"]
            for p in (
                "t3.new_received.total",
                "t3.granted.total",
                "t3.partial.total",
                "t3.carried_over.total",
            )
        ] == [
            "number",
            "blank",
            "marker",
            "absent",
        ]

    def test_inferred_cells(self) -> None:
        """A cell the reader chose with the identities is read 'inferred'."""
        report = gr.load(CORPUS / "001.txt", lenient=True)
        inferred = report.provenance.inferred if report.provenance else {}

        row = frames.wide_frame([report]).iloc[0]

        reads = {p: row[f"read.{p}"] for p in CELL_PATHS}
        assert {p for p, r in reads.items() if r == "inferred"} == set(inferred)

    def test_unreadable_files(self, tmp_path: Path) -> None:
        """A file that cannot be read raises, unless errors='skip'."""
        missing = tmp_path / "missing.txt"

        with pytest.raises(OSError, match=r"missing\.txt"):
            frames.wide_frame([missing])
        assert len(frames.wide_frame([SEEDS["seed-000"], missing], errors="skip")) == 1


class TestLongAndViolations:
    def test_long(self) -> None:
        """One row per cell: value (the fee in amount), printed text and how read."""
        report = gr.load(SEEDS["seed-000"])

        frame = frames.long_frame([report])

        assert len(frame) == 200
        assert frame["path"].tolist() == list(CELL_PATHS)
        by_path = frame.set_index("path")
        assert by_path.loc["t3.new_received.total", "value"] == 26
        assert by_path.loc["t2.admin_fees.amount", "amount"] == Decimal("3.3")
        assert pd.isna(by_path.loc["t2.admin_fees.amount", "value"])
        assert by_path["printed"].tolist() == [report.printed()[p] for p in CELL_PATHS]

    def test_violations(self) -> None:
        """One row per broken instance, with its cells and difference."""
        broken = gr.generate(3, breaking=["t3.row_sum[granted]", "t3.processed_sum[total]"])

        frame = frames.violations_frame([broken.report])

        assert set(frame["rule"]) == set(broken.expected)
        row = frame.set_index("rule").loc["t3.row_sum[granted]"]
        assert row["severity"] == "error"
        assert "t3.granted.total" in list(row["cells"])
        assert row["diff"] == row["lhs"] - row["rhs"] != 0


class TestExport:
    def test_parquet_equals_the_table(self, tmp_path: Path) -> None:
        """export --to parquet writes the wide table of the reports."""
        out = tmp_path / "t.parquet"

        status = main(
            [
                "export",
                str(SEEDS["seed-000"]),
                str(SEEDS["seed-004"]),
                "--to",
                "parquet",
                "-o",
                str(out),
                "-j",
                "1",
            ]
        )

        expected = frames.table([SEEDS["seed-000"], SEEDS["seed-004"]])
        assert status == 0
        assert pq.read_table(out).equals(expected)

    def test_many_in_batches(self, tmp_path: Path) -> None:
        """Any number of reports streams through in batches, from worker processes."""
        folder = tmp_path / "r"
        folder.mkdir()
        reports = [gr.generate(i) for i in range(70)]
        for i, report in enumerate(reports):
            (folder / f"{i:03d}.txt").write_text(gr.dumps(report, format="text"), "utf-8")
        out = tmp_path / "t.parquet"

        status = main(["export", str(folder), "--to", "parquet", "-o", str(out), "-j", "2"])

        frame = pd.read_parquet(out)
        assert status == 0
        assert len(frame) == 70
        assert frame["t3.new_received.total"].tolist() == [
            r.value("t3.new_received.total") for r in reports
        ]

    def test_csv_and_jsonl(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """CSV and JSON lines: the long table; an unreadable file is on stderr and exits 2."""
        csv_out, jsonl_out = tmp_path / "t.csv", tmp_path / "t.jsonl"
        missing = str(tmp_path / "missing.txt")

        status = main(
            [
                "export",
                str(SEEDS["seed-000"]),
                missing,
                "--table",
                "long",
                "--to",
                "csv",
                "-o",
                str(csv_out),
            ]
        )
        main(
            [
                "export",
                str(SEEDS["seed-000"]),
                "--table",
                "long",
                "--to",
                "jsonl",
                "-o",
                str(jsonl_out),
            ]
        )

        assert status == 2
        assert "missing.txt" in capsys.readouterr().err
        csv_frame = pd.read_csv(csv_out)
        assert len(csv_frame) == 200
        lines = [json.loads(line) for line in jsonl_out.read_text("utf-8").splitlines()]
        fee = next(line for line in lines if line["path"] == "t2.admin_fees.amount")
        assert (len(lines), fee["amount"], fee["printed"]) == (200, "3.3", "3.3")
