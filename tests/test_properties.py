"""Properties over generated reports: validity, exact breakage, round trips, determinism, localisation.

``HYPOTHESIS_PROFILE=ci`` runs each property on 200 examples.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.codecs import FORMATS
from govinfo_report.exceptions import ParseError
from govinfo_report.rules import RULES_2021, incidence, validate
from govinfo_report.schema import CELL_PATHS, Report
from govinfo_report.strategies import invalid_reports, mutated_reports, reports
from govinfo_report.synthetic import BLANKS, BrokenReport, generate

#: Every format that reads and writes (aliases once).
# the binary formats (a Word document) have their own round-trip properties in tests/test_docx.py
ROUND_TRIP = sorted({c.name for c in FORMATS.values() if c.reads and c.writes and not c.binary})
#: Glued text (cells touching, tags stripped) is ambiguous by nature (SPEC §8): only the
#: identities split it, and what they cannot decide stays unresolved.
LOSSLESS = [name for name in ROUND_TRIP if name != "glued"]
#: PDF text separates cells by white space and glued text not at all, so neither can show an
#: empty cell: a blank cell leaves its row short of a value.
NO_EMPTY_CELL = ["glued", "pdftext"]
#: Where an empty cell cannot be shown and ambiguity is not an error (glued: see below).
EQUAL_OR_REFUSED = ["pdftext"]
#: Every other format shows an empty cell, so blanks and markers read back exactly.
SHOWS_BLANKS = [name for name in LOSSLESS if name not in NO_EMPTY_CELL]

#: Sets of instances that can fail together and alone (one or a few cells each).
BREAK_SETS = (
    frozenset({"t3.row_sum[granted]", "t3.processed_sum[natural_person]"}),
    frozenset({"t3.row_sum[other_fee_unpaid]", "t3.processed_sum[total]"}),
    frozenset({"t3.row_sum[carried_over]", "t3.balance[legal_service]"}),
    frozenset({"t3.balance[total]", "t3.balance[research]"}),
    frozenset({"t3.row_sum[total_processed]", "t3.processed_sum[total]", "t3.balance[total]"}),
    frozenset({"t3.row_sum[granted]", "t3.row_sum[partial]"}),
    frozenset({"t4.group_sum[review]"}),
    frozenset({"t4.group_sum[suit_direct]", "t4.group_sum[suit_after_review]"}),
    frozenset({"t3.processed_sum[commercial]", "t3.processed_sum[other_org]"}),
)

_EQUALITIES = {i.id for i in RULES_2021.instances() if i.op == "=="}
_INCIDENCE = incidence(RULES_2021)


class TestValidity:
    @given(reports(blanks=BLANKS))
    def test_valid_reports_violate_nothing(self, report: Report) -> None:
        """A report drawn valid violates no instance, errors and warnings alike."""
        assert validate(report).violations == ()

    @given(st.integers(min_value=0, max_value=2**64) | st.text(max_size=12))
    def test_seeded_reports_violate_nothing(self, seed: int | str) -> None:
        """A seeded report violates no instance, whatever the seed."""
        assert validate(generate(seed)).violations == ()


class TestBreaking:
    @given(invalid_reports())
    def test_a_mistake_breaks_exactly_the_expected(
        self, case: tuple[Report, frozenset[str]]
    ) -> None:
        """Offsets, typos, transpositions and swaps break exactly the expected instances."""
        report, expected = case

        assert expected
        assert expected == validate(report).failed_ids

    @given(
        st.sampled_from(BREAK_SETS).flatmap(
            lambda ids: st.tuples(st.just(ids), invalid_reports(break_rules=ids, blanks=BLANKS))
        )
    )
    def test_breaking_on_purpose_breaks_exactly(
        self, case: tuple[frozenset[str], tuple[Report, frozenset[str]]]
    ) -> None:
        """A report broken on purpose fails exactly the instances asked for."""
        ids, (report, expected) = case

        assert ids == expected == validate(report).failed_ids

    @given(mutated_reports(max_mutations=3, blanks=BLANKS))
    def test_mistakes_compose(self, result: BrokenReport) -> None:
        """After several mistakes the report fails exactly what the oracle says."""
        assert result.expected == validate(result.report).failed_ids
        assert validate(result.original).violations == ()


class TestRoundTrip:
    @pytest.mark.parametrize("name", LOSSLESS)
    @given(report=reports(blanks=("zero", "slash")))
    def test_loads_dumps(self, name: str, report: Report) -> None:
        """Every codec but glued text reads back exactly what it wrote."""
        codec = FORMATS[name]

        assert report == codec.loads(codec.dumps(report))

    @pytest.mark.parametrize("name", SHOWS_BLANKS)
    @given(report=reports(blanks=BLANKS))
    def test_blank_cells_read_back_exactly(self, name: str, report: Report) -> None:
        """A codec that shows empty cells reads blanks and markers back exactly, strictly."""
        codec = FORMATS[name]

        assert report == codec.loads(codec.dumps(report))

    @pytest.mark.parametrize("name", EQUAL_OR_REFUSED)
    @given(report=reports(blanks=("blank",)))
    def test_blank_cells_never_shift_numbers(self, name: str, report: Report) -> None:
        """Where an empty cell cannot be shown, a codec reads back the same report or refuses."""
        back, refused = _read_back(name, report)

        if refused is None:
            assert report == back
        else:
            assert refused.expected is not None

    @given(report=reports(blanks=("blank", "slash")))
    def test_pdf_text_leniently_places_no_value_elsewhere(self, report: Report) -> None:
        """PDF text read leniently gives every cell as written or absent, never another cell's value."""
        back = FORMATS["pdftext"].loads(FORMATS["pdftext"].dumps(report), lenient=True)
        moved = {
            path: cell
            for path, cell in zip(CELL_PATHS, back.flat_cells, strict=True)
            if cell.printed is not None and cell != report.cell(path)
        }

        assert moved == {}

    @given(
        report=reports(blanks=BLANKS),
        cells=st.dictionaries(
            st.sampled_from(CELL_PATHS),
            st.sampled_from(["其他", "总计", "自然人", "结果维持", "规章", "@00", "", "/"]),
            max_size=8,
        ),
    )
    def test_html_value_cells_printed_like_labels(
        self, report: Report, cells: dict[str, str]
    ) -> None:
        """In a table of the official layout, a value printed like a label stays that value."""
        report = report.with_cells(cells)

        assert report == FORMATS["html"].loads(FORMATS["html"].dumps(report), lenient=True)

    @given(reports(blanks=("zero", "blank")))
    def test_glued_text_never_guesses(self, report: Report) -> None:
        """Glued text reads back every cell (blanks included), or leaves it absent and lists the value among the candidates."""
        back, refused = _read_back("glued", report)
        assert refused is None
        assert back is not None
        assert back.provenance is not None
        candidates = {d.path: d.candidates for d in back.provenance.diagnostics if d.path}

        assert report.meta == back.meta
        assert report.sections == back.sections
        for path in CELL_PATHS:
            cell = back.cell(path)
            if cell != report.cell(path):
                assert cell.printed is None
                if report.value(path) is not None:
                    assert report.value(path) in candidates[path]


def _read_back(name: str, report: Report) -> tuple[Report | None, ParseError | None]:
    """Write *report* with one codec and read it back; a refusal is returned, not raised."""
    codec = FORMATS[name]
    try:
        return codec.loads(codec.dumps(report)), None
    except ParseError as exc:
        return None, exc


class TestDeterminism:
    @given(st.integers() | st.text(max_size=20) | st.binary(max_size=20))
    def test_same_seed_same_report(self, seed: int | str | bytes) -> None:
        """The same seed gives the same report."""
        assert generate(seed) == generate(seed)

    def test_same_report_in_another_process(self) -> None:
        """Another interpreter, with another hash seed, writes byte-identical JSON."""
        seeds: list[int | str] = [0, 1, 2, 99, 2**33, "seed", "种子"]
        code = (
            "import hashlib, json, sys\n"
            "import govinfo_report as gr\n"
            "for seed in json.loads(sys.argv[1]):\n"
            "    text = gr.dumps(gr.generate(seed, blanks='slash'), format='json')\n"
            "    print(hashlib.sha256(text.encode()).hexdigest())\n"
        )
        here = [
            hashlib.sha256(
                gr.dumps(generate(seed, blanks="slash"), format="json").encode()
            ).hexdigest()
            for seed in seeds
        ]
        for hash_seed in ("1", "2"):
            done = subprocess.run(
                [sys.executable, "-c", code, json.dumps(seeds)],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONHASHSEED": hash_seed},
            )

            assert here == done.stdout.split()


def _explaining(report: Report, failed: frozenset[str], not_assessable: set[str]) -> set[str]:
    """Cells whose assessable equality instances are exactly the failing ones."""
    out = set()
    for path in CELL_PATHS:
        if report.value(path) is None:
            continue
        reads = set(_INCIDENCE.instances_of(path)) & _EQUALITIES
        if reads - not_assessable == failed:
            out.add(path)
    return out


class TestLocalisation:
    @given(mutated_reports(kinds=["offset", "typo", "transpose"], blanks=BLANKS))
    def test_one_wrong_cell_is_found(self, result: BrokenReport) -> None:
        """A one-cell mistake is among the corrections; when only it explains the failures, it is the only one."""
        (mutation,) = result.mutations
        path = mutation.path  # type: ignore[union-attr]
        outcome = validate(result.report)
        corrections = [(s.path, s.suggested) for s in outcome.corrections]
        na = {n.rule_id for n in outcome.not_evaluated}

        assert (path, result.original.value(path)) in corrections
        if _explaining(result.report, outcome.failed_ids, na) == {path}:
            assert [(path, result.original.value(path))] == corrections
