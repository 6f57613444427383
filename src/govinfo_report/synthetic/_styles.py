"""``render()``: a report printed the way real files print it, and what a reader must get back.

Fourteen styles seen in the wild (SPEC §8 and the corpus files), each with
seeded noise knobs.  The numbers are always the report's own: a style never
changes a value.  Where a style cannot show a cell (a blank cell in PDF
text), or a knob hides it (blank, ``/``, dropped, cut off), the expected
value is ``None``: a reader must return ``None`` or the true value there,
never another number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

import attrs

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.schema import CELL_PATHS, CellValue, Report
from govinfo_report.synthetic._expected import unplaceable
from govinfo_report.synthetic._grid import build_document
from govinfo_report.synthetic._noise import Draws, check_noise
from govinfo_report.synthetic._out import Out
from govinfo_report.synthetic._style_markup import (
    write_converter_md,
    write_html_word,
    write_md_gfm,
    write_ocr_md,
)
from govinfo_report.synthetic._style_pdf import (
    write_pdf_text,
    write_pdf_vertical,
    write_plain_lines,
)
from govinfo_report.synthetic._style_text import (
    write_bar_lines,
    write_glued,
    write_pipe_cells_nosep,
    write_pipe_cells_sep,
    write_pipe_rows,
    write_word_export,
    write_word_paragraphs,
)

if TYPE_CHECKING:
    from govinfo_report.synthetic._grid import Document

__all__ = ["STYLES", "CellScore", "Rendered", "render", "score_cells"]

_Writer = Callable[["Document", Out, Draws], None]


class _Printer(Protocol):
    def text(self, text: str) -> None: ...


_WRITERS: dict[str, _Writer] = {
    "word_export": write_word_export,
    "pipe_rows": write_pipe_rows,
    "pipe_cells_sep": write_pipe_cells_sep,
    "pipe_cells_nosep": write_pipe_cells_nosep,
    "bar_lines": write_bar_lines,
    "pdf_text": write_pdf_text,
    "converter_md": write_converter_md,
    "ocr_md": write_ocr_md,
    "html_word": write_html_word,
    "glued": write_glued,
    "plain_lines": write_plain_lines,
    "md_gfm": write_md_gfm,
    "word_paragraphs": write_word_paragraphs,
    "pdf_vertical": write_pdf_vertical,
}

STYLES: tuple[str, ...] = tuple(_WRITERS)
"""The names of the styles, in the order of SPEC §8's survey.

``word_export`` (Word text export), ``pipe_rows``, ``pipe_cells_sep``,
``pipe_cells_nosep``, ``bar_lines`` (pipe text of web pages), ``pdf_text``
(PDF page text), ``converter_md`` (Markdown made from a PDF),
``ocr_md`` (OCR Markdown), ``html_word`` (HTML saved from Word), ``glued``
(crawler text without tags), ``plain_lines`` (page text with run-together
headers), ``md_gfm`` (GFM Markdown), ``word_paragraphs`` (a Word table pasted
into a web page, every cell a paragraph), ``pdf_vertical`` (PDF page text with
vertical merged labels, as HA24).
"""


@attrs.frozen
class CellScore:
    """How a reading compares with :attr:`Rendered.expected_cells`.

    Attributes:
        correct: Cells read as expected (for an expected ``None``: read as
            ``None`` or as the true value).
        missing: Cells with an expected value that the reading leaves ``None``.
        wrong: Cells with an expected value read as another number.
        invented: Cells expected ``None`` read as a number that is not the true value.
        wrong_paths: The paths of the wrong cells.
        invented_paths: The paths of the invented cells.
        missing_paths: The paths of the missing cells.
    """

    correct: int
    missing: int
    wrong: int
    invented: int
    wrong_paths: tuple[str, ...] = ()
    invented_paths: tuple[str, ...] = ()
    missing_paths: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        """No cell missing, wrong or invented."""
        return not (self.missing or self.wrong or self.invented)


def score_cells(
    expected: Mapping[str, CellValue],
    truth: Mapping[str, CellValue],
    read: Mapping[str, CellValue],
) -> CellScore:
    """Compare a reading with what was expected, cell by cell (see :class:`CellScore`)."""
    correct = 0
    missing: list[str] = []
    wrong: list[str] = []
    invented: list[str] = []
    for path in CELL_PATHS:
        want, got = expected.get(path), read.get(path)
        if want is None:
            if got is None or got == truth.get(path):
                correct += 1
            else:
                invented.append(path)
        elif got == want:
            correct += 1
        elif got is None:
            missing.append(path)
        else:
            wrong.append(path)
    return CellScore(
        correct,
        len(missing),
        len(wrong),
        len(invented),
        tuple(wrong),
        tuple(invented),
        tuple(missing),
    )


@attrs.frozen
class Rendered:
    """A report printed in one style, and what a correct reader returns for it.

    Attributes:
        text: The text.
        style: One of :data:`STYLES`.
        noise: The noise knobs used (name → value), see
            :data:`~govinfo_report.synthetic.NOISE_KNOBS`.
        seed: The seed of the noise and of the style's own choices.
        report: The report that was printed.
        expected_cells: All 200 paths: the value a reader must return, or
            ``None`` where the text does not give it to a reader (cut off,
            printed blank or ``/``, dropped, or printed where no reader can
            tie it to its cell); there a reader must return ``None`` or the
            true value, never another number.
        cut_at: Where the text was cut (its length), or ``None`` when it is whole.
        positions: Where each printed number is in :attr:`text`, path →
            ``(start, end)`` (numbers cut off are left out).

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(repr=False)
    style: str
    noise: Mapping[str, float]
    seed: int | str
    report: Report = attrs.field(repr=False, eq=False)
    expected_cells: Mapping[str, CellValue] = attrs.field(repr=False, eq=False)
    cut_at: int | None = None
    positions: Mapping[str, tuple[int, int]] = attrs.field(factory=dict, repr=False, eq=False)

    def _repr_pretty_(self, printer: _Printer, cycle: bool) -> None:
        """Show the short repr in Hypothesis' reports (not every expected cell)."""
        printer.text(repr(self))

    def score(self, read: Report) -> CellScore:
        """Compare *read* (a report read from :attr:`text`) with :attr:`expected_cells`."""
        return score_cells(self.expected_cells, self.report.cells(), read.cells())


def _cut(text: str, fraction: float) -> int:
    """Where a text cut at *fraction* ends: never inside a run of digits."""
    at = int(len(text) * fraction)
    while 0 < at < len(text) and text[at - 1].isdigit() and text[at].isdigit():
        at -= 1
    return at


def render(
    report: Report,
    style: str,
    *,
    noise: Mapping[str, float] | None = None,
    seed: int | str = 0,
) -> Rendered:
    """Print *report* in *style*, with seeded *noise*; return the text and the expected cells.

    >>> import govinfo_report as gr
    >>> from govinfo_report.synthetic import render
    >>> report = gr.generate(3)
    >>> out = render(report, "pipe_rows", seed=1)
    >>> print(next(line for line in out.text.splitlines() if line.startswith("行政处罚")))
    行政处罚 | 3 | ||
    >>> out.expected_cells["t2.punishment.decisions"]
    3
    >>> cut = render(report, "pipe_rows", seed=1, noise={"cut": 0.3})
    >>> cut.expected_cells["t4.review.total"] is None
    True

    Args:
        report: The report to print (its printed cells are printed as they are).
        style: One of :data:`STYLES`.
        noise: Noise knobs, name → value (see
            :data:`~govinfo_report.synthetic.NOISE_KNOBS`); none by default.
        seed: Seeds the style's own choices and every knob (an int or a str).
            The same arguments give the same text on every machine.

    Raises:
        InvalidArgument: for an unknown style, an unknown knob or a value out of range.
    """
    if style not in _WRITERS:
        msg = f"style={style!r}: expected one of {', '.join(STYLES)}"
        raise InvalidArgument(msg)
    if isinstance(seed, bool) or not isinstance(seed, int | str):
        msg = f"seed={seed!r}: expected an int or a str"
        raise InvalidArgument(msg)
    knobs = check_noise(noise)
    draws = Draws(seed, style, knobs)
    doc = build_document(report, draws)
    out = Out()
    _WRITERS[style](doc, out, draws)
    unplaceable(doc, out)
    text = out.text()
    cut_at: int | None = None
    fraction = knobs.get("cut", 1.0)
    if fraction < 1:
        cut_at = _cut(text, fraction)
        # Never inside a number, even one split over HTML runs.
        for start, end in out.spans.values():
            if start < cut_at < end:
                cut_at = start
        text = text[:cut_at]
    expected: dict[str, CellValue] = {}
    for path in CELL_PATHS:
        value = report.value(path)
        span = out.spans.get(path)
        hidden = (
            span is None or path in out.unsure_paths or (cut_at is not None and span[1] > cut_at)
        )
        expected[path] = None if hidden else value
    return Rendered(
        text,
        style,
        MappingProxyType(dict(knobs)),
        seed,
        report,
        MappingProxyType(expected),
        cut_at,
        MappingProxyType({p: s for p, s in out.spans.items() if cut_at is None or s[1] <= cut_at}),
    )
