"""Every report of a file: one, or one per line of JSON lines (what ``generate`` prints).

The commands that read reports read each file through :func:`each_report`:
a file of JSON lines holding several reports gives one reading per line,
named ``FILE:LINE``; any other file gives one reading, named by its path.
Each reading is a call that reads the report (and raises for it alone), so
that a batch applies its time budget and its error handling to each report,
and a damaged line is one unreadable report, not a lost file.

The file is streamed one line at a time, so that a file of a million
reports takes no more memory than its longest line.  JSON lines in UTF-16
(with its byte order mark, as a Windows shell's ``>`` writes them) are read
as UTF-8, line by line.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO

import attrs

from govinfo_report.codecs import FORMATS, load, loads
from govinfo_report.exceptions import InputTooLarge, ParseError

if TYPE_CHECKING:
    from govinfo_report.schema import Report

__all__ = [
    "LineOfFile",
    "Reading",
    "each_report",
    "holds_several_reports",
    "lines_of_file",
    "read_entry",
]

Reading = Callable[[], "Report"]
"""Reads one report when called; raises as :func:`govinfo_report.load` does."""

_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 16
# The longest first line looked at: the JSON reader's own limit.
_MAX_FIRST_LINE = 64 * 1024 * 1024
_ENTRY = re.compile(r"^(?P<path>.+):(?P<line>[1-9][0-9]*)$")
# Formats under which a file of JSON lines is read one report a line.
_LINE_FORMATS = frozenset({None, "json", "jsonl"})


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@contextlib.contextmanager
def _open_utf8(path: str) -> Iterator[BinaryIO]:
    """Open *path* for reading as UTF-8 bytes: a UTF-16 file (by its BOM) is recoded as it is read.

    Bytes UTF-16 cannot decode are written as ``\\xNN`` escapes, which JSON
    does not have: the line holding them is unreadable on its own, and no
    character of a report is silently replaced.
    """
    with open(path, "rb") as handle:
        if handle.read(2) in _UTF16_BOMS:
            handle.seek(0)
            yield codecs.EncodedFile(handle, "utf-8", "utf-16", errors="backslashreplace")
        else:
            handle.seek(0)
            yield handle


def _utf8(data: bytes) -> bytes:
    """*data* as UTF-8: UTF-16 (by its BOM) recoded, anything else as it is."""
    if data[:2] in _UTF16_BOMS:
        return data.decode("utf-16", errors="backslashreplace").encode("utf-8")
    return data


def _object_line(line: bytes) -> bool:
    stripped = line.strip()
    return len(stripped) > 1 and stripped[:1] == b"{" and stripped[-1:] == b"}"


def _starts_several(handle: BinaryIO) -> bool:
    """Whether the first non-blank line of *handle* is a JSON object and a non-blank line follows.

    Reads in chunks and keeps none of them: a file of one endless line costs
    no memory (and is given up after :data:`_MAX_FIRST_LINE` bytes).
    """
    state = "before"  # the first line: before it, in it, after it
    last = b""  # the last non-blank byte of the first line so far
    read = 0
    while chunk := handle.read(_CHUNK):
        if read == 0:
            chunk = chunk.removeprefix(_BOM)
        read += len(chunk)
        for i, piece in enumerate(chunk.split(b"\n")):
            if i and state == "in":  # the first line ends here
                if last != b"}":
                    return False
                state = "after"
            stripped = piece.strip()
            if not stripped:
                continue
            if state == "after":
                return True
            if state == "before" and stripped[:1] != b"{":
                return False
            state, last = "in", stripped[-1:]
        if state != "after" and read > _MAX_FIRST_LINE:
            return False
    return False


def holds_several_reports(
    path: str, *, format: str | None = None, data: bytes | None = None
) -> bool:
    """Whether the file *path* (or *data*) is JSON lines of two or more reports (UTF-8 or UTF-16).

    JSON lines: one JSON object a line.  Reads the file up to the first
    byte of its second non-blank line, in chunks; ``False`` for a file that cannot be opened
    (reading it then says why), or a *format* other than JSON.
    """
    if format not in _LINE_FORMATS:
        return False
    if data is not None:
        return _several(_utf8(data))
    try:
        with _open_utf8(path) as handle:
            return _starts_several(handle)
    except OSError:
        return False


def _several(data: bytes) -> bool:
    lines = (line for line in data.removeprefix(_BOM).split(b"\n") if line.strip())
    first = next(lines, None)
    return first is not None and _object_line(first) and next(lines, None) is not None


def _read_line(line: bytes, name: str, *, lenient: bool, max_bytes: int | None) -> Report:
    """Read one line of JSON lines named ``FILE:LINE``; an error names that line, not line 1."""
    try:
        return loads(line, format="jsonl", lenient=lenient, source=name, max_bytes=max_bytes)
    except ParseError as exc:
        if exc.line is None:
            raise
        raise ParseError(
            exc.detail,
            source=name,
            table=exc.table,
            row=exc.row,
            column=exc.column,
            path=exc.path,
            expected=exc.expected,
            got=exc.got,
        ) from None


def _line_reading(line: bytes, name: str, *, lenient: bool, max_bytes: int | None) -> Reading:
    return functools.partial(_read_line, line, name, lenient=lenient, max_bytes=max_bytes)


def _too_large(size: int, limit: int, name: str) -> Report:
    raise InputTooLarge(size, limit, format="jsonl", source=name)


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes | int]:
    """Each line of *handle*, or the size of a line longer than *limit* bytes (read, not kept)."""
    while line := handle.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while more := handle.readline(_CHUNK):
            size += len(more)
            if more.endswith(b"\n"):
                break
        yield size


def _lines(
    lines: Iterable[bytes | int], path: str, *, lenient: bool, max_bytes: int | None
) -> Iterator[tuple[str, Reading]]:
    limit = max_bytes if max_bytes is not None else FORMATS["jsonl"].max_bytes
    for number, raw in enumerate(lines, start=1):
        name = f"{path}:{number}"
        if isinstance(raw, int):
            yield name, functools.partial(_too_large, raw, limit, name)
            continue
        line = raw.removeprefix(_BOM) if number == 1 else raw
        if line.strip():
            yield name, _line_reading(line, name, lenient=lenient, max_bytes=max_bytes)


def each_report(
    path: str,
    *,
    format: str | None = None,
    lenient: bool = False,
    max_bytes: int | None = None,
    data: bytes | None = None,
) -> Iterator[tuple[str, Reading]]:
    """Yield ``(name, reading)`` for every report of the file *path* (or of *data*, named *path*).

    JSON lines of several reports (one JSON object a line, as
    ``govinfo-report generate`` prints them; UTF-8, or UTF-16 with its BOM) give one reading per non-blank
    line, named ``path:LINE`` (``max_bytes`` applies to each line); any
    other file gives one reading of the whole file, named *path*.  A
    reading raises what :func:`govinfo_report.load` raises, for its report
    alone.

    >>> import govinfo_report as gr
    >>> line = gr.dumps(gr.Report.from_cells({"t3.granted.total": 9}), format="jsonl")
    >>> readings = list(each_report("two.jsonl", data=(line * 2).encode()))
    >>> [(name, read().t3.granted.total.value) for name, read in readings]
    [('two.jsonl:1', 9), ('two.jsonl:2', 9)]
    """
    if data is not None:
        if holds_several_reports(path, format=format, data=data):
            yield from _lines(_utf8(data).split(b"\n"), path, lenient=lenient, max_bytes=max_bytes)
        else:
            yield (
                path,
                functools.partial(
                    loads, data, format=format, lenient=lenient, source=path, max_bytes=max_bytes
                ),
            )
        return
    if not holds_several_reports(path, format=format):
        yield (
            path,
            functools.partial(load, path, format=format, lenient=lenient, max_bytes=max_bytes),
        )
        return
    limit = max_bytes if max_bytes is not None else FORMATS["jsonl"].max_bytes
    with _open_utf8(path) as handle:
        lines = _bounded_lines(handle, limit)
        yield from _lines(lines, path, lenient=lenient, max_bytes=max_bytes)


@attrs.frozen
class LineOfFile:
    """One report of a UTF-8 JSON-lines file, by where it lies: read by whoever checks it.

    A batch hands these to its workers instead of whole files, so that the
    reports of one large JSON-lines file are checked on every core.

    Attributes:
        path: The file.
        number: The line number (1 is the first line).
        offset: Where the line starts, in bytes.
        size: Its length in bytes, its line break included.
        broken: Whether it ends with a line break (the last line may not).
    """

    path: str
    number: int
    offset: int
    size: int
    broken: bool = True

    @property
    def name(self) -> str:
        """``FILE:LINE``, as :func:`each_report` names the report."""
        return f"{self.path}:{self.number}"

    def reading(
        self, *, lenient: bool = False, max_bytes: int | None = None
    ) -> tuple[str, Reading]:
        """Return ``(name, reading)`` for this line, as :func:`each_report` gives them."""
        limit = max_bytes if max_bytes is not None else FORMATS["jsonl"].max_bytes
        if self.size - self.broken > limit:  # the line break is no part of the report
            return self.name, functools.partial(_too_large, self.size, limit, self.name)
        return self.name, functools.partial(self._read, lenient=lenient, max_bytes=max_bytes)

    def _read(self, *, lenient: bool, max_bytes: int | None) -> Report:
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            line = handle.read(self.size)
        if self.number == 1:
            line = line.removeprefix(_BOM)
        return _read_line(line, self.name, lenient=lenient, max_bytes=max_bytes)


def lines_of_file(path: str, *, format: str | None = None) -> Iterator[LineOfFile] | None:
    """The reports of a UTF-8 JSON-lines file of several reports, one per non-blank line, by place.

    ``None`` for any other file (one report, another format, UTF-16 JSON
    lines, a file that cannot be opened): :func:`each_report` reads those.
    The file is scanned a chunk at a time, keeping no line.
    """
    if not holds_several_reports(path, format=format):
        return None
    try:
        with open(path, "rb") as handle:
            if handle.read(2) in _UTF16_BOMS:
                return None
    except OSError:
        return None
    return _scan_lines(path)


def _scan_lines(path: str) -> Iterator[LineOfFile]:
    with open(path, "rb") as handle:
        number = offset = 0
        while piece := handle.readline(_CHUNK):
            number += 1
            start, size = offset, len(piece)
            blank = not (piece.removeprefix(_BOM) if number == 1 else piece).strip()
            while not piece.endswith(b"\n") and (piece := handle.readline(_CHUNK)):
                size += len(piece)
                blank = blank and not piece.strip()
            offset += size
            if not blank:
                yield LineOfFile(path, number, start, size, piece.endswith(b"\n"))


def read_entry(
    name: str, *, format: str | None = None, lenient: bool = False, max_bytes: int | None = None
) -> Report:
    """Read the report named *name*: a file, or ``FILE:LINE`` as :func:`each_report` names them.

    For the checks that read a report again by the name a batch gave it
    (``validate --series`` and ``--hierarchy``).
    """
    m = _ENTRY.match(name)
    if (
        m is not None
        and not os.path.exists(name)
        and holds_several_reports(m["path"], format=format)
    ):
        wanted = int(m["line"])
        with _open_utf8(m["path"]) as handle:
            for number, raw in enumerate(handle, start=1):
                if number == wanted:
                    line = raw.removeprefix(_BOM) if number == 1 else raw
                    return _line_reading(line, name, lenient=lenient, max_bytes=max_bytes)()
    return load(name, format=format, lenient=lenient, max_bytes=max_bytes)
