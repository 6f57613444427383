"""Assemble tables 二, 三 and 四 from a stream of tokens, driven by their labels.

Every text-like reader (Word text export, pipe text, PDF text; the HTML and
glued-text readers too) turns the table parts of a report into
:class:`Token` objects — one per printed cell, with its source line — and
feeds them to an :class:`Assembler` (a reader that sees the table's grid marks
the cells it knows are values, :attr:`TokenKind.VALUE`, which are then never
taken for labels).  The assembler recognises the block
titles, header cells, group labels and row labels of the three tables by
:func:`~govinfo_report.schema.match_key` (tolerant of half-width
punctuation, spaces, labels broken over several tokens such as ``商业`` /
``企业`` or ``（三）不`` / ``予公开``, the real label variants of SPEC §8:
``规范性文件``, ``（六）其他``, ``现行有效件数 (历史累计)`` …), and gives the
value tokens that follow each row label to that row's cells, keeping every
cell's printed text (:meth:`Cell.parse`).

What it never does: left-align a short row.  A row with fewer values than
columns is either the last thing in a cut-off text (its values are the
first cells, the rest is absent, and a ``truncated`` diagnostic says where
the text ends) or has lost a cell: then the gap is placed with the
identities of SPEC §5.1 (E1–E3 for table 三, E4 for table 四) when exactly
one placement fits, and otherwise the row's uncertain cells stay absent
with a diagnostic.  In strict mode every such problem is a
:class:`~govinfo_report.exceptions.ParseError` naming the source, line,
table, row and column labels, the cell path, what was expected and what
was found.

Readers use it like this::

    assembler = Assembler(source="report.txt", lenient=False)
    prose = assembler.feed(tokens_of_section_2, table="t2")
    ...
    cells, diagnostics = assembler.finish()

or, for a whole text cut into sections, :func:`read_outline`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import attrs

from govinfo_report.codecs._problems import TABLE_NUMBERS, Problems
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    FORMAT_2021,
    MARKERS,
    SECTION_HEADINGS,
    T3_COLUMNS,
    T3_VALUE_ROWS,
    T4_GROUPS,
    T4_OUTCOMES,
    Cell,
    CellOrigin,
    CellSpec,
    Diagnostic,
    Presence,
    Report,
    ReportMeta,
    RowSpec,
    Section,
    Severity,
    match_key,
    strip_artefacts,
)

__all__ = [
    "ABSENT_TEXT",
    "INSTANCE_IDS",
    "SECTION_TABLES",
    "TABLE_NUMBERS",
    "Assembler",
    "Label",
    "PrintedRow",
    "Token",
    "TokenKind",
    "clean_text",
    "fits_identities",
    "official_rows",
    "parse_cell",
    "value_test",
    "write_lines",
    "written_heading",
    "written_title",
]

ABSENT_TEXT = "[absent]"
"""What the writers print for a cell the report does not give; the readers read it back as absent."""


_TABLES = {t.key: t for t in FORMAT_2021.tables}
_TABLE_SPECS = {
    key: tuple(spec for spec in CELL_SPECS.values() if spec.table.key == key) for key in _TABLES
}
_TABLES_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_ABSENT = Cell()
_TEXT = operator.attrgetter("text")
_LINE = operator.attrgetter("line")
_LAST_LINE = operator.attrgetter("last_line")
_NUMBER = operator.attrgetter("number")
_VALUE = operator.attrgetter("value")


class TokenKind(enum.Enum):
    """What a token is."""

    CELL = "cell"
    """One printed cell (label, header, value, blank …): the assembler tells which by its text."""
    VALUE = "value"
    """A printed cell the reader knows is a value cell (from the table's grid), never a label.

    Readers that see the grid (HTML with the official layout) mark the value
    cells so: a value printed like a label (``其他``, ``总计``) is then kept as
    a value (as printed, and reported if it is no number), and a blank or
    non-number first cell opens table 四's row of values.
    """
    ROW_END = "row_end"
    """The end of a printed row (a blank line of the Word export, the end of a pipe row)."""


class Token(NamedTuple):
    """One printed cell of a table, or the end of a printed row.

    A named tuple rather than an attrs class: readers make one per printed
    cell, and reading must stay within 12 × ``json.loads`` of the JSON
    (``benchmarks/bench_read.py``).

    Attributes:
        text: The cell's text exactly as printed (lines of a broken cell
            joined with ``"\\n"``); ``""`` for an empty cell.
        line: 1-based source line of the cell's first character.
        kind: :attr:`TokenKind.CELL`, :attr:`TokenKind.VALUE` (a cell
            known to be a value) or :attr:`TokenKind.ROW_END`.
        last_line: The cell's last source line, when it spans several.
    """

    text: str
    line: int
    kind: TokenKind = TokenKind.CELL
    last_line: int | None = None

    @property
    def lines(self) -> range:
        """The source lines the token covers."""
        return range(self.line, (self.last_line or self.line) + 1)

    @classmethod
    def row_end(cls, line: int) -> Token:
        """Return a row-end token at *line*."""
        return cls("", line, TokenKind.ROW_END)

    @classmethod
    def value(cls, text: str, line: int) -> Token:
        """Return a token for a cell known to be a value cell (:attr:`TokenKind.VALUE`)."""
        return cls(text, line, TokenKind.VALUE)


# --- labels ---------------------------------------------------------------------


@attrs.frozen
class Label:
    """A label of one of the tables, as the form prints it.

    Attributes:
        table: ``t2``, ``t3`` or ``t4``.
        kind: ``title`` (table 二 block titles), ``header``, ``note`` (the
            E1 note of table 三), ``group`` (merged row labels of table 三),
            ``row`` or ``2019`` (a label only the 2019 trial format has).
        text: The official label.
        row: The row key, for ``row`` labels.
        variant: ``True`` when this is a known variant, not the official text.
    """

    table: str
    kind: str
    text: str
    row: str | None = None
    variant: bool = False


def _strip_ordinal(label: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)", "", label)


def _build_labels() -> dict[str, list[Label]]:
    labels: dict[str, list[Label]] = {}

    def add(label: Label, text: str | None = None) -> None:
        key = match_key(text if text is not None else label.text)
        if key and label not in labels.setdefault(key, []):
            labels[key].append(label)

    t2, t3 = _TABLES["t2"], _TABLES["t3"]
    for title in (
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ):
        add(Label("t2", "title", title))
    for header in (
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额（单位：万元）",
    ):
        add(Label("t2", "header", header))
    for variant in ("本年收费金额", "本年收费金额（万元）", "收费金额（单位：万元）"):
        add(Label("t2", "header", variant, variant=True))
    for row in t2.rows:
        add(Label("t2", "row", row.label, row.key))
    add(Label("t2", "row", "规范性文件", "normative_documents", variant=True))
    for old in (
        "第二十条第（九）项",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "处理决定数量",
        "其他对外管理服务事项",
        "政府集中采购",
        "采购项目数量",
        "采购总金额",
    ):
        add(Label("t2", "2019", old))

    add(
        Label("t3", "note", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    )
    for header in ("申请人情况", "法人或其他组织", *(c.label for c in t3.rows[0].columns)):
        add(Label("t3", "header", header))
    for group in (
        "三、本年度办理结果",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ):
        add(Label("t3", "group", group))
        add(Label("t3", "group", group, variant=True), _strip_ordinal(group))
    add(Label("t3", "group", "（六）其他", variant=True))
    for row in t3.rows:
        add(Label("t3", "row", row.label, row.key))
        bare = _strip_ordinal(row.label)
        if bare not in ("其他", "总计"):
            add(Label("t3", "row", row.label, row.key, variant=True), bare)
    add(Label("t3", "row", "（二）部分公开", "partial", variant=True))

    for header in (
        "行政复议",
        "行政诉讼",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    ):
        add(Label("t4", "header", header))
    return labels


_LABELS = _build_labels()
_PREFIXES = frozenset(key[:i] for key in _LABELS for i in range(1, len(key) + 1))
_LONGEST_LABEL = max(map(len, _LABELS))
_NOTE_KEY = match_key("本列数据的勾稽关系为")
_T4_CHARS = frozenset("行政复议诉讼结果维持纠正其他尚未审结总计经直接起后")
_HEADER_CHARS = {
    "t2": frozenset(
        "".join(
            match_key(k)
            for k in ("信息内容本年制发件数废止件数现行有效件数处理决定数量收费金额单位万元",)
        )
    ),
    "t3": frozenset(
        match_key("申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构")
    ),
}
_NUMERALS = frozenset("一二三四五六七八九十")
_CN_ORDINAL = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
_ORDINAL_LABEL = re.compile(r"^\d+\s*[.、．]\s*\D")
_NUMBER_START = re.compile(r"^[-+−－]?\s*\d")
_ROW_COUNT = {"t2": 6, "t3": 25, "t4": 1}
_STARTERS = frozenset({"title", "note", "row", "group", "2019"})
_LAST_ROW = {"t2": "admin_fees", "t3": "carried_forward", "t4": "data"}


@functools.lru_cache(maxsize=8192)
def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", strip_artefacts(text)).replace("&nbsp;", " ").strip()


def _is_blank(token: Token) -> bool:
    return not _clean(token.text)


def _value_like(token: Token, table: str | None) -> bool:
    """Whether a cell token is a value (number, blank, marker, short junk), not a label."""
    return token.kind is TokenKind.VALUE or _value_test(table)(token.text)


def _value_test(table: str | None) -> Callable[[str], bool]:
    """The test whether a cell's text is a value, in *table* (table 四 has its own words)."""
    return _value_in_t4 if table == "t4" else _value_elsewhere


@functools.lru_cache(maxsize=8192)
def _value_in_t4(raw: str) -> bool:
    return _value_like_text(raw, in_t4=True)


@functools.lru_cache(maxsize=8192)
def _value_elsewhere(raw: str) -> bool:
    return _value_like_text(raw, in_t4=False)


def _value_like_text(raw: str, *, in_t4: bool) -> bool:
    text = _clean(raw)
    if not text or text in MARKERS or raw == ABSENT_TEXT:
        return True
    if _NUMBER_START.match(text):
        return _ORDINAL_LABEL.match(text) is None
    if text[0] in "(（[【" or _CN_ORDINAL.match(text):
        return False
    key = match_key(text)
    if key in _LABELS or not key:
        return not key
    if in_t4 and set(key) <= _T4_CHARS:
        return False
    if len(key) > 2:
        return False
    return key not in _PREFIXES or key in _NUMERALS


def _parse_cell(text: str, amount: bool) -> Cell:
    return _parse_amount(text) if amount else _parse_count(text)


@functools.lru_cache(maxsize=8192)
def _parse_count(text: str) -> Cell:
    return Cell.parse(text)


@functools.lru_cache(maxsize=8192)
def _parse_amount(text: str) -> Cell:
    return Cell.parse(text, amount=True)


@functools.lru_cache(maxsize=4096)
def _numbers(texts: tuple[str, ...], amount: bool) -> tuple[Cell, ...] | None:
    """The cells of a row printed *texts*, when every one is a number (else ``None``)."""
    cells = tuple(map(_parse_amount if amount else _parse_count, texts))
    return None if None in map(_VALUE, cells) else cells


@functools.lru_cache(maxsize=4096)
def _t4_fragment(text: str) -> bool:
    """A word of table 四's header, whole or broken (``结果``, ``维持``, ``总``, ``其他结果``)."""
    key = match_key(text)
    return bool(key) and set(key) <= _T4_CHARS and not _NUMBER_START.match(_clean(text))


_ALL_LABEL_KEYS = "\n".join(_LABELS)


@functools.lru_cache(maxsize=4096)
def _label_fragment(text: str) -> bool:
    """A piece of one of the form's labels (``)项``, ``予公开``): never a value's text."""
    key = match_key(text)
    return bool(key) and not any(ch.isdigit() for ch in key) and key in _ALL_LABEL_KEYS


@functools.lru_cache(maxsize=8192)
def _printed_value(raw: str) -> bool:
    """A number (notes, units, damage allowed) or a marker: the cells PDF text can show."""
    if raw == ABSENT_TEXT or _parse_count(raw).presence in (Presence.NUMBER, Presence.MARKER):
        return True
    text = _clean(raw)
    return _NUMBER_START.match(text) is not None and _ORDINAL_LABEL.match(text) is None


def _pick(labels: Sequence[Label], table: str | None) -> Label:
    for label in labels:
        if label.table == table:
            return label
    return labels[0]


class _Match(NamedTuple):
    labels: tuple[Label, ...]
    width: int  # the number of tokens the label covers (row ends included)
    variant: bool = False
    truncated: bool = False
    text: str = ""
    # For a whole label (one token), what the feed needs most: the row label it is,
    # or the tables of which it is only a header, title or note.
    row: Label | None = None
    headers: frozenset[str] = frozenset()


_WHOLE = {
    key: _Match(
        tuple(labels),
        1,
        any(label.variant for label in labels),
        row=labels[0] if len(labels) == 1 and labels[0].kind == "row" else None,
        headers=frozenset(lb.table for lb in labels)
        if all(lb.kind in ("header", "title", "note") for lb in labels)
        else frozenset(),
    )
    for key, labels in _LABELS.items()
    if not any(other != key and other.startswith(key) for other in _LABELS)
}
"""The labels no longer label starts with: one token holding one of them is that label."""


def _segment(key: str) -> list[str] | None:
    """Cover *key* with two or three label keys (``信息内容本年处理决定数量``)."""
    if len(key) > 80:
        return None

    def go(rest: str, depth: int) -> list[str] | None:
        if not rest:
            return []
        if depth == 3:
            return None
        for end in range(len(rest), 0, -1):
            head = rest[:end]
            if head in _LABELS:
                tail = go(rest[end:], depth + 1)
                if tail is not None:
                    return [head, *tail]
        return None

    parts = go(key, 0)
    return parts if parts and len(parts) > 1 else None


# --- the assembler --------------------------------------------------------------


@attrs.define
class _Row:
    table: str
    key: str  # row key, or "data" for table 四
    label: str  # as printed
    line: int
    values: list[Token] = attrs.Factory(list)
    specs: tuple[CellSpec, ...] = ()
    again: bool = False  # the row was printed before


@functools.cache
def _row_specs(table: str, key: str) -> tuple[CellSpec, ...]:
    if table == "t4":
        return tuple(CELL_SPECS[f"t4.{g}.{o}"] for g in T4_GROUPS for o in T4_OUTCOMES)
    row = _TABLES[table].row(key)
    return tuple(CELL_SPECS[f"{table}.{key}.{c.key}"] for c in row.columns)


@functools.cache
def _row_paths(table: str, key: str) -> tuple[str, ...]:
    return tuple(spec.path for spec in _row_specs(table, key))


def _row_label(spec: CellSpec) -> str:
    if spec.table.key == "t4":
        return " ".join((*spec.row.groups, spec.row.label))
    return spec.row.label


class Assembler(Problems):
    """Collects the cells of tables 二, 三 and 四 from token streams.

    Feed it one stream per region of the text (usually one per section, with
    the table that section should hold), then call :meth:`finish`.

    Args:
        source: A name for messages (usually the file name).
        lenient: Record problems as diagnostics instead of raising.
    """

    def __init__(
        self, *, source: str | None = None, lenient: bool = False, blanks_visible: bool = True
    ) -> None:
        super().__init__(source=source, lenient=lenient)
        # the cells the text gives, in canonical order (the shared absent cell elsewhere)
        self._cells: list[Cell] = [_ABSENT] * len(CELL_PATHS)
        self.rows_seen: dict[tuple[str, str], int] = {}
        self.tables_seen: dict[str, int] = {}
        self.tables_done: set[str] = set()
        self.format_2019: dict[str, tuple[int, str]] = {}
        self.truncated: tuple[int, str] | None = None  # (line, message)
        self.origins: dict[str, CellOrigin] = {}  # cells placed with the identities
        self.blanks_visible = blanks_visible
        self.conflicts: set[tuple[str, str]] = set()
        self._gapped: list[_Row] = []
        self._blocked: set[str] = set()  # tables whose later values cannot be placed

    # -- reporting ---------------------------------------------------------------

    def _problem(self, code: str, detail: str, **where: Any) -> None:
        self.report(detail, code=code, **where)

    def _note(
        self, code: str, message: str, *, line: int | None = None, path: str | None = None
    ) -> None:
        self.note(code, message, line=line, path=path)

    # -- labels ------------------------------------------------------------------

    def _match(self, tokens: Sequence[Token], i: int, table: str | None) -> _Match | None:
        whole = _WHOLE.get(match_key(tokens[i].text))
        if whole is not None:  # a whole label that no longer label starts with
            return whole
        n = len(tokens)
        acc = ""
        best: tuple[str, int] | None = None
        j = i
        used = 0
        last_cell = i
        while j < n and used < 12:
            token = tokens[j]
            if token.kind is TokenKind.ROW_END:
                j += 1
                continue
            if token.kind is TokenKind.VALUE:
                break
            key = match_key(token.text)
            if not key:
                break
            if used and (
                (
                    _NUMBER_START.match(_clean(token.text)) is not None
                    and _ORDINAL_LABEL.match(_clean(token.text)) is None
                )
                or acc + key not in _PREFIXES
            ):
                break
            acc += key
            used += 1
            last_cell = j
            if acc in _LABELS:
                best = (acc, j + 1)
            if acc not in _PREFIXES:
                break
            j += 1
        if best is not None:
            labels = tuple(_LABELS[best[0]])
            return _Match(labels, best[1] - i, variant=any(lb.variant for lb in labels))
        first = match_key(tokens[i].text)
        if first.startswith(_NOTE_KEY):
            return _Match((_LABELS[match_key(_TABLES_NOTE)][0],), 1, variant=True)
        parts = _segment(first)
        if parts is not None:
            labels = tuple(_pick(_LABELS[p], table) for p in parts)
            return _Match(labels, 1, variant=True)
        # a label followed by an annotation: 现行有效件数 (历史累计)
        for end in range(min(len(first) - 1, _LONGEST_LABEL), 1, -1):
            head = first[:end]
            if head in _LABELS and not first[end].isdigit():
                found = [lb for lb in _LABELS[head] if lb.kind in ("header", "row")]
                if found:
                    return _Match(tuple(found), 1, variant=True)
                break
        if acc in _PREFIXES:
            following = _next_cell(tokens, last_cell + 1)
            if following is None:
                return _Match((), n - i, truncated=True, text=_joined(tokens, i, last_cell))
            candidates = [k for k in _LABELS if k.startswith(acc)]
            if len(acc) >= 4 and len(candidates) == 1 and _value_like(following, table):
                labels = tuple(_LABELS[candidates[0]])
                return _Match(labels, last_cell + 1 - i, variant=True)
        return None

    # -- feeding -----------------------------------------------------------------

    def feed(
        self, tokens: Sequence[Token], *, table: str | None = None, last: bool = False
    ) -> list[bool]:
        """Read one stream of tokens.

        Args:
            tokens: The cells (and row ends) of one region of the text, in order.
            table: The table this region should hold (``t2``, ``t3``,
                ``t4``) or ``None``; labels of another table switch to it.
            last: ``True`` when nothing of the text follows this region, so
                that a table left unfinished here means the text is cut off.

        Returns:
            For each token, whether it is prose rather than part of a table
            (text before a table's first label or after its last cell).
        """
        n = len(tokens)
        prose = [False] * n
        context = table
        row: _Row | None = None
        started: set[str] = set()
        done = self.tables_done
        # Table 四's row of values has no label: after the header, the first value or
        # other text that is no label opens it, together with the blank cells printed
        # just before it; a printed row of blanks only is that row too.
        pending: list[Token] = []  # blank cells since the last row end or cell with text
        blank_row = True  # no cell with text since the last row end
        row_end, known_value = TokenKind.ROW_END, TokenKind.VALUE
        value_like = self._value_test(context)
        last_cell = _last_cell(tokens)
        i = 0
        while i < n:
            token = tokens[i]
            kind = token.kind
            if kind is row_end:
                if row is None and pending and blank_row and self._in_t4(context, started):
                    row = _data_row(pending, pending[0].line)
                if row is not None and row.values:
                    self._finish_row(row, at_end=last and i > last_cell)
                    row = None
                if pending:
                    pending = []
                blank_row = True
                i += 1
                continue
            if kind is known_value or value_like(token.text):
                if row is not None:  # the row's values: this one and those that follow
                    values = row.values
                    values.append(token)
                    i += 1
                    while i < n:
                        token = tokens[i]
                        kind = token.kind
                        if kind is row_end or not (kind is known_value or value_like(token.text)):
                            break
                        values.append(token)
                        i += 1
                    continue
                if (
                    context == "t4"
                    and self._in_t4(context, started)
                    and (kind is known_value or not _is_blank(token))
                ):
                    row = _data_row([*pending, token], token.line)
                    pending = []
                    blank_row = False
                elif not token.text or _is_blank(token):
                    pending.append(token)
                else:
                    pending = []
                    blank_row = False
                    self._stray_value(token, context, started, prose, i)
                i += 1
                continue
            if pending:
                pending = []
            blank_row = False
            if (
                context == "t4"
                and (table == "t4" or ("t4" in started and "t4" not in done))
                and _t4_fragment(token.text)
            ):
                if row is not None:  # a header repeated after the values
                    self._finish_row(row, at_end=False)
                    row = None
                started.add("t4")
                self.tables_seen.setdefault("t4", token.line)
                i += 1
                continue
            match = self._match(tokens, i, context)
            if match is not None and context is not None and context in started:
                label = match.row
                opens = label is not None and label.table == context
                if opens or context in match.headers:
                    # a row label or header of the table being read, the usual case:
                    # what the steps below do for it, without their checks
                    if row is not None:
                        self._finish_row(row, at_end=False)
                        row = None
                    if self._blocked:
                        self._blocked.discard(context)
                    if match.variant:
                        self._note_variant(tokens, i, match, context)
                    if opens and label is not None:
                        row = self._open_row(label, tokens, i, i + 1, token.line)
                    i += 1
                    continue
            in_table = context is not None and context in started and context not in done
            if match is None:
                if row is not None and not self.blanks_visible:
                    # PDF text: a word that is no number is no cell (pieces of merged
                    # labels printed beside a row); it never takes a value's place
                    self._note(
                        "header_text",
                        f"table {TABLE_NUMBERS[row.table]}: text beside the row "
                        f"{row.label!r} ignored: {token.text!r}",
                        line=token.line,
                    )
                elif (
                    row is not None
                    and len(row.values) < len(row.specs)
                    and not _label_fragment(token.text)
                ):
                    row.values.append(token)  # text where a value belongs: kept as printed
                elif row is None and context == "t4" and in_table:
                    row = _data_row([token], token.line)  # text where the first value belongs
                elif in_table and context is not None and self._header_noise(token, context):
                    self._note(
                        "header_text",
                        f"table {TABLE_NUMBERS[context]}: text in the header ignored: "
                        f"{token.text!r}",
                        line=token.line,
                    )
                elif in_table and context is not None:
                    if row is not None:
                        self._finish_row(row, at_end=False)
                        row = None
                    self._unknown_label(token, context)
                    self._blocked.add(context)
                else:
                    prose[i] = True
                i += 1
                continue
            if match.truncated:
                if row is not None:
                    self._finish_row(row, at_end=False)
                    row = None
                where = context or (match.labels[0].table if match.labels else None)
                if last:
                    self._truncate(token.line, where, f"at the label {match.text!r}")
                else:
                    prose[i] = not (where and where in started)
                i += match.width
                continue
            if context is None and not any(
                lb.kind in _STARTERS or lb.text == "行政复议" for lb in match.labels
            ):
                prose[i] = True  # a header word in prose does not start a table
                i += 1
                continue
            if row is not None:
                self._finish_row(row, at_end=False)
                row = None
            labels = match.labels
            label = labels[0] if len(labels) == 1 else _pick(labels, context)
            if context is not None and label.table != context and context in started:
                self._close_table(context, last=False, line=token.line)
            if context != label.table or context not in started:
                context = label.table
                value_like = self._value_test(context)
                started.add(context)
                self.tables_seen.setdefault(context, token.line)
            if self._blocked:
                self._blocked.discard(context)
            if match.variant:
                self._note_variant(tokens, i, match, context)
            after_label = i + match.width
            if len(labels) == 1 and label.kind == "row":
                row = self._open_row(label, tokens, i, after_label, token.line)
                i = after_label
                continue
            for part in labels:
                if part.kind == "2019":
                    self._found_2019(part, token.line)
                elif part.kind == "group" and part.text == "（六）其他处理" and part is labels[-1]:
                    nxt = _next_cell(tokens, after_label)
                    if nxt is not None and _value_like(nxt, "t3") and not _is_blank(nxt):
                        self._found_2019(Label("t3", "2019", "（六）其他处理（单行）"), token.line)
                elif part.kind == "row" and part.row is not None:
                    row = self._open_row(part, tokens, i, after_label, token.line)
            i = after_label
        if row is None and pending and self._in_t4(context, started):
            row = _data_row(pending, pending[0].line)  # blanks after the header, no row end
        if row is not None:
            self._finish_row(row, at_end=last)
        if last and context is not None and context in started:
            self._close_table(context, last=True, line=tokens[-1].line if tokens else None)
        return prose

    def _value_test(self, table: str | None) -> Callable[[str], bool]:
        """The test of a value cell; where blanks are invisible, only numbers and markers.

        PDF text shows no empty cell, so a short word there (a character of a label
        printed down the rows, ``度``) is never a cell that could take a value's place.
        """
        return _value_test(table) if self.blanks_visible else _printed_value

    def _note_variant(self, tokens: Sequence[Token], i: int, match: _Match, table: str) -> None:
        self._note(
            "label_variant",
            f"table {TABLE_NUMBERS[table]}: label {_joined(tokens, i, i + match.width - 1)!r} "
            f"read as {' + '.join(lb.text for lb in match.labels)!r}",
            line=tokens[i].line,
        )

    def _in_t4(self, context: str | None, started: set[str]) -> bool:
        """Whether table 四's header has been read and its row of values not yet."""
        return context == "t4" and "t4" in started and "t4" not in self.tables_done

    def _stray_value(
        self, token: Token, context: str | None, started: set[str], prose: list[bool], i: int
    ) -> None:
        """A value with no row open: header noise, a value outside any row, or prose."""
        if context is None or context not in started or context in self.tables_done:
            prose[i] = True
        elif token.kind is TokenKind.VALUE or not self._header_noise(token, context):
            self._unplaced(token, context)

    def _open_row(
        self, label: Label, tokens: Sequence[Token], i: int, end: int, line: int
    ) -> _Row:
        assert label.row is not None
        table = label.table
        key = (table, label.row)
        printed = tokens[i].text.replace("\n", "") if end == i + 1 else _joined(tokens, i, end - 1)
        again = key in self.rows_seen
        if again:
            self._problem(
                "duplicate_row",
                f"row printed twice (first on line {self.rows_seen[key]})",
                line=line,
                table=table,
                row=printed,
                expected="each row once",
                got=f"a second {label.text!r}",
            )
        else:
            self.rows_seen[key] = line
        return _Row(table, label.row, printed, line, [], _row_specs(table, label.row), again)

    def _found_2019(self, label: Label, line: int) -> None:
        if label.table in self.format_2019:
            return
        self.format_2019[label.table] = (line, label.text)
        self._problem(
            "format_2019",
            "a table in the 2019 trial format (国办公开办函〔2019〕60号); this reader reads "
            "the 2021 format (国办公开办函〔2021〕30号), so the table is left absent",
            line=line,
            table=label.table,
            expected="the labels of the 2021 format",
            got=label.text,
        )

    def _unplaced(self, token: Token, table: str) -> None:
        if table in self._blocked or table in self.format_2019:
            return
        self._problem(
            "unplaced_value",
            "a value outside any row",
            line=token.line,
            table=table,
            expected="a row label before the values",
            got=token.text,
        )

    def _unknown_label(self, token: Token, table: str) -> None:
        expected = self._expected_next_row(table)
        self._problem(
            "unknown_label",
            "row label not recognised; its values are not placed",
            line=token.line,
            table=table,
            expected=f"a row label of table {TABLE_NUMBERS[table]}"
            + (f" such as {expected!r}" if expected else ""),
            got=token.text,
        )

    def _in_header(self, table: str) -> bool:
        """Whether no row of *table* has been seen yet (its header is being read)."""
        if table == "t4":
            return False
        return not any(t == table for t, _ in self.rows_seen)

    def _header_noise(self, token: Token, table: str) -> bool:
        """Text that is no label: a lead-in or a broken header before the first row, or
        pieces of a header repeated after a page break (only the header's own characters)."""
        text = _clean(token.text)
        if not text or _NUMBER_START.match(text):
            return False
        if self._in_header(table):
            return True
        key = match_key(text)
        return bool(key) and set(key) <= _HEADER_CHARS.get(table, frozenset())

    def _expected_next_row(self, table: str) -> str | None:
        if table == "t4":
            return None
        rows = _TABLES[table].rows
        seen = [i for i, r in enumerate(rows) if (table, r.key) in self.rows_seen]
        after = max(seen) + 1 if seen else 0
        return rows[after].label if after < len(rows) else None

    def _truncate(self, line: int, table: str | None, what: str) -> None:
        if self.truncated is not None:
            return
        where = f"inside table {TABLE_NUMBERS[table]}" if table else "before the tables"
        message = f"the text ends {where}, {what}; the cells after it are absent"
        self.truncated = (line, message)
        if table is not None:
            self.tables_done.add(table)
        self._problem(
            "truncated",
            f"the text ends {where}, {what}",
            line=line,
            table=table,
            expected="the rest of the table",
            got="the end of the text",
        )

    def _close_table(self, table: str, *, last: bool, line: int | None) -> None:
        if table in self.tables_done:
            return
        if last and self.truncated is None and not self._table_complete(table):
            missing = self._first_missing_row(table)
            self._truncate(line or 0, table, f"before the row {missing!r}" if missing else "")

    def _table_complete(self, table: str) -> bool:
        if table == "t4":
            return table in self.tables_done
        return (table, _LAST_ROW[table]) in self.rows_seen or table in self.format_2019

    def _first_missing_row(self, table: str) -> str | None:
        if table == "t4":
            return "the 15 values"
        for row in _TABLES[table].rows:
            if (table, row.key) not in self.rows_seen:
                return row.label
        return None

    # -- rows --------------------------------------------------------------------

    def _finish_row(self, row: _Row, *, at_end: bool) -> None:
        specs = row.specs
        n = len(specs)
        values = row.values
        while len(values) > n and _is_blank(values[-1]):
            values.pop()
        if row.table == "t4":
            self.tables_done.add("t4")
            self.rows_seen.setdefault(("t4", "data"), row.line)
        elif row.key == _LAST_ROW[row.table]:
            self.tables_done.add(row.table)
        if len(values) == n:
            self._assign(row, values)
            return
        table, row_label = row.table, row.label or _row_label(specs[0])
        if len(values) > n:
            extra = values[n]
            self._problem(
                "extra_values",
                f"{len(values)} values for {n} columns; the row is left absent",
                line=extra.line,
                expected=f"{n} values",
                got=" ".join(v.text for v in values),
                table=table,
                row=row_label,
            )
            return
        if len(values) < n:
            if at_end and not self.blanks_visible:
                # cut off, or blank cells that vanished: which cells the values are
                # is told only by the identities, never by position
                self._truncate(
                    values[-1].line if values else row.line,
                    row.table,
                    f"after the row {row_label!r}, which gives {len(values)} of {n} values",
                )
                self._gapped.append(attrs.evolve(row, values=values))
                return
            if at_end:
                self._assign(row, values)
                missing = specs[len(values)]
                self._truncate(
                    values[-1].line if values else row.line,
                    row.table,
                    f"in the row {row_label!r} after {len(values)} of {n} values "
                    f"(from {missing.path} on the cells are absent)",
                )
                return
            self._problem(
                "missing_value",
                f"{len(values)} values for {n} columns; a cell is missing and will not be "
                "guessed by position",
                line=values[-1].line if values else row.line,
                expected=f"{n} values",
                got=" ".join(v.text for v in values) or "none",
                table=table,
                row=row_label,
            )
            self._gapped.append(attrs.evolve(row, values=values))

    def _assign(self, row: _Row, values: Sequence[Token]) -> None:
        amount = row.specs[0].kind == "amount"  # a row's cells are all counts or all amounts
        numbers = _numbers(tuple(map(_TEXT, values)), amount)
        if numbers is not None and not row.again:
            # the usual case: numbers, the row printed once (a cut-off row gives fewer)
            start = row.specs[0].index
            self._cells[start : start + len(numbers)] = numbers
            return
        for spec, token in zip(row.specs, values, strict=False):
            self._set(spec, token, row.label)

    def _set(self, spec: CellSpec, token: Token, row_label: str) -> None:
        cell = _parse_cell(token.text, spec.kind == "amount")
        if cell.value is None:
            cell = self._parse(spec, token, row_label)
        cells = self._cells
        index = spec.index
        if cells[index] is not _ABSENT:
            if cells[index] != cell:
                self.conflicts.add((spec.table.key, spec.row.key))
            return
        cells[index] = cell

    def _parse(self, spec: CellSpec, token: Token, row_label: str) -> Cell:
        if token.text == ABSENT_TEXT:
            return Cell()
        amount = spec.kind == "amount"
        cell = _parse_cell(token.text, amount)
        if cell.presence is Presence.TEXT:
            text = _clean(token.text)
            negative = bool(re.match(r"^[-−－]\s*\d", text))
            if amount:
                expected = "an amount in 万元 (a decimal ≥ 0)" if negative else "an amount in 万元"
            else:
                expected = "a count ≥ 0" if negative else "a count"
            self._problem(
                "negative_number" if negative else "not_a_number",
                "negative number" if negative else "not a number",
                line=token.line,
                table=spec.table.key,
                row=row_label or _row_label(spec),
                column=spec.column.label,
                path=spec.path,
                expected=expected,
                got=token.text,
            )
        return cell

    # -- finishing ---------------------------------------------------------------

    def finish(self, *, last_line: int | None = None) -> tuple[dict[str, Cell], list[Diagnostic]]:
        """Check what is missing, place gaps, and return ``(cells, diagnostics)``.

        *cells* holds only the cells the text gives (path → cell); every
        other cell is absent.

        Args:
            last_line: The last line of the text, for messages about what
                the text does not contain.

        Raises:
            ParseError: (strict mode) for a missing table or row.
        """
        flat, diagnostics = self.finish_flat(last_line=last_line)
        cells = {path: c for path, c in zip(CELL_PATHS, flat, strict=True) if c is not _ABSENT}
        return cells, diagnostics

    def finish_flat(
        self, *, last_line: int | None = None
    ) -> tuple[tuple[Cell, ...], list[Diagnostic]]:
        """As :meth:`finish`, but the cells are all 200, in canonical order (absent where not given).

        Raises:
            ParseError: (strict mode) for a missing table or row.
        """
        for table in ("t2", "t3", "t4"):
            if table in self.format_2019:
                continue
            if table not in self.tables_seen:
                if self.truncated is not None:
                    self.diagnostics.append(
                        Diagnostic(
                            "truncated",
                            f"table {TABLE_NUMBERS[table]} is not in the text: "
                            f"{self.truncated[1]}",
                            Severity.WARNING,
                            line=self.truncated[0],
                        )
                    )
                    continue
                self._problem(
                    "table_missing",
                    "table missing",
                    line=last_line,
                    table=table,
                    expected=f"table {TABLE_NUMBERS[table]} ({_TABLES[table].title})",
                    got="no table in the text",
                )
                continue
            if self.truncated is not None and table in self.tables_done:
                continue
            for row in _TABLES[table].rows if table != "t4" else ():
                if (table, row.key) not in self.rows_seen:
                    self._problem(
                        "row_missing",
                        "row missing",
                        line=self.tables_seen[table],
                        table=table,
                        row=row.label,
                        expected=f"the row {row.label!r}",
                        got="no such row in the table",
                    )
            if table == "t4" and ("t4", "data") not in self.rows_seen:
                self._problem(
                    "row_missing",
                    "table 四 has no values",
                    line=self.tables_seen[table],
                    table=table,
                    expected="15 values",
                    got="none",
                )
        cells = self._cells
        for table in self.format_2019:
            for spec in _TABLE_SPECS[table]:
                cells[spec.index] = _ABSENT
        for table, row_key in self.conflicts:
            for spec in _row_specs(table, row_key):
                cells[spec.index] = _ABSENT
        self._place_gaps()
        return tuple(cells), self.diagnostics

    def _place_gaps(self) -> None:
        pending = list(self._gapped)
        progress = True
        while pending and progress:
            progress = False
            for row in list(pending):
                if self._place(row, final=False):
                    pending.remove(row)
                    progress = True
        for row in pending:
            self._place(row, final=True)

    def _place(self, row: _Row, *, final: bool) -> bool:
        specs = row.specs
        n, m = len(specs), len(row.values)
        if row.table == "t2" or n - m > 2:
            if final:
                why = (
                    "table 二 has no identity to place the gap with"
                    if row.table == "t2"
                    else "too many cells are missing to place them"
                )
                self._leave_absent(row, why)
            return final
        parsed = [
            _parse_cell(t.text, False).value if t.text != ABSENT_TEXT else None for t in row.values
        ]
        known = self._known()
        fitting: list[tuple[int, ...]] = []
        for gaps in itertools.combinations(range(n), n - m):
            trial: dict[str, int | None] = {}
            drawn = iter(parsed)
            for k, spec in enumerate(specs):
                value = None if k in gaps else next(drawn)
                trial[spec.path] = value if isinstance(value, int) else None
            if _fits(row.table, known, trial):
                fitting.append(gaps)
        used = _used_identities(row.table, specs)
        if len(fitting) == 1:
            gaps = fitting[0]
            it = iter(row.values)
            for k, spec in enumerate(specs):
                if k not in gaps:
                    self.origins[spec.path] = CellOrigin(line=row.line, inferred_by=used)
                if k in gaps:
                    self._note(
                        "gap_placed",
                        f"table {TABLE_NUMBERS[row.table]}, row {row.label or _row_label(spec)!r}: "
                        f"the missing cell is {spec.column.label} ({spec.path}), the only "
                        "place the identities allow; it is left absent",
                        line=row.line,
                        path=spec.path,
                    )
                    continue
                self._set(spec, next(it), row.label)
            return True
        if not final:
            return False
        if not fitting:
            self._leave_absent(row, "no placement of the gap satisfies the identities")
            return True
        # keep the cells every fitting placement agrees on
        agreed: dict[int, Token] = {}
        for k in range(n):
            choices: set[int | None] = set()
            for gaps in fitting:
                if k in gaps:
                    choices.add(None)
                else:
                    choices.add(k - sum(1 for g in gaps if g < k))
            if len(choices) == 1 and None not in choices:
                index = choices.pop()
                assert index is not None
                agreed[k] = row.values[index]
        for k, token in agreed.items():
            self._set(specs[k], token, row.label)
            self.origins[specs[k].path] = CellOrigin(line=token.line, inferred_by=used)
        uncertain = [specs[k].path for k in range(n) if k not in agreed]
        self.diagnostics.append(
            Diagnostic(
                "unplaced_value",
                f"table {TABLE_NUMBERS[row.table]}, row {row.label or 'of values'!r}: "
                f"{m} values for {n} columns and {len(fitting)} placements fit the "
                f"identities; {', '.join(uncertain)} left absent",
                Severity.WARNING,
                line=row.line,
                path=uncertain[0] if uncertain else None,
            )
        )
        return True

    def _leave_absent(self, row: _Row, why: str) -> None:
        self.diagnostics.append(
            Diagnostic(
                "unplaced_value",
                f"table {TABLE_NUMBERS[row.table]}, row {row.label!r}: {len(row.values)} values "
                f"for {len(row.specs)} columns and {why}; the row is left absent",
                Severity.WARNING,
                line=row.line,
                path=row.specs[0].path,
            )
        )

    def _known(self) -> dict[str, int | None]:
        """The cells read as printed (a cell placed by the identities proves nothing)."""
        return {
            path: cell.value if isinstance(cell.value, int) else None
            for path, cell in zip(CELL_PATHS, self._cells, strict=True)
            if cell is not _ABSENT and path not in self.origins
        }


def _joined(tokens: Sequence[Token], first: int, last: int) -> str:
    if first == last:
        return tokens[first].text.replace("\n", "")
    return "".join(
        t.text.replace("\n", "")
        for t in tokens[first : last + 1]
        if t.kind is not TokenKind.ROW_END
    )


def _last_cell(tokens: Sequence[Token]) -> int:
    """The index of the last cell among *tokens* (-1 if none)."""
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].kind is not TokenKind.ROW_END:
            return index
    return -1


def _next_cell(tokens: Sequence[Token], start: int) -> Token | None:
    for token in tokens[start:]:
        if token.kind is not TokenKind.ROW_END:
            return token
    return None


def _data_row(values: list[Token], line: int) -> _Row:
    """Table 四's row of values (it has no row label), opened with *values*."""
    return _Row("t4", "data", "", line, values, _row_specs("t4", "data"))


# --- identities used to place a gap (SPEC §5.1) -------------------------------------


def _instances(table: str) -> list[list[tuple[int, str]]]:
    """Each identity as ``[(coefficient, path), …]`` summing to zero."""
    out: list[list[tuple[int, str]]] = []
    if table == "t3":
        for c in T3_COLUMNS:
            balance = [
                (1, f"t3.new_received.{c}"),
                (1, f"t3.carried_over.{c}"),
                (-1, f"t3.total_processed.{c}"),
                (-1, f"t3.carried_forward.{c}"),
            ]
            processed = [(1, f"t3.total_processed.{c}")]
            processed += [(-1, f"t3.{r}.{c}") for r in T3_VALUE_ROWS]
            out += [balance, processed]
        out += [
            [(1, f"t3.{row.key}.total")] + [(-1, f"t3.{row.key}.{c}") for c in T3_COLUMNS[:-1]]
            for row in _TABLES["t3"].rows
        ]
    elif table == "t4":
        out += [
            [(1, f"t4.{g}.total")] + [(-1, f"t4.{g}.{o}") for o in T4_OUTCOMES[:-1]]
            for g in T4_GROUPS
        ]
    return out


_INSTANCES = {"t3": _instances("t3"), "t4": _instances("t4")}


def _instance_ids() -> dict[str, tuple[str, ...]]:
    """For each cell of tables 三 and 四: the ids of the identity instances it is in."""
    ids: dict[str, list[str]] = {}

    def add(rule: str, paths: Iterable[str]) -> None:
        for path in paths:
            ids.setdefault(path, []).append(rule)

    for c in T3_COLUMNS:
        add(f"t3.balance[{c}]", (f"t3.{r}.{c}" for r in _E1_ROWS))
        add(f"t3.processed_sum[{c}]", (f"t3.{r}.{c}" for r in ("total_processed", *T3_VALUE_ROWS)))
    for row in _TABLES["t3"].rows:
        add(f"t3.row_sum[{row.key}]", (f"t3.{row.key}.{c}" for c in T3_COLUMNS))
    for g in T4_GROUPS:
        add(f"t4.group_sum[{g}]", (f"t4.{g}.{o}" for o in T4_OUTCOMES))
    return {path: tuple(rules) for path, rules in ids.items()}


def _used_identities(table: str, specs: Sequence[CellSpec]) -> tuple[str, ...]:
    """The identity instances of *table* that a row of *specs* takes part in (sorted)."""
    return tuple(sorted({rule for spec in specs for rule in INSTANCE_IDS.get(spec.path, ())}))


_E1_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")
INSTANCE_IDS: Mapping[str, tuple[str, ...]] = _instance_ids()
"""For each cell of tables 三 and 四, the identity instances (SPEC §5.1) it takes part in."""


def _fits(table: str, known: Mapping[str, int | None], trial: Mapping[str, int | None]) -> bool:
    """Whether no identity is broken, and none forces a negative or fractional cell."""
    touched = set(trial)
    for instance in _INSTANCES[table]:
        if not any(path in touched for _, path in instance):
            continue
        total = 0
        unknown: list[int] = []
        for coefficient, path in instance:
            value = trial[path] if path in trial else known.get(path)
            if value is None:
                unknown.append(coefficient)
            else:
                total += coefficient * value
        if not unknown:
            if total != 0:
                return False
        elif len(unknown) == 1:
            implied, remainder = divmod(-total, unknown[0])
            if remainder or implied < 0:
                return False
    return True


# --- the official grid, for writers ----------------------------------------------------


def _value_text(cell: Cell) -> str:
    return ABSENT_TEXT if cell.printed is None else cell.printed


PrintedRow = tuple[list[str], list[str]]
"""A printed row: its label cells (``""`` for a merged continuation) and its value cells."""


SECTION_TABLES: dict[int, str] = {2: "t2", 3: "t3", 4: "t4"}
"""The table each section holds, by section number."""


def written_title(meta: ReportMeta) -> str | None:
    """The title a writer prints: as read, else made from agency and year, else none."""
    if meta.title is None and (meta.agency or meta.year):
        year = f"{meta.year}年" if meta.year is not None else ""
        return f"{meta.agency or ''}{year}政府信息公开工作年度报告"
    return meta.title


def written_heading(section: Section) -> str | None:
    """The heading a writer prints: as read; the canonical one when there is text but no heading."""
    if section.heading is None and section.text:
        return SECTION_HEADINGS[section.number - 1]
    return section.heading


def write_lines(report: Report, render_row: Callable[[list[str], list[str]], str]) -> str:
    """Write *report* one line per paragraph and per table row, the rows drawn by *render_row*.

    *render_row* receives a printed row of :func:`official_rows` (its label
    cells, ``""`` for merged continuations, and its value cells) and returns the
    line.  Title, preamble, headings and narrative come first in each section,
    as :func:`written_title` and :func:`written_heading` give them.
    """
    out: list[str] = []
    title = written_title(report.meta)
    if title:
        out.append(title)
    if report.meta.preamble:
        out.append(report.meta.preamble)
    tables = official_rows(report)
    for section in report.sections:
        heading = written_heading(section)
        if heading is not None:
            out.append(heading)
        if section.text:
            out.append(section.text)
        table = SECTION_TABLES.get(section.number)
        if table is not None:
            out.extend(render_row(labels, values) for labels, values in tables[table])
    return "\n".join(out) + "\n"


def official_rows(report: Report) -> dict[str, list[PrintedRow]]:
    """The three tables as printed rows of the official layout (SPEC §3).

    Each row is ``(labels, values)``: the label and header cells, with
    ``""`` for a merged-continuation cell, then the value cells as printed
    (a cell the report does not give is :data:`ABSENT_TEXT`).  Writers render
    these rows in their own syntax.
    """
    t2: list[PrintedRow] = []
    blocks: dict[str, list[RowSpec]] = {}
    for row in _TABLES["t2"].rows:
        blocks.setdefault(row.groups[0], []).append(row)
    for title, rows in blocks.items():
        t2.append(([title], []))
        t2.append((["信息内容", *(c.label for c in rows[0].columns)], []))
        for row in rows:
            cells = [report.cell(f"t2.{row.key}.{c.key}") for c in row.columns]
            t2.append(([row.label], [_value_text(c) for c in cells]))

    columns = [c.label for c in _TABLES["t3"].rows[0].columns]
    t3: list[PrintedRow] = [
        ([_TABLES_NOTE, "申请人情况"], []),
        (["", columns[0], "法人或其他组织", columns[-1]], []),
        (["", "", *columns[1:-1], ""], []),
    ]
    previous_groups: tuple[str, ...] = ()
    for row in _TABLES["t3"].rows:
        labels: list[str] = []
        for depth, group in enumerate(row.groups):
            same = depth < len(previous_groups) and previous_groups[depth] == group
            labels.append("" if same else group)
        labels.append(row.label)
        previous_groups = row.groups
        t3.append((labels, [_value_text(report.cell(f"t3.{row.key}.{c}")) for c in T3_COLUMNS]))

    outcomes = [c.label for c in _TABLES["t4"].rows[0].columns]
    t4: list[PrintedRow] = [
        (["行政复议", "行政诉讼"], []),
        ([*outcomes, "未经复议直接起诉", "复议后起诉"], []),
        (["", "", "", "", "", *outcomes, *outcomes], []),
        ([], [_value_text(report.cell(f"t4.{g}.{o}")) for g in T4_GROUPS for o in T4_OUTCOMES]),
    ]
    return {"t2": t2, "t3": t3, "t4": t4}


# --- a whole text ---------------------------------------------------------------------


clean_text = _clean
"""A cell's text as matched: artefacts stripped, NFKC, ``&nbsp;`` as space, trimmed."""
fits_identities = _fits
"""Whether trial values break no identity of a table (and force no negative cell)."""
parse_cell = _parse_cell
"""A printed cell's :class:`Cell` (a count, or the 万元 amount when *amount*)."""
value_test = _value_test
"""The test whether a cell's text is a value (not a label) in a table."""
