"""Time and peak memory of the PDF and Word readers on large files, up to their limits.

Run by hand from the repository root::

    .venv/bin/python benchmarks/bench_file_limits.py
    .venv/bin/python benchmarks/bench_file_limits.py --cases pdf-grid --sizes 2 10

``benchmarks/bench_limits.py`` does the same for the text formats.  Cases:

``pdf-pages``   a generated report (``tests/pdfmaker.py``) whose section 一 runs on for
                SIZE pages in all (``PdfLimits.max_pages`` is 300)
``pdf-grid``    SIZE pages each ruled into 99 × 99 cells, a digit in each: 9,801 crossings,
                just under ``PdfLimits.max_crossings`` (the page the table search costs most
                on); reading stops at ``PdfLimits.max_seconds`` (60 s), checked page by page
``docx-prose``  a report written as ``.docx`` whose section 一 makes ``word/document.xml``
                SIZE MiB (``ZipLimits.max_part`` is 64 MiB)
``docx-rows``   a row of table 三 repeated until ``word/document.xml`` is SIZE MiB

Each file is read strictly and leniently, each time in a fresh interpreter;
the script prints the CPU seconds to read, the peak RSS, and its ratio to
the file and (for Word) to the uncompressed document.  A reading over
``--timeout`` seconds is stopped and printed as such.

Figures on a shared 2-core machine (CPU seconds, peak RSS of the reading
interpreter): PDF of 10, 100, 280 pages 0.4, 2.7, 7.7 s / 55–64 MB (300
pages is the limit); pages ruled 99 × 99: 3.2 s a page, 20 of them stopped
at 60 s (on page 15) / 97 MB.  Word: 16 MiB of document XML 0.7 s / 237 MB
(prose) and 1.4 s / 290 MB (rows), 60 MiB of rows 5.4–6.3 s / 960–1,030 MB
(16–17× the document, 2,200× the 0.44 MB file, within ``ZipLimits``:
64 MiB a part, 200× compression); 60 MiB of prose compresses more than
200× and is refused as a zip bomb.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_limits import run_child  # noqa: E402

import govinfo_report as gr  # noqa: E402

MIB = 1 << 20

_CHILD = """
import json, sys, time
import govinfo_report as gr
path, lenient = sys.argv[1], sys.argv[2] == "1"
data = open(path, "rb").read()
start = time.process_time()
try:
    report = gr.loads(data, lenient=lenient)
    outcome = f"ok, {sum(v is not None for v in report.cells().values())} cells"
except gr.GovinfoReportError as exc:
    outcome = "refused: " + str(exc)[:90]
read = time.process_time() - start
# the peak RSS of this interpreter: VmHWM (ru_maxrss would count the parent's memory too,
# since the child is forked from it before it runs this interpreter)
rss = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) * 1024
print(json.dumps({"read": read, "rss": rss, "outcome": outcome}))
"""


def pdf_pages(pages: int) -> bytes:
    """A report drawn as a PDF whose section 一 runs on to about *pages* pages."""
    from tests.pdfmaker import make_pdf

    report = gr.generate(seed="limits")
    piece = (report.sections[0].text or "本年度政府信息公开工作稳步推进。") + "\n"
    copies = max(1, int((pages - 4) * 1.8))  # about 1.8 pieces a page, 4 pages of tables
    return make_pdf(report.with_section(1, text=piece * copies))


def pdf_grid(pages: int) -> bytes:
    """*pages* pages, each ruled into 99 × 99 cells with a digit in each."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    n, step = 99, 5.5
    for _ in range(pages):
        for i in range(n + 1):
            canvas.line(20, 20 + step * i, 20 + step * n, 20 + step * i)
            canvas.line(20 + step * i, 20, 20 + step * i, 20 + step * n)
        canvas.setFont("Helvetica", 3)
        for i in range(n):
            for j in range(n):
                canvas.drawString(21 + step * i, 21 + step * j, str((i + j) % 10))
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _docx_with(xml_of: str, size: int) -> bytes:
    """The generated report's Word file, its document XML grown to *size* bytes by *xml_of*."""
    from tests.fuzzing_files import with_document

    data = gr.dumps(gr.generate(seed="limits"), format="docx")
    return with_document(data, lambda xml: _grown_xml(xml, xml_of, size))


def _grown_xml(xml: str, how: str, size: int) -> str:
    if how == "prose":  # the first paragraph after the title, again and again
        start = xml.index("<w:p>", xml.index("</w:p>"))
        end = xml.index("</w:p>", start) + len("</w:p>")
    else:  # the last row of table 三 (the fullest row: eight values)
        rows = [i for i in range(len(xml)) if xml.startswith("<w:tr>", i)]
        start = rows[30]
        end = xml.index("</w:tr>", start) + len("</w:tr>")
    piece = xml[start:end]
    copies = max(1, (size - len(xml.encode())) // len(piece.encode()))
    return xml[:end] + piece * copies + xml[end:]


def _document_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.getinfo("word/document.xml").file_size


CASES = {
    "pdf-pages": lambda size: pdf_pages(int(size)),
    "pdf-grid": lambda size: pdf_grid(int(size)),
    "docx-prose": lambda size: _docx_with("prose", int(size * MIB)),
    "docx-rows": lambda size: _docx_with("rows", int(size * MIB)),
}
SIZES = {"pdf-pages": [10, 100, 280], "pdf-grid": [1, 20], "docx-prose": [4, 16, 60]}
SIZES["docx-rows"] = SIZES["docx-prose"]
UNITS = {"pdf-pages": "pages", "pdf-grid": "pages"}


def measure(path: Path, lenient: bool, timeout: float) -> dict[str, object]:
    """One reading in a fresh interpreter."""
    return run_child(_CHILD, [str(path), "1" if lenient else "0"], timeout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))
    parser.add_argument(
        "--sizes", type=float, nargs="+", help="pages (pdf-…) or MiB of document XML (docx-…)"
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per reading")
    args = parser.parse_args()
    print(
        f"{'case':10} {'size':>11} {'file MiB':>8} {'mode':7} {'read s':>7} "
        f"{'RSS MiB':>8} {'RSS/file':>8} {'RSS/doc':>7}  outcome"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases:
            for size in args.sizes or SIZES[case]:
                data = CASES[case](size)
                path = Path(tmp) / "input"
                path.write_bytes(data)
                document = _document_size(data) if case.startswith("docx") else len(data)
                label = f"{size:g} {UNITS.get(case, 'MiB')}"
                for lenient in (False, True):
                    r = measure(path, lenient, args.timeout)
                    mode = "lenient" if lenient else "strict"
                    figures = f"{'':7} {'':8} {'':8} {'':7}"
                    if "rss" in r:
                        rss = float(r["rss"])  # type: ignore[arg-type]
                        read = float(r["read"])  # type: ignore[arg-type]
                        figures = (
                            f"{read:7.2f} {rss / MIB:8.0f} {rss / len(data):8.1f} "
                            f"{rss / document:7.1f}"
                        )
                    print(
                        f"{case:10} {label:>11} {len(data) / MIB:8.2f} {mode:7} {figures}  "
                        f"{r['outcome']}",
                        flush=True,
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
