"""Kinds of bug that mutation testing showed the rest of the suite let through.

Each test names the kind of one-line bug it catches: a rowspan grid that
forgets a second span, an integer fee in JSON accepted or refused with the
wrong error, an oracle that mixes up ``<=`` and ``>=``, a generator that
draws a negative table 二 value.
"""

from __future__ import annotations

import json
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.exceptions import StructureError
from govinfo_report.synthetic._draw import _log_int, draw_values
from govinfo_report.synthetic._oracle import LinearInstance
from govinfo_report.synthetic._profiles import (
    AGENCY_KINDS,
    SIZES,
    agency_profile,
    size_profile,
)


class TestHtmlGrid:
    """Cells under rowspans are pushed right, as a browser lays them out."""

    def test_adjacent_rowspans(self):
        """Two neighbouring cells spanning two rows push the next row's cell two columns right."""
        bs4 = pytest.importorskip("bs4")
        from govinfo_report.codecs.html import table_grid

        html = (
            "<table><tr><td rowspan='2'>a</td><td rowspan='2'>b</td><td>c</td></tr>"
            "<tr><td>d</td></tr><tr><td>e</td><td colspan='2'>f</td></tr></table>"
        )
        table = bs4.BeautifulSoup(html, "html.parser").table
        grid = {c.text: (c.row, c.column, c.rowspan, c.colspan) for c in table_grid(table)}

        assert grid == {
            "a": (0, 0, 2, 1),
            "b": (0, 1, 2, 1),
            "c": (0, 2, 1, 1),
            "d": (1, 2, 1, 1),
            "e": (2, 0, 1, 1),
            "f": (2, 1, 1, 2),
        }


class TestJsonFee:
    """The 万元 fee is a decimal string in JSON; anything else is a StructureError naming it."""

    @pytest.mark.parametrize("bad", [3, 3.3, True, [3]])
    def test_not_a_string(self, bad):
        """An integer (or float, bool, list) fee is refused with the cell's path."""
        report = gr.Report.from_cells({"t2.admin_fees.amount": "3.30", "t3.granted.total": 9})
        data = json.loads(gr.dumps(report, format="json"))
        data["cells"]["t2.admin_fees.amount"] = bad

        with pytest.raises(StructureError) as info:
            gr.loads(json.dumps(data), format="json")

        messages = "\n".join(info.value.messages())
        assert "t2.admin_fees.amount" in messages
        assert "amount" in messages

    def test_a_string_reads(self):
        """The decimal string keeps its digits."""
        report = gr.Report.from_cells({"t2.admin_fees.amount": "3.30"})

        back = gr.loads(gr.dumps(report, format="json"), format="json")
        assert str(back.value("t2.admin_fees.amount")) == "3.30"


class TestOracleRelations:
    """The generator's oracle reads ``<=`` and ``>=`` the right way round."""

    @pytest.mark.parametrize(
        ("op", "residual", "expected"),
        [
            ("<=", -1, True),
            ("<=", 0, True),
            ("<=", 1, False),
            (">=", 1, True),
            (">=", 0, True),
            (">=", -1, False),
            ("==", 0, True),
            ("==", 1, False),
            ("==", -1, False),
        ],
    )
    def test_holds(self, op, residual, expected):
        """``residual op 0``."""
        instance = LinearInstance("x", "x", None, op, (0,), (1,))

        assert expected == instance.holds(residual)


class TestDrawnValues:
    """Generated table 二 values are counts: never negative, abolished never above issued."""

    @given(seed=st.integers(0, 2**32 - 1), low=st.integers(0, 50), span=st.integers(0, 5000))
    def test_log_int_stays_in_range(self, seed, low, span):
        """``_log_int(low, high)`` is in ``[low, high]``."""
        value = _log_int(Random(seed), low, low + span)

        assert low <= value <= low + span

    @given(seed=st.integers(0, 2**32 - 1))
    def test_table_two(self, seed):
        """Issued ≥ abolished ≥ 0 and in force ≥ issued, for every kind and size of agency."""
        rng = Random(seed)
        agency = agency_profile(AGENCY_KINDS[rng.randrange(len(AGENCY_KINDS))])
        size = size_profile(SIZES[rng.randrange(len(SIZES))])
        values = draw_values(rng, size, agency)

        for first in (0, 3):
            issued = values.get(first, 0)
            abolished = values.get(first + 1, 0)
            in_force = values.get(first + 2, 0)
            assert abolished >= 0
            assert 0 <= issued <= in_force
        assert all(values.get(i, 0) >= 0 for i in range(9))
