"""A visual report: static, self-contained HTML pages showing what is wrong and where.

For one report, :func:`report_page` draws its three tables in the official
layout (the HTML writer's, with its ``rowspan``/``colspan``) and marks every
cell: a failing cell in red, linked to the rules it breaks and showing the
suggested correction; a cell read by inference, blank, a marker, text or
absent each in its own style.  Below the tables: every violation with its
cells (linked back to the table), the suggestions, the prose, fee and year
warnings with the passages read, and the rules not evaluated.

For a batch, :func:`index_page` gives the summary, a bar chart of the
reports failing each rule family (inline SVG), and one line per report
linked to its page.  Pages have no script and load nothing from elsewhere.

>>> import govinfo_report as gr
>>> from govinfo_report.visual import report_page
>>> broken = gr.load("tests/fixtures/corpus/seed-000.txt").with_cells(
...     {"t3.denied_enforcement_file.natural_person": 60})
>>> page = report_page(gr.validate(broken), source="seed-000.txt")
>>> 'id="cell-t3.denied_enforcement_file.natural_person" class="cell fail' in page
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from govinfo_report.schema import CELL_PATHS, CELL_SPECS, Cell, Report

if TYPE_CHECKING:
    from govinfo_report.batch import Row, Summary
    from govinfo_report.rules import ValidationResult, Violation

__all__ = ["READ_CLASSES", "index_page", "index_row", "report_page"]

#: How a cell was read → the CSS class and the legend's words.
READ_CLASSES: dict[str, str] = {
    "fail": "in a broken rule (red; the numbers link to the rules)",
    "fail culprit": "the cell to correct: changing it alone mends its rules (the value is shown)",
    "inferred": "chosen by the reader with the identities (dashed blue)",
    "blank": "printed blank: unknown, never 0 (grey)",
    "marker": "a marker such as / or 无 (grey, italic)",
    "text": "text that is not a number, kept as printed (orange)",
    "absent": "not in the text: cut off or table missing (hatched)",
}

_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table.form{border-collapse:collapse;margin:.5em 0;font-size:.85em}
table.form td{border:1px solid #555;padding:2px 5px;vertical-align:middle}
td.cell{text-align:right;min-width:2.5em;white-space:nowrap;font-variant-numeric:tabular-nums}
td.cell.fail{background:#fdd}td.cell.culprit{outline:3px solid #c00;font-weight:bold}
td.cell.inferred{outline:2px dashed #36c}
td.cell.blank,td.cell.marker{background:#eee;color:#666}td.cell.marker{font-style:italic}
td.cell.text{background:#fec}
td.cell.absent{background:repeating-linear-gradient(45deg,#eee 0 4px,#fff 4px 8px);color:#999}
.fix{display:block;color:#060;font-size:.8em}.rules a{font-size:.8em;margin-left:.25em}
.verdict{font-weight:bold;padding:.3em .6em;display:inline-block}
.ok{background:#dfd}.invalid{background:#fdd}.unchecked{background:#fec}.unreadable{background:#ddd}
.violation{border-left:4px solid #c00;padding:.2em .8em;margin:.6em 0}
.violation.warning{border-color:#e90}.violation:target{background:#ffe}
.legend span{display:inline-block;margin-right:1em}.legend td{width:2em}
table.list{border-collapse:collapse}table.list td,table.list th{border:1px solid #ccc;padding:2px 6px}
pre{white-space:pre-wrap;font-family:inherit;margin:.2em 0}
"""

_SENTINEL = re.compile(r"<td([^>]*)>@@(\d+)@@</td>")
_TABLE = re.compile(r"<table[^>]*>.*?</table>", re.DOTALL)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@functools.cache
def _layouts() -> tuple[str, str, str]:
    """The official grids of tables 二, 三, 四 with a placeholder in each value cell.

    They come from the HTML writer, fed a report whose cells print
    ``@@index@@``: the layout is the writer's, never a second copy of it.
    """
    from govinfo_report.codecs import dumps

    sentinel = Report.from_flat(tuple(Cell(None, f"@@{i}@@") for i in range(len(CELL_PATHS))))
    tables = _TABLE.findall(dumps(sentinel, format="html"))
    if len(tables) != 3:  # pragma: no cover - the writer always draws three tables
        msg = f"expected three tables from the HTML writer, got {len(tables)}"
        raise AssertionError(msg)
    return (tables[0], tables[1], tables[2])


def _reading(report: Report, path: str, inferred: set[str]) -> str:
    if path in inferred:
        return "inferred"
    return report.cell(path).presence.value


def _tables(result: ValidationResult) -> str:
    report = result.report
    provenance = report.provenance
    inferred = set(provenance.inferred) if provenance is not None else set()
    failing: dict[str, list[tuple[int, Violation]]] = {}
    for number, v in enumerate(result.violations, start=1):
        for c in v.cells:
            if not c.previous and c.role != "condition":
                failing.setdefault(c.path, []).append((number, v))
    fixes: dict[str, list[str]] = {}
    for s in result.suggestions:
        fixes.setdefault(s.path, []).append(str(s.suggested))

    def cell(match: re.Match[str]) -> str:
        spans, index = match.group(1), int(match.group(2))
        path = CELL_PATHS[index]
        spec = CELL_SPECS[path]
        value = report.cell(path)
        reading = _reading(report, path, inferred)
        classes = ["cell", reading]
        shown = "（缺）" if value.printed is None else (value.printed or "（空白）")
        title = f"{spec.label} ({path}): {reading}"
        extra = ""
        if path in failing:
            classes.insert(1, "fail")
            links = "".join(
                f'<a href="#rule-{_e(v.rule_id)}" title="{_e(v.rule_id)}">{n}</a>'
                for n, v in failing[path]
            )
            extra += f'<sup class="rules">{links}</sup>'
            title += "; breaks " + ", ".join(v.rule_id for _, v in failing[path])
        if path in fixes:
            classes.insert(2, "culprit")
            extra += f'<span class="fix">→ {_e(" or ".join(fixes[path]))}</span>'
        return (
            f'<td{spans} id="cell-{_e(path)}" class="{" ".join(classes)}" '
            f'data-path="{_e(path)}" title="{_e(title)}">{_e(shown)}{extra}</td>'
        )

    out = []
    for number, (name, layout) in enumerate(
        zip(
            (
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
            ),
            _layouts(),
            strict=True,
        ),
        start=2,
    ):
        grid = _SENTINEL.sub(cell, layout).replace('<table border="1">', '<table class="form">', 1)
        out.append(f'<h2 id="table-{number}">{_e(name)}</h2>\n{grid}')
    return "\n".join(out)


def _violation(number: int, v: Violation) -> str:
    severity = v.severity.value
    cells = "".join(
        f"<tr><td>{_e(c.role)}</td><td>"
        + (
            f"上年 {_e(c.path)}"
            if c.previous
            else f'<a href="#cell-{_e(c.path)}">{_e(c.path)}</a>'
        )
        + f"</td><td>{_e(c.label)}</td><td>{_e(c.shown)}</td></tr>"
        for c in v.cells
    )
    evidence = "".join(
        f"<li>§{e.section if e.section > 0 else '-'} {_e(e.excerpt)}"
        + ("" if e.agrees else " <b>✗</b>")
        + "</li>"
        for e in v.evidence
    )
    head = f"{number}. {_e(v.rule_id)} · {severity} · {_e(v.code)}"
    if v.lhs is not None and v.rhs is not None and v.diff is not None:
        head += f" · {_e(v.lhs)} ≠ {_e(v.rhs)} (diff {_e(v.diff)})"
    return (
        f'<div class="violation {severity}" id="rule-{_e(v.rule_id)}"><b>{head}</b>'
        f"<pre>{_e(v.message_zh)}\n{_e(v.message_en)}</pre>"
        + (f'<table class="list">{cells}</table>' if cells else "")
        + (f"<ul>{evidence}</ul>" if evidence else "")
        + "</div>"
    )


def _legend() -> str:
    items = "".join(
        f'<span><table class="form"><tr><td class="cell {name}">&nbsp;</td></tr></table>'
        f"{_e(words)}</span>"
        for name, words in READ_CLASSES.items()
    )
    return f'<div class="legend">{items}</div>'


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="generator" content="govinfo-report">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def report_page(
    result: ValidationResult,
    *,
    source: str | None = None,
    status: str | None = None,
    diagnostics: Sequence[str] = (),
    index: str | None = None,
) -> str:
    """Return the HTML page of one validated report.

    Args:
        result: The validation result (its report is drawn).
        source: The file name shown.
        status: The verdict (``ok``, ``invalid``, ``unchecked``); from
            the result when ``None``.
        diagnostics: What the reader noticed, one line each.
        index: A link back to the batch's index page, if any.
    """
    report = result.report
    meta = report.meta
    status = status or ("ok" if result.ok else "invalid")
    words = {"ok": "OK", "invalid": "INVALID", "unchecked": "COULD NOT BE CHECKED"}
    counts = result.counts()
    parts = []
    if index:
        parts.append(f'<p><a href="{_e(index)}">← all reports</a></p>')
    parts.append(f"<h1>{_e(meta.title or meta.agency or source or 'report')}</h1>")
    parts.append(
        f'<p><span class="verdict {status}">{words.get(status, status)}</span> '
        f"{_e(source or '')} · {_e(meta.agency or '')} · {_e(meta.year or '')} · "
        + " · ".join(f"{n} {_e(s.value)}" for s, n in counts.items())
        + "</p>"
    )
    parts.append(_legend())
    parts.append(_tables(result))
    numbered = list(enumerate(result.violations, start=1))
    errors = [(n, v) for n, v in numbered if v.severity.value == "error"]
    warnings = [(n, v) for n, v in numbered if v.severity.value != "error"]
    parts.append(f"<h2>Errors ({len(errors)})</h2>")
    parts.extend(_violation(n, v) for n, v in errors)
    if result.suggestions:
        parts.append("<h2>Suggested corrections (reported, never written back)</h2><ul>")
        parts.extend(
            f'<li><a href="#cell-{_e(s.path)}">{_e(s.path)}</a> {_e(s.message_zh)}</li>'
            for s in result.suggestions
        )
        parts.append("</ul>")
    parts.append(f"<h2>Warnings: prose, fee, years, last year ({len(warnings)})</h2>")
    parts.extend(_violation(n, v) for n, v in warnings)
    if diagnostics:
        parts.append("<h2>What the reader noticed</h2><ul>")
        parts.extend(f"<li>{_e(d)}</li>" for d in diagnostics)
        parts.append("</ul>")
    if result.not_evaluated:
        parts.append(f"<h2>Not evaluated ({len(result.not_evaluated)})</h2><ul>")
        parts.extend(f"<li>{_e(n.rule_id)}: {_e(n.message_zh)}</li>" for n in result.not_evaluated)
        parts.append("</ul>")
    return _page(meta.title or source or "report", "\n".join(parts))


def _chart(summary: Summary) -> str:
    """An inline SVG bar chart: reports failing each rule family."""
    families = sorted(summary.by_family.items(), key=lambda kv: (-kv[1], kv[0]))[:30]
    if not families:
        return "<p>No rule fails in any report.</p>"
    top = max(n for _, n in families)
    bar, gap, left, width = 18, 6, 220, 420
    rows = []
    for k, (family, n) in enumerate(families):
        y = k * (bar + gap)
        w = max(1, round(width * n / top))
        colour = "#c00" if summary.family_severity.get(family) == "error" else "#e90"
        rows.append(
            f'<text x="{left - 6}" y="{y + bar - 4}" text-anchor="end">{_e(family)}</text>'
            f'<rect class="bar" x="{left}" y="{y}" width="{w}" height="{bar}" fill="{colour}">'
            f"<title>{_e(family)}: {n}</title></rect>"
            f'<text x="{left + w + 4}" y="{y + bar - 4}">{n}</text>'
        )
    height = len(families) * (bar + gap)
    return (
        f'<svg id="chart" xmlns="http://www.w3.org/2000/svg" width="{left + width + 60}" '
        f'height="{height}" font-size="12">{"".join(rows)}</svg>'
    )


def index_row(row: Row, link: str | None) -> str:
    """Return one report's line of the index page (a table row)."""
    name = f'<a href="{_e(link)}">{_e(row.path)}</a>' if link else _e(row.path)
    note = row.reason or " ".join(row.failed_rules[:6])
    return (
        f'<tr class="{row.status}"><td>{name}</td><td>{_e(row.agency or "")}</td>'
        f"<td>{_e(row.year or '')}</td><td>{_e(row.status)}</td><td>{row.errors}</td>"
        f"<td>{row.warnings}</td><td>{_e(note)}</td></tr>"
    )


def index_page(summary: Summary, rows: Iterable[str]) -> Iterator[str]:
    """Yield the batch's index page in pieces: summary, chart of failures per family, every report.

    Args:
        summary: The batch's summary.
        rows: Each report's line (:func:`index_row`), read once, as they are
            written out (so that a million reports need not be in memory).
    """
    head = _page("Reports checked", "@@BODY@@")
    before, after = head.split("@@BODY@@")
    yield before
    yield f"<h1>Reports checked</h1>\n<p>{_e(summary.headline())}</p>\n"
    yield "<h2>Reports failing each rule family</h2>\n" + _chart(summary) + "\n"
    yield '<h2>Every report</h2>\n<table class="list"><tr><th>file</th><th>agency</th>'
    yield "<th>year</th><th>result</th><th>errors</th><th>warnings</th><th>note</th></tr>\n"
    for row in rows:
        yield row + "\n"
    yield "</table>" + after
