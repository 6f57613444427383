"""Binary files: which format by their bytes, and zip archives opened within bounds.

PDF and Word files are told by their bytes, never by their names: ``%PDF-``
within the first kilobyte, or a zip archive holding ``word/document.xml``
(or a damaged zip archive, which the Word reader then refuses as damaged:
it is no text).
A Word file is a zip archive; :func:`open_zip` checks the sizes the archive
declares (each part, the whole, the compression ratio) before anything is
inflated.  :mod:`zipfile` never inflates a part beyond its declared size
(a part that would is a damaged file), so a zip bomb costs neither time nor
memory.
"""

from __future__ import annotations

import io
import zipfile

import attrs

from govinfo_report.exceptions import ParseError

__all__ = ["ZipLimits", "binary_format", "open_zip"]

_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 64 * 1024
_DOCUMENT = "word/document.xml"
_ZIP_ERRORS = (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError)
"""What :mod:`zipfile` raises on a damaged archive (``NotImplementedError`` for a version or
compression method it does not know: a damaged header as often as a real one)."""


@attrs.frozen
class ZipLimits:
    """Bounds on a zip archive (a Word file).

    Attributes:
        max_bytes: Largest archive read, in bytes.
        max_part: Largest part inflated, in bytes.
        max_total: Most bytes inflated over all parts.
        max_ratio: Highest compression ratio of a part (inflated / compressed).
        max_parts: Most parts in the archive.
    """

    max_bytes: int = 64 * 1024 * 1024
    max_part: int = 64 * 1024 * 1024
    max_total: int = 256 * 1024 * 1024
    max_ratio: float = 200.0
    max_parts: int = 5000


def binary_format(data: bytes) -> str | None:
    """``"pdf"`` or ``"docx"`` when *data* is such a file, else ``None`` (read as text).

    >>> binary_format(b"%PDF-1.7\\n")
    'pdf'
    >>> binary_format("二、主动公开政府信息情况".encode()) is None
    True
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if _DOCUMENT in archive.namelist():
                    return "docx"
        except _ZIP_ERRORS:  # a damaged archive: the Word reader refuses it, saying so
            return "docx"
    return None


def open_zip(data: bytes, *, source: str | None, limits: ZipLimits) -> zipfile.ZipFile:
    """Open *data* as a zip archive after checking the sizes it declares.

    Raises:
        ParseError: for a file too large, not a zip archive, or declaring a
            part too large, too many parts, too much in total or a
            compression ratio of a zip bomb.
    """
    if len(data) > limits.max_bytes:
        raise ParseError(
            "file too large",
            source=source,
            expected=f"at most {limits.max_bytes} bytes",
            got=f"{len(data)} bytes",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise ParseError(
            "damaged file: not a readable zip archive",
            source=source,
            expected="a Word document (.docx)",
            got=f"{type(exc).__name__}: {exc}"[:200],
        ) from None
    if len(infos) > limits.max_parts:
        raise _refused(source, f"at most {limits.max_parts} parts", f"{len(infos)} parts")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_part:
            raise _refused(
                source,
                f"parts of at most {limits.max_part} bytes",
                f"{info.filename!r}: {info.file_size} bytes",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _CHUNK and ratio > limits.max_ratio:
            raise _refused(
                source,
                f"a compression ratio of at most {limits.max_ratio:g}",
                f"{info.filename!r} inflates {ratio:.0f} times (a zip bomb)",
            )
    if total > limits.max_total:
        raise _refused(source, f"at most {limits.max_total} bytes inflated", f"{total} bytes")
    return archive


def _refused(source: str | None, expected: str, got: str) -> ParseError:
    return ParseError(
        "archive refused (too large when inflated)", source=source, expected=expected, got=got
    )
