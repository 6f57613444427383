"""Cell values: a number, a blank, a marker, or text kept as printed.

A :class:`Cell` keeps its *value* (``int`` count, ``Decimal`` amount or
``None``) and the text *exactly as printed*.  :meth:`Cell.parse` turns
printed text into a cell following SPEC §6; it never guesses a zero.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import TypeAlias

import attrs

from govinfo_report.exceptions import InvalidCellError

__all__ = [
    "MARKERS",
    "MAX_DIGITS",
    "Cell",
    "CellValue",
    "Presence",
    "normalize_text",
    "strip_artefacts",
]

CellValue: TypeAlias = int | Decimal | None
"""A cell's value: a count (``int ≥ 0``), the 万元 amount (``Decimal ≥ 0``), or ``None``.

``None`` means the text gives no number: the cell is blank, a marker such as
``/``, text that is not a number, or absent from the text altogether.
"""


class Presence(enum.Enum):
    """What kind of thing a cell is, as printed."""

    NUMBER = "number"
    """A number (possibly with a unit or an annotation, e.g. ``22（其中修订16件）``)."""
    BLANK = "blank"
    """Printed empty."""
    MARKER = "marker"
    """A marker that says "no number" (``/``, ``-``, ``无``, ``不适用`` …)."""
    TEXT = "text"
    """Something that is not a number, kept as printed (``六``, ``251000元``)."""
    ABSENT = "absent"
    """The text does not give this cell at all (cut off, table missing)."""


MARKERS: frozenset[str] = frozenset(
    {
        "/",
        "／",
        "\\",
        "-",
        "--",
        "---",
        "—",
        "——",
        "－",
        "–",
        "无",
        "N/A",
        "n/a",
        "NA",
        "不适用",
        "…",
        "...",
    }
)
"""Printed forms (after NFKC and trimming) that mark a cell as having no number."""

MAX_DIGITS = 18
"""The most digits a printed number may have to be read as one (before its decimal point).

No count of 件 and no 万元 fee comes near it, and 18 digits still fit a
64-bit integer, so every value read from text fits the columns of the
tools that consume it.  A longer run of digits is kept as printed, with
value ``None``.
"""

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# [0-9], never \d: digits of other scripts (١٢, ߂) are not digits of the form.
# A note in brackets may follow (``22（其中修订16件）``), but not ``(cid:24)``: a PDF text
# extractor's stand-in for a glyph it could not map to a character, which may be a digit.
_NOTE = r"(?:\((?!cid:[0-9]+\)).*\))?"
_COUNT = re.compile(
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\s*(?P<rest>(?:件|条|份|个|项|次)?\s*" + _NOTE + ")"
)
_AMOUNT = re.compile(
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"\s*(?P<rest>(?:万元)?\s*" + _NOTE + ")"
)
_FULL_WIDTH_DIGITS = frozenset("０１２３４５６７８９")
_FORM_DIGIT = re.compile("[0-9０-９]")
"""A digit of a printed number: ASCII or full-width (NFKC keeps each one digit)."""
_ASCII_DIGIT = re.compile("[0-9]")


def strip_artefacts(text: str) -> str:
    """Remove Word-export artefacts (``[bookmark: OLE_LINK1]``) from *text*."""
    return _BOOKMARK.sub("", text) if "[" in text else text


@functools.lru_cache(maxsize=4096)
def _becomes_digit(char: str) -> bool:
    """Whether NFKC turns *char* into (or into text holding) an ASCII digit but it is not one.

    Full-width digits (``２９``) are the form's digits; footnote marks
    (``①``), super- and subscripts (``²``, ``₃``), ``⒈`` and the like are not.
    """
    if char in _FULL_WIDTH_DIGITS:
        return False
    return any("0" <= c <= "9" for c in unicodedata.normalize("NFKC", char))


def normalize_text(text: str) -> str:
    """Return *text* in NFKC, except for characters that NFKC would make digits of.

    Only ASCII and full-width digits are digits of a printed number:
    ``29①`` is 29 with a footnote mark, not 291, and ``5²`` is not 52, so
    those marks are kept as printed (and the text is then no number).

    >>> normalize_text("２９（其中１件）")
    '29(其中1件)'
    >>> normalize_text("29①"), normalize_text("5²")
    ('29①', '5²')
    """
    if text.isascii():
        return text
    normal = unicodedata.normalize("NFKC", text)
    if len(_ASCII_DIGIT.findall(normal)) == len(_FORM_DIGIT.findall(text)):
        return normal  # no other character became a digit (the common case, read at C speed)
    kept = [i for i, char in enumerate(text) if not char.isascii() and _becomes_digit(char)]
    parts: list[str] = []
    start = 0
    for i in kept:
        parts.extend((unicodedata.normalize("NFKC", text[start:i]), text[i]))
        start = i + 1
    parts.append(unicodedata.normalize("NFKC", text[start:]))
    return "".join(parts)


def _normalise_number_text(printed: str) -> str:
    text = strip_artefacts(printed)
    text = normalize_text(text)
    return text.replace("&nbsp;", " ").strip()


def _check_value(value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InvalidCellError(None, "an int, a Decimal or None", value)
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidCellError(None, "a finite Decimal", value)
    if value < 0:
        raise InvalidCellError(None, "a value ≥ 0", value)


def _validate_value(
    _instance: Cell, _attribute: attrs.Attribute[CellValue], value: CellValue
) -> None:
    _check_value(value)


def _default_printed(self: Cell) -> str | None:
    return None if self.value is None else str(self.value)


@attrs.frozen(repr=False)
class Cell:
    """One table cell: its value and the text exactly as printed.

    ``Cell(26)`` is a count printed ``"26"``; ``Cell(Decimal("3.30"))`` an
    amount printed ``"3.30"``; ``Cell(None, "")`` a blank;
    ``Cell(None, "/")`` a marker; ``Cell()`` a cell the text does not give.

    Attributes:
        value: The number, or ``None`` when the text gives none.
        printed: The text as printed (``None`` when the cell is absent from
            the text).  Defaults to ``str(value)``.

    Raises:
        InvalidCellError: for a negative value, a ``bool``, a float or
            another type.

    .. versionadded:: 0.1.0
    """

    value: CellValue = attrs.field(default=None, validator=_validate_value)
    printed: str | None = attrs.field(default=attrs.Factory(_default_printed, takes_self=True))

    def __attrs_post_init__(self) -> None:
        if self.printed is None and self.value is not None:
            object.__setattr__(self, "printed", str(self.value))

    def __repr__(self) -> str:
        if self.printed is None and self.value is None:
            return "Cell()"
        if self.value is not None and self.printed == str(self.value):
            return f"Cell({self.value!r})"
        return f"Cell({self.value!r}, {self.printed!r})"

    @property
    def presence(self) -> Presence:
        """Whether the cell is a number, blank, marker, text, or absent."""
        if self.value is not None:
            return Presence.NUMBER
        if self.printed is None:
            return Presence.ABSENT
        text = _normalise_number_text(self.printed)
        if not text:
            return Presence.BLANK
        if text in MARKERS:
            return Presence.MARKER
        return Presence.TEXT

    @property
    def is_number(self) -> bool:
        """``True`` when the cell holds a number."""
        return self.value is not None

    @classmethod
    def count(cls, value: int) -> Cell:
        """Return a count cell printed as its plain decimal digits (shared, cached)."""
        if 0 <= value < 4096 and type(value) is int:
            return _small_count(value)
        return cls(value)

    @classmethod
    def absent(cls) -> Cell:
        """Return a cell that the text does not give."""
        return _ABSENT

    @classmethod
    def parse(cls, printed: str, *, amount: bool = False) -> Cell:
        """Read a cell from the text as printed (SPEC §6).

        Counts accept full-width digits, thousands separators, a unit
        (``12件``) or an annotation (``22（其中修订16件）``); the amount
        (``amount=True``) keeps its printed decimals as a ``Decimal``
        exponent.  Empty text is a blank, ``/`` and the like are markers,
        anything else is kept as printed with value ``None``: digits of
        other scripts (``١٢``), footnote marks and superscripts (``29①``,
        ``5²``, see :func:`normalize_text`), numbers of more than
        :data:`MAX_DIGITS` digits, and a number followed by ``(cid:24)`` (a
        PDF extractor's stand-in for a glyph it could not map, maybe a digit).

        >>> Cell.parse("[bookmark: OLE_LINK1]2731")
        Cell(2731, '[bookmark: OLE_LINK1]2731')
        >>> Cell.parse("3.30", amount=True)
        Cell(Decimal('3.30'))
        >>> Cell.parse("/").presence
        <Presence.MARKER: 'marker'>
        >>> Cell.parse("29①"), Cell.parse("２９")
        (Cell(None, '29①'), Cell(29, '２９'))
        """
        text = _normalise_number_text(printed)
        if not text or text in MARKERS:
            return cls(None, printed)
        match = (_AMOUNT if amount else _COUNT).fullmatch(text)
        if match is None:
            return cls(None, printed)
        digits = match["num"].replace(",", "")
        if len(digits.partition(".")[0]) > MAX_DIGITS:
            return cls(None, printed)
        if amount:
            try:
                number: int | Decimal = Decimal(digits)
            except InvalidOperation:  # pragma: no cover - the regex admits only digits
                return cls(None, printed)
        else:
            number = int(digits)
        return cls(number, printed)


@functools.cache
def _small_count(value: int) -> Cell:
    return Cell(value)


_ABSENT = Cell()
