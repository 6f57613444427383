"""An HTML page as the reader walks it: text lines and the report's tables, in order.

Before the walk the page is made safe (lone surrogates replaced, markup
nested too deep flattened to its text); after it, the source line of every
element is looked up, and a document this library wrote gives back its own
metadata and sections.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

import attrs

from govinfo_report.codecs._html_text import BLOCKS, NOT_TEXT, SKIP, as_tag, collapse
from govinfo_report.codecs._sections import Line
from govinfo_report.schema import ReportMeta, Section, match_key

__all__ = [
    "MAX_DEPTH",
    "Page",
    "element_lines",
    "flatten_deep",
    "own_structure",
    "without_surrogates",
]

_T2_KEYS = tuple(
    match_key(k)
    for k in (
        "第二十条",
        "信息内容",
        "本年制发件数",
        "规章",
        "规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    )
)
_T3_KEYS = tuple(
    match_key(k)
    for k in (
        "申请人情况",
        "本年新收政府信息公开申请数量",
        "本年度办理结果",
        "予以公开",
        "结转下年度继续办理",
    )
)
_T4_KEYS = tuple(match_key(k) for k in ("尚未审结", "未经复议直接起诉", "复议后起诉", "行政复议"))


def _table_kind(table: Tag) -> str | None:
    key = match_key(table.get_text())
    if any(k in key for k in _T3_KEYS):
        return "t3"
    if any(k in key for k in _T4_KEYS):
        return "t4"
    if any(k in key for k in _T2_KEYS):
        return "t2"
    return None


@attrs.frozen
class _TableBlock:
    element: Any
    kind: str
    after_line: int  # number of text lines before the table


class Page:
    """A page as text lines (tables taken out) and the report tables in order."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.tables: list[_TableBlock] = []
        self._current = ""

    def flush(self) -> None:
        text = collapse(self._current).strip()
        if text:
            self.lines.append(Line(text, len(self.lines) + 1))
        self._current = ""

    def exact(self, text: str) -> None:
        self.flush()
        for part in text.split("\n"):
            self.lines.append(Line(part, len(self.lines) + 1))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            tag = as_tag(child)
            if tag is None:
                if type(child).__name__ not in NOT_TEXT:
                    self._current += str(child)
            elif tag.name in SKIP:
                continue
            elif tag.name == "br":
                self.flush()
            elif tag.name == "pre":
                self.exact(tag.get_text())
            elif tag.name == "table" and tag.find("table") is None:
                kind = _table_kind(tag)
                if kind is None:
                    self.block(tag)
                else:
                    self.flush()
                    self.tables.append(_TableBlock(tag, kind, len(self.lines)))
            elif tag.name in BLOCKS:
                self.block(tag)
            else:
                self.walk(tag)

    def block(self, node: Tag) -> None:
        self.flush()
        self.walk(node)
        self.flush()


def element_lines(text: str, soup: BeautifulSoup) -> dict[int, int]:
    """Source line of every element, by ``id()``: lxml's own tree, matched in document order."""
    import lxml.etree

    try:
        root = lxml.etree.fromstring(text, lxml.etree.HTMLParser())
    except (lxml.etree.LxmlError, ValueError):
        return {}
    if root is None:
        return {}
    theirs = [(e.tag, e.sourceline) for e in root.iter() if isinstance(e.tag, str)]
    ours = list(soup.find_all(True))
    if [t for t, _ in theirs] != [t.name for t in ours]:
        return {}
    return {id(tag): line for tag, (_, line) in zip(ours, theirs, strict=True) if line}


MAX_DEPTH = 256
"""The deepest nesting of elements kept (real pages nest a few dozen deep); an element nested
deeper is replaced by its text, so that reading never recurses past Python's limit."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> tuple[str, int]:
    """*text* with lone surrogates (which no parser can encode) made U+FFFD, and how many."""
    if text.isascii():
        return text, 0
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", text)
    return text, 0


def flatten_deep(soup: BeautifulSoup) -> int:
    """Replace each element nested deeper than :data:`MAX_DEPTH` by its text; how many.

    One replacement per too-deep subtree, each linear in its size: the
    whole is linear in the page.
    """
    depth = {id(soup): 0}
    roots: list[Tag] = []
    for element in soup.descendants:
        parent = element.parent
        tag = as_tag(element)
        if parent is None or tag is None or id(parent) not in depth:
            continue  # text, or inside a subtree already too deep
        level = depth[id(parent)] + 1
        if level > MAX_DEPTH:
            roots.append(tag)
        else:
            depth[id(tag)] = level
    for tag in roots:
        tag.replace_with(tag.get_text("\n"))
    return len(roots)


def _attr(tag: Tag, name: str) -> str | None:
    value = tag.get(name)
    return value if isinstance(value, str) else None


def _is_year(text: str) -> bool:
    return len(text) <= 4 and text.isascii() and text.isdigit()


def own_structure(article: Tag) -> tuple[ReportMeta, tuple[Section, ...]]:
    """Metadata and sections of a document this module wrote."""
    year = _attr(article, "data-year")
    preamble = article.find("pre", class_="preamble", recursive=False)
    meta = ReportMeta(
        title=_attr(article, "data-title"),
        agency=_attr(article, "data-agency"),
        year=int(year) if year is not None and _is_year(year) else None,
        format_version=_attr(article, "data-format-version") or "2021",
        preamble=preamble.get_text() if preamble is not None else "",
    )
    by_number: dict[str, Tag] = {}
    for child in article.children:
        tag = as_tag(child)
        if tag is not None and tag.name == "section":
            by_number.setdefault(str(tag.get("data-section")), tag)
    sections = []
    for number in range(1, 7):
        element = by_number.get(str(number))
        if element is None:
            sections.append(Section(number))
            continue
        body = element.find("pre", class_="section-text", recursive=False)
        text = body.get_text() if body is not None else ""
        sections.append(Section(number, _attr(element, "data-heading"), text))
    return meta, tuple(sections)
