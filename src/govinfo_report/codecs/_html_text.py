"""The text of an HTML element as a browser shows it.

Text of inline runs joined as printed (``20</span><span>23`` is ``2023``),
block elements and ``<br>`` breaking lines, white space and ``&nbsp;`` runs
collapsed, page chrome (scripts, styles, ``<head>`` …) left out; a cell
whose text is a ``<pre>`` keeps its text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from bs4 import Tag

__all__ = ["BLOCKS", "NOT_TEXT", "SKIP", "as_tag", "cell_text", "collapse"]

BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
SKIP = frozenset(
    {"head", "script", "style", "noscript", "template", "iframe", "object", "svg", "button"}
)
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0]+")
NOT_TEXT = frozenset({"Comment", "Doctype", "Declaration", "ProcessingInstruction", "CData"})


def as_tag(node: object) -> Tag | None:
    """*node* if it is an element (not text), else ``None``; works without importing bs4."""
    return cast("Tag", node) if isinstance(getattr(node, "name", None), str) else None


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text)


def cell_text(td: Tag) -> str:
    """A cell's text: lines at block boundaries, white space collapsed, ``<pre>`` kept exactly."""
    children = [c for c in td.children if as_tag(c) is not None or str(c).strip()]
    if len(children) == 1 and getattr(children[0], "name", None) == "pre":
        return cast("Tag", children[0]).get_text()
    lines: list[str] = [""]
    for piece, is_break in _inline(td):
        if is_break:
            lines.append("")
        else:
            lines[-1] += piece
    cleaned = [collapse(line).strip() for line in lines]
    return "\n".join(line for line in cleaned if line)


def _inline(node: Tag) -> Iterator[tuple[str, bool]]:
    """Yield ``(text, False)`` for text and ``("", True)`` at block boundaries and ``<br>``."""
    for child in node.children:
        tag = as_tag(child)
        if tag is None:
            if type(child).__name__ not in NOT_TEXT:
                yield str(child), False
        elif tag.name in SKIP:
            continue
        elif tag.name == "br":
            yield "", True
        elif tag.name in BLOCKS:
            yield "", True
            yield from _inline(tag)
            yield "", True
        else:
            yield from _inline(tag)
