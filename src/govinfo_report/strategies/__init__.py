"""Hypothesis strategies for reports: valid by construction, or broken on purpose.

>>> from hypothesis import given
>>> from govinfo_report.rules import validate
>>> from govinfo_report.strategies import invalid_reports
>>> @given(invalid_reports(break_rules={"t4.group_sum[review]"}))
... def test_breaks_exactly(case):
...     report, expected = case
...     assert validate(report).failed_ids == expected
>>> test_breaks_exactly()

Strategies follow Hypothesis' house style: plural names, keyword-only
options, bad arguments rejected at once with
:class:`~govinfo_report.exceptions.InvalidArgument`, a repr that shows the
call, and construction instead of filtering.  ``st.from_type(Report)`` draws
from :func:`reports` once Hypothesis has loaded this package's entry point
(``[project.entry-points.hypothesis]``); importing this module registers
nothing.

This module imports Hypothesis; ``import govinfo_report`` does not import
it (``govinfo_report.strategies`` is loaded on first use).

.. versionadded:: 0.1.0
"""

from govinfo_report.strategies._construct import reports
from govinfo_report.strategies._mutate import invalid_reports, mutated_reports
from govinfo_report.strategies._render import rendered_reports

__all__ = ["invalid_reports", "mutated_reports", "rendered_reports", "reports"]
