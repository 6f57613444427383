"""Read and write reports: one entry point, a registry of formats.

Codecs parse and render; they never judge (that is :mod:`govinfo_report.rules`).
Every codec module exports ``loads(text, *, lenient=False, source=None)``
and, where it can write, ``dumps(report)``; the binary formats (PDF, Word)
read and write bytes instead of text.  :data:`FORMATS` lists them;
``load``/``loads`` detect the format from the content (a binary file by its
bytes: ``%PDF-``, a zip archive holding ``word/document.xml``) unless
``format=`` is given.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, cast, overload

import attrs

from govinfo_report.codecs._binary import binary_format
from govinfo_report.codecs._detect import candidate_formats, detect_format
from govinfo_report.codecs._evidence import report_score
from govinfo_report.exceptions import InvalidArgument, MissingExtraError, ParseError
from govinfo_report.schema import Presence, Provenance, Report, Severity

if TYPE_CHECKING:
    import os

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "Codec",
    "decode",
    "detect_format",
    "dump",
    "dumps",
    "load",
    "loads",
    "reader_formats",
    "writer_formats",
]


class _CodecModule(Protocol):
    def loads(self, text: str, *, lenient: bool = False, source: str | None = None) -> Report: ...


class _WriterModule(Protocol):
    def dumps(self, report: Report) -> str: ...


class _BinaryModule(Protocol):
    def loads(
        self, data: bytes, *, lenient: bool = False, source: str | None = None
    ) -> Report: ...


class _BinaryWriterModule(Protocol):
    def dumps(self, report: Report) -> bytes: ...


@attrs.frozen
class Codec:
    """A registered format.

    Attributes:
        name: The format's name (``"text"``, ``"json"`` …), used by ``format=``
            and by the CLI.
        module: The module that implements it (imported on first use).
        description: One line for ``--help``.
        reads: Whether it has a reader.
        writes: Whether it has a writer.
        extra: The optional extra its parser needs, or ``None``.
        needs: The top-level module that extra provides.
        suffix: The file suffix the writer's output gets.
        binary: Whether the format is read from and written to bytes (PDF,
            Word) rather than text.
    """

    name: str
    module: str
    description: str
    reads: bool = True
    writes: bool = True
    extra: str | None = None
    needs: str | None = None
    suffix: str = ".txt"
    binary: bool = False

    def _import(self) -> object:
        if self.needs is not None:
            try:
                importlib.import_module(self.needs)
            except ImportError:
                raise MissingExtraError(
                    f"the {self.name!r} format", self.extra or self.name
                ) from None
        return importlib.import_module(self.module)

    def loads(self, text: str, *, lenient: bool = False, source: str | None = None) -> Report:
        """Read *text* with this codec."""
        if not self.reads:
            raise InvalidArgument(f"the {self.name!r} format can be written, not read")
        if self.binary:
            raise InvalidArgument(f"the {self.name!r} format is read from bytes, not text")
        module = cast("_CodecModule", self._import())
        return module.loads(text, lenient=lenient, source=source)

    def loads_bytes(
        self, data: bytes, *, lenient: bool = False, source: str | None = None
    ) -> Report:
        """Read the bytes of a binary file (PDF, Word) with this codec."""
        if not self.binary:
            raise InvalidArgument(f"the {self.name!r} format is read from text, not bytes")
        module = cast("_BinaryModule", self._import())
        return module.loads(data, lenient=lenient, source=source)

    def dumps(self, report: Report) -> str:
        """Write *report* with this codec."""
        if not self.writes:
            raise InvalidArgument(f"the {self.name!r} format can be read, not written")
        if self.binary:
            raise InvalidArgument(f"the {self.name!r} format is written as bytes: dumps_bytes()")
        module = cast("_WriterModule", self._import())
        return module.dumps(report)

    def dumps_bytes(self, report: Report) -> bytes:
        """Write *report* with this binary codec (Word)."""
        if not self.writes:
            raise InvalidArgument(f"the {self.name!r} format can be read, not written")
        if not self.binary:
            raise InvalidArgument(f"the {self.name!r} format is written as text: dumps()")
        module = cast("_BinaryWriterModule", self._import())
        return module.dumps(report)


FORMATS: dict[str, Codec] = {
    "json": Codec(
        "json",
        "govinfo_report.codecs.json",
        "JSON (lossless, with schema_version)",
        suffix=".json",
    ),
    "markdown": Codec(
        "markdown",
        "govinfo_report.codecs.markdown",
        "Markdown: headed sections, pipe tables with the official labels",
        suffix=".md",
    ),
    "text": Codec(
        "text",
        "govinfo_report.codecs.text",
        "Word text export: one cell per tab-indented line, blank line between rows",
    ),
    "pipe": Codec(
        "pipe",
        "govinfo_report.codecs.pipe",
        "pipe text: cells separated by '|' (one row per line, one cell per line, '|' lines)",
    ),
    "pdftext": Codec(
        "pdftext",
        "govinfo_report.codecs.pdftext",
        "PDF-extracted text: space-separated cells, page markers, broken header words",
    ),
    "html": Codec(
        "html",
        "govinfo_report.codecs.html",
        "HTML page or fragment (BeautifulSoup + lxml); writes the official rowspan/colspan",
        extra="html",
        needs="bs4",
        suffix=".html",
    ),
    "glued": Codec(
        "glued",
        "govinfo_report.codecs.glued",
        "glued text: tags stripped, cells touching; digits split by the identities",
    ),
    "pdf": Codec(
        "pdf",
        "govinfo_report.codecs.pdf",
        "PDF as published: tables from the page geometry (pdfplumber)",
        writes=False,
        extra="pdf",
        needs="pdfplumber",
        suffix=".pdf",
        binary=True,
    ),
    "docx": Codec(
        "docx",
        "govinfo_report.codecs.docx",
        "Word document (python-docx); writes the official layout of the tables",
        extra="docx",
        needs="docx",
        suffix=".docx",
        binary=True,
    ),
}
"""Every registered format by name.  Aliases are extra keys for the same codec."""
FORMATS["md"] = FORMATS["markdown"]

MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest file :func:`load` reads (a report, even a PDF with pictures, is far smaller)."""

_BY_SUFFIX = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",  # read-only: dump() says so rather than write text into a .pdf
}


def reader_formats() -> list[str]:
    """Return the sorted names of formats that can be read."""
    return sorted(name for name, codec in FORMATS.items() if codec.reads)


def writer_formats() -> list[str]:
    """Return the sorted names of formats that can be written."""
    return sorted(name for name, codec in FORMATS.items() if codec.writes)


def _codec(name: str) -> Codec:
    try:
        return FORMATS[name]
    except KeyError:
        raise InvalidArgument(
            f"unknown format {name!r}; choose one of {', '.join(sorted(FORMATS))}"
        ) from None


def loads(
    text: str | bytes,
    *,
    format: str | None = None,
    lenient: bool = False,
    source: str | None = None,
) -> Report:
    """Read a report from a string, or from the bytes of a file.

    Args:
        text: The report as text (any registered rendering), or a file's
            bytes: a PDF or Word file (told by its bytes), else text decoded
            as :func:`decode` does.
        format: Force a reader (a key of :data:`FORMATS`); detected from the
            content when ``None``.
        lenient: Return what could be read, with diagnostics in
            ``report.provenance.diagnostics``, instead of raising on the first
            problem.  Lenient reading never invents a value: what the text
            does not give stays absent.
        source: A name for messages (usually the file name).

    Raises:
        ParseError: when the text cannot be read (strict mode), naming the
            line, table, row, column and what was expected.
        InvalidArgument: for an unknown ``format``, or text given to a
            binary format.
    """
    if isinstance(text, bytes | bytearray):
        data = bytes(text)
        name = format or binary_format(data)
        if name is not None and _codec(name).binary:
            return _codec(name).loads_bytes(data, lenient=lenient, source=source)
        text = decode(data, source=source)
    if format is not None:
        return _codec(format).loads(text, lenient=lenient, source=source)
    return _read_by_evidence(text, candidate_formats(text, source=source), lenient, source)


def _read_by_evidence(text: str, names: list[str], lenient: bool, source: str | None) -> Report:
    """Read with the detected reader; if it leaves cells out, with the others too, and keep the best.

    The detected reader's reading is kept when it reads every cell without a
    warning, or on a tie.  In strict mode a reader that raises is passed
    over; when all raise, the detected reader's error is raised.
    """
    first_error: ParseError | None = None
    best: tuple[float, Report] | None = None
    tried: list[str] = []
    for name in names:
        try:
            report = _codec(name).loads(text, lenient=lenient, source=source)
        except ParseError as error:
            first_error = first_error or error
            tried.append(f"{name} failed")
            continue
        provenance = report.provenance
        origins = provenance.cells if provenance is not None else {}
        score = report_score(report.flat_cells, origins)
        tried.append(f"{name} {score:g}")
        if best is None or score > best[0]:
            best = (score, report)
        if name == names[0] and _whole_and_clean(report):
            return report
    if best is None:
        assert first_error is not None
        raise first_error
    report = best[1]
    if len(tried) > 1 and (report.provenance is None or report.provenance.format != names[0]):
        why = f"readers tried, by evidence: {', '.join(tried)}"
        provenance = report.provenance or Provenance(source=source)
        reading = f"{provenance.reading}; {why}" if provenance.reading else why
        report = attrs.evolve(report, provenance=attrs.evolve(provenance, reading=reading))
    return report


def _whole_and_clean(report: Report) -> bool:
    provenance = report.provenance
    return all(cell.presence is not Presence.ABSENT for cell in report.flat_cells) and (
        provenance is None or all(d.severity is Severity.INFO for d in provenance.diagnostics)
    )


def decode(data: bytes, *, source: str | None = None) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

    Raises:
        ParseError: for binary data or bytes that are none of these encodings.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ParseError(
            "binary data, not a report",
            source=source,
            expected="text (UTF-8 or GB18030)",
            got=f"a NUL byte at offset {nul}",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if "政府信息" in text or "公开" in text:
        return text
    line = data.count(b"\n", 0, utf8_error.start) + 1
    raise ParseError(
        "cannot decode the file",
        source=source,
        line=line,
        expected="UTF-8 or GB18030 text",
        got=repr(data[utf8_error.start : utf8_error.start + 8])[2:-1],
    )


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    lenient: bool = False,
) -> Report:
    """Read a report from a file; the format is detected from the content.

    A PDF or Word file is told by its bytes (not its name) and read as
    such; any other file is decoded as text (:func:`decode`).  See
    :func:`loads` for the arguments.

    Raises:
        ParseError: when the file is larger than :data:`MAX_FILE_BYTES`,
            cannot be read or decoded, or (strict mode) its text cannot be
            read as a report.
        OSError: when the file cannot be opened.
    """
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:  # refused before it is read: memory stays bounded
        raise ParseError(
            "file too large",
            source=str(p),
            expected=f"at most {MAX_FILE_BYTES} bytes",
            got=f"{size} bytes",
        )
    return loads(p.read_bytes(), format=format, lenient=lenient, source=str(p))


@overload
def dumps(report: Report, *, format: Literal["docx"]) -> bytes: ...  # type: ignore[overload-overlap]
@overload
def dumps(report: Report, *, format: str = "json") -> str: ...
def dumps(report: Report, *, format: str = "json") -> str | bytes:
    """Write a report in one of the writable :data:`FORMATS`.

    Returns:
        A string for the text formats; bytes for a binary one
        (``format="docx"``, a Word document).
    """
    codec = _codec(format)
    return codec.dumps_bytes(report) if codec.binary else codec.dumps(report)


def dump(
    report: Report,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
) -> None:
    """Write a report to a file; the format defaults from the suffix (``.json``, ``.md``, ``.docx`` …).

    A text format is written as UTF-8; a Word document as its bytes.
    """
    p = Path(path)
    if format is None:
        format = _BY_SUFFIX.get(p.suffix.lower(), "text")
    out = dumps(report, format=format)
    if isinstance(out, bytes):
        p.write_bytes(out)
    else:
        p.write_text(out, encoding="utf-8")
