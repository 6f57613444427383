"""Time reading a PDF and a Word report against the bare text extraction of the same library.

The PDF is the real 6-page report ``tests/fixtures/corpus/303.pdf``; reading
it (page geometry, ruled tables, the label-driven assembler, the report with
every cell's page and box) should take at most 1 s on the development
machine.  Beside it: pdfplumber's bare ``extract_text()`` of every page,
the floor any pdfplumber-based reader stands on.  The Word document is the
same report written by ``dumps(report, format="docx")``; beside reading it:
python-docx opening it and walking every paragraph's and cell's text, and
the time to write it::

    python benchmarks/bench_pdf.py            # print the timings and the ratios
    python benchmarks/bench_pdf.py --check    # exit 1 if reading the PDF takes over 1 s

The figures are the best of several repeats, so a busy machine shows in
neither side more than the other.
"""

from __future__ import annotations

import argparse
import io
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import pdfplumber

import govinfo_report as gr

TARGET_SECONDS = 1.0
ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "tests" / "fixtures" / "corpus" / "303.pdf"


def best(function: Callable[[], object], *, repeat: int = 5) -> float:
    """Return the best time of one call, in seconds."""
    return min(timeit.repeat(function, repeat=repeat, number=1))


def bare_pdf_text(data: bytes) -> str:
    """pdfplumber's text of every page, nothing else."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


def bare_docx_text(data: bytes) -> str:
    """python-docx: open the document, every paragraph's and table cell's text."""
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the timings; return 1 with ``--check`` when reading the PDF is over target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help=f"fail above {TARGET_SECONDS:g} s")
    args = parser.parse_args(argv)

    data = PDF.read_bytes()
    report = gr.loads(data)
    read = best(lambda: gr.loads(data))
    bare = best(lambda: bare_pdf_text(data))
    print(f"PDF  {PDF.name} (6 pages, {len(data) // 1024} KiB)")
    print(
        f"  read with govinfo_report        {read * 1000:8.1f} ms   (target ≤ {TARGET_SECONDS:g} s)"
    )
    print(f"  pdfplumber extract_text, bare   {bare * 1000:8.1f} ms")
    print(f"  ratio read / bare               {read / bare:8.2f}")

    word = gr.dumps(report, format="docx")
    read_docx = best(lambda: gr.loads(word))
    bare_docx = best(lambda: bare_docx_text(word))
    write_docx = best(lambda: gr.dumps(report, format="docx"))
    print(f"Word the same report ({len(word) // 1024} KiB)")
    print(f"  read with govinfo_report        {read_docx * 1000:8.1f} ms")
    print(f"  python-docx text, bare          {bare_docx * 1000:8.1f} ms")
    print(f"  ratio read / bare               {read_docx / bare_docx:8.2f}")
    print(f"  write (dumps format='docx')     {write_docx * 1000:8.1f} ms")
    return 1 if args.check and read > TARGET_SECONDS else 0


if __name__ == "__main__":
    raise SystemExit(main())
