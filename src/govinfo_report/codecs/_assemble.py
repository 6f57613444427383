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

from collections.abc import Callable, Sequence

from govinfo_report.codecs._cell_text import (
    NUMBER_START,
    clean_text,
    is_blank,
    is_value,
    label_fragment,
    looks_like_prose,
    printed_value,
    starts_an_item,
    t4_fragment,
    value_test,
)
from govinfo_report.codecs._collect import LAST_ROW, Collector, TableRow, row_specs
from govinfo_report.codecs._form_labels import Label
from govinfo_report.codecs._label_match import LabelMatch, match_label, pick_label
from govinfo_report.codecs._problems import TABLE_NUMBERS
from govinfo_report.codecs._tokens import Token, TokenKind, index_of_last_cell, joined, next_cell
from govinfo_report.schema import FORMAT_2021, match_key

__all__ = ["Assembler"]

_TABLES = {t.key: t for t in FORMAT_2021.tables}
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
_STARTERS = frozenset({"title", "note", "row", "group", "2019"})


class Assembler(Collector):
    """Collects the cells of tables 二, 三 and 四 from token streams.

    Feed it one stream per region of the text (usually one per section, with
    the table that section should hold), then call :meth:`finish`.

    Args:
        source: A name for messages (usually the file name).
        lenient: Record problems as diagnostics instead of raising.
    """

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
        row: TableRow | None = None
        started: set[str] = set()
        done = self.tables_done
        # Table 四's row of values has no label: after the header, the first value or
        # other text that is no label opens it, together with the blank cells printed
        # just before it; a printed row of blanks only is that row too.
        pending: list[Token] = []  # blank cells since the last row end or cell with text
        blank_row = True  # no cell with text since the last row end
        row_end, known_value = TokenKind.ROW_END, TokenKind.VALUE
        value_like = self._value_test(context)
        last_cell = index_of_last_cell(tokens)
        i = 0
        while i < n:
            token = tokens[i]
            kind = token.kind
            if kind is row_end:
                if row is None and pending and blank_row and self._in_t4(context, started):
                    row = _data_row(pending, pending[0].line)
                if row is not None and row.values:
                    # the text may end inside the last row, unless more of its table
                    # (a separator row, kept as the row end's last line) follows it
                    whole = token.last_line is not None and token.last_line > token.line
                    self._finish_row(row, at_end=last and i > last_cell and not whole)
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
                    and (kind is known_value or not is_blank(token))
                ):
                    row = _data_row([*pending, token], token.line)
                    pending = []
                    blank_row = False
                elif not token.text or is_blank(token):
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
                and t4_fragment(token.text)
            ):
                if row is not None:  # a header repeated after the values
                    self._finish_row(row, at_end=False)
                    row = None
                started.add("t4")
                self.tables_seen.setdefault("t4", token.line)
                i += 1
                continue
            match = match_label(tokens, i, context)
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
                    # labels printed beside a row); it never takes a value's place, and
                    # one that opens an item ('1.申请人…', '(六)') ends a row with values
                    self._note(
                        "header_text",
                        f"table {TABLE_NUMBERS[row.table]}: text beside the row "
                        f"{row.label!r} ignored: {token.text!r}",
                        line=token.line,
                    )
                    if row.values and starts_an_item(token.text):
                        self._finish_row(row, at_end=False)
                        row = None
                elif (
                    row is not None
                    and row.values
                    and token.kind is not known_value
                    and looks_like_prose(token.text)
                ):
                    # a paragraph after a row's values (the next section's heading is not
                    # printed): the table ends there, the row is as short as printed
                    self._finish_row(row, at_end=False)
                    row = None
                    prose[i] = True
                elif (
                    row is not None
                    and len(row.values) < len(row.specs)
                    and not label_fragment(token.text)
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
            label = labels[0] if len(labels) == 1 else pick_label(labels, context)
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
                    nxt = next_cell(tokens, after_label)
                    if nxt is not None and is_value(nxt, "t3") and not is_blank(nxt):
                        self._found_2019(Label("t3", "2019", "（六）其他处理（单行）"), token.line)
                elif part.kind == "row" and part.row is not None:
                    row = self._open_row(part, tokens, i, after_label, token.line)
            i = after_label
        if row is None and pending and self._in_t4(context, started):
            row = _data_row(pending, pending[0].line)  # blanks after the header, no row end
        if row is not None:
            self._finish_row(row, at_end=last)
        if last and context is not None and context in started:
            end = tokens[-1].last_line or tokens[-1].line if tokens else None
            self._close_table(context, last=True, line=end)
        return prose

    def _value_test(self, table: str | None) -> Callable[[str], bool]:
        """The test of a value cell; where blanks are invisible, only numbers and markers.

        PDF text shows no empty cell, so a short word there (a character of a label
        printed down the rows, ``度``) is never a cell that could take a value's place.
        """
        return value_test(table) if self.blanks_visible else printed_value

    def _note_variant(
        self, tokens: Sequence[Token], i: int, match: LabelMatch, table: str
    ) -> None:
        self._note(
            "label_variant",
            f"table {TABLE_NUMBERS[table]}: label {joined(tokens, i, i + match.width - 1)!r} "
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
    ) -> TableRow:
        assert label.row is not None
        table = label.table
        key = (table, label.row)
        printed = tokens[i].text.replace("\n", "") if end == i + 1 else joined(tokens, i, end - 1)
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
        return TableRow(table, label.row, printed, line, [], row_specs(table, label.row), again)

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
        text = clean_text(token.text)
        if not text or NUMBER_START.match(text):
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

    def _close_table(self, table: str, *, last: bool, line: int | None) -> None:
        if table in self.tables_done:
            return
        if last and self.truncated is None and not self._table_complete(table):
            missing = self._first_missing_row(table)
            self._truncate(line or 0, table, f"before the row {missing!r}" if missing else "")

    def _table_complete(self, table: str) -> bool:
        if table == "t4":
            return table in self.tables_done
        return (table, LAST_ROW[table]) in self.rows_seen or table in self.format_2019

    def _first_missing_row(self, table: str) -> str | None:
        if table == "t4":
            return "the 15 values"
        for row in _TABLES[table].rows:
            if (table, row.key) not in self.rows_seen:
                return row.label
        return None


def _data_row(values: list[Token], line: int) -> TableRow:
    """Table 四's row of values (it has no row label), opened with *values*."""
    return TableRow("t4", "data", "", line, values, row_specs("t4", "data"))
