"""Tell the rendering of a report from its content (not its file name)."""

from __future__ import annotations

import re

from govinfo_report.codecs.glued import looks_like_glued
from govinfo_report.codecs.html import looks_like_html

__all__ = ["detect_format"]

_MD_TABLE = re.compile(r"^\|.*\|\s*$\n^\|(?:\s*:?-{3,}:?\s*\|)+\s*$", re.MULTILINE)
_PAGE_MARKER = re.compile(
    r"^[ \t]*(?:[-—–－][ \t]*\d{1,3}[ \t]*[-—–－]|Page[ \t]+\d{1,3}\b.*|P\.[ \t]*\d{1,3}"
    r"|第[ \t]*\d{1,3}[ \t]*页.*)[ \t]*$",
    re.MULTILINE,
)
_NUMBER_RUN = re.compile(r"(?:^|[ \t])\d+(?:[ \t]+\d+){2,}[ \t]*$", re.MULTILINE)
_MIN_TAB_LINES = 3
_MIN_PIPE_LINES = 3


def detect_format(text: str, *, source: str | None = None) -> str:
    """Return the name of the reader for *text* (a key of :data:`FORMATS`).

    JSON is recognised by its first character, Markdown by a pipe table with
    a ``---`` separator row, the Word text export by tab-indented cell lines,
    pipe text by lines with ``|`` cell separators, PDF text by page markers
    (``- 4 -``, ``Page 8``) or lines ending in runs of space-separated
    numbers; anything else (including an empty text, which the reader then
    reports) is read as the Word text export.

    >>> detect_format("规章 | 0 | 0 | 0 |\\n行政许可 | 0 |\\n行政处罚 | 0 |")
    'pipe'
    >>> detect_format("一、本年新收政府信息公开申请数量 25 0 1 0 0 0 26\\n- 4 -")
    'pdftext'
    """
    del source
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        return "text"
    if stripped[0] in "{[":
        return "json"
    if stripped.startswith("<!-- govinfo-report ") or _MD_TABLE.search(text):
        return "markdown"
    if looks_like_html(text):  # HTML and glued text: checks live in their codecs
        return "html"
    if looks_like_glued(text):
        return "glued"
    lines = text.splitlines()
    if sum(1 for line in lines if line.startswith("\t")) >= _MIN_TAB_LINES:
        return "text"
    if sum(1 for line in lines if "|" in line) >= _MIN_PIPE_LINES:
        return "pipe"
    if _PAGE_MARKER.search(text) or _NUMBER_RUN.search(text):
        return "pdftext"
    return "text"


_TEXT_READERS = ("text", "pipe", "markdown", "pdftext")


def candidate_formats(text: str, *, source: str | None = None) -> list[str]:
    """The readers that may apply to *text*, the detected one first.

    Detection picks one reader; when its reading leaves cells out, the other
    text readers are tried too (:func:`govinfo_report.codecs.loads`) and the
    reading with the most evidence is kept.  JSON, HTML and glued text are
    told by their syntax and have no alternative.

    >>> candidate_formats("规章 | 0 | 0 | 0 |\\n行政许可 | 0 |\\n行政处罚 | 0 |")
    ['pipe', 'text', 'pdftext']
    >>> candidate_formats("| 规章 | 0 | 0 | 0 |\\n| 行政许可 | 0 |\\n| 行政处罚 | 0 |")
    ['pipe', 'text', 'markdown', 'pdftext']
    """
    first = detect_format(text, source=source)
    if first not in _TEXT_READERS:
        return [first]
    others = [name for name in _TEXT_READERS if name != first]
    if "|" not in text:
        others = [name for name in others if name not in ("pipe", "markdown")]
    elif not _MD_ROW.search(text):
        others = [name for name in others if name != "markdown"]  # no row opens with '|'
    if len(_GLUED_HINT.findall(text, 0, 1 << 20)) >= 2:
        others.append("glued")  # labels touching runs of digits, markers among them
    return [first, *others]


_GLUED_HINT = re.compile(
    r"(?:申请数量|予以公开|属于国家秘密|总计|继续办理|规章|行政规范性文件)[0-9]{3,}(?![0-9件个项次条%％，,、。])"
)


_MD_ROW = re.compile(r"^[ \t]*\|[^|\n]*[^|\s][^|\n]*\|.*\|", re.MULTILINE)
