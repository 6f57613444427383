"""The entry points: a report read from text, bytes or a file in any format, and written.

Reading checks the input's size against the limit, decodes bytes, detects
the format from the content and, when the detected reader leaves cells out,
tries the other candidates and keeps the reading with the most evidence.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

import attrs

from govinfo_report.codecs._binary import binary_format
from govinfo_report.codecs._decode import decode_noting
from govinfo_report.codecs._detect import candidate_formats
from govinfo_report.codecs._evidence import report_score
from govinfo_report.codecs._registry import FORMATS, codec_named, format_of_name
from govinfo_report.exceptions import InputTooLarge, InvalidArgument, ParseError
from govinfo_report.schema import Diagnostic, Presence, Provenance, Report, Severity

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator

__all__ = ["dump", "dumps", "iter_load", "iter_loads", "load", "loads"]


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
        if name is not None and codec_named(name).binary:
            _check_size(len(data), limit, name, source)
            return codec_named(name).loads_bytes(data, lenient=lenient, source=source)
        _check_size(len(data), limit, format, source)
        decoded, note = decode_noting(data, source=source, lenient=lenient)
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
    own = codec_named(format).max_bytes if format else max(c.max_bytes for c in FORMATS.values())
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
        return codec_named(format).loads(text, lenient=lenient, source=source)
    names = candidate_formats(text, source=source)
    _check_size(size, limit, names[0], source)
    if limit is None:  # the other candidates only within their own limits
        names = names[:1] + [n for n in names[1:] if size <= codec_named(n).max_bytes]
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
            report = codec_named(name).loads(text, lenient=lenient, source=source)
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
    if name is not None and codec_named(name).binary:  # PDF, Word: told by their bytes
        return codec_named(name).loads_bytes(data, lenient=lenient, source=str(p))
    text, note = decode_noting(data, source=str(p), lenient=lenient)
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
        text = decode_noting(bytes(text), source=source, lenient=lenient)[0]
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
    codec = codec_named(format)
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
