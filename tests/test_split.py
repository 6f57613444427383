"""Splitting glued digit runs into cells with the identities (codecs._split)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo_report.codecs._split import (
    cell_options,
    chained_sum_splits,
    count_splits,
    is_cell,
    splits,
    sum_splits,
)
from govinfo_report.codecs._split_blanks import (
    blank_cell_options,
    blank_chained_sum_splits,
    blank_splits,
    blank_sum_splits,
)
from govinfo_report.codecs._split_narrow import T3_IDENTITIES, narrow_table3
from govinfo_report.schema import T3_COLUMNS, T3_ROWS, T3_VALUE_ROWS


def glue(values: tuple[int, ...] | list[int]) -> str:
    """The digits of *values* written without separators."""
    return "".join(map(str, values))


def brute_force(digits: str, cells: int) -> list[tuple[int, ...]]:
    """Every split of *digits* into *cells* cells, by trying every set of cut points."""
    out = []
    for cuts in itertools.combinations(range(1, len(digits)), cells - 1):
        bounds = (0, *cuts, len(digits))
        parts = [digits[a:b] for a, b in itertools.pairwise(bounds)]
        if all(is_cell(p) for p in parts):
            out.append(tuple(int(p) for p in parts))
    return out


small_runs = st.text(alphabet="0000112345689", min_size=0, max_size=11)
counts = st.integers(0, 9999)


class TestCells:
    def test_zero_and_numbers_without_leading_zero_are_cells(self) -> None:
        """A cell is ``0`` or ASCII digits without a leading zero."""
        assert [
            is_cell("0"),
            is_cell("270"),
            is_cell("05"),
            is_cell(""),
            is_cell("２６"),
        ] == [True, True, False, False, False]

    def test_splits_of_a_short_run(self) -> None:
        """``1020`` into three cells is 1/0/20 or 10/2/0 (``020`` and ``02`` are no cells)."""
        assert splits("1020", 3) == ((1, 0, 20), (10, 2, 0))

    def test_too_many_splits_are_not_listed(self) -> None:
        """Past the limit the answer is ``None``, not a truncated list."""
        assert count_splits("123456789", 3) == 28
        assert splits("123456789", 3, limit=27) is None

    def test_not_digits_is_refused(self) -> None:
        """Anything but ASCII digits is a programming error, reported as ValueError."""
        with pytest.raises(ValueError, match="ASCII digits"):
            splits("12a", 2)

    @given(small_runs, st.integers(1, 5))
    def test_splits_are_all_the_cuts(self, digits: str, cells: int) -> None:
        """:func:`splits` and :func:`count_splits` agree with trying every cut."""
        expected = brute_force(digits, cells)

        assert expected == sorted(splits(digits, cells, limit=10**6) or ())
        assert len(expected) == count_splits(digits, cells)

    @given(st.text(alphabet="0112345689", min_size=9, max_size=24), st.integers(1, 4))
    def test_counts_of_runs_longer_than_a_cell(self, digits: str, cells: int) -> None:
        """Runs past MAX_CELL_DIGITS: a cell's digits are bounded on both sides."""
        assert count_splits(digits, cells) == len(brute_force(digits, cells))

    def test_count_of_a_long_run_of_ones(self) -> None:
        """25 ones in 3 cells of 1 to 9 digits: the compositions of 25 into 3 parts ≤ 9."""
        parts = range(1, 10)
        expected = sum(1 for a in parts for b in parts if 1 <= 25 - a - b <= 9)

        assert (
            count_splits("1" * 25, 3) == expected == 6
        )  # 9+9+7 in its three orders, 9+8+8 in three

    @given(small_runs, st.integers(1, 5))
    def test_cell_options_are_the_values_over_all_splits(self, digits: str, cells: int) -> None:
        """Each cell's options are exactly the values it takes in some split."""
        found = brute_force(digits, cells)
        expected = tuple(tuple(sorted({s[i] for s in found})) for i in range(cells))

        assert expected == cell_options(digits, cells)


def brute_force_blanks(digits: str, cells: int) -> set[tuple[int | None, ...]]:
    """Every placement of *digits* into *cells* cells, blanks allowed, by trying every shape."""
    out: set[tuple[int | None, ...]] = set()
    for shape in itertools.product((False, True), repeat=cells):
        numbers = sum(shape)
        if numbers == 0:
            if not digits:
                out.add((None,) * cells)
            continue
        for split in brute_force(digits, numbers):
            values = iter(split)
            out.add(tuple(next(values) if filled else None for filled in shape))
    return out


class TestBlankPlacements:
    def test_a_blank_may_hide_anywhere(self) -> None:
        """``500`` in three cells: 5/0/0, 50 and 0 with a blank in any of three places, or 500."""
        assert {
            (5, 0, 0),
            (50, 0, None),
            (50, None, 0),
            (None, 50, 0),
            (500, None, None),
            (None, 500, None),
            (None, None, 500),
        } == set(blank_splits("500", 3) or ())

    def test_a_blank_total_needs_zero_items(self) -> None:
        """``77`` is 7 and its 总计 7 (the other cell blank); a blank 总计 would need zeros."""
        assert blank_sum_splits("77", 2) == ((7, None, 7), (None, 7, 7))
        assert set(blank_sum_splits("00", 2) or ()) == {(0, None, 0), (None, 0, 0), (0, 0, None)}

    @given(small_runs, st.integers(1, 4))
    def test_placements_are_all_the_shapes(self, digits: str, cells: int) -> None:
        """:func:`blank_splits` lists every cut into every choice of blank cells, once."""
        found = blank_splits(digits, cells, limit=10**6) or ()

        assert brute_force_blanks(digits, cells) == set(found)
        assert len(set(found)) == len(found)

    @given(small_runs, st.integers(1, 4))
    def test_sum_placements_are_the_placements_that_add_up(self, digits: str, items: int) -> None:
        """:func:`blank_sum_splits` keeps the placements whose items add up to 总计 (blank = 0)."""
        expected = {
            p
            for p in brute_force_blanks(digits, items + 1)
            if sum(v or 0 for v in p[:-1]) == (p[-1] or 0)
        }

        assert expected == set(blank_sum_splits(digits, items, limit=10**6) or ())

    @given(small_runs, st.integers(1, 4))
    def test_blank_cell_options_are_the_values_over_all_placements(
        self, digits: str, cells: int
    ) -> None:
        """Each cell's options and whether it can be blank, as over every placement."""
        found = brute_force_blanks(digits, cells)
        expected = tuple(
            (
                tuple(sorted({v for p in found if (v := p[i]) is not None})),
                any(p[i] is None for p in found),
            )
            for i in range(cells)
        )

        assert expected == blank_cell_options(digits, cells)

    def test_table_4_with_a_blank_group(self) -> None:
        """``110112`` for 四: 1 and 总计 1, a blank group, then 0, 1, 1 and 总计 2."""
        found = blank_chained_sum_splits("110112", 3, 4) or ()

        assert (1, None, None, None, 1) + (None,) * 5 + (0, 1, None, 1, 2) in found
        assert (11, None, None, None, 0) + (None,) * 5 + (1, None, None, None, 12) not in found
        assert all(
            sum(v or 0 for v in p[g : g + 4]) == (p[g + 4] or 0) for p in found for g in (0, 5, 10)
        )
        assert len(found) == len(set(found)) > 1


class TestSumSplits:
    def test_corpus_001_new_received_has_one_split(self) -> None:
        """``640020470`` has twelve cuts into seven cells and one whose 总计 adds up (SPEC §8)."""
        assert len(brute_force("640020470", 7)) == 12
        assert sum_splits("640020470", 6) == ((64, 0, 0, 2, 0, 4, 70),)

    def test_corpus_001_granted_has_two_splits(self) -> None:
        """``270020130`` splits two ways with E3: E1/E2 must decide (SPEC §8)."""
        assert sum_splits("270020130", 6) == ((2, 7, 0, 0, 20, 1, 30), (27, 0, 0, 2, 0, 1, 30))

    def test_a_run_with_no_fitting_split(self) -> None:
        """A row whose digits cannot add up gives no split at all."""
        assert sum_splits("12345678", 6) == ()

    @given(small_runs.filter(lambda d: len(d) >= 5))
    def test_same_as_filtering_every_cut(self, digits: str) -> None:
        """The pruned search finds exactly the cuts whose last cell is the sum of the others."""
        for items in (4, 6):
            expected = [s for s in brute_force(digits, items + 1) if sum(s[:-1]) == s[-1]]

            assert sorted(expected) == sorted(sum_splits(digits, items) or ())

    @given(st.lists(counts, min_size=6, max_size=6))
    def test_the_true_row_is_always_found(self, row: list[int]) -> None:
        """Whatever the values (city-sized included), the row as printed is among the splits."""
        values = (*row, sum(row))
        found = sum_splits(glue(values), 6)

        assert found is not None
        assert values in found
        assert all(glue(s) == glue(values) and sum(s[:6]) == s[6] for s in found)


class TestChainedSumSplits:
    def test_corpus_001_table_4(self) -> None:
        """``10203120001200000`` has exactly one split satisfying all three E4 (SPEC §8)."""
        expected = ((1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0),)

        assert expected == chained_sum_splits("10203120001200000", 3, 4)

    def test_seed_000_table_4(self) -> None:
        """Seed 000's row glued is ``300030000000011``, with one fitting split (SPEC §12)."""
        expected = ((3, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1),)

        assert expected == chained_sum_splits("300030000000011", 3, 4)

    @given(st.lists(st.lists(st.integers(0, 300), min_size=4, max_size=4), min_size=3, max_size=3))
    def test_the_true_row_is_always_found(self, groups: list[list[int]]) -> None:
        """The printed table-四 row is among the splits, and every split satisfies E4."""
        values = tuple(v for g in groups for v in (*g, sum(g)))
        found = chained_sum_splits(glue(values), 3, 4)

        assert found is not None
        assert values in found
        for s in found:
            assert all(sum(s[k : k + 4]) == s[k + 4] for k in (0, 5, 10))


def zero_rows() -> dict[str, list[tuple[int, ...]]]:
    """Every table-三 row present, all zero."""
    return {row: [(0,) * 7] for row in T3_ROWS}


class TestNarrowTable3:
    def test_there_are_fourteen_column_identities(self) -> None:
        """E1 and E2 for each of the seven columns, under their SPEC ids."""
        ids = [i.id for i in T3_IDENTITIES]

        assert [f"t3.balance[{c}]" for c in T3_COLUMNS] == ids[:7]
        assert [f"t3.processed_sum[{c}]" for c in T3_COLUMNS] == ids[7:]

    def test_corpus_001_granted_is_decided_by_e1_e2(self) -> None:
        """商业企业 and 法律服务机构 are 0 in 一/二/（七）, so 27/0/0/2/0/1/30 is the granted row."""
        rows = zero_rows()
        rows["new_received"] = [(64, 0, 0, 2, 0, 4, 70)]
        rows["total_processed"] = [(63, 0, 0, 2, 0, 4, 69)]
        rows["carried_forward"] = [(1, 0, 0, 0, 0, 0, 1)]
        rows["granted"] = [(2, 7, 0, 0, 20, 1, 30), (27, 0, 0, 2, 0, 1, 30)]
        rows["partial"] = [(5, 0, 0, 0, 0, 0, 5)]
        rows["denied_internal_affairs"] = [(1, 0, 0, 0, 0, 0, 1)]
        rows["denied_enforcement_file"] = [(6, 0, 0, 0, 0, 0, 6)]
        rows["denied_admin_query"] = [(1, 0, 0, 0, 0, 0, 1)]
        rows["unable_not_held"] = [(2, 20, 0, 0, 0, 3, 25), (22, 0, 0, 0, 0, 3, 25)]
        rows["other_other"] = [(1, 0, 0, 0, 0, 0, 1)]

        narrowed = narrow_table3(rows)

        assert narrowed.rows["granted"] == ((27, 0, 0, 2, 0, 1, 30),)
        assert narrowed.rows["unable_not_held"] == ((22, 0, 0, 0, 0, 3, 25),)
        assert not narrowed.unsatisfiable

    def test_an_undecidable_pair_keeps_both(self) -> None:
        """Two rows whose candidates swap between them keep every candidate: no guess."""
        rows = zero_rows()
        rows["total_processed"] = [(1, 1, 0, 0, 0, 0, 2)]
        rows["new_received"] = [(1, 1, 0, 0, 0, 0, 2)]
        rows["granted"] = [(1, 0, 0, 0, 0, 0, 1), (0, 1, 0, 0, 0, 0, 1)]
        rows["partial"] = [(1, 0, 0, 0, 0, 0, 1), (0, 1, 0, 0, 0, 0, 1)]

        narrowed = narrow_table3(rows)

        assert rows["granted"] == list(narrowed.rows["granted"])
        assert rows["partial"] == list(narrowed.rows["partial"])

    def test_an_identity_broken_by_fixed_rows_is_reported_and_set_aside(self) -> None:
        """E1 broken whatever the splits (SPEC §7: 60 + 0 vs 61 + 0) is named; E2 still decides."""
        rows = zero_rows()
        rows["new_received"] = [(60, 0, 0, 0, 0, 0, 60)]
        rows["total_processed"] = [(61, 0, 0, 0, 0, 0, 61)]
        rows["granted"] = [(61, 0, 0, 0, 0, 0, 61)]
        rows["partial"] = [(1, 0, 0, 0, 0, 0, 1), (0,) * 7]

        narrowed = narrow_table3(rows)

        assert {"t3.balance[natural_person]", "t3.balance[total]"} == set(narrowed.broken)
        assert narrowed.rows["partial"] == ((0,) * 7,)

    def test_unsatisfiable_identities_leave_the_candidates(self) -> None:
        """When no combination fits, nothing is narrowed and the result says so."""
        rows = zero_rows()
        rows["granted"] = [(1, 0, 0, 0, 0, 0, 1), (0, 1, 0, 0, 0, 0, 1)]

        narrowed = narrow_table3(rows)

        assert narrowed.unsatisfiable
        assert tuple(rows["granted"]) == narrowed.rows["granted"]

    def test_a_missing_row_disables_its_identities(self) -> None:
        """Without （七）总计 neither E1 nor E2 can be used: both candidates stay."""
        rows = zero_rows()
        del rows["total_processed"]
        rows["granted"] = [(1, 0, 0, 0, 0, 0, 1), (0, 1, 0, 0, 0, 0, 1)]

        narrowed = narrow_table3(rows)

        assert tuple(rows["granted"]) == narrowed.rows["granted"]
        assert narrowed.used == ()

    @given(
        st.lists(st.lists(st.integers(0, 120), min_size=21, max_size=21), min_size=6, max_size=6),
        st.lists(st.integers(0, 120), min_size=6, max_size=6),
        st.lists(st.integers(0, 120), min_size=6, max_size=6),
    )
    def test_the_true_table_survives_narrowing(
        self, results: list[list[int]], forward: list[int], over: list[int]
    ) -> None:
        """For a valid table 三, the printed split of every row is kept (narrowing is sound)."""
        columns: dict[str, list[int]] = {}
        for index, row in enumerate(T3_VALUE_ROWS):
            columns[row] = [results[c][index] for c in range(6)]
        columns["total_processed"] = [sum(results[c]) for c in range(6)]
        columns["carried_forward"] = forward
        columns["carried_over"] = [min(over[c], columns["total_processed"][c]) for c in range(6)]
        columns["new_received"] = [
            columns["total_processed"][c] + forward[c] - columns["carried_over"][c]
            for c in range(6)
        ]
        truth = {row: (*columns[row], sum(columns[row])) for row in T3_ROWS}
        rows = {row: sum_splits(glue(values), 6) for row, values in truth.items()}

        narrowed = narrow_table3({k: v for k, v in rows.items() if v})

        for row, values in truth.items():
            assert values in narrowed.rows[row]
