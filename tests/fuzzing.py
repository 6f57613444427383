"""Mutations of real and generated reports, and the oracle every reading must satisfy.

Shared by ``tests/test_fuzz.py`` (Hypothesis draws the mutations) and
``benchmarks/fuzz.py`` (a seeded ``random.Random`` draws them, a million
times over).  A reading of a mutated input must end in one of two ways:

* a library error (:class:`~govinfo_report.exceptions.GovinfoReportError`);
* a report whose every number (and year) is printed in the input (its
  digits occur in the input normalised as the library does, where only
  ASCII and full-width digits are digits; unless the reader marks the cell
  as inferred) and that survives a JSON round trip unchanged.
"""

from __future__ import annotations

import functools
import html
import re
import traceback
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Protocol, TypeVar

import govinfo_report as gr
from govinfo_report.codecs import json as json_codec
from govinfo_report.codecs import reader_formats
from govinfo_report.schema import normalize_text, strip_artefacts

__all__ = [
    "MUTATIONS",
    "READERS",
    "Chooser",
    "check_report",
    "known_open",
    "mutate",
    "own_failure",
    "seed_inputs",
]

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
T = TypeVar("T")

READERS: tuple[tuple[str | None, bool], ...] = tuple(
    (fmt, lenient)
    for fmt in (None, *(f for f in reader_formats() if f != "md"))
    for lenient in (False, True)
)
"""Every reader: auto-detected (``None``) and each format forced, strict and lenient."""

WEIRD = (
    "①",
    "²",
    "₃",
    "⒈",
    "١٢",
    "(cid:24)",  # a PDF extractor's stand-in for a glyph it could not map (maybe a digit)
    "߂",
    "௧",
    "５",
    "\u200b",
    "\ufeff",
    "\u00a0",
    "\u3000",
    "\ud800",
    "\udfff",
    "\x00",
    "\r",
    "\t",
    "\n",
    "\n\n",
    "|",
    "｜",
    "<",
    ">",
    "<td>",
    "</tr>",
    "{",
    "}",
    '"',
    "[",
    "\\",
    "/",
    "－",
    "—",
    "…",
    "件",
    "万元",
    "（",
    "）",
    "总计",
    "其他",
    "[bookmark: OLE_LINK1]",
    "- 4 -",
    "第 4 页",
)
"""Characters and strings that readers have tripped on: other scripts' digits, controls, markup."""


class Chooser(Protocol):
    """Where a mutation's choices come from: Hypothesis' ``data`` or a ``random.Random``."""

    def integer(self, low: int, high: int) -> int:
        """An int in ``[low, high]``."""
        ...

    def pick(self, options: tuple[T, ...]) -> T:
        """One of *options*."""
        ...


def _position(text: str, choose: Chooser) -> int:
    return choose.integer(0, len(text))


def _insert(text: str, choose: Chooser) -> str:
    i = _position(text, choose)
    piece = choose.pick((*WEIRD, *"0123456789", " ", "\t\t"))
    return text[:i] + piece * choose.integer(1, 3) + text[i:]


def _delete(text: str, choose: Chooser) -> str:
    i = _position(text, choose)
    return text[:i] + text[i + choose.integer(1, 40) :]


def _duplicate(text: str, choose: Chooser) -> str:
    i = _position(text, choose)
    span = text[i : i + choose.integer(1, 300)]
    return text[:i] + span * choose.integer(2, 40) + text[i:]


def _digit(text: str, choose: Chooser) -> str:
    digits = [m.start() for m in re.finditer(r"[0-9]", text)]
    if not digits:
        return text
    i = digits[choose.integer(0, len(digits) - 1)]
    kind = choose.integer(0, 2)
    if kind == 0:  # another digit
        return text[:i] + choose.pick(tuple("0123456789")) + text[i + 1 :]
    if kind == 1:  # swap with the next character
        return text[:i] + text[i + 1 : i + 2] + text[i] + text[i + 2 :]
    return text[:i] + text[i + 1 :]  # drop it


def _truncate(text: str, choose: Chooser) -> str:
    return text[: _position(text, choose)]


def _huge_number(text: str, choose: Chooser) -> str:
    numbers = list(re.finditer(r"[0-9]+", text))
    run = "9" * choose.pick((19, 40, 4301, 6000))
    if not numbers:
        i = _position(text, choose)
        return text[:i] + run + text[i:]
    m = numbers[choose.integer(0, len(numbers) - 1)]
    return text[: m.start()] + run + text[m.end() :]


def _nest(text: str, choose: Chooser) -> str:
    i = _position(text, choose)
    depth = choose.pick((50, 300, 1200))
    opening, closing = choose.pick((("<div>", "</div>"), ("[", "]"), ('{"a":', "}"), ("(", ")")))
    return text[:i] + opening * depth + closing * depth + text[i:]


def _blanks(text: str, choose: Chooser) -> str:
    lines = text.split("\n")
    i = choose.integer(0, max(len(lines) - 1, 0))
    kind = choose.integer(0, 3)
    if kind == 0:
        lines[i] = re.sub(r"\s+", "", lines[i])
    elif kind == 1:
        lines[i] = lines[i].replace("\t", " ")
    elif kind == 2:
        del lines[i : i + choose.integer(1, 5)]
    else:
        lines.insert(i, lines[choose.integer(0, len(lines) - 1)])
    return "\n".join(lines)


def _swap_lines(text: str, choose: Chooser) -> str:
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    i, j = choose.integer(0, len(lines) - 1), choose.integer(0, len(lines) - 1)
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


MUTATIONS = (
    _insert,
    _delete,
    _duplicate,
    _digit,
    _truncate,
    _huge_number,
    _nest,
    _blanks,
    _swap_lines,
)
"""Each mutation takes a text and a :class:`Chooser` and returns the mutated text."""


def mutate(text: str, choose: Chooser, *, steps: int | None = None) -> str:
    """Apply one to four drawn mutations to *text*."""
    for _ in range(steps if steps is not None else choose.integer(1, 4)):
        text = choose.pick(MUTATIONS)(text, choose)
    return text


def mutate_bytes(data: bytes, choose: Chooser) -> bytes:
    """A byte-level mutation: a cut, a flipped byte or inserted bytes (for the decoder)."""
    i = choose.integer(0, len(data))
    kind = choose.integer(0, 2)
    if kind == 0:
        return data[:i]
    if kind == 1 and i < len(data):
        return data[:i] + bytes([data[i] ^ (1 << choose.integer(0, 7))]) + data[i + 1 :]
    return data[:i] + choose.pick((b"\xff", b"\xe4\xb8", b"\x80", b"\xfe\xff", b"\xc0")) + data[i:]


@functools.cache
def seed_inputs() -> tuple[tuple[str, str], ...]:
    """``(name, text)`` of every corpus text and of generated reports in every writer's format."""
    seeds = [
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted(CORPUS.iterdir())
        if path.suffix in {".txt", ".html", ".md"}
    ]
    for seed, blanks in enumerate(("zero", "blank", "slash")):
        report = gr.generate(seed=str(seed), blanks=blanks)
        seeds.extend(
            (f"generated-{seed}.{fmt}", gr.dumps(report, format=fmt))
            for fmt in ("json", "markdown", "text", "pipe", "pdftext", "html", "glued", "jsonl")
        )
    return tuple(seeds)


_HUGE = re.compile(r"[0-9]{4301,}")
"""More digits than ``int()`` reads (``sys.get_int_max_str_digits()``)."""
_MD_COMMENT = re.compile(r"<!--\s*govinfo-report(.*?)-->", re.DOTALL)


def known_open(text: str, fmt: str | None) -> str | None:
    """Why reading *text* with *fmt* would hit a known, not yet fixed bug, or ``None``.

    The fuzz tests leave these inputs out (and only these); ``benchmarks/fuzz.py``
    keeps and counts them.  Each entry names the bug.
    """
    del text, fmt  # none open
    return None


_SEPARATOR = re.compile(r"(?<=[0-9]),(?=[0-9]{3})")
_TAG = re.compile(r"<[^>]*>")


_LONG_CHARREF = re.compile(r"&#(?:[xX][0-9a-fA-F]{7,}|[0-9]{8,});?")
"""A numeric character reference past U+10FFFF: ``html.unescape`` would ``int()`` all its digits."""


_UNMAPPED = re.compile(r"\(cid:[0-9]+\)")


def normalised(text: str) -> str:
    """The input as its numbers may be printed: NFKC, thousands separators dropped.

    NFKC as :func:`~govinfo_report.schema.normalize_text` does it: only ASCII
    and full-width digits are digits, so that ``29①`` read as 291 or ``5²``
    as 52 is an invented number.  Markup is taken out as well
    (``20</span><span>23`` prints 2023) and entities decoded, for HTML.
    """
    text = _UNMAPPED.sub("\ufffd", normalize_text(text))  # a glyph's number is no digit printed
    if "[bookmark" in text:  # Word's bookmark anchors print nothing: 4[bookmark: x]2731 is 42731
        text += "\n" + strip_artefacts(text)
    if "<" in text or "&" in text:
        markup_free = _LONG_CHARREF.sub("", _TAG.sub("", text))  # no character has 8 digits
        text += "\n" + html.unescape(markup_free)
    return _SEPARATOR.sub("", text)


def _digits(value: int | Decimal) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


_PACKAGE = Path(gr.__file__).parent


def own_failure(error: BaseException) -> str | None:
    """What failed in the library's own code behind a refusal, or ``None``.

    The PDF and Word readers refuse a file whose parser fails (``damaged
    PDF: …``), keeping the parser's exception as the cause.  A cause raised
    in this package's code is no damage of the file but a bug of the reader,
    and the fuzz suite counts it as a crash.
    """
    cause = error.__cause__
    while cause is not None:
        frames = traceback.extract_tb(cause.__traceback__)
        if frames and Path(frames[-1].filename).is_relative_to(_PACKAGE):
            where = frames[-1]
            name = Path(where.filename).name
            return f"{type(cause).__name__}: {str(cause)[:200]} at {name}:{where.lineno}"
        cause = cause.__cause__
    return None


def check_report(report: gr.Report, printed_input: str) -> str | None:
    """Return what is wrong with *report* read from *printed_input*, or ``None``.

    Wrong: a number (or the year) whose digits are not printed in the input
    (and that is not marked inferred), or a report that does not survive a
    JSON round trip.
    """
    inferred = report.provenance.inferred if report.provenance is not None else {}
    text = normalised(printed_input)
    if report.meta.year is not None and str(report.meta.year) not in text:
        return f"invented: year {report.meta.year}, not printed in the input"
    for path, value in report.cells().items():
        if value is None or path in inferred:
            continue
        digits = unicodedata.normalize("NFKC", _digits(value))
        if digits not in text:
            return f"invented: {path} = {digits}, not printed in the input"
    # One line of JSON: the same round trip as indented JSON, written by json's C encoder.
    back = gr.loads(json_codec.dumps(report, indent=None), format="json")
    if back != report or back.cells() != report.cells():
        return "JSON round trip changed the report"
    return None
