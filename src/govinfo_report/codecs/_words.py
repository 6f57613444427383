"""Tables without rules: words aligned into rows and columns.

A PDF table drawn without rules is only words on lines.  The rows are the
lines that end in values (*value lines*: a label, then numbers or markers,
or a row of numbers only, as table 四's); everything left of the value
columns is label text.  A label printed over several lines (``（二）部分公开（区分
处理的，只`` / ``计这一情形，不计其他情形）``), a merged group label (``（三）不`` /
``予公开``) or one printed vertically (``三、`` / ``本`` / ``年`` …) is put
together again from the words of its column that continue one another
into one of the form's labels, and goes to the value line nearest to its
middle.  The result is one token per label and value and a row end per
value line, as a ruled table gives, for the shared label-driven assembler.
Lines before the first value line (the header) give one token per word.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence

from govinfo_report.codecs._grid import FlowItem, GridCell, continues, is_label, is_row_label
from govinfo_report.codecs._tokens import Token

__all__ = ["is_value", "is_value_line", "word_tokens"]

_VALUE = re.compile(r"^(?:\d[\d,，]*(?:\.\d+)?|[/／\-—–－]+|无)$")
_MIN_BARE_VALUES = 3  # a row of values with no label (table 四) has at least this many


def is_value(text: str) -> bool:
    """Whether a word is a value: a number, a marker (``/``, ``-``, ``无``).

    >>> is_value("3,985,758"), is_value("96171.6"), is_value("/"), is_value("规章")
    (True, True, True, False)
    """
    return _VALUE.match(text) is not None


def is_value_line(words: Sequence[GridCell]) -> bool:
    """Whether a line's words are a label followed by values, or values only (three or more)."""
    texts = [w.text for w in words]
    first = next((i for i, t in enumerate(texts) if _VALUE.match(t)), None)
    if first is None or not all(_VALUE.match(t) for t in texts[first:]):
        return False
    return first >= 1 or len(texts) >= _MIN_BARE_VALUES


def _middle(box: tuple[float, float, float, float] | None) -> float:
    return 0.0 if box is None else (box[1] + box[3]) / 2


Keep = Callable[[Token, GridCell | FlowItem], Token]
"""Records where a token was printed (a word or a line) and returns the token."""


def word_tokens(lines: Sequence[tuple[int, FlowItem]], keep: Keep) -> list[Token]:
    """Tokens of consecutive prose lines of a table region, rows told by aligned words.

    Args:
        lines: ``(line number, item)`` of the lines, in order.
        keep: Called with each token made and the word or line it was printed as.
    """
    anchors = [k for k, (_, item) in enumerate(lines) if item.cells and is_value_line(item.cells)]
    if len(anchors) < 2 or any(not item.cells for _, item in lines):
        return _plain(lines, keep)
    limit = min(
        next(w.box[0] for w in lines[k][1].cells if w.box is not None and _VALUE.match(w.text))
        for k in anchors
    )
    middles = [_middle(lines[k][1].box) for k in anchors]
    gaps = [
        b - a
        for (a, b, ka, kb) in zip(middles, middles[1:], anchors, anchors[1:], strict=False)
        if lines[ka][1].page == lines[kb][1].page and b > a
    ]
    spacing = statistics.median(gaps) if gaps else 30.0
    first, last = anchors[0], anchors[-1]
    end = last + 1
    while end < len(lines) and _fragment(lines[end][1], limit):
        item = lines[end][1]
        if item.page != lines[last][1].page or _middle(item.box) - middles[-1] > spacing:
            break
        end += 1
    tokens = _plain(lines[:first], keep)
    labels: list[tuple[int, GridCell]] = []  # (line number, word) left of the values
    values: dict[int, list[tuple[int, GridCell]]] = {k: [] for k in anchors}
    interludes: dict[int, list[tuple[int, FlowItem]]] = {k: [] for k in anchors}
    for k in range(first, end):
        number, item = lines[k]
        if k in values:
            for word in item.cells:
                if word.box is not None and word.box[0] >= limit - 0.5:
                    values[k].append((number, word))
                else:
                    labels.append((number, word))
        elif _fragment(item, limit):
            labels.extend((number, word) for word in item.cells)
        else:  # a line inside the table that is no label fragment (a repeated header)
            following = next(a for a in anchors if a > k)
            interludes[following].append((number, item))
    rows, between = _assign(labels, anchors, lines)
    for k in anchors:
        tokens += _plain(interludes[k], keep)
        for piece_lines, piece in [*between.get(k, []), *rows.get(k, [])]:
            tokens.append(
                keep(Token(piece.text, min(piece_lines), last_line=max(piece_lines)), piece)
            )
        tokens += [keep(Token(word.text, number), word) for number, word in values[k]]
        tokens.append(Token.row_end(lines[k][0]))
    for piece_lines, piece in between.get(_END, []):
        tokens.append(keep(Token(piece.text, min(piece_lines), last_line=max(piece_lines)), piece))
    tokens += _plain(lines[end:], keep)
    return tokens


def _fragment(item: FlowItem, limit: float) -> bool:
    """A line of label text only: every word left of the value columns."""
    return bool(item.cells) and all(w.box is not None and w.box[2] <= limit for w in item.cells)


_END = -1  # the key of labels printed after the last value line

Piece = tuple[list[int], GridCell]
"""A label put together from words: the lines it is printed on, and its text and box."""


def _assign(
    labels: list[tuple[int, GridCell]],
    anchors: Sequence[int],
    lines: Sequence[tuple[int, FlowItem]],
) -> tuple[dict[int, list[Piece]], dict[int, list[Piece]]]:
    """Label words joined into labels column by column, and where each goes.

    Returns ``(rows, between)``: the labels of each value line (printed on
    it, or a row label printed around it), and the labels printed between
    value lines (block titles, headers, group labels, the label of a row
    printed without values) to be read before the value line that follows
    them (key :data:`_END`: after the last).  A row label is never given to
    a value line that has a label of its own: a row printed blank leaves
    its cells absent, and no value moves to another row.
    """
    columns: list[list[tuple[int, GridCell]]] = []
    for number, word in sorted(labels, key=lambda p: p[1].box[0] if p[1].box else 0.0):
        assert word.box is not None
        size = word.box[3] - word.box[1]
        if columns and word.box[0] - columns[-1][0][1].box[0] <= size:  # type: ignore[index]
            columns[-1].append((number, word))
        else:
            columns.append([(number, word)])
    page_of = {number: item.page or 0 for number, item in lines}
    anchor_lines = {lines[k][0]: k for k in anchors}
    labelled = {anchor_lines[number] for number, _ in labels if number in anchor_lines}
    rows: dict[int, list[Piece]] = {}
    between: dict[int, list[Piece]] = {}
    for index, column in enumerate(columns):
        column.sort(key=lambda p: (page_of.get(p[0], 0), p[1].box[1] if p[1].box else 0.0))
        for piece_lines, piece in _join(column, index):
            on_anchor = [anchor_lines[n] for n in piece_lines if n in anchor_lines]
            nearest = _nearest(piece, anchors, lines)
            if on_anchor:
                rows.setdefault(on_anchor[0], []).append((piece_lines, piece))
            elif not is_label(piece.text) or (
                is_row_label(piece.text) and nearest not in labelled
            ):  # a piece of a label, or a row label printed around its values
                rows.setdefault(nearest, []).append((piece_lines, piece))
            else:  # a title, a header, a group label, or a row printed without values
                after = next((k for k in anchors if lines[k][0] > min(piece_lines)), _END)
                between.setdefault(after, []).append((piece_lines, piece))
    for pieces in (*rows.values(), *between.values()):
        pieces.sort(key=lambda p: (p[1].column, min(p[0])))
    return rows, between


def _join(column: list[tuple[int, GridCell]], index: int) -> list[Piece]:
    """The words of one label column, those that continue one another joined."""
    pieces: list[Piece] = []
    for number, word in column:
        if pieces and continues(pieces[-1][1].text, word.text):
            piece_lines, piece = pieces[-1]
            assert piece.box is not None
            assert word.box is not None
            box = (
                min(piece.box[0], word.box[0]),
                piece.box[1],
                max(piece.box[2], word.box[2]),
                word.box[3],
            )
            joined = GridCell(0, index, 1, 1, piece.text + word.text, piece.page, box)
            pieces[-1] = ([*piece_lines, number], joined)
        else:
            pieces.append(([number], GridCell(0, index, 1, 1, word.text, word.page, word.box)))
    return pieces


def _nearest(
    piece: GridCell, anchors: Sequence[int], lines: Sequence[tuple[int, FlowItem]]
) -> int:
    """The value line nearest to the middle of *piece*, on its page."""
    middle = _middle(piece.box)
    same = [k for k in anchors if lines[k][1].page == piece.page] or list(anchors)
    return min(same, key=lambda k: abs(_middle(lines[k][1].box) - middle))


def _plain(lines: Sequence[tuple[int, FlowItem]], keep: Keep) -> list[Token]:
    """One token per white-space separated word, as PDF text is read."""
    return [
        keep(Token(word, number), item) for number, item in lines for word in item.text.split()
    ]
