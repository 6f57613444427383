"""The registry of formats: each :class:`Codec`, what it reads and writes, its limit, its suffix.

A codec's module is imported on first use, so that a format whose optional
extra is missing costs nothing until it is asked for (and then says which
extra to install).
"""

from __future__ import annotations

import importlib
from typing import Protocol, cast

import attrs

from govinfo_report.exceptions import InvalidArgument, MissingExtraError
from govinfo_report.schema import Report

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "MAX_FILE_BYTES",
    "Codec",
    "codec_named",
    "format_of_name",
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


def codec_named(name: str) -> Codec:
    """The registered codec *name*; :class:`InvalidArgument` naming the choices if none."""
    try:
        return FORMATS[name]
    except KeyError:
        raise InvalidArgument(
            f"unknown format {name!r}; choose one of {', '.join(sorted(FORMATS))}"
        ) from None
