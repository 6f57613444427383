"""Synthetic reports: valid by construction, or broken on purpose.

:func:`generate` returns the same realistic report for the same seed on every
machine; :func:`generate_batch` many of them.  With ``breaking=`` or
``mutations=`` it returns a :class:`BrokenReport` together with the exact set
of rule instances the report violates, computed from the rule set's linear
terms and the change vector, so that a test can assert::

    broken = generate(1, breaking=["t3.row_sum[granted]", "t3.processed_sum[natural_person]"])
    assert validate(broken.report).failed_ids == broken.expected

:func:`render` prints a report the way real files print it (:data:`STYLES`:
Word text exports, pipe text, PDF page text, converter and OCR Markdown, Word
HTML, glued crawler text …) with seeded noise (:data:`NOISE_KNOBS`), and says
which cells a correct reader gets back.

Hypothesis strategies over the same machinery are in
:mod:`govinfo_report.strategies`.

.. versionadded:: 0.1.0
"""

from govinfo_report.synthetic._api import (
    FIRST_YEAR,
    BrokenReport,
    expected_violations,
    generate,
    generate_batch,
)
from govinfo_report.synthetic._mutations import (
    MUTATION_KINDS,
    BlankCell,
    DigitTypo,
    Mutation,
    Offset,
    SwapColumns,
    SwapRows,
    Transposition,
)
from govinfo_report.synthetic._noise import NOISE_KNOBS, parse_noise
from govinfo_report.synthetic._profiles import AGENCY_KINDS, BLANKS, SIZES
from govinfo_report.synthetic._styles import STYLES, CellScore, Rendered, render, score_cells

__all__ = [
    "AGENCY_KINDS",
    "BLANKS",
    "FIRST_YEAR",
    "MUTATION_KINDS",
    "NOISE_KNOBS",
    "SIZES",
    "STYLES",
    "BlankCell",
    "BrokenReport",
    "CellScore",
    "DigitTypo",
    "Mutation",
    "Offset",
    "Rendered",
    "SwapColumns",
    "SwapRows",
    "Transposition",
    "expected_violations",
    "generate",
    "generate_batch",
    "parse_noise",
    "render",
    "score_cells",
]
