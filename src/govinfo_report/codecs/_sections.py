"""Split a report's text into front matter and the six sections; read the front matter.

Shared by every text-like reader (Word text export, pipe text, PDF text, and
the HTML and glued-text readers): they turn their input into numbered
:class:`Line` objects, call :func:`split_sections`, then hand the table
sections' lines to :mod:`govinfo_report.codecs._assemble`.

A section heading is found by its *text* (SPEC §2, §7, §8): a line whose
text after an optional ordinal (``二、``, ``2、``, ``（2）``, none) matches a
canonical heading or one of its known variants
(``四、因政府信息公开工作被申请行政复议提起行政诉讼情况``,
``五、政府信息公开工作存在的主要问题及改进情况`` …).  Sections come in
order, so a sub-heading of section 一 that happens to repeat a section's
words with a sub-level ordinal (``(一)主动公开政府信息情况``, corpus 007) is
never taken for section 二.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Sequence, Set
from typing import NamedTuple

import attrs

from govinfo_report.schema import ReportMeta, match_key, normalize_text

__all__ = [
    "HEADING_ALIASES",
    "HTML_BREAK",
    "PAGE_MARKER",
    "Line",
    "Outline",
    "SectionSlice",
    "find_heading",
    "join_lines",
    "numbered_lines",
    "parse_title",
    "read_meta",
    "split_sections",
]


PAGE_MARKER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]"
    r"|Page\s+\d{1,4}\b.*"
    r"|P\.\s*\d{1,4}"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
"""A line that is page furniture, not content: ``- 4 -``, ``— 4 —``, ``Page 8 - …``, ``P. 8``, ``第 4 页``."""


class Line(NamedTuple):
    """One line of the source, as printed, with its 1-based number.

    A named tuple rather than an attrs class: a reader makes one per line,
    and reading a report must stay within 12 × ``json.loads`` of its JSON.

    Attributes:
        text: The line without its line break.
        number: 1-based line number in the source.
    """

    text: str
    number: int

    @property
    def blank(self) -> bool:
        """``True`` for a line of white space only."""
        return not self.text.strip()


@attrs.frozen
class SectionSlice:
    """The lines of one of the six sections.

    Attributes:
        number: 1–6.
        heading: The heading line as printed, or ``None`` when the text has
            no heading for this section.
        body: The lines after the heading up to the next section's heading.
    """

    number: int
    heading: Line | None = None
    body: tuple[Line, ...] = ()


@attrs.frozen
class Outline:
    """A report's text cut at its section headings.

    Attributes:
        front: The lines before the first section heading (title, preamble,
            page chrome; for a text without any heading, the whole text).
        sections: Always six slices, numbered 1–6; a section whose heading
            is not in the text has ``heading=None`` and an empty body.
    """

    front: tuple[Line, ...]
    sections: tuple[SectionSlice, ...]

    def section(self, number: int) -> SectionSlice:
        """Return the slice of section *number* (1–6)."""
        return self.sections[number - 1]

    @property
    def last_line(self) -> int:
        """The number of the last line of the text (0 for an empty text)."""
        last = self.front[-1].number if self.front else 0
        for section in self.sections:
            if section.body:
                last = max(last, section.body[-1].number)
            elif section.heading is not None:
                last = max(last, section.heading.number)
        return last


def numbered_lines(text: str) -> list[Line]:
    """Return the lines of *text*, numbered from 1 (line breaks of any kind)."""
    new = tuple.__new__
    return [new(Line, pair) for pair in zip(text.splitlines(), itertools.count(1))]


# --- headings -------------------------------------------------------------------

HEADING_ALIASES: dict[int, tuple[str, ...]] = {
    1: ("总体情况", "基本情况", "总体概况"),
    2: ("主动公开政府信息情况", "主动公开政府信息的情况", "主动公开政府信息"),
    3: (
        "收到和处理政府信息公开申请情况",
        "收到和处理政府信息公开申请的情况",
        "收到和处理政府信息公开申请",
    ),
    4: (
        "政府信息公开行政复议、行政诉讼情况",
        "政府信息公开行政复议行政诉讼情况",
        "因政府信息公开工作被申请行政复议提起行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "因政府信息公开申请行政复议提起行政诉讼情况",
        "政府信息公开行政复议、行政诉讼情况统计",
    ),
    5: (
        "存在的主要问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题和改进情况",
        "政府信息公开工作存在的主要问题和改进情况",
        "存在的主要问题及改进措施",
    ),
    6: ("其他需要报告的事项", "其他需要报告事项"),
}
"""Heading texts (without ordinal) accepted for each section, canonical first."""

_TEXT = operator.attrgetter("text")

_HEADING_KEYS: dict[str, int] = {
    match_key(alias): number for number, aliases in HEADING_ALIASES.items() for alias in aliases
}
_MAX_HEADING_KEY = max(len(k) for k in _HEADING_KEYS)

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Only ASCII and full-width digits are digits of the form: ``\d`` would also take
# Arabic-Indic ``١٢``, Devanagari ``१`` … for an ordinal.
_DIGIT = "0-9０-９"
_TOP = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．，,:：]\s*")
_ARABIC = re.compile(rf"^\s*([{_DIGIT}]{{1,2}})\s*[、.．]\s*(?![{_DIGIT}])")
_PAREN = re.compile(rf"^\s*[（(]\s*([一二三四五六七八九十]{{1,3}}|[{_DIGIT}]{{1,2}})\s*[）)]\s*")


def _cn_number(text: str) -> int:
    """The number of an ordinal: ASCII or full-width digits, or Chinese numerals to 99."""
    if text and all("0" <= c <= "9" or "０" <= c <= "９" for c in text):
        return int(normalize_text(text))
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(text, 0)


def _split_ordinal(text: str) -> tuple[str, int | None, str]:
    """Return ``(style, number, rest)``: style ``top``, ``arabic``, ``paren`` or ``none``."""
    for style, pattern in (("top", _TOP), ("arabic", _ARABIC), ("paren", _PAREN)):
        m = pattern.match(text)
        if m:
            return style, _cn_number(m.group(1)), text[m.end() :]
    return "none", None, text


HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
"""An HTML line break kept in converted text (``行政<br>规范性文件``)."""
_MARKUP = re.compile(r"^\s{0,3}#{1,6}\s*|\*\*|__")


@functools.lru_cache(maxsize=4096)
def find_heading(text: str) -> tuple[int, str, int | None] | None:
    """Return ``(section, ordinal style, ordinal number)`` if *text* is a section heading.

    The text after the ordinal must match a heading of :data:`HEADING_ALIASES`
    (compared by :func:`~govinfo_report.schema.match_key`).

    >>> find_heading("2、 主动公开政府信息情况")
    (2, 'arabic', 2)
    >>> find_heading("四、因政府信息公开工作被申请行政复议提起行政诉讼情况")
    (4, 'top', 4)
    >>> find_heading("（3） 政府信息管理") is None
    True
    >>> find_heading("#### 五、**存在的主要问题及改进情况**")
    (5, 'top', 5)
    """
    if len(text) > 3 * _MAX_HEADING_KEY:
        return None
    text = _MARKUP.sub("", text)  # '#### 五、…', '**二、…**': a heading in Markdown marks
    style, number, rest = _split_ordinal(text)
    section = _HEADING_KEYS.get(match_key(rest))
    if section is None:
        return None
    return section, style, number


def split_sections(
    lines: Iterable[Line],
    *,
    is_candidate: Callable[[Line], bool] | None = None,
    skip: Set[int] = frozenset(),
) -> Outline:
    """Cut *lines* at the six section headings.

    A heading whose ordinal is the section's own number (``二、``, ``2、``)
    is taken first; a heading without ordinal, renumbered (``三、`` for
    section 二) or with a parenthesised ordinal of the right number fills a
    section only where no such heading was found, and only in order.  A
    parenthesised ordinal of another number is a sub-heading, never a
    section.

    Args:
        lines: The text's lines.
        is_candidate: Optional filter: only lines for which it returns
            ``True`` may be headings (e.g. not the lines of a pipe table).
        skip: Numbers of lines that cannot be headings (e.g. the cell lines
            of a Word export).
    """
    all_lines = list(lines)
    strong: list[tuple[int, int]] = []  # (index in all_lines, section)
    weak: list[tuple[int, int]] = []
    headings = list(map(find_heading, map(_TEXT, all_lines)))  # most are None
    for index in itertools.compress(range(len(all_lines)), headings):
        line = all_lines[index]
        if line.number in skip or (is_candidate is not None and not is_candidate(line)):
            continue
        found = headings[index]
        assert found is not None
        section, style, number = found
        if style in ("top", "arabic") and number == section:
            strong.append((index, section))
        elif style == "paren" and number != section:
            continue  # a sub-heading such as (一)主动公开政府信息情况
        elif style == "arabic":
            continue  # 1. 2. … lists inside a section
        else:
            weak.append((index, section))

    chosen: dict[int, int] = {}  # section -> index
    last_section, last_index = 0, -1
    for index, section in strong:
        if section > last_section and index > last_index:
            chosen[section] = index
            last_section, last_index = section, index
    for index, section in weak:
        if section in chosen:
            continue
        before = [chosen[s] for s in chosen if s < section]
        after = [chosen[s] for s in chosen if s > section]
        if (not before or index > max(before)) and (not after or index < min(after)):
            chosen[section] = index

    order = sorted(chosen.items(), key=lambda item: item[1])
    first = order[0][1] if order else len(all_lines)
    front = tuple(all_lines[:first])
    slices: dict[int, SectionSlice] = {}
    for position, (section, index) in enumerate(order):
        end = order[position + 1][1] if position + 1 < len(order) else len(all_lines)
        slices[section] = SectionSlice(
            section, all_lines[index], tuple(all_lines[index + 1 : end])
        )
    sections = tuple(slices[n] if n in slices else SectionSlice(n) for n in range(1, 7))
    return Outline(front, sections)


# --- front matter ---------------------------------------------------------------

_TITLE = re.compile(
    r"^(?P<agency>.*?)(?P<year>(?:19|20)[0-9]{2})\s*年\s*(?:度\s*)?"
    r"政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?(?:年\s*度\s*)?(?:工\s*作\s*)?报\s*告\s*$"
)
_YEAR = re.compile(r"(?:19|20)[0-9０-９]{2}\s*年")
_CRAWLER_PREFIX = re.compile(r"^\s*(?:标题|题目|文章标题)\s*[:：]\s*")
_PERIOD_YEAR = re.compile(r"统计期限?(?:为|是)?\s*(?:自|从|为)?\s*((?:19|20)[0-9]{2})\s*年")
_MAX_TITLE = 80


@functools.lru_cache(maxsize=1024)
def parse_title(text: str) -> tuple[str | None, int | None] | None:
    """Return ``(agency, year)`` if *text* reads as a report title, else ``None``.

    >>> parse_title("北京市西城区卫生健康委员会2024年政府信息公开工作年度报告")
    ('北京市西城区卫生健康委员会', 2024)
    >>> parse_title("平潭综合实验区2021年度政府信息公开工作年度报告")
    ('平潭综合实验区', 2021)
    >>> parse_title("根据条例编制本报告。") is None
    True
    """
    cleaned = normalize_text(text).strip()
    cleaned = _CRAWLER_PREFIX.sub("", cleaned)
    if len(cleaned) > _MAX_TITLE:
        return None
    m = _TITLE.match(cleaned)
    if m is None:
        return None
    agency = m["agency"].strip() or None
    return agency, int(m["year"])


def join_lines(lines: Sequence[Line]) -> str:
    """Join lines as printed with ``"\\n"``, without leading or trailing blank lines."""
    texts = [line.text for line in lines]
    start = 0
    while start < len(texts) and not texts[start].strip():
        start += 1
    end = len(texts)
    while end > start and not texts[end - 1].strip():
        end -= 1
    return "\n".join(texts[start:end])


def read_meta(front: Sequence[Line], *, year_hint_lines: Sequence[Line] = ()) -> ReportMeta:
    """Read title, agency, year and preamble from the front matter.

    The title is the first line (or two or three consecutive non-blank
    lines: seed 004 prints ``…2024年政府信息`` / ``公开工作年度报告``) that
    reads ``〈机关〉〈年〉年…政府信息公开…报告``; broken lines are joined
    without a separator.  Every other line is preamble, as printed: page
    chrome, ``附件1``, the opening paragraph, the 统计期限, contact lines.
    The year comes from the title, else from the 统计期限 in the front
    matter or in *year_hint_lines* (usually section 一).

    Args:
        front: The front-matter lines (not the table cells a reader found there).
        year_hint_lines: More lines to search for the 统计期限 when neither
            the title nor the front matter gives the year.
    """
    content = [i for i, line in enumerate(front) if not line.blank]
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    title_indexes: set[int] = set()
    for position in range(len(content)):
        for width in (1, 2, 3):
            if position + width > len(content):
                break
            parts = [front[content[position + k]].text.strip() for k in range(width)]
            if width > 1 and (not _YEAR.search(parts[0]) or any(parse_title(p) for p in parts)):
                break
            candidate = "".join(parts)
            parsed = parse_title(candidate)
            if parsed is not None:
                title = _CRAWLER_PREFIX.sub("", candidate)
                agency, year = parsed
                title_indexes = {content[position + k] for k in range(width)}
                break
            if len(candidate) > _MAX_TITLE:
                break
        if title is not None:
            break
    preamble = _join_prose(front, title_indexes)
    if year is None:
        for line in (*front, *year_hint_lines):
            m = _PERIOD_YEAR.search(normalize_text(line.text))
            if m:
                year = int(m.group(1))
                break
    return ReportMeta(title=title, agency=agency, year=year, preamble=preamble)


def _join_prose(front: Sequence[Line], skip: set[int]) -> str:
    """The front matter without the title lines, as printed.

    Blank lines are kept between two kept lines only where no title line
    was removed between them.
    """
    out: list[str] = []
    pending_blanks: list[str] = []
    removed_since = False
    for i, line in enumerate(front):
        if i in skip:
            removed_since = True
            continue
        if line.blank:
            pending_blanks.append(line.text)
            continue
        if out and not removed_since:
            out.extend(pending_blanks)
        pending_blanks = []
        removed_since = False
        out.append(line.text)
    return "\n".join(out)
