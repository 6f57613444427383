"""JSON: lossless round trips, byte-identical output, collect-all errors, the JSON Schema."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import cattrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.codecs import json as gr_json
from govinfo_report.codecs._converter import make_converter
from govinfo_report.codecs._field_errors import FieldError
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    Cell,
    Diagnostic,
    Provenance,
    Report,
    ReportMeta,
    Section,
    Severity,
)
from govinfo_report.synthetic import BLANKS, generate_batch
from tests.conftest import CORPUS, expected

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
SCHEMA_FILE = ROOT / "docs" / "report.schema.json"

# -- the seed reports ------------------------------------------------------------------


def seed_report(name: str) -> Report:
    """Return a seed report as the Word text reader reads it."""
    return gr.load(CORPUS / f"{name}.txt")


def odd_report() -> Report:
    """A report with everything unusual: blanks, markers, text, annotations, absent cells."""
    report = seed_report("seed-000").with_cells(
        {
            "t2.regulations.in_force": Cell(None, ""),
            "t2.normative_documents.issued": "22（其中修订16件）",
            "t2.admin_fees.amount": "3.30",
            "t2.punishment.decisions": Cell(None, "/"),
            "t3.new_received.natural_person": Cell(None, "六"),
            "t3.carried_over.total": "２",
            "t3.granted.research": "1,234",
            "t3.carried_forward.total": None,
            "t4.review.total": Cell(5, "6"),
        }
    )
    report = report.with_section(2, heading=None).with_section(
        4, text="注：行政复议、行政诉讼数量含上年度结转数量。"
    )
    return report.with_section(5, text="# 不是标题\n| 不是表格\n\n\\反斜杠\n  缩进")


SEEDS = ("seed-000", "seed-004")


# -- Hypothesis: any report the model can hold ----------------------------------------

_texts = st.text(st.characters(codec="utf-8"), max_size=12)
_count_cells = st.one_of(
    st.just(Cell()),
    st.integers(0, 10**9).map(Cell.count),
    _texts.map(Cell.parse),
    st.builds(Cell, st.integers(0, 10**6) | st.none(), _texts),
)
_amount_cells = st.one_of(
    st.just(Cell()),
    st.decimals(min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False).map(Cell),
    _texts.map(lambda t: Cell.parse(t, amount=True)),
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """Draw a report: any metadata and narrative, a few odd cells, the rest 0 or whole tables absent."""
    varied = draw(st.sets(st.sampled_from(CELL_PATHS), max_size=8))
    cells: dict[str, Cell] = {}
    for path in varied:
        amount = CELL_SPECS[path].kind == "amount"
        cells[path] = draw(_amount_cells if amount else _count_cells)
    meta = ReportMeta(
        title=draw(st.none() | _texts),
        agency=draw(st.none() | _texts),
        year=draw(st.none() | st.integers(1990, 2100)),
        preamble=draw(st.text(max_size=30)),
    )
    sections = tuple(
        Section(n, draw(st.none() | _texts), draw(st.text(max_size=30))) for n in range(1, 7)
    )
    missing_tables = draw(st.sets(st.sampled_from(("t2", "t3", "t4"))))
    base: dict[str, Cell | int | Decimal | None] = {
        path: None if path[:2] in missing_tables else 0 for path in CELL_PATHS
    }
    if "t2" not in missing_tables:
        base["t2.admin_fees.amount"] = Decimal(0)
    return Report.from_cells({**base, **cells}, meta=meta, sections=sections)


def identical(a: Report, b: Report) -> bool:
    """Equal, and every cell keeps its printed text and the amount its digits."""
    return (
        a == b
        and a.printed() == b.printed()
        and [str(c.value) for c in a.flat_cells] == [str(c.value) for c in b.flat_cells]
    )


# -- tests ------------------------------------------------------------------------------


class TestSeeds:
    @pytest.mark.parametrize("name", ["seed-000", "seed-004"])
    def test_seed_cells_are_the_hand_checked_ones(self, name: str) -> None:
        """The seeds these tests write are read with their hand-checked cells."""
        data = expected(name)
        want = {
            **data["cells"],
            "t2.admin_fees.amount": Decimal(data["cells"]["t2.admin_fees.amount"]),
        }

        report = seed_report(name)

        assert report.cells() == want
        assert (report.meta.agency, report.meta.year) == (data["agency"], data["year"])


class TestDumps:
    def test_top_level_keys(self) -> None:
        """The document has schema_version, meta, sections, cells and provenance, in that order."""
        data = json.loads(gr_json.dumps(seed_report("seed-000")))

        assert list(data) == ["schema_version", "meta", "sections", "cells", "provenance"]
        assert data["schema_version"] == 1
        assert data["provenance"]["format"] == "text"

    def test_cells_keyed_by_path_in_canonical_order(self) -> None:
        """The 200 cells are keyed by canonical path, in canonical order."""
        data = json.loads(gr_json.dumps(seed_report("seed-004")))

        assert list(CELL_PATHS) == list(data["cells"])

    def test_cell_forms(self) -> None:
        """Numbers printed plainly are compact; everything else keeps value and printed text."""
        cells = json.loads(gr_json.dumps(odd_report()))["cells"]

        assert {
            path: cells[path]
            for path in (
                "t2.admin_fees.amount",
                "t2.licensing.decisions",
                "t2.regulations.in_force",
                "t2.punishment.decisions",
                "t2.normative_documents.issued",
                "t3.new_received.natural_person",
                "t3.carried_over.total",
                "t3.granted.research",
                "t3.carried_forward.total",
                "t3.granted.total",
                "t4.review.total",
            )
        } == {
            "t2.admin_fees.amount": "3.30",
            "t2.licensing.decisions": {"value": 2731, "printed": "[bookmark: OLE_LINK1]2731"},
            "t2.regulations.in_force": {"value": None, "printed": ""},
            "t2.punishment.decisions": {"value": None, "printed": "/"},
            "t2.normative_documents.issued": {"value": 22, "printed": "22（其中修订16件）"},
            "t3.new_received.natural_person": {"value": None, "printed": "六"},
            "t3.carried_over.total": {"value": 2, "printed": "２"},
            "t3.granted.research": {"value": 1234, "printed": "1,234"},
            "t3.carried_forward.total": None,
            "t3.granted.total": 9,
            "t4.review.total": {"value": 5, "printed": "6"},
        }

    @pytest.mark.parametrize("digits", ["4068.208", "3.30", "0", "24252.311082", "96171.6"])
    def test_amount_is_a_string_with_its_digits(self, digits: str) -> None:
        """The 万元 amount is written as a string that keeps every printed digit."""
        report = Report.from_cells({"t2.admin_fees.amount": digits})

        text = gr_json.dumps(report)

        assert f'  "t2.admin_fees.amount": "{digits}",\n' in text

    def test_golden_seed_000(self) -> None:
        """Seed 000 is written byte for byte as the golden file (no machine-dependent part)."""
        golden = (GOLDEN / "seed-000.json").read_text("utf-8")

        assert golden == gr_json.dumps(seed_report("seed-000"), provenance=False)

    def test_unicode_and_trailing_newline(self) -> None:
        """Chinese is written as is, not as \\u escapes, and the text ends with one newline."""
        text = gr_json.dumps(seed_report("seed-000"))

        assert '"agency": "北京市西城区卫生健康委员会"' in text
        assert text.endswith("}\n")
        assert not text.endswith("\n\n")

    def test_compact(self) -> None:
        """indent=None writes one line that reads back to the same report."""
        report = odd_report()

        text = gr_json.dumps(report, indent=None)

        assert text.count("\n") == 1
        assert identical(report, gr_json.loads(text))

    def test_provenance(self) -> None:
        """Provenance is written when present and read back (not part of ==, so compared alone)."""
        provenance = Provenance(
            "seed-000.txt",
            "text",
            (
                Diagnostic(
                    "label_variant", "line 40: 2、 for 二、", Severity.INFO, 40, None, (1, 2)
                ),
            ),
        )
        report = Report.from_cells({}, provenance=provenance)

        text = gr_json.dumps(report)

        assert provenance == gr_json.loads(text).provenance
        assert "provenance" not in json.loads(gr_json.dumps(report, provenance=False))

    def test_registered_format(self) -> None:
        """gr.dumps(format="json") is this writer, and gr.loads detects it."""
        report = seed_report("seed-004")

        text = gr.dumps(report, format="json")

        assert gr_json.dumps(report) == text
        assert identical(report, gr.loads(text))


class TestRoundTrip:
    @pytest.mark.parametrize("name", SEEDS)
    def test_seeds(self, name: str) -> None:
        """Each seed reads back equal, with every printed text and digit kept."""
        report = seed_report(name)

        assert identical(report, gr_json.loads(gr_json.dumps(report)))

    def test_odd_cells_and_sections(self) -> None:
        """Blanks, markers, text, annotations, absent cells and missing headings survive."""
        report = odd_report()

        back = gr_json.loads(gr_json.dumps(report))

        assert identical(report, back)
        assert back.section(2).heading is None
        assert back.t2.admin_fees.amount.printed == "3.30"

    def test_provenance_of_a_document_without_one(self) -> None:
        """A document without provenance is read with Provenance(source, "json")."""
        text = gr_json.dumps(seed_report("seed-000"), provenance=False)

        back = gr_json.loads(text, source="r.json")

        assert back.provenance == Provenance("r.json", "json", ())

    @given(reports())
    def test_any_report(self, report: Report) -> None:
        """Any report the model can hold reads back identical."""
        assert identical(report, gr_json.loads(gr_json.dumps(report)))


def _seed_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(gr_json.dumps(seed_report("seed-000")))
    return data


def _messages(data: object) -> list[str]:
    with pytest.raises(gr.StructureError) as info:
        gr_json.loads(json.dumps(data, ensure_ascii=False))
    return info.value.messages()


def _cells(data: dict[str, object]) -> dict[str, object]:
    cells = data["cells"]
    assert isinstance(cells, dict)
    return cells


class TestBadJson:
    def test_invalid_json(self) -> None:
        """Text that is not JSON is a ParseError with the line and column."""
        text = gr_json.dumps(seed_report("seed-000")).replace('"year": 2024,', '"year": 2024')

        with pytest.raises(gr.ParseError) as info:
            gr_json.loads(text, source="r.json")

        assert (info.value.line, info.value.column) == (7, "5")
        assert str(info.value).startswith(
            "r.json, line 7, column 5: invalid JSON: expected ',' delimiter"
        )

    def test_duplicate_key(self) -> None:
        """A cell given twice is a ParseError at the second one, not a silent overwrite."""
        text = gr_json.dumps(seed_report("seed-000")).replace(
            '"t3.granted.total": 9,', '"t3.granted.total": 9,\n    "t3.granted.total": 10,'
        )

        with pytest.raises(gr.ParseError) as info:
            gr_json.loads(text)

        assert info.value.path == "t3.granted.total"
        assert text.split("\n")[info.value.line - 1].strip() == '"t3.granted.total": 10,'

    def test_count_given_as_text(self) -> None:
        """A count given as text names the cell, what was expected and what was found."""
        data = _seed_data()
        _cells(data)["t3.new_received.natural_person"] = "六"

        assert _messages(data) == [
            "expected a count, got '六' @ $.cells[\"t3.new_received.natural_person\"]"
        ]

    def test_amount_given_as_a_float(self) -> None:
        """The amount given as a JSON number (which loses digits) is refused."""
        data = _seed_data()
        _cells(data)["t2.admin_fees.amount"] = 3.3

        assert _messages(data) == [
            (
                'expected an amount in 万元 as a decimal string such as "3.30", got 3.3'
                ' @ $.cells["t2.admin_fees.amount"]'
            )
        ]

    def test_negative_count(self) -> None:
        """A negative count is refused, inside the object form too."""
        data = _seed_data()
        _cells(data)["t4.review.total"] = {"value": -3, "printed": "-3"}

        assert _messages(data) == [
            'expected a count ≥ 0, got -3 @ $.cells["t4.review.total"].value'
        ]

    def test_missing_and_unknown_cells(self) -> None:
        """A missing cell is not guessed, and a misspelt path gets a suggestion."""
        data = _seed_data()
        cells = _cells(data)
        cells["t3.granted.totl"] = cells.pop("t3.granted.total")

        assert _messages(data) == [
            (
                "unknown cell path 't3.granted.totl'; did you mean t3.granted.total,"
                " t3.granted.other_org, t3.granted.commercial? @ $.cells"
            ),
            (
                "missing cell (write null for a cell the report does not give)"
                ' @ $.cells["t3.granted.total"]'
            ),
        ]

    def test_newer_schema_version(self) -> None:
        """A newer schema_version says to upgrade instead of misreading the document."""
        data = _seed_data()
        data["schema_version"] = 2

        assert _messages(data) == [
            (
                "schema_version 2 is newer than this version of govinfo-report can read"
                " (it reads 1); upgrade govinfo-report @ $.schema_version"
            )
        ]

    @pytest.mark.parametrize(
        ("version", "message"),
        [
            ("1", "expected schema_version 1, got '1' @ $.schema_version"),
            (0, "expected schema_version 1, got 0 @ $.schema_version"),
        ],
    )
    def test_unknown_schema_version(self, version: object, message: str) -> None:
        """A schema_version that is not 1 is a clear error."""
        data = _seed_data()
        data["schema_version"] = version

        assert [message] == _messages(data)

    def test_missing_schema_version(self) -> None:
        """JSON without schema_version is not taken for a report."""
        data = _seed_data()
        del data["schema_version"]

        assert _messages(data) == ['missing key "schema_version" (expected 1) @ $']

    def test_not_an_object(self) -> None:
        """A JSON array is not a report."""
        assert _messages([1, 2]) == [
            "expected a JSON object with schema_version 1, got [1, 2] @ $"
        ]

    def test_sections(self) -> None:
        """Sections must be the six, numbered in order."""
        data = _seed_data()
        sections = data["sections"]
        assert isinstance(sections, list)
        sections[1]["number"] = 3
        del sections[5]

        assert _messages(data) == [
            "expected the six sections 1–6 in order, got 5 sections @ $.sections",
            "expected section number 2, got 3 @ $.sections[1].number",
        ]

    def test_every_bad_field_is_listed(self) -> None:
        """messages() lists every bad field, in document order, not only the first."""
        data = _seed_data()
        meta = data["meta"]
        assert isinstance(meta, dict)
        meta["year"] = "2024"
        meta["agancy"] = "x"
        sections = data["sections"]
        assert isinstance(sections, list)
        sections[2]["heading"] = 3
        cells = _cells(data)
        cells["t2.regulations.issued"] = True
        cells["t3.new_received.natural_person"] = "六"
        cells["t3.granted.total"] = {"value": 9}
        cells["t4.review.total"] = 3.0
        data["provenance"] = {"diagnostics": [{"code": "x", "message": "y", "severity": "bad"}]}

        assert _messages(data) == [
            "unknown key 'agancy' @ $.meta",
            "expected an integer, got '2024' @ $.meta.year",
            "expected a string, got 3 @ $.sections[2].heading",
            'expected a count, got True @ $.cells["t2.regulations.issued"]',
            "expected a count, got '六' @ $.cells[\"t3.new_received.natural_person\"]",
            'missing required key @ $.cells["t3.granted.total"].printed',
            'expected a count, got 3.0 @ $.cells["t4.review.total"]',
            (
                "expected one of 'error', 'warning', 'info', got 'bad'"
                " @ $.provenance.diagnostics[0].severity"
            ),
        ]

    def test_structure_error_is_an_exception_group(self) -> None:
        """StructureError groups one FieldError per bad field; its message names the file and the fields."""
        data = _seed_data()
        _cells(data)["t3.granted.total"] = "九"
        _cells(data)["t3.partial.total"] = -8

        with pytest.raises(gr.StructureError) as info:
            gr_json.loads(json.dumps(data), source="r.json")

        assert isinstance(info.value, ExceptionGroup)
        assert [e.path for e in info.value.exceptions if isinstance(e, FieldError)] == [
            "t3.granted.total",
            "t3.partial.total",
        ]
        assert info.value.message == (
            "r.json: cannot read the report: 2 fields cannot be read: "
            "expected a count, got '九' @ $.cells[\"t3.granted.total\"]; "
            'expected a count ≥ 0, got -8 @ $.cells["t3.partial.total"]'
        )

    def test_empty(self) -> None:
        """Empty text is a ParseError, not a JSON traceback."""
        with pytest.raises(gr.ParseError, match="empty input"):
            gr_json.loads("  \n", source="r.json")


class TestLenient:
    def test_bad_cells_are_kept_as_printed_and_reported(self) -> None:
        """Lenient reading keeps a bad cell's text as printed and reports every problem."""
        data = _seed_data()
        _cells(data)["t3.new_received.natural_person"] = "25件"
        _cells(data)["t3.granted.total"] = 9.0
        meta = data["meta"]
        assert isinstance(meta, dict)
        meta["year"] = "2024"

        report = gr_json.loads(json.dumps(data), lenient=True)

        assert Cell(25, "25件") == report.t3.new_received.natural_person
        assert Cell() == report.t3.granted.total
        assert report.meta.year is None
        assert report.meta.agency == "北京市西城区卫生健康委员会"
        assert report.provenance is not None
        assert [(d.code, d.path, d.message) for d in report.provenance.diagnostics] == [
            ("json_field", None, "expected an integer, got '2024' @ $.meta.year"),
            (
                "json_field",
                "t3.new_received.natural_person",
                "expected a count, got '25件' @ $.cells[\"t3.new_received.natural_person\"]",
            ),
            (
                "json_field",
                "t3.granted.total",
                'expected a count, got 9.0 @ $.cells["t3.granted.total"]',
            ),
        ]

    def test_schema_version_still_raises(self) -> None:
        """Even a lenient read refuses a document of an unknown schema_version."""
        data = _seed_data()
        data["schema_version"] = 7

        with pytest.raises(gr.StructureError):
            gr_json.loads(json.dumps(data), lenient=True)


class TestConverter:
    def test_own_converter(self) -> None:
        """make_converter returns a new converter each time, never cattrs' global one."""
        first, second = make_converter(), make_converter()

        assert first is not second
        assert first is not cattrs.global_converter

    def test_structure_raises_structure_error(self) -> None:
        """converter.structure(data, Report) collects errors like loads does."""
        data = _seed_data()
        _cells(data)["t3.granted.total"] = "九"

        with pytest.raises(gr.StructureError) as info:
            make_converter().structure(data, Report)

        assert (info.value.messages()) == [
            "expected a count, got '九' @ $.cells[\"t3.granted.total\"]"
        ]

    def test_global_converter_untouched(self) -> None:
        """cattrs' global converter still structures ints leniently: ours did not change it."""
        assert cattrs.structure("2024", int) == 2024


# -- the JSON Schema ---------------------------------------------------------------------


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))


class TestSchema:
    def test_committed_file_is_generated(self) -> None:
        """docs/report.schema.json is exactly what json_schema() generates."""
        generated = json.dumps(gr_json.json_schema(), ensure_ascii=False, indent=2) + "\n"

        assert generated == SCHEMA_FILE.read_text("utf-8")

    def test_schema_is_valid(self) -> None:
        """The schema is itself a valid draft 2020-12 schema."""
        jsonschema.Draft202012Validator.check_schema(gr_json.json_schema())

    def test_every_path_listed(self) -> None:
        """All 200 paths are required properties, in canonical order, with their labels."""
        cells = gr_json.json_schema()["properties"]["cells"]  # type: ignore[index]

        assert list(CELL_PATHS) == cells["required"] == list(cells["properties"])
        assert cells["properties"]["t3.denied_enforcement_file.natural_person"]["description"] == (
            "表三 三、本年度办理结果 （三）不予公开 7.属于行政执法案卷 / 自然人 — table 3, "
            "refused: administrative enforcement file / natural persons"
        )

    @pytest.mark.parametrize("name", SEEDS)
    def test_seeds_validate(self, name: str) -> None:
        """The seeds' JSON is valid against the schema."""
        _validator().validate(json.loads(gr_json.dumps(seed_report(name))))

    @pytest.mark.parametrize("blanks", BLANKS)
    def test_generated_reports_validate_and_round_trip(self, blanks: str) -> None:
        """Synthetic reports of every size and blank style are valid and read back identical."""
        validator = _validator()
        for report in generate_batch(12, f"json-{blanks}", blanks=blanks):
            text = gr_json.dumps(report)

            validator.validate(json.loads(text))
            assert identical(gr_json.loads(text), report)

    def test_odd_report_validates(self) -> None:
        """Blanks, markers, text and absent cells are valid too."""
        _validator().validate(json.loads(gr_json.dumps(odd_report())))

    @given(reports())
    def test_any_report_validates(self, report: Report) -> None:
        """Whatever dumps writes is valid against the schema."""
        _validator().validate(json.loads(gr_json.dumps(report)))

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            ("t3.new_received.natural_person", "六"),
            ("t2.admin_fees.amount", 3.3),
            ("t2.admin_fees.amount", "3,3"),
            ("t4.review.total", -1),
            ("t4.review.total", {"value": 1}),
            ("t4.review.total", {"value": 1, "printed": "1", "note": ""}),
        ],
    )
    def test_schema_refuses_what_loads_refuses(self, path: str, value: object) -> None:
        """A cell that loads refuses is invalid against the schema as well."""
        data = _seed_data()
        _cells(data)[path] = value

        assert not _validator().is_valid(data)
        with pytest.raises(gr.StructureError):
            gr_json.loads(json.dumps(data))

    def test_schema_refuses_missing_cell(self) -> None:
        """A document missing a cell path is invalid against the schema."""
        data = _seed_data()
        del _cells(data)["t2.coercion.decisions"]

        assert not _validator().is_valid(data)
