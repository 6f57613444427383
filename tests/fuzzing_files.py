"""Mutations of PDF and Word files, and the text they print, for the fuzz suite.

The text readers are fuzzed with mutated text (``tests/fuzzing.py``); a PDF
or a Word file made of such text is no PDF and no zip, and its reader
refuses it at the first check.  These mutations start from real files — the
corpus PDF, generated reports drawn as PDF (``tests/pdfmaker.py``, with
and without compressed streams, ruled and not) and written as ``.docx``, and
a Word document built with python-docx, not by the library's writer — and
damage them where their readers look:

* **PDF**: bytes flipped, cut, deleted or duplicated, PDF tokens inserted
  (operators, delimiters, huge numbers), numbers replaced (in an
  uncompressed content stream: coordinates, font sizes, text positions);
* **Word**: the archive's bytes damaged (rarely: it is then refused), or
  ``word/document.xml`` mutated and zipped again — the body cut to a run
  of its paragraphs and tables, elements (cells, rows, paragraphs, runs)
  deleted, duplicated or swapped, merges changed, a cell's text mutated as
  the text readers' input is, or the XML itself damaged.

:func:`printed_text` gives the text a file prints, for the oracle
(:func:`tests.fuzzing.check_report`): for a PDF, its characters as
pdfplumber extracts them (in drawing order and in reading order); for a
Word file, ``word/document.xml`` (the oracle takes the markup out).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from typing import TYPE_CHECKING

import govinfo_report as gr
from govinfo_report.codecs._binary import binary_format

from .fuzzing import CORPUS, mutate, mutate_bytes

if TYPE_CHECKING:
    from collections.abc import Callable

    from .fuzzing import Chooser

__all__ = ["file_seeds", "mutate_file", "printed_text", "with_document"]


@functools.cache
def file_seeds(kind: str) -> tuple[tuple[str, bytes], ...]:
    """``(name, bytes)`` of the PDF (*kind* ``"pdf"``) or Word (``"docx"``) files to mutate."""
    reports = [gr.generate(seed=str(seed), blanks=b) for seed, b in enumerate(("zero", "slash"))]
    if kind == "pdf":
        from .pdfmaker import make_pdf

        return (
            ("303.pdf", (CORPUS / "303.pdf").read_bytes()),
            ("generated-0.pdf", make_pdf(reports[0], compress=False)),
            ("generated-0-compressed.pdf", make_pdf(reports[0])),
            ("generated-1-unruled.pdf", make_pdf(reports[1], rules=False, compress=False)),
            ("generated-1-inner.pdf", make_pdf(reports[1], rules="inner", compress=False)),
        )
    if kind == "docx":
        return (
            ("generated-0.docx", gr.dumps(reports[0], format="docx")),
            ("generated-1.docx", gr.dumps(reports[1], format="docx")),
            ("python-docx-0.docx", _foreign_docx(reports[0])),
        )
    raise ValueError(f"no {kind!r} files: 'pdf' or 'docx'")


def _foreign_docx(report: gr.Report) -> bytes:
    """*report* as a plain Word document built with python-docx from its pipe rendering.

    Lines are paragraphs; each run of ``| a | b |`` lines is a table whose
    rows are right-aligned (a short row's first cell spans the columns on
    its left), as a document not written by the library's writer.
    """
    import docx

    document = docx.Document()
    rows: list[list[str]] = []

    def table() -> None:
        width = max(len(row) for row in rows)
        grid = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            offset = width - len(row)
            if offset:
                grid.cell(r, 0).merge(grid.cell(r, offset))
            for c, text in enumerate(row):
                grid.cell(r, offset + c).text = text
        rows.clear()

    for line in gr.dumps(report, format="pipe").splitlines():
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        if rows:
            table()
        document.add_paragraph(line)
    if rows:
        table()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------------------

_PDF_TOKENS = (
    *(b"()<>[]{}/\\%\n\x00\xff"[i : i + 1] for i in range(14)),
    b"<<",
    b">>",
    b" Tj ",
    b" TJ ",
    b" Tf ",
    b" Td ",
    b" Tm ",
    b" re ",
    b" l ",
    b" m ",
    b" S ",
    b" f ",
    b" cm ",
    b" q ",
    b" Q ",
    b" BT ",
    b" ET ",
    b" 0 R ",
    b"stream\n",
    b"endstream",
    b"endobj",
    b"/FlateDecode",
    b"trailer",
    b"xref",
    b"-1",
    b"1e308",
    b"9" * 40,
    b"0.0000001",
)
"""What a damaged PDF holds in the wrong place: delimiters, operators, keywords, odd numbers."""

_PDF_NUMBER = re.compile(rb"-?[0-9]+(?:\.[0-9]+)?")
_NUMBERS = (b"0", b"-1", b"1", b"7", b"100", b"-300.5", b"99999", b"1" + b"0" * 30, b"0.001")
_MAX_GROWTH = 64 * 1024
"""Bytes one duplication may add: files grow, within what a reader is expected to take."""


def _flip(data: bytes, choose: Chooser) -> bytes:
    if not data:
        return data
    i = choose.integer(0, len(data) - 1)
    return data[:i] + bytes([data[i] ^ (1 << choose.integer(0, 7))]) + data[i + 1 :]


def _cut(data: bytes, choose: Chooser) -> bytes:
    return data[: choose.integer(0, len(data))]


def _insert_token(data: bytes, choose: Chooser) -> bytes:
    i = choose.integer(0, len(data))
    return data[:i] + choose.pick(_PDF_TOKENS) * choose.integer(1, 3) + data[i:]


def _delete_span(data: bytes, choose: Chooser) -> bytes:
    i = choose.integer(0, len(data))
    return data[:i] + data[i + choose.integer(1, 400) :]


def _duplicate_span(data: bytes, choose: Chooser) -> bytes:
    i = choose.integer(0, len(data))
    span = data[i : i + choose.integer(1, 2000)]
    times = min(choose.integer(2, 20), _MAX_GROWTH // max(len(span), 1))
    return data[:i] + span * times + data[i:]


def _number(data: bytes, choose: Chooser) -> bytes:
    """A number of the file (a coordinate, a size, an offset) replaced by another."""
    start = choose.integer(0, len(data))
    found = _PDF_NUMBER.search(data, start) or _PDF_NUMBER.search(data)
    if found is None:
        return data
    return data[: found.start()] + choose.pick(_NUMBERS) + data[found.end() :]


_PDF_MUTATIONS: tuple[Callable[[bytes, Chooser], bytes], ...] = (
    *(_flip, _insert_token, _delete_span, _duplicate_span) * 2,
    *(_number,) * 3,
    _cut,  # rarely: a PDF cut short is refused (it has lost its cross-reference table)
)


def mutate_pdf(data: bytes, choose: Chooser) -> bytes:
    """One to four drawn mutations of the bytes of a PDF."""
    for _ in range(choose.integer(1, 4)):
        data = choose.pick(_PDF_MUTATIONS)(data, choose)
    return data


# --- Word ---------------------------------------------------------------------------------

_DOCUMENT = "word/document.xml"
_TAGS = ("w:tbl", "w:tr", "w:tc", "w:p", "w:r", "w:t")
_BODY_CHILD = re.compile(r"<w:tbl>.*?</w:tbl>|<w:p\b(?:[^>]*/>|.*?</w:p>)", re.DOTALL)
_MERGE = re.compile(r"<w:(?:gridSpan|vMerge)\b[^>]*/>")
_MERGES = (
    "",
    '<w:gridSpan w:val="2"/>',
    '<w:gridSpan w:val="9"/>',
    '<w:gridSpan w:val="0"/>',
    '<w:gridSpan w:val="99999"/>',
    '<w:gridSpan w:val="-1"/>',
    '<w:gridSpan w:val="x"/>',
    '<w:vMerge w:val="x"/>',
    '<w:vMerge w:val="restart"/>',
    "<w:vMerge/>",
)
_TEXT = re.compile(r"(<w:t\b[^>]*>)([^<]*)(</w:t>)")


def _elements(xml: str, tag: str) -> list[re.Match[str]]:
    return list(re.finditer(rf"<{tag}\b(?:[^>]*/>|.*?</{tag}>)", xml, re.DOTALL))


def _body_run(xml: str, choose: Chooser) -> str:
    """The body cut to a run of its paragraphs and tables (a partial page)."""
    children = list(_BODY_CHILD.finditer(xml))
    if len(children) < 2:
        return xml
    i = choose.integer(0, len(children) - 1)
    j = choose.integer(i, min(len(children) - 1, i + choose.integer(1, 60)))
    return (
        xml[: children[0].start()]
        + xml[children[i].start() : children[j].end()]
        + xml[children[-1].end() :]
    )


def _element(xml: str, choose: Chooser) -> str:
    """An element deleted, duplicated or swapped with another of its kind."""
    found = _elements(xml, choose.pick(_TAGS))
    if not found:
        return xml
    one = found[choose.integer(0, len(found) - 1)]
    kind = choose.integer(0, 2)
    if kind == 0:
        return xml[: one.start()] + xml[one.end() :]
    if kind == 1:
        return xml[: one.end()] + one.group() * choose.integer(1, 3) + xml[one.end() :]
    other = found[choose.integer(0, len(found) - 1)]
    first, second = sorted((one, other), key=lambda m: m.start())
    if first.end() > second.start():  # the same element, or one inside the other
        return xml
    return (
        xml[: first.start()]
        + second.group()
        + xml[first.end() : second.start()]
        + first.group()
        + xml[second.end() :]
    )


def _merge(xml: str, choose: Chooser) -> str:
    """A merge of cells changed, dropped or added."""
    merges = list(_MERGE.finditer(xml))
    cells = _elements(xml, "w:tc")
    if merges and choose.integer(0, 1):
        one = merges[choose.integer(0, len(merges) - 1)]
        return xml[: one.start()] + choose.pick(_MERGES) + xml[one.end() :]
    if not cells:
        return xml
    cell = cells[choose.integer(0, len(cells) - 1)]
    opening = xml.index(">", cell.start()) + 1
    return xml[:opening] + f"<w:tcPr>{choose.pick(_MERGES)}</w:tcPr>" + xml[opening:]


def _cell_text(xml: str, choose: Chooser) -> str:
    """The text of one run mutated as the text readers' input is (escaped as XML)."""
    texts = list(_TEXT.finditer(xml))
    if not texts:
        return xml
    one = texts[choose.integer(0, len(texts) - 1)]
    text = mutate(one.group(2), choose, steps=1)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return xml[: one.start(2)] + escaped + xml[one.end(2) :]


def _raw_xml(xml: str, choose: Chooser) -> str:
    """The XML itself mutated (markup broken, characters XML does not allow)."""
    return mutate(xml, choose, steps=1)


_XML_MUTATIONS: tuple[Callable[[str, Chooser], str], ...] = (
    _body_run,
    _element,
    _element,
    _merge,
    _cell_text,
    _cell_text,
    _cell_text,
    _raw_xml,
)


def with_document(data: bytes, change: Callable[[str], str]) -> bytes:
    """The Word file *data* with its ``word/document.xml`` changed by *change*, zipped again."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as archive,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy,  # fast
    ):
        for info in archive.infolist():
            content = archive.read(info)
            if info.filename == _DOCUMENT:
                content = change(content.decode("utf-8")).encode("utf-8", "surrogatepass")
            copy.writestr(info.filename, content)
    return out.getvalue()


def mutate_docx(data: bytes, choose: Chooser) -> bytes:
    """A Word file damaged: its bytes (one in eight), or its document mutated and zipped again."""
    if choose.integer(0, 7) == 0:
        return mutate_bytes(data, choose)

    def mutated(xml: str) -> str:
        for _ in range(choose.integer(1, 4)):
            xml = choose.pick(_XML_MUTATIONS)(xml, choose)
        return xml

    return with_document(data, mutated)


def mutate_file(data: bytes, choose: Chooser) -> bytes:
    """*data* (a PDF or a Word file) mutated as its kind is."""
    return mutate_docx(data, choose) if binary_format(data) == "docx" else mutate_pdf(data, choose)


# --- what a file prints -------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    import pdfplumber

    lines: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[:300]:
            chars = page.chars
            lines.append("".join(c["text"] for c in chars))
            ordered = sorted(chars, key=lambda c: (round(c["top"]), c["x0"]))
            lines.append("".join(c["text"] for c in ordered))
    return "\n".join(lines)  # pdfminer's (cid:24), a glyph mapped to no character, is no digit


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(_DOCUMENT).decode("utf-8", "replace")


def printed_text(data: bytes) -> str:
    """The text a PDF or Word file prints, as the oracle compares numbers with it.

    ``""`` for a file its extractor cannot open (a reader must then refuse
    it too: any number it returns is counted as invented).
    """
    extract = _pdf_text if binary_format(data) == "pdf" else _docx_text
    try:
        return extract(data)
    except Exception:  # the oracle's own extraction failed: nothing counts as printed
        return ""
