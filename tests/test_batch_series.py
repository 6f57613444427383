"""Across reports: series of years, narrative repetition, a government against its departments."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import govinfo_report as gr
from govinfo_report.batch import (
    check_hierarchy,
    check_pair,
    hierarchy_jobs,
    normalise_agency,
    read_manifest,
    repetition,
    series_pairs,
    sum_reports,
)
from govinfo_report.batch._series import SeriesOptions
from govinfo_report.cli import main
from govinfo_report.rules import rules_from_json, rules_to_json
from govinfo_report.rules.series import HIERARCHY_2021, SERIES_2021
from govinfo_report.schema import T3_COLUMNS


def renamed(report: gr.Report, agency: str, year: int) -> gr.Report:
    """The report under another agency name and year (title and meta)."""
    meta = attrs.evolve(
        report.meta, agency=agency, year=year, title=f"{agency}{year}年政府信息公开工作年度报告"
    )
    return attrs.evolve(report, meta=meta)


def carried(last: gr.Report, this: gr.Report) -> gr.Report:
    """*this* with 上年结转 equal to *last*'s 结转下年度 in every column."""
    return this.with_cells(
        {f"t3.carried_over.{c}": last.value(f"t3.carried_forward.{c}") for c in T3_COLUMNS}
    )


@pytest.fixture
def series(tmp_path: Path) -> Path:
    """Agency 甲: 2022 and a copied 2023 (carry-over kept); 乙: two unrelated years; 丙: a gap."""
    folder = tmp_path / "series"
    folder.mkdir()
    a22 = renamed(gr.generate(1), "华明市甲局", 2022)
    a23 = carried(a22, renamed(a22, "华明市 甲局", 2023))
    b22 = renamed(gr.generate(2), "华明市乙局", 2022)
    b23 = renamed(gr.generate(3), "华明市乙局", 2023)
    b23 = b23.with_cells(
        {"t3.carried_over.total": (b22.value("t3.carried_forward.total") or 0) + 7}
    )
    c21 = renamed(gr.generate(4), "华明市丙局", 2021)
    c23 = renamed(gr.generate(5), "华明市丙局", 2023)
    for name, report in {
        "a22": a22,
        "a23": a23,
        "b22": b22,
        "b23": b23,
        "c21": c21,
        "c23": c23,
    }.items():
        (folder / f"{name}.txt").write_text(gr.dumps(report, format="text"), "utf-8")
    return folder


class TestSeriesRules:
    def test_rule_sets_are_data(self):
        """Both rule sets serialise and read back equal, like RULES_2021."""
        assert rules_from_json(rules_to_json(HIERARCHY_2021)) == HIERARCHY_2021
        assert {i.family for i in SERIES_2021.instances()} == {
            "t3.carryover",
            "t2.in_force_rollforward",
        }


class TestPairs:
    def test_grouped_by_normalised_agency(self, series):
        """Consecutive years of one agency pair up, whatever the spaces in its name; gaps do not."""
        entries = [
            (gr.load(p).meta.agency, gr.load(p).meta.year, str(p))
            for p in sorted(series.iterdir())
        ]

        pairs = sorted(series_pairs(entries))

        assert pairs == [
            (str(series / "a22.txt"), str(series / "a23.txt")),
            (str(series / "b22.txt"), str(series / "b23.txt")),
        ]
        assert normalise_agency("华明市 甲局") == normalise_agency("华明市甲局")

    def test_duplicate_year_is_not_guessed(self):
        """Two files for one agency's year pair with neither."""
        entries = [("甲", 2022, "a"), ("甲", 2023, "b"), ("甲", 2023, "c")]

        assert list(series_pairs(entries)) == []

    def test_copied_narrative(self, series):
        """A copied report: cross-year rules hold, 100 % repeated, over the threshold."""
        row = check_pair((str(series / "a22.txt"), str(series / "a23.txt")), SeriesOptions())

        assert row.failed_rules == ()
        assert row.repetition is not None
        assert row.repetition.overall == 1.0
        assert row.repeated
        assert row.repetition.passages

    def test_carry_over_broken(self, series):
        """乙's 2023 上年结转 is 7 more than 2022's 结转下年度: the total column fails with diff 7."""
        row = check_pair((str(series / "b22.txt"), str(series / "b23.txt")), SeriesOptions())

        assert ("t3.carryover[total]", "7") in row.diffs
        assert row.repetition is not None
        assert row.repetition.overall < 0.5
        assert not row.repeated

    def test_repetition_measure(self):
        """Half of a section repeated reads 50 % for that section."""
        last = gr.generate(1)
        text = "本年度我单位认真贯彻落实政府信息公开条例，持续推进政务公开标准化规范化建设。"
        other = "今年新增了依申请公开的网上办理渠道，并对工作人员开展了专题培训和考核工作。"
        sections_last = tuple(
            attrs.evolve(s, text=text if s.number == 1 else "") for s in last.sections
        )
        sections_this = tuple(
            attrs.evolve(s, text=text + other if s.number == 1 else "") for s in last.sections
        )

        rep = repetition(
            attrs.evolve(last, sections=sections_this), attrs.evolve(last, sections=sections_last)
        )

        assert rep.sections == ((1, len(text) / len(text + other)),)
        assert rep.passages == (text,)
        assert rep.overall == len(text) / len(text + other)


@pytest.fixture
def government(tmp_path: Path) -> tuple[Path, Path]:
    """A government whose figures are its two departments' sum, but for 予以公开 (+1); a third department missing."""
    folder = tmp_path / "gov"
    folder.mkdir()
    d1 = renamed(gr.generate(11), "华明市教育局", 2023)
    d2 = renamed(gr.generate(12), "华明市卫生健康委员会", 2023)
    total = sum_reports([d1, d2])
    parent = renamed(gr.generate(13), "华明市人民政府", 2023)
    parent = parent.with_cells(
        {p: v for p, v in total.cells().items() if v is not None}
        | {"t3.granted.total": (total.value("t3.granted.total") or 0) + 1}
    )
    for name, report in {"gov": parent, "d1": d1, "d2": d2}.items():
        (folder / f"{name}.txt").write_text(gr.dumps(report, format="text"), "utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "parent,child\n华明市人民政府,华明市教育局\n华明市人民政府,华明市卫生健康委员会\n"
        "华明市人民政府,华明市民政局\n",
        "utf-8",
    )
    return folder, manifest


class TestHierarchy:
    def test_sum_and_missing(self, government):
        """The one figure that differs is named with its difference; the missing department too."""
        folder, manifest = government
        entries = [(gr.load(p).meta.agency, 2023, str(p)) for p in sorted(folder.iterdir())]

        jobs = list(hierarchy_jobs(read_manifest(manifest), entries))
        rows = [check_hierarchy(job, SeriesOptions()) for job in jobs]

        assert len(rows) == 1
        assert rows[0].failed_rules == (("hierarchy.t3[granted]", "1"),)
        assert rows[0].missing == ("华明市民政局",)
        assert sorted(rows[0].children) == [str(folder / "d1.txt"), str(folder / "d2.txt")]

    def test_bad_manifest(self, tmp_path):
        """A manifest without parent and child columns is refused, naming the file."""
        bad = tmp_path / "bad.csv"
        bad.write_text("a,b\n1,2\n", "utf-8")

        with pytest.raises(gr.GovinfoReportError, match="needs the columns 'parent' and 'child'"):
            read_manifest(bad)


class TestCommand:
    def test_series_and_hierarchy(self, capsys, series, government):
        """validate --series --hierarchy prints both sections after the summary."""
        folder, manifest = government

        status = main(
            [
                "validate",
                str(series),
                str(folder),
                "--series",
                "--hierarchy",
                str(manifest),
                "-q",
                "-j",
                "1",
            ]
        )

        out = capsys.readouterr().out
        assert status in (0, 1)
        assert "华明市 甲局 2022→2023: cross-year rules hold; narrative repeated 100%" in out
        assert "t3.carryover[total] (diff 7)" in out
        assert (
            "2 pairs of consecutive years: 1 break a cross-year rule, 1 repeat more than 50%"
            in out
        )
        assert (
            "华明市人民政府 2023 (with 2 department(s)): hierarchy.t3[granted] (diff 1); missing: 华明市民政局"
            in out
        )

    def test_jsonl(self, capsys, series):
        """In JSON lines the pairs follow the files, as objects of kind 'series'."""
        main(["validate", str(series), "--series", "--format", "jsonl", "-j", "1"])

        objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        pairs = [o for o in objects if o.get("kind") == "series"]
        assert len(objects) == 6 + 2
        assert {Path(p["this"]).name: p["repeated"] for p in pairs} == {
            "a23.txt": True,
            "b23.txt": False,
        }
