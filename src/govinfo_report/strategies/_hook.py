"""Hypothesis entry point: makes ``st.from_type(Report)`` draw valid reports."""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Register the report strategy with Hypothesis (called through the entry point)."""
