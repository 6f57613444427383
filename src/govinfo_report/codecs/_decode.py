"""A file's bytes decoded as text: UTF-8 (BOM or not), UTF-16 with BOM, or GB18030.

Strict decoding raises on bytes that are none of these; lenient decoding
reads them as U+FFFD and says where, in a diagnostic.
"""

from __future__ import annotations

from govinfo_report.exceptions import ParseError, excerpt
from govinfo_report.schema import Diagnostic, Severity

__all__ = ["decode", "decode_noting"]


def decode(data: bytes, *, source: str | None = None, lenient: bool = False) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

    In lenient mode, bytes that are not text of the encoding (a file cut in
    the middle of a character, a damaged byte) become U+FFFD (``�``) instead
    of raising; :func:`load` then lists where in the report's diagnostics.

    Raises:
        ParseError: for binary data, or (strict mode) bytes that are none
            of these encodings, naming the line and the bytes.
    """
    return decode_noting(data, source=source, lenient=lenient)[0]


def decode_noting(
    data: bytes, *, source: str | None, lenient: bool
) -> tuple[str, Diagnostic | None]:
    """As :func:`decode`, with the diagnostic of a lenient decoding (``None`` if clean)."""
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
