"""``rendered_reports()``: valid reports printed in real-world styles, with what a reader must get."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from hypothesis import strategies as st

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.strategies._construct import check_report_options, reports
from govinfo_report.synthetic import STYLES, Rendered, render
from govinfo_report.synthetic._noise import check_noise

__all__ = ["rendered_reports"]


def _rendered(
    draw: st.DrawFn,
    *,
    styles: tuple[str, ...] = STYLES,
    noise: Mapping[str, float] | None = None,
    max_value: int = 30,
) -> Rendered:
    report = draw(reports(max_value=max_value))
    style = draw(st.sampled_from(styles))
    seed = draw(st.integers(0, 2**32 - 1))
    return render(report, style, noise=noise, seed=seed)


_rendered.__name__ = _rendered.__qualname__ = "rendered_reports"
_rendered_strategy = st.composite(_rendered)


def rendered_reports(
    *,
    styles: Collection[str] = STYLES,
    noise: Mapping[str, float] | None = None,
    max_value: int = 30,
) -> st.SearchStrategy[Rendered]:
    """Return a strategy for valid reports rendered in one of *styles*.

    Each example is a :class:`~govinfo_report.synthetic.Rendered`: the text,
    and in ``expected_cells`` what a correct reader returns for each of the
    200 cells (``None`` where the text does not give the value).

    >>> from govinfo_report.strategies import rendered_reports
    >>> rendered_reports(styles=["pipe_rows"], noise={"halfwidth": 1.0})
    rendered_reports(styles=('pipe_rows',), noise={'halfwidth': 1.0})

    Args:
        styles: Names from :data:`~govinfo_report.synthetic.STYLES`.
        noise: Noise knobs for every example (see
            :data:`~govinfo_report.synthetic.NOISE_KNOBS`); none by default.
        max_value: As for :func:`reports`.

    Raises:
        InvalidArgument: at once, for an unknown style or knob or a value out of range.

    Examples shrink toward the all-zero report, the first style and seed 0.

    .. versionadded:: 0.1.0
    """
    if isinstance(styles, str) or not isinstance(styles, Collection) or not styles:
        msg = f"styles={styles!r}: expected a non-empty collection of {', '.join(STYLES)}"
        raise InvalidArgument(msg)
    unknown = sorted(set(styles) - set(STYLES))
    if unknown:
        msg = f"styles={sorted(styles)!r}: unknown {', '.join(unknown)}; expected names from {', '.join(STYLES)}"
        raise InvalidArgument(msg)
    knobs = check_noise(noise)
    check_report_options(max_value, None, None, ("zero",))
    return _rendered_strategy(styles=tuple(styles), noise=knobs or None, max_value=max_value)
