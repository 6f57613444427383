"""``govinfo-report validate`` and ``govinfo-report rules``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
import yaml
from wcwidth import wcswidth

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.cli._rules import clip
from govinfo_report.rules import RULES_2021, rules_from_json, rules_to_json
from tests.conftest import SEEDS

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """Seed 000 with 总计 of 未经复议直接起诉 printed 0 against items adding up to 3, as JSON."""
    report = gr.load(SEEDS["seed-000"]).with_cells(
        {"t4.suit_direct.upheld": 2, "t4.suit_direct.other": 1}
    )
    path = tmp_path / "broken.json"
    gr.dump(report, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run the command line; return the exit status and stdout."""
    status = main(list(argv))
    return status, capsys.readouterr().out


class TestValidate:
    """Exit status and output formats."""

    def test_valid_seed(self, capsys):
        """A valid report exits 0 and says OK."""
        status, out = run(capsys, "validate", str(SEEDS["seed-004"]))

        assert status == 0
        assert out.startswith(f"{SEEDS['seed-004']}: OK: 250 passed, 0 failed")

    def test_error_violation_exits_1(self, capsys, broken):
        """An error-severity violation exits 1 and is shown with its cells."""
        status, out = run(capsys, "validate", str(broken))

        assert status == 1
        assert "t4.group_sum[suit_direct] FAIL govinfo.sum: 0 ≠ 3 (diff −3)" in out
        assert "行政诉讼 未经复议直接起诉：总计为 0" in out

    def test_json(self, capsys, broken):
        """JSON: one object per file with ok, violations (cells as paths) and not_evaluated."""
        status, out = run(capsys, "validate", str(broken), "--format", "json")

        data = json.loads(out)
        assert status == 1
        assert [broken.as_posix()] == [d["file"] for d in data]
        violation = data[0]["violations"][0]
        assert {k: violation[k] for k in ("rule", "severity")} == {
            "rule": "t4.group_sum[suit_direct]",
            "severity": "error",
        }
        assert violation["cells"] == [
            "t4.suit_direct.total",
            "t4.suit_direct.upheld",
            "t4.suit_direct.corrected",
            "t4.suit_direct.other",
            "t4.suit_direct.pending",
        ]
        assert (violation["lhs"], violation["rhs"], violation["diff"]) == (0, 3, -3)
        assert data[0]["ok"] is False
        assert {"t3.carryover[total]"} <= {n["rule"] for n in data[0]["not_evaluated"]}

    def test_batch_with_unreadable_file(self, capsys, broken, tmp_path):
        """An unreadable file is a row; the others are validated; the exit status is the max."""
        missing = tmp_path / "missing.txt"

        status, out = run(
            capsys,
            "validate",
            str(SEEDS["seed-000"]),
            str(missing),
            str(broken),
            "--format",
            "json",
        )

        data = json.loads(out)
        assert status == 2
        assert [d["ok"] for d in data] == [True, False, False]
        assert "No such file or directory" in data[1]["error"]
        assert data[2]["violations"]

    def test_batch_text_lines(self, capsys, broken, tmp_path):
        """A text batch prints one line per file, then the summary."""
        status, out = run(capsys, "validate", str(SEEDS["seed-000"]), str(broken))

        assert status == 1
        rows = out.splitlines()[:2]
        assert [row.split()[:2] for row in rows] == [
            [f"{SEEDS['seed-000']}:", "ok"],
            [f"{broken}:", "INVALID:"],
        ]
        assert out.splitlines()[3].startswith("2 reports: 1 ok, 1 invalid")

    def test_markdown(self, capsys, broken):
        """Markdown: a heading per file, the summary and violations as pipe tables."""
        status, out = run(capsys, "validate", str(broken), "--format", "markdown")

        assert status == 1
        assert out.startswith(f"## {broken}\n")
        assert "| t4.group_sum[suit_direct] | error      | govinfo.sum |" in out

    def test_previous(self, capsys, tmp_path):
        """--previous evaluates the cross-year rules."""
        this = gr.load(SEEDS["seed-000"])
        last = gr.Report.from_cells(
            {"t3.carried_forward.natural_person": 3, "t3.carried_forward.total": 3},
            meta=gr.ReportMeta(year=2023),
        )
        path = tmp_path / "last.json"
        gr.dump(last, path)

        status, out = run(
            capsys, "validate", str(SEEDS["seed-000"]), "--previous", str(path), "--format", "json"
        )

        data = json.loads(out)[0]
        assert status == 0
        assert [v["rule"] for v in data["violations"]] == [
            "t3.carryover[natural_person]",
            "t3.carryover[total]",
        ]
        assert this.value("t3.carried_over.total") == data["violations"][1]["lhs"]

    def test_blank_as_zero(self, capsys, tmp_path):
        """--blank-as-zero evaluates identities over blank cells."""
        report = gr.load(SEEDS["seed-000"]).with_cells({"t3.carried_forward.total": ""})
        path = tmp_path / "blank.json"
        gr.dump(report, path)

        _, plain = run(capsys, "validate", str(path), "--format", "json")
        status, zero = run(capsys, "validate", str(path), "--format", "json", "--blank-as-zero")

        assert json.loads(plain)[0]["violations"] == []
        assert status == 1
        assert {"t3.balance[total]", "t3.row_sum[carried_forward]"} == {
            v["rule"] for v in json.loads(zero)[0]["violations"]
        }

    def test_extra_rules(self, capsys, tmp_path, broken):
        """--rules adds rules from YAML; --no-builtin checks only those."""
        extra = tmp_path / "mine.yaml"
        extra.write_text(
            "rules:\n- id: my.review_small\n  relation: t4.review.total <= 2\n"
            "  label_zh: 行政复议不超过2件\n  label_en: at most 2 reviews\n  severity: warning\n",
            encoding="utf-8",
        )

        status, out = run(
            capsys,
            "validate",
            str(broken),
            "--rules",
            str(extra),
            "--no-builtin",
            "--format",
            "json",
        )

        data = json.loads(out)[0]
        assert status == 0
        assert [v["rule"] for v in data["violations"]] == ["my.review_small"]

    def test_bad_rule_file(self, capsys, tmp_path):
        """An invalid rule file is a usage error naming the file."""
        bad = tmp_path / "bad.json"
        bad.write_text('{"rules": [{"id": "x"}]}', encoding="utf-8")

        status = main(["validate", str(SEEDS["seed-000"]), "--rules", str(bad)])

        assert status == 2
        assert f"{bad}: rules[0] (x): " in capsys.readouterr().err


class TestRules:
    """Listing the rules."""

    def test_table(self, capsys, monkeypatch):
        """The table lists every instance, one line each, fitting the terminal: labels cut, relations compact."""
        monkeypatch.setenv("COLUMNS", "160")
        status, out = run(capsys, "rules")

        lines = out.splitlines()
        assert status == 0
        assert len(RULES_2021.instances()) + 2 == len(lines)
        assert max(map(wcswidth, lines)) == 160
        assert lines[2].split()[:2] == ["t3.balance[natural_person]", "error"]
        assert "自然人列：第一项加第二项之和" in lines[2]
        assert lines[2].endswith("自然人：一 + 二 = 三（七） + 四")
        row = next(line for line in lines if line.startswith("t3.processed_sum[natural_person]"))
        assert row.endswith("自然人：三（七） = 三（一） + … + 三（六）3（21项）")

    def test_narrow_table(self, capsys, monkeypatch):
        """In a narrow terminal each rule is a block (id and severity, label, relation); ids are never cut."""
        monkeypatch.setenv("COLUMNS", "100")
        _, out = run(capsys, "rules")

        lines = out.splitlines()
        assert lines[0].split() == ["t3.balance[natural_person]", "error"]
        assert max(map(wcswidth, lines)) <= 100
        assert [i.id for i in RULES_2021.instances()] == [line.split()[0] for line in lines[::3]]

    def test_wide_table(self, capsys, monkeypatch):
        """--wide prints every label and relation whole, in the form's words."""
        monkeypatch.setenv("COLUMNS", "80")
        _, out = run(capsys, "rules", "--wide")

        row = next(line for line in out.splitlines() if line.startswith("t4.group_sum[review]"))
        assert row.endswith(RULES_2021.by_id("t4.group_sum[review]").relation_text(labels=True))
        assert "自然人列：第一项加第二项之和，等于第三项加第四项之和" in out

    def test_json(self, capsys):
        """JSON lists every instance as data."""
        _, out = run(capsys, "rules", "--format", "json")

        rows = json.loads(out)
        assert [i.id for i in RULES_2021.instances()] == [r["id"] for r in rows]
        assert (
            next(r["relation"] for r in rows if r["id"] == "t4.group_sum[review]")
            == "t4.review.total == t4.review.upheld + t4.review.corrected + t4.review.other + t4.review.pending"
        )

    def test_yaml(self, capsys):
        """YAML lists the same rows."""
        _, out = run(capsys, "rules", "--format", "yaml")

        assert len(RULES_2021.instances()) == len(yaml.safe_load(out))

    def test_definitions(self, capsys):
        """--definitions prints the rule set, which reads back equal."""
        _, out = run(capsys, "rules", "--definitions")

        assert rules_from_json(out) == RULES_2021
        assert rules_to_json(RULES_2021) + "\n" == out


class TestClip:
    """Cutting text to terminal columns."""

    @pytest.mark.parametrize(
        ("text", "width", "expected"),
        [
            ("t3.balance", 10, "t3.balance"),
            ("t3.balance", 9, "t3.balan…"),
            ("自然人列", 8, "自然人列"),
            ("自然人列", 7, "自然人…"),
            ("自然人列", 6, "自然…"),
            ("一 + 二", 5, "一 +…"),
        ],
    )
    def test_clip(self, text, width, expected):
        """Text wider than the width is cut to fit, … included; CJK characters count two."""
        assert expected == clip(text, width)
        assert wcswidth(clip(text, width)) <= width
