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
from govinfo_report.exceptions import (
    InputTooLarge,
    InvalidArgument,
    MissingExtraError,
    ParseError,
    excerpt,
)
from govinfo_report.schema import Diagnostic, Presence, Provenance, Report, Severity

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "MAX_FILE_BYTES",
    "Codec",
    "decode",
    "detect_format",
    "dump",
    "dumps",
    "format_of_name",
    "iter_load",
    "iter_loads",
    "load",
    "loads",
    "reader_formats",
    "writer_formats",
]

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""The largest input (in bytes; UTF-8 for a string) a reader takes unless told otherwise: 16 MiB.

A real report is 20–300 KB of text and an HTML page rarely more than a few
MB; each :class:`Codec` states its own limit (:attr:`Codec.max_bytes`):
16 MiB; 8 MiB for HTML (a page of nothing but nested elements costs
about 60 bytes of memory per byte); 4 MiB for ``glued`` text (whose digit
splitting costs the most); 64 MiB for JSON and JSON lines (cheap to read,
and the JSON of a report read from a large text, with its diagnostics, is
larger than that text).
At the limit every reader takes a few seconds and a peak memory of a few
hundred MB (measured by ``benchmarks/bench_limits.py``).
``max_bytes=`` on :func:`load` / :func:`loads` (``--max-bytes`` on the
command line) raises or lowers it for one call.
"""


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
        max_bytes: The largest input the reader takes, in bytes (see
            :data:`DEFAULT_MAX_BYTES`).
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
    max_bytes: int = DEFAULT_MAX_BYTES
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


MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest PDF or Word file read (a report, even a PDF with pictures, is far smaller)."""


FORMATS: dict[str, Codec] = {
    "json": Codec(
        "json",
        "govinfo_report.codecs.json",
        "JSON (lossless, with schema_version)",
        suffix=".json",
        max_bytes=64 * 1024 * 1024,
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
        suffix=".pipe.txt",
    ),
    "pdftext": Codec(
        "pdftext",
        "govinfo_report.codecs.pdftext",
        "PDF-extracted text: space-separated cells, page markers, broken header words",
        suffix=".pdftext.txt",
    ),
    "jsonl": Codec(
        "jsonl",
        "govinfo_report.codecs.jsonl",
        "JSON lines: one JSON report per line (what generate prints)",
        suffix=".jsonl",
        max_bytes=64 * 1024 * 1024,
    ),
    "html": Codec(
        "html",
        "govinfo_report.codecs.html",
        "HTML page or fragment (BeautifulSoup + lxml); writes the official rowspan/colspan",
        extra="html",
        needs="bs4",
        suffix=".html",
        max_bytes=8 * 1024 * 1024,
    ),
    "glued": Codec(
        "glued",
        "govinfo_report.codecs.glued",
        "glued text: tags stripped, cells touching; digits split by the identities",
        suffix=".glued.txt",
        max_bytes=4 * 1024 * 1024,
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
        max_bytes=MAX_FILE_BYTES,
    ),
    "docx": Codec(
        "docx",
        "govinfo_report.codecs.docx",
        "Word document (python-docx); writes the official layout of the tables",
        extra="docx",
        needs="docx",
        suffix=".docx",
        binary=True,
        max_bytes=MAX_FILE_BYTES,
    ),
}
"""Every registered format by name.  Aliases are extra keys for the same codec."""
FORMATS["md"] = FORMATS["markdown"]


_BY_SUFFIX = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",  # read-only: dump() says so rather than write text into a .pdf
}


def format_of_name(name: str) -> str:
    """The format a file *name*'s suffix stands for (``"text"`` when none does).

    >>> format_of_name("r-00001.pipe.txt"), format_of_name("r.JSON"), format_of_name("r.txt")
    ('pipe', 'json', 'text')
    """
    lower = name.lower()
    suffixes = {codec.suffix: key for key, codec in FORMATS.items() if key == codec.name}
    suffixes.update(_BY_SUFFIX)
    for suffix in sorted(suffixes, key=len, reverse=True):
        if lower.endswith(suffix):
            return suffixes[suffix]
    return "text"


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
    max_bytes: int | None = None,
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
        max_bytes: The largest input to accept, in bytes (UTF-8 for a
            string); ``None`` for the reader's own limit
            (:attr:`Codec.max_bytes`).

    Raises:
        ParseError: when the text cannot be read (strict mode), naming the
            line, table, row, column and what was expected.
        InputTooLarge: when the input is larger than the limit.
        InvalidArgument: for an unknown ``format``, a ``max_bytes`` that is
            not a positive int, *text* that is neither ``str`` nor ``bytes``,
            or text given to a binary format.
    """
    limit = _limit(max_bytes)
    if isinstance(text, bytes | bytearray | memoryview):
        data = bytes(text)
        name = format or binary_format(data)
        if name is not None and _codec(name).binary:
            _check_size(len(data), limit, name, source)
            return _codec(name).loads_bytes(data, lenient=lenient, source=source)
        _check_size(len(data), limit, format, source)
        decoded, note = _decode(data, source=source, lenient=lenient)
        report = _read(
            decoded, len(data), format=format, lenient=lenient, source=source, limit=limit
        )
        return _with_note(report, note)
    if not isinstance(text, str):
        raise InvalidArgument(
            f"loads() reads a str or bytes, got {type(text).__name__}; "
            "to read a file, use load(path)"
        )
    return _read(
        text, _utf8_size(text), format=format, lenient=lenient, source=source, limit=limit
    )


def _limit(max_bytes: int | None) -> int | None:
    if max_bytes is None:
        return None
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise InvalidArgument(f"max_bytes={max_bytes!r}: expected a number of bytes > 0")
    return max_bytes


_CHUNK = 1 << 20


def _utf8_size(text: str) -> int:
    """The UTF-8 size of *text*, counted a megabyte at a time (no copy of a huge text)."""
    if text.isascii():
        return len(text)
    return sum(
        len(text[i : i + _CHUNK].encode("utf-8", "surrogatepass"))
        for i in range(0, len(text), _CHUNK)
    )


def _check_size(size: int, limit: int | None, format: str | None, source: str | None) -> None:
    """Raise :class:`InputTooLarge` past *limit*, else past *format*'s (or every reader's) own."""
    if limit is not None:
        if size > limit:
            raise InputTooLarge(size, limit, source=source)
        return
    own = _codec(format).max_bytes if format else max(c.max_bytes for c in FORMATS.values())
    if size > own:
        raise InputTooLarge(size, own, format=format, source=source)


def _read(
    text: str,
    size: int,
    *,
    format: str | None,
    lenient: bool,
    source: str | None,
    limit: int | None,
) -> Report:
    _check_size(size, limit, format, source)
    if format is not None:
        return _codec(format).loads(text, lenient=lenient, source=source)
    names = candidate_formats(text, source=source)
    _check_size(size, limit, names[0], source)
    if limit is None:  # the other candidates only within their own limits
        names = names[:1] + [n for n in names[1:] if size <= _codec(n).max_bytes]
    return _read_by_evidence(text, names, lenient, source)


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
        if name == names[0] and _whole_and_clean(report):
            return report  # the usual case: no other reading is tried
        provenance = report.provenance
        origins = provenance.cells if provenance is not None else {}
        score = report_score(report.flat_cells, origins)
        tried.append(f"{name} {score:g}")
        if best is None or score > best[0]:
            best = (score, report)
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


def _with_note(report: Report, note: Diagnostic | None) -> Report:
    """*report* with the decoder's diagnostic first in its provenance."""
    if note is None:
        return report
    provenance = report.provenance or Provenance(source=None)
    return attrs.evolve(
        report,
        provenance=attrs.evolve(provenance, diagnostics=(note, *provenance.diagnostics)),
    )


def decode(data: bytes, *, source: str | None = None, lenient: bool = False) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

    In lenient mode, bytes that are not text of the encoding (a file cut in
    the middle of a character, a damaged byte) become U+FFFD (``�``) instead
    of raising; :func:`load` then lists where in the report's diagnostics.

    Raises:
        ParseError: for binary data, or (strict mode) bytes that are none
            of these encodings, naming the line and the bytes.
    """
    return _decode(data, source=source, lenient=lenient)[0]


def _decode(data: bytes, *, source: str | None, lenient: bool) -> tuple[str, Diagnostic | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            return _undecodable(data, exc, "UTF-16", source=source, lenient=lenient)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ParseError(
            "binary data, not a report",
            source=source,
            expected="text (UTF-8 or GB18030)",
            got=f"a NUL byte at offset {nul}",
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        if _fewer_replaced(data, "gb18030", than="utf-8-sig"):  # damaged GB18030
            return _undecodable(data, exc, "GB18030", source=source, lenient=lenient)
        text = ""
    if "政府信息" in text or "公开" in text:
        return text, None
    return _undecodable(data, utf8_error, "UTF-8", source=source, lenient=lenient)


def _fewer_replaced(data: bytes, codec: str, *, than: str) -> bool:
    """Whether *data* decodes with fewer U+FFFD as *codec* than as *than* (a damaged GB18030 file)."""
    ours = data.decode(codec, "replace")
    return ("政府信息" in ours or "公开" in ours) and ours.count("\ufffd") < data.decode(
        than, "replace"
    ).count("\ufffd")


def _undecodable(
    data: bytes, error: UnicodeDecodeError, encoding: str, *, source: str | None, lenient: bool
) -> tuple[str, Diagnostic]:
    """Raise (strict) or decode with U+FFFD and say where (lenient)."""
    codec = {"UTF-16": "utf-16", "GB18030": "gb18030"}.get(encoding, "utf-8-sig")
    if encoding == "UTF-16":
        line = data[: error.start].decode("utf-16", "replace").count("\n") + 1
    else:
        line = data.count(b"\n", 0, error.start) + 1
    bad = data[error.start : error.end]
    got = "".join(f"\\x{byte:02x}" for byte in bad[:8])
    if error.end >= len(data):
        detail = "the file ends in the middle of a character"
    else:
        detail = f"cannot decode the file at byte {error.start}"
    expected = "UTF-8 or GB18030 text" if encoding == "UTF-8" else f"{encoding} text"
    if not lenient:
        raise ParseError(detail, source=source, line=line, expected=expected, got=got)
    text = data.decode(codec, "replace")
    count = text.count("\ufffd")
    message = (
        f"{detail} ({excerpt(got)}): expected {expected}; "
        f"{count} undecodable byte sequence(s) read as U+FFFD"
    )
    return text, Diagnostic("undecodable", message, Severity.WARNING, line=line)


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    lenient: bool = False,
    max_bytes: int | None = None,
) -> Report:
    """Read a report from a file; the format is detected from the content.

    A PDF or Word file is told by its bytes (not its name) and read as
    such; any other file is decoded as text (:func:`decode`).  See
    :func:`loads` for the arguments.  A file larger than the limit is
    refused before it is read.

    Raises:
        ParseError: when the file cannot be read or decoded, or (strict mode)
            its text cannot be read as a report.
        InputTooLarge: when the file is larger than the limit.
        OSError: when the file cannot be opened.
    """
    p = Path(path)
    limit = _limit(max_bytes)
    _check_size(p.stat().st_size, limit, format, str(p))
    data = p.read_bytes()
    name = format or binary_format(data)
    if name is not None and _codec(name).binary:  # PDF, Word: told by their bytes
        return _codec(name).loads_bytes(data, lenient=lenient, source=str(p))
    text, note = _decode(data, source=str(p), lenient=lenient)
    report = _read(text, len(data), format=format, lenient=lenient, source=str(p), limit=limit)
    return _with_note(report, note)


def iter_loads(
    text: str | bytes,
    *,
    format: str | None = None,
    lenient: bool = False,
    source: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Report]:
    """Yield every report of *text*: one per line of JSON lines, else the one report.

    ``govinfo-report generate`` prints JSON lines, one report per line
    (or ``{"report": …, "expected_violations": […]}`` per line); this reads
    them all, one at a time.  Any other text holds one report, read as
    :func:`loads` does.  ``max_bytes`` applies to each report.

    Raises:
        ParseError: as :func:`loads`, naming the line of the report.
    """
    from govinfo_report.codecs import jsonl

    if isinstance(text, bytes | bytearray | memoryview):
        text = _decode(bytes(text), source=source, lenient=lenient)[0]
    if format in {None, "json", "jsonl"} and jsonl.looks_like_json_lines(text):
        yield from jsonl.iter_loads(text, lenient=lenient, source=source, max_bytes=max_bytes)
    else:
        yield loads(text, format=format, lenient=lenient, source=source, max_bytes=max_bytes)


def iter_load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    lenient: bool = False,
    max_bytes: int | None = None,
) -> Iterator[Report]:
    """Yield every report of a file: one per line of JSON lines, else the one report.

    See :func:`iter_loads`.
    """
    p = Path(path)
    data = p.read_bytes()
    yield from iter_loads(data, format=format, lenient=lenient, source=str(p), max_bytes=max_bytes)


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
    """Write a report to a file; the format defaults from the file name's suffix.

    The suffixes are each format's :attr:`Codec.suffix` (``.json``,
    ``.jsonl``, ``.md``, ``.html``, ``.pipe.txt``, ``.pdftext.txt``,
    ``.glued.txt``, ``.txt`` for the Word text export), plus ``.markdown``
    and ``.htm``; any other name is written as ``text``.
    """
    p = Path(path)
    if format is None:
        format = format_of_name(p.name)
    out = dumps(report, format=format)
    if isinstance(out, bytes):  # a Word document
        p.write_bytes(out)
    else:
        p.write_text(out, encoding="utf-8")
