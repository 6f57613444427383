"""The text a style writes, with where each value cell's number went."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govinfo_report.synthetic._grid import Piece

__all__ = ["Out"]


class Out:
    """A growing text that remembers the offsets of the numbers it prints.

    Styles append text with :meth:`put` and cells with :meth:`cell`; a value
    cell's number is recorded as ``path → (start, end)`` (the first time it
    is printed).  A style that prints a value where no reader could tie it to
    its cell calls :meth:`unsure` for that path; one that cannot show an empty
    cell calls :meth:`hide` for it.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.pos = 0
        self.spans: dict[str, tuple[int, int]] = {}
        self.unsure_paths: set[str] = set()
        self.hidden_paths: set[str] = set()
        self.lines = 0
        self.page = 1
        self.page_start = 0

    def put(self, text: str) -> None:
        """Append *text*."""
        if text:
            self._parts.append(text)
            self.pos += len(text)
            self.lines += text.count("\n")

    def line(self, text: str = "") -> None:
        """Append *text* and a line break."""
        self.put(text + "\n")

    def cell(self, piece: Piece, text: str | None = None) -> None:
        """Append a cell (as *text* when given, for a label), recording a value's number."""
        if piece.path is not None and piece.span is not None:
            start, end = piece.span
            self.spans.setdefault(piece.path, (self.pos + start, self.pos + end))
        self.put(piece.text if text is None else text)

    def mark(self, path: str, start: int, end: int) -> None:
        """Record that *path*'s number is at ``[start, end)`` of the text."""
        self.spans.setdefault(path, (start, end))

    def unsure(self, path: str) -> None:
        """Say that *path*'s value is printed where no reader can tie it to its cell."""
        self.unsure_paths.add(path)

    def hide(self, piece: Piece) -> None:
        """Say that *piece* (a value cell printed empty) left no trace in the text."""
        if piece.path is not None:
            self.hidden_paths.add(piece.path)

    @property
    def at_line_start(self) -> bool:
        """Whether the text is empty or ends with a line break."""
        return not self._parts or self._parts[-1].endswith("\n")

    def text(self) -> str:
        """The text so far."""
        return "".join(self._parts)
