"""PDF (format ``"pdf"``): the report as agencies publish it, read from the page geometry.

Reading uses pdfplumber (over pdfminer.six), the optional extra ``pdf``:
``python -m pip install 'govinfo-report[pdf]'``; without it :func:`loads`
raises :class:`~govinfo_report.exceptions.MissingExtraError`.

How a PDF is read:

* **Tables from the rules.**  The ruled cells of each page (their lines and
  rectangles) give the grid, merged cells included; the characters inside
  a cell are its text, its lines joined (``商业企`` / ``业``, a vertical
  ``三、`` / ``本`` / ``年`` …).  Each grid row is handed to the shared
  label-driven assembler (:mod:`govinfo_report.codecs._assemble`), so
  labels are matched exactly as in every other format, and a merged cell
  once, in the first row it covers.
* **Tables across pages.**  A table that runs on at the top of the next
  page is read on; its repeated header rows are known labels and add
  nothing, and a label that the page break cut in two (``（四）无`` /
  ``法提供``) is joined again.
* **Words without rules.**  Lines of sections 二–四 outside ruled tables are
  split at their gaps, as PDF text (``pdftext``) is: a table drawn without
  rules is read from its words aligned in rows.
* **Page furniture** (``- 4 -``, ``第 4 页``, a bare page number in the
  margin) is dropped; the title printed large over several lines at the top
  of the first page is one title (agency and year).
* **Where each cell was printed.**  ``report.provenance.cells`` gives, for
  every cell read, its page and box ``(x0, top, x1, bottom)`` in points
  (:class:`~govinfo_report.schema.CellOrigin`).  Line numbers in messages
  count the lines of the document as read (prose lines and table rows).

What a PDF cannot give is said, never zeroed: a table printed as a picture
(an image and no text where the table stands) is reported naming the page,
its cells absent; a PDF without any text layer (scanned), or whose text is
mostly glyphs that their fonts map to no character (``(cid:23)``: read as
U+FFFD, never as digits; a few are said in an ``unmapped_glyphs``
warning), is refused; an
encrypted, damaged or oversized PDF, or one that takes too long, raises
:class:`~govinfo_report.exceptions.ParseError` naming the file.  A damaged
PDF that the parser reads past (a stream cut short, a font it cannot
resolve) is read with a ``pdf_damaged`` warning saying what it warned of.
Limits are :class:`PdfLimits`; pages are read one at a time.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import contextlib
import io
import logging
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report.codecs._flow import read_flow
from govinfo_report.codecs._grid import FlowItem
from govinfo_report.codecs._pdf_flow import document_flow
from govinfo_report.codecs._pdf_page import page_flow
from govinfo_report.codecs._pdf_paragraphs import paragraphs
from govinfo_report.exceptions import InvalidArgument, MissingExtraError, ParseError
from govinfo_report.schema import Diagnostic, Provenance, Report, Severity

if TYPE_CHECKING:
    from pdfplumber.pdf import PDF

__all__ = ["PdfLimits", "loads", "looks_like_pdf"]


@attrs.frozen
class PdfLimits:
    """Bounds on what reading one PDF may cost.

    Attributes:
        max_bytes: Largest file read, in bytes.
        max_pages: Most pages read.
        max_crossings: Most crossings of one page's rules (rule positions
            across × down) searched for table cells: the search takes time
            growing with their square; a report's page has a few hundred.
        max_seconds: Longest time spent reading, in seconds (checked page by page).
    """

    max_bytes: int = 64 * 1024 * 1024
    max_pages: int = 300
    max_crossings: int = 10_000
    max_seconds: float = 60.0


def looks_like_pdf(data: bytes) -> bool:
    """Whether *data* is a PDF file (``%PDF-`` within its first kilobyte).

    >>> looks_like_pdf(b"%PDF-1.7\\n...")
    True
    >>> looks_like_pdf("一、总体情况".encode())
    False
    """
    return b"%PDF-" in data[:1024]


# pdfminer and pdfplumber warn of every oddity of a damaged file through
# logging; a program that set up no logging would get them on stderr (Python's
# last-resort handler).  They stay out of its output; an application that
# configures logging still receives them.
_PARSERS = ("pdfminer", "pdfplumber")
for _parser in _PARSERS:
    logging.getLogger(_parser).addHandler(logging.NullHandler())


class _ParserWarnings(logging.Handler):
    """The warnings pdfminer and pdfplumber log while this thread reads one PDF.

    A damaged file that still parses (a stream cut short, a font or a
    metadata entry that cannot be resolved) is only told of in their logs;
    the reader says it in a diagnostic.  Only what logging lets through is
    heard: a program that raises those loggers' level above WARNING hears
    nothing, and neither does the reader.
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()  # another thread's PDF is not this one's
        self.count = 0
        self.first = ""

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        self.count += 1
        if not self.first:
            try:
                self.first = record.getMessage()
            except Exception:  # a message its own arguments do not format
                self.first = str(record.msg)

    def summary(self) -> str:
        """How often and what the parser warned (``""`` when it did not)."""
        if not self.count:
            return ""
        first = " ".join(self.first.split())
        first = first if len(first) <= 120 else first[:119] + "…"
        return f"the parser warned {self.count} time(s), first: {first}"


@contextlib.contextmanager
def _listening() -> Iterator[_ParserWarnings]:
    """The parsers' warnings while the body runs (in this thread)."""
    heard = _ParserWarnings()
    loggers = [logging.getLogger(name) for name in _PARSERS]
    for logger in loggers:
        logger.addHandler(heard)
    try:
        yield heard
    finally:
        for logger in loggers:
            logger.removeHandler(heard)


def _open(data: bytes, source: str | None) -> PDF:
    try:
        import pdfplumber
    except ImportError:
        raise MissingExtraError("reading PDF", "pdf") from None
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # any failure of the parser is a damaged file
        raise _damaged(exc, source) from exc


def _close(pdf: PDF) -> None:
    """Close *pdf*, whose pages pdfplumber loads again to close them.

    On a damaged file that fails as loading them did; the error already
    raised (naming the file) must not be replaced by it, and nothing but
    the bytes in memory is left to release.
    """
    with contextlib.suppress(Exception):  # the same damage, already reported
        pdf.close()


def _damaged(exc: BaseException, source: str | None) -> ParseError:
    chain = [exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())]
    names = " ".join(type(e).__name__ + " " + str(e) for e in chain if e is not None)
    if "Password" in names or "Encrypt" in names or "encrypt" in names:
        return ParseError(
            "encrypted PDF",
            source=source,
            expected="a PDF that opens without a password",
            got="a password-protected (encrypted) file",
        )
    return ParseError(
        "damaged PDF: the file cannot be parsed",
        source=source,
        expected="a well-formed PDF",
        got=f"{type(exc).__name__}: {exc}"[:200],
    )


def loads(
    data: bytes,
    *,
    lenient: bool = False,
    source: str | None = None,
    limits: PdfLimits | None = None,
) -> Report:
    """Read a report from the bytes of a PDF file.

    Args:
        data: The file's bytes.
        lenient: Return what can be read, with diagnostics in
            ``report.provenance.diagnostics``, instead of raising.  Nothing
            is invented: cells the PDF does not give as text are absent.
        source: A name for messages (usually the file name).
        limits: Bounds on size, pages and time (:class:`PdfLimits`).

    Raises:
        MissingExtraError: when pdfplumber is not installed.
        ParseError: for a file that is not a PDF, encrypted, damaged, too
            large, too long to read or without a text layer (always), and
            (strict mode) for tables that cannot be read exactly, naming the
            file, page, line, table, row and column.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise InvalidArgument("a PDF is read from bytes, not text")
    data = bytes(data)
    limits = limits or PdfLimits()
    if len(data) > limits.max_bytes:
        raise ParseError(
            "PDF too large",
            source=source,
            expected=f"at most {limits.max_bytes} bytes",
            got=f"{len(data)} bytes",
        )
    if not looks_like_pdf(data):
        raise ParseError("not a PDF", source=source, expected="a file starting with %PDF-")
    start = time.monotonic()
    with _listening() as heard:
        pdf = _open(data, source)
        try:
            pages = _read_pages(pdf, source, limits, start)
        finally:
            _close(pdf)
    damage = heard.summary()
    unreadable = _unreadable(pages, damage)
    if unreadable is not None:
        code, detail, got = unreadable
        if not lenient:
            raise ParseError(detail, source=source, expected="a PDF with a text layer", got=got)
        diagnostic = Diagnostic(code, f"{detail} ({got})", Severity.ERROR)
        return Report.from_cells(
            {}, provenance=Provenance(source=source, format="pdf", diagnostics=(diagnostic,))
        )
    notes = pages.notes
    if damage:
        notes.append(
            Diagnostic(
                "pdf_damaged",
                f"the PDF is damaged ({damage}): what its parser could not read is missing",
                Severity.WARNING,
            )
        )
    if pages.unmapped:
        notes.append(
            Diagnostic(
                "unmapped_glyphs",
                f"{pages.unmapped:,} of {pages.chars:,} characters ({_page_list(pages.unmapped_on)})"
                " are glyphs that their font maps to no character: read as U+FFFD, and no"
                " number is taken from them",
                Severity.WARNING,
            )
        )
    report = read_flow(paragraphs(pages.flow), format="pdf", source=source, lenient=lenient)
    base = report.provenance or Provenance(source=source, format="pdf")
    diagnostics = (*notes, *base.diagnostics)
    return attrs.evolve(report, provenance=attrs.evolve(base, diagnostics=diagnostics))


def _unreadable(pages: _Pages, damage: str) -> tuple[str, str, str] | None:
    """``(code, detail, got)`` for a PDF whose text cannot be read at all, else ``None``.

    No character at all is a scan (pages of pictures), or an empty or
    damaged file; a text mostly of glyphs that their fonts map to no
    character (fonts embedded without a ``ToUnicode`` map) can be read
    only from the pictures of its pages (OCR), as a scan.
    """
    if pages.chars == 0 and pages.scanned:
        code = "scanned"
        detail = "no text layer: a scanned PDF, whose text cannot be read without OCR"
        got = f"{pages.scanned} page(s) of images and no text"
    elif pages.chars == 0:  # no picture either: nothing says it is a scan
        code = "no_text"
        detail = "no text on any page: an empty PDF, or one damaged where its pages are"
        got = "no character and no picture on any page"
    elif pages.unmapped * 2 > pages.chars:
        code = "unmapped_text"
        detail = (
            "text without characters: its fonts map the glyphs to no character (no ToUnicode"
            " map), so that it cannot be read without OCR"
        )
        got = f"{pages.unmapped:,} of {pages.chars:,} characters unmapped"
    else:
        return None
    if damage:
        detail += f" ({damage})"
    return code, detail, got


def _page_list(numbers: list[int], shown: int = 5) -> str:
    """Pages named in a message, the first few of many.

    >>> _page_list([3]), _page_list([1, 2, 4])
    ('page 3', 'pages 1, 2, 4')
    >>> _page_list(list(range(1, 41)))
    'pages 1, 2, 3, 4, 5, … (40 pages)'
    """
    listed = ", ".join(map(str, numbers[:shown]))
    if len(numbers) > shown:
        listed += f", … ({len(numbers)} pages)"
    return f"page{'s' if len(numbers) > 1 else ''} {listed}"


@attrs.define
class _Pages:
    """What the pages of a PDF give: one flow, notes on pages, counts of characters."""

    flow: list[FlowItem] = attrs.Factory(list)
    notes: list[Diagnostic] = attrs.Factory(list)
    chars: int = 0  # characters printed
    unmapped: int = 0  # of them, glyphs mapped to no character
    unmapped_on: list[int] = attrs.Factory(list)  # the pages holding such glyphs
    scanned: int = 0  # pages of pictures without text


def _read_pages(pdf: PDF, source: str | None, limits: PdfLimits, start: float) -> _Pages:
    """The flow of the whole document, notes on pages without text, counts of characters."""
    try:
        pages = pdf.pages
    except Exception as exc:  # a broken page tree is a damaged file
        raise _damaged(exc, source) from exc
    if len(pages) > limits.max_pages:
        raise ParseError(
            "PDF has too many pages",
            source=source,
            expected=f"at most {limits.max_pages} pages",
            got=f"{len(pages)} pages",
        )
    out = _Pages()
    read: list[tuple[list[tuple[str, Any]], float]] = []  # each page's flow and height
    for number, page in enumerate(pages, start=1):
        if time.monotonic() - start > limits.max_seconds:
            raise ParseError(
                f"reading stopped at page {number}: the PDF takes too long to read",
                source=source,
                expected=f"at most {limits.max_seconds:g} s",
                got=f"{len(pages)} pages",
            )
        try:
            page_read = page_flow(page, number, source, max_crossings=limits.max_crossings)
        except ParseError:
            raise
        except Exception as exc:  # a page the parser cannot read is damage
            raise _damaged(exc, source) from exc
        finally:
            page.close()
        out.chars += page_read.chars
        out.unmapped += page_read.unmapped
        if page_read.unmapped:
            out.unmapped_on.append(number)
        if not page_read.chars and page_read.pictures:
            out.scanned += 1
            out.notes.append(
                Diagnostic(
                    "no_text_layer",
                    f"page {number} has no text layer (a scanned page); nothing on it is read",
                    Severity.WARNING,
                )
            )
        read.append((page_read.flow, page_read.height))
    out.flow = document_flow(read)
    return out
