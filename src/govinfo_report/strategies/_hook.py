"""Hypothesis entry point: makes ``st.from_type(Report)`` draw valid reports.

Hypothesis calls :func:`_hypothesis_setup_hook` through the
``[project.entry-points.hypothesis]`` entry point when it is imported.  The
hook registers a resolver only; :mod:`govinfo_report.strategies` itself is
imported when a report is first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from govinfo_report.schema import Report


def _resolve(_type: type[Report]) -> SearchStrategy[Report]:
    from govinfo_report.strategies import reports

    return reports()


def _hypothesis_setup_hook() -> None:
    """Register the report strategy with Hypothesis (called through the entry point)."""
    from hypothesis import strategies as st

    from govinfo_report.schema import Report

    st.register_type_strategy(Report, _resolve)
