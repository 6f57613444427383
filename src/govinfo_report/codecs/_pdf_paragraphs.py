"""Prose lines of a PDF joined into paragraphs where they run to the right edge of the text."""

from __future__ import annotations

import re

import attrs

from govinfo_report.codecs._grid import FlowItem
from govinfo_report.codecs._pdf_page import Box
from govinfo_report.codecs._sections import find_heading
from govinfo_report.codecs._words import is_value_line

__all__ = ["paragraphs"]

_LINES_FOR_EDGE = 5
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?)]$")
_NEW_ITEM = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、是])"
)
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")


def paragraphs(items: list[FlowItem]) -> list[FlowItem]:
    """Prose lines that run to the right edge of the text joined with the line that follows.

    A justified paragraph fills its lines to the right margin and ends short;
    a heading or a paragraph's last line ends short.  A line that is
    indented or starts with an enumerator (``（二）``, ``二、``, ``二是``)
    starts a new paragraph.  Lines are joined with a space between Latin
    words or numbers, else with none.
    """
    ends: dict[int | None, list[float]] = {}
    for item in items:
        if item.kind == "prose" and item.box is not None:
            ends.setdefault(item.page, []).append(item.box[2])
    everywhere = max((x for xs in ends.values() for x in xs), default=0.0)
    # the right edge of the text: the page's own where it has lines enough to tell
    right = {
        page: max(xs) if len(xs) >= _LINES_FOR_EDGE else everywhere for page, xs in ends.items()
    }
    out: list[FlowItem] = []
    tail: Box | None = None  # the last physical line of the last item
    for item in items:
        last = out[-1] if out else None
        if (
            item.kind == "prose"
            and last is not None
            and last.kind == "prose"
            and tail is not None
            and last.box is not None
            and item.box is not None
            and right[last.page] - tail[2]
            < max(2.5 * _height(tail), _unbreakable(item.text, tail))
            and abs(_height(tail) - _height(item.box)) <= 0.25 * _height(item.box)
            and item.box[0] <= last.box[0] + 0.5 * _height(item.box)  # not indented
            and _NEW_ITEM.match(item.text) is None
            and not is_value_line(last.cells)
            and not is_value_line(item.cells)
            and find_heading(item.text) is None
        ):
            glue = " " if _LATIN_END.search(last.text) and _LATIN_START.search(item.text) else ""
            cells = (*last.cells, *item.cells)
            box = (
                min(last.box[0], item.box[0]),
                last.box[1],
                max(last.box[2], item.box[2]),
                item.box[3],
            )
            out[-1] = attrs.evolve(last, text=last.text + glue + item.text, box=box, cells=cells)
        else:
            out.append(item)
        tail = item.box
    return out


_CHUNK = re.compile(
    r"^(?:[A-Za-z0-9@._:/+\-]+[）)」”’。，、；：！？,.;:!?]*|[）)」”’。，、；：！？]+)"
)


def _unbreakable(text: str, line: Box) -> float:
    """About how wide the start of *text* that cannot be broken is (a number, a closing mark).

    A line ends short of the margin when what follows did not fit: a long
    number or an address, or a mark that may not begin a line.
    """
    chunk = _CHUNK.match(text)
    if chunk is None:
        return 0.0
    size = _height(line)
    return sum(0.55 * size if c.isascii() else size for c in chunk.group())


def _height(box: Box) -> float:
    return box[3] - box[1]
