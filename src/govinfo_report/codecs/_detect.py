"""Tell the rendering of a report from its content (not its file name)."""

from __future__ import annotations

import re

__all__ = ["detect_format"]

_MD_TABLE = re.compile(r"^\|.*\|\s*$\n^\|(?:\s*:?-{3,}:?\s*\|)+\s*$", re.MULTILINE)


def detect_format(text: str, *, source: str | None = None) -> str:
    """Return the name of the reader for *text* (a key of :data:`FORMATS`).

    JSON is recognised by its first character and a ``schema_version`` key,
    Markdown by the ``<!-- govinfo-report …`` comment its writer puts first
    or by a pipe table with a ``---`` separator row; anything else is read
    as the Word text export.

    Raises:
        ParseError: for empty text.
    """
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        from govinfo_report.exceptions import ParseError

        raise ParseError("empty input", source=source, expected="the text of a report")
    if stripped[0] in "{[":
        return "json"
    if stripped.startswith("<!-- govinfo-report ") or _MD_TABLE.search(text):
        return "markdown"
    return "text"
