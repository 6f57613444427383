"""The noise knobs of :func:`~govinfo_report.synthetic.render`: what each does, seeded draws.

Each knob is a number: a probability in ``[0, 1]`` (per label, per cell, per
heading … as :data:`NOISE_KNOBS` says), except ``cut``, the fraction of the
text kept.  Every knob draws from its own seeded stream, so switching one knob
on never changes the draws of another, and the same seed gives the same text
on every machine (only :meth:`random.Random.random` is used).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.synthetic._draw import below

__all__ = [
    "NOISE_KNOBS",
    "Draws",
    "check_noise",
    "halfwidth",
    "parse_noise",
]

NOISE_KNOBS: Mapping[str, tuple[float, str]] = MappingProxyType(
    {
        "split_labels": (
            0.3,
            "probability that a label of 6 characters or more is split over two lines",
        ),
        "halfwidth": (
            1.0,
            (
                "probability that the document prints half-width punctuation: "
                "(一) for （一）, : for ：, ',' for '，'"
            ),
        ),
        "label_spaces": (
            0.3,
            "probability that a label gets spaces inside (第二十条 第（八）项, 商业 企业)",
        ),
        "page_markers": (
            0.1,
            (
                "probability of a page break after a table row: a page marker (— 4 —, - 4 -, "
                "第 4 页) and, in table 三 or 四, the header printed again"
            ),
        ),
        "lead_in": (
            1.0,
            "probability of a lead-in line before a table (该部分以表格形式报告。表格如下:)",
        ),
        "cell_notes": (
            0.5,
            "probability that a non-zero table-二 document cell carries a note: 22（其中修订16件）",
        ),
        "renumber": (
            0.5,
            "probability that a section heading is renumbered (2、, （3）) or, one time in four, missing",
        ),
        "cut": (0.6, "the fraction of the text kept: the text ends there (a partial web excerpt)"),
        "blank": (0.3, "probability that a zero cell is printed empty"),
        "slash": (0.3, "probability that a zero cell is printed '/'"),
        "drop": (0.3, "probability that a zero cell is dropped: no text and no separator"),
    }
)
"""Every knob: the value it takes when switched on without one, and what it does."""


def check_noise(noise: Mapping[str, float] | None) -> dict[str, float]:
    """Return *noise* as a plain dict after checking names and values.

    Raises:
        InvalidArgument: for an unknown knob or a value out of range.
    """
    if noise is None:
        return {}
    if not isinstance(noise, Mapping):
        msg = f"noise={noise!r}: expected a mapping of knob names to numbers, e.g. {{'cut': 0.6}}"
        raise InvalidArgument(msg)
    out: dict[str, float] = {}
    for name, value in noise.items():
        if name not in NOISE_KNOBS:
            msg = f"noise knob {name!r}: expected one of {', '.join(NOISE_KNOBS)}"
            raise InvalidArgument(msg)
        if isinstance(value, bool) or not isinstance(value, int | float):
            msg = f"noise knob {name}={value!r}: expected a number"
            raise InvalidArgument(msg)
        low_ok = value > 0 if name == "cut" else value >= 0
        if not (low_ok and value <= 1):
            where = "in (0, 1]" if name == "cut" else "in [0, 1]"
            msg = f"noise knob {name}={value!r}: expected a number {where}"
            raise InvalidArgument(msg)
        out[name] = float(value)
    return out


def parse_noise(specs: Iterable[str]) -> dict[str, float]:
    """Read ``KNOB`` or ``KNOB=VALUE`` strings (the CLI's ``--noise``) into a checked dict.

    >>> parse_noise(["cut=0.5", "halfwidth"])
    {'cut': 0.5, 'halfwidth': 1.0}

    Raises:
        InvalidArgument: for an unknown knob or a value that is not a number in range.
    """
    noise: dict[str, float] = {}
    for spec in specs:
        name, sep, raw = spec.partition("=")
        name = name.strip()
        if name not in NOISE_KNOBS:
            msg = f"--noise {spec!r}: unknown knob {name!r}; expected one of {', '.join(NOISE_KNOBS)}"
            raise InvalidArgument(msg)
        if not sep:
            noise[name] = NOISE_KNOBS[name][0]
            continue
        try:
            noise[name] = float(raw)
        except ValueError:
            msg = f"--noise {spec!r}: expected {name}=NUMBER"
            raise InvalidArgument(msg) from None
    return check_noise(noise)


class Draws:
    """Seeded draws: one stream for the style's own choices, one per knob."""

    def __init__(self, seed: int | str, style: str, noise: Mapping[str, float]) -> None:
        self._seed = f"{seed}:{style}"
        self.noise = dict(noise)
        self.style = random.Random(self._seed)
        self._streams: dict[str, random.Random] = {}

    def _stream(self, knob: str) -> random.Random:
        stream = self._streams.get(knob)
        if stream is None:
            stream = self._streams[knob] = random.Random(f"{self._seed}:{knob}")
        return stream

    def knob(self, knob: str) -> bool:
        """Draw once from *knob*'s stream: ``True`` with the knob's probability."""
        p = self.noise.get(knob, 0.0)
        if p <= 0:
            return False
        return self._stream(knob).random() < p

    def knob_below(self, knob: str, n: int) -> int:
        """An int in ``[0, n)`` from *knob*'s stream (where the noise goes)."""
        return below(self._stream(knob), n)

    def chance(self, p: float) -> bool:
        """Draw once from the style's stream: ``True`` with probability *p*."""
        return self.style.random() < p

    def below(self, n: int) -> int:
        """An int in ``[0, n)`` from the style's stream."""
        return below(self.style, n)


_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ","})


def halfwidth(text: str) -> str:
    """Replace the full-width brackets, colon and comma by their half-width forms."""
    return text.translate(_HALF)
