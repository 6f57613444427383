"""The visual report: HTML pages checked as written and as a real browser renders them."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import attrs
import pytest

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.visual import report_page

from .conftest import CORPUS, SEEDS

CULPRIT = "t3.denied_enforcement_file.natural_person"


@pytest.fixture
def broken() -> gr.ValidationResult:
    """Seed 000 with 6 printed as 60 in 三、（三）7 / 自然人: two rules break, one cell to correct."""
    report = gr.load(SEEDS["seed-000"]).with_cells({CULPRIT: 60})
    return gr.validate(report)


class _Cells(HTMLParser):
    """Collect the value cells of a page: path → classes."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, set[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "td" and found.get("data-path"):
            self.cells[str(found["data-path"])] = set((found.get("class") or "").split())


def cells_of(page: str) -> dict[str, set[str]]:
    """The classes of every value cell of *page*."""
    parser = _Cells()
    parser.feed(page)
    return parser.cells


class TestReportPage:
    def test_every_cell_once_in_the_official_layout(self, broken):
        """The 200 cells appear once each, inside the writer's official grid (rowspans kept)."""
        page = report_page(broken, source="seed-000.txt")

        assert len(cells_of(page)) == 200
        assert '<td rowspan="22">三、本年度办理结果</td>' in page

    def test_failing_cells_marked_and_linked(self, broken):
        """Cells of broken rules are 'fail', linked to the rules; the one to correct shows 6."""
        page = report_page(broken, source="seed-000.txt")

        cells = cells_of(page)
        involved = {c.path for v in broken.violations for c in v.cells}
        assert {p for p, cls in cells.items() if "fail" in cls} == involved
        assert {p for p, cls in cells.items() if "culprit" in cls} == {CULPRIT}
        for v in broken.violations:
            assert f'id="rule-{v.rule_id}"' in page
            assert f'href="#rule-{v.rule_id}"' in page
        cell = re.search(rf'<td[^>]*id="cell-{re.escape(CULPRIT)}"[^>]*>(.*?)</td>', page)
        assert cell is not None
        assert "→ 6" in cell.group(1)

    def test_reading_marks(self):
        """Blank, marker, text and absent cells each get their own class; none is 'number'."""
        report = gr.Report.from_cells(
            {
                "t3.new_received.total": 5,
                "t3.granted.total": gr.Cell(None, ""),
                "t3.partial.total": gr.Cell(None, "/"),
                "t3.carried_over.total": gr.Cell(None, "六"),
            }
        )

        cells = cells_of(report_page(gr.validate(report)))

        assert "number" in cells["t3.new_received.total"]
        assert "blank" in cells["t3.granted.total"]
        assert "marker" in cells["t3.partial.total"]
        assert "text" in cells["t3.carried_over.total"]
        assert "absent" in cells["t4.review.total"]

    def test_inferred_cells_marked(self):
        """Cells the reader chose with the identities are marked 'inferred'."""
        report = gr.load(CORPUS / "001.txt", lenient=True)
        inferred = set(report.provenance.inferred) if report.provenance else set()

        cells = cells_of(report_page(gr.validate(report)))

        assert {p for p, cls in cells.items() if "inferred" in cls} == inferred

    def test_prose_and_year_warnings(self):
        """Prose and year warnings are listed with the passages read."""
        report = gr.generate(1)
        prose = report.with_cells(
            {
                "t3.new_received.total": report.value("t3.new_received.total") + 5,
                "t3.new_received.natural_person": report.value("t3.new_received.natural_person")
                + 5,
            }
        )
        year = report.meta.year
        title = (report.meta.title or "").replace(str(year), str(year - 1))
        wrong_year = attrs.evolve(report, meta=attrs.evolve(report.meta, title=title))

        prose_page = report_page(gr.validate(prose))
        year_page = report_page(gr.validate(wrong_year))

        assert 'id="rule-text.new_received"' in prose_page
        evidence = gr.validate(prose).outcome("text.new_received").violation
        assert evidence is not None
        assert evidence.evidence[0].excerpt in html.unescape(prose_page)
        assert 'id="rule-text.year[title]"' in year_page


class TestCommand:
    def test_batch_folder(self, tmp_path, capsys):
        """report on many files: index with summary and chart, one page each, unreadable on stderr."""
        broken = tmp_path / "in" / "broken.json"
        broken.parent.mkdir()
        gr.dump(gr.load(SEEDS["seed-000"]).with_cells({CULPRIT: 60}), broken)
        out = tmp_path / "out"

        status = main(
            [
                "report",
                str(SEEDS["seed-004"]),
                str(broken),
                str(tmp_path / "nope.txt"),
                "-o",
                str(out),
                "-j",
                "1",
            ]
        )

        index = (out / "index.html").read_text("utf-8")
        pages = sorted((out / "reports").iterdir())
        assert status == 2
        assert len(pages) == 2
        assert "3 reports: 1 ok, 1 invalid, 0 could not be checked, 1 unreadable" in index
        assert re.search(r'<rect class="bar"[^>]*fill="#c00"><title>t3.row_sum: 1</title>', index)
        for page in pages:
            assert f'href="reports/{page.name}"' in index
        assert "nope.txt: unreadable" in capsys.readouterr().err

    def test_one_file(self, tmp_path):
        """One report to a .html file."""
        out = tmp_path / "one.html"

        assert main(["report", str(SEEDS["seed-000"]), "-o", str(out)]) == 0
        assert len(cells_of(out.read_text("utf-8"))) == 200


# -- in a real browser -----------------------------------------------------------------

_PROBE = """
<script>
const cells = [...document.querySelectorAll("td[data-path]")];
const style = (c) => getComputedStyle(c);
const result = {
  cells: cells.length,
  fail: cells.filter((c) => style(c).backgroundColor === "rgb(255, 221, 221)").map((c) => c.dataset.path),
  culprit: cells.filter((c) => style(c).outlineStyle === "solid").map((c) => c.dataset.path),
  normal: style(document.querySelector('td[data-path="t3.new_received.total"]')).backgroundColor,
  width: document.documentElement.scrollWidth,
};
document.body.insertAdjacentHTML("beforeend", "<pre id=probe>" + JSON.stringify(result) + "</pre>");
</script>
"""


def chromium() -> str:
    """The Chromium binary; CI installs it (.ci/run), elsewhere the test is skipped without it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


class TestInBrowser:
    def test_rendered_page_marks_failing_cells(self, broken, tmp_path):
        """Rendered by headless Chromium: failing cells are red, the culprit outlined, no script error."""
        page = report_page(broken, source="seed-000.txt")
        assert "<script" not in page  # the page itself runs no script
        probed = tmp_path / "page.html"
        probed.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")

        run = subprocess.run(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={tmp_path / 'profile'}",
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=5000",
                "--dump-dom",
                probed.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

        assert run.returncode == 0, run.stderr[-2000:]
        assert "Uncaught" not in run.stderr
        assert not re.search(r"CONSOLE.*(Error|error)", run.stderr)
        probe = re.search(r"<pre id=\"probe\">(.*?)</pre>", run.stdout, re.DOTALL)
        assert probe is not None, run.stdout[-2000:]
        result = json.loads(probe.group(1).replace("&quot;", '"'))
        involved = {c.path for v in broken.violations for c in v.cells}
        assert result["cells"] == 200
        assert set(result["fail"]) == involved
        assert result["culprit"] == [CULPRIT]
        assert result["normal"] != "rgb(255, 221, 221)"
