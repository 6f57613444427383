"""The report model: paths, labels, cells, immutability, edits."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    FORMAT_2021,
    T3_COLUMNS,
    T3_ROWS,
    Cell,
    Presence,
    Report,
    cell_spec,
    match_key,
    normalize_text,
)

SPEC_T3_ROWS = [
    "new_received",
    "carried_over",
    "granted",
    "partial",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_security_stability",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_file",
    "denied_admin_query",
    "unable_not_held",
    "unable_needs_creation",
    "unable_still_unclear",
    "not_processed_petition",
    "not_processed_repeat",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirm_reissue",
    "other_no_correction",
    "other_fee_unpaid",
    "other_other",
    "total_processed",
    "carried_forward",
]


class TestPaths:
    def test_two_hundred_paths_in_canonical_order(self) -> None:
        """There are exactly 200 paths: 10 of table 二, 175 of 三, 15 of 四, in printed order."""
        assert len(CELL_PATHS) == 200
        assert len(set(CELL_PATHS)) == 200
        assert [p for p in CELL_PATHS if p.startswith("t2.")] == [
            "t2.regulations.issued",
            "t2.regulations.repealed",
            "t2.regulations.in_force",
            "t2.normative_documents.issued",
            "t2.normative_documents.repealed",
            "t2.normative_documents.in_force",
            "t2.licensing.decisions",
            "t2.punishment.decisions",
            "t2.coercion.decisions",
            "t2.admin_fees.amount",
        ]
        t3 = [p for p in CELL_PATHS if p.startswith("t3.")]
        assert t3 == [f"t3.{r}.{c}" for r in SPEC_T3_ROWS for c in T3_COLUMNS]
        assert list(T3_ROWS) == SPEC_T3_ROWS
        assert CELL_PATHS[-15:] == tuple(
            f"t4.{g}.{o}"
            for g in ("review", "suit_direct", "suit_after_review")
            for o in ("upheld", "corrected", "other", "pending", "total")
        )

    def test_attribute_chain_is_the_path(self) -> None:
        """``report.t3.granted.natural_person`` is the cell at ``t3.granted.natural_person``."""
        report = Report.from_cells(
            {p: i for i, p in enumerate(CELL_PATHS) if p != "t2.admin_fees.amount"}
        )
        for path in CELL_PATHS:
            table, row, col = path.split(".")
            assert report.cell(path) is getattr(getattr(getattr(report, table), row), col)

    def test_the_expected_cells_use_the_same_paths(self) -> None:
        """The corpus' hand-checked files list exactly the canonical paths in order."""
        from tests.conftest import expected

        assert tuple(expected("seed-000")["cells"]) == CELL_PATHS

    def test_unknown_path_is_named_with_suggestions(self) -> None:
        """A misspelt path raises UnknownPathError naming it and the close matches."""
        with pytest.raises(gr.UnknownPathError, match=r"t3\.granted\.natural_persn") as info:
            Report().cell("t3.granted.natural_persn")
        assert "t3.granted.natural_person" in info.value.suggestions


class TestLabels:
    def test_official_labels_are_byte_exact(self) -> None:
        """Labels use the form's own full-width punctuation and curly quotes."""
        t3 = FORMAT_2021.table("t3")
        assert (
            t3.row("partial").label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        )
        assert t3.row("denied_security_stability").label == "3.危及“三安全一稳定”"
        assert cell_spec("t2.admin_fees.amount").column.label == "本年收费金额（单位：万元）"

    def test_cell_labels(self) -> None:
        """A cell knows its full and its compact label."""
        spec = cell_spec("t3.denied_enforcement_file.natural_person")
        assert spec.label == "表三 三、本年度办理结果 （三）不予公开 7.属于行政执法案卷 / 自然人"
        assert spec.short_label == "三、（三）7.属于行政执法案卷 / 自然人"
        assert (
            cell_spec("t4.suit_direct.pending").short_label
            == "行政诉讼 未经复议直接起诉 / 尚未审结"
        )

    def test_match_key_ignores_rendering_noise(self) -> None:
        """Half-width punctuation, spaces and bookmarks do not change the key."""
        assert match_key("第二十条  第(一)项") == match_key("第二十条第（一）项")
        assert match_key("[bookmark: _GoBack]规 章") == "规章"


class TestCell:
    @pytest.mark.parametrize(
        ("printed", "value", "presence"),
        [
            ("26", 26, Presence.NUMBER),
            ("２６", 26, Presence.NUMBER),
            ("1,234", 1234, Presence.NUMBER),
            ("12件", 12, Presence.NUMBER),
            ("22（其中修订16件）", 22, Presence.NUMBER),
            ("[bookmark: OLE_LINK1]2731", 2731, Presence.NUMBER),
            ("", None, Presence.BLANK),
            ("\xa0", None, Presence.BLANK),
            ("/", None, Presence.MARKER),
            ("不适用", None, Presence.MARKER),
            ("六", None, Presence.TEXT),
            ("3.3", None, Presence.TEXT),
        ],
    )
    def test_parse_count(self, printed: str, value: int | None, presence: Presence) -> None:
        """Printed text becomes a value, and the printed text is kept."""
        cell = Cell.parse(printed)
        assert (value, printed, presence) == (cell.value, cell.printed, cell.presence)

    def test_amount_keeps_its_decimals(self) -> None:
        """``3.30`` stays ``3.30``: a Decimal with its exponent, never a float."""
        cell = Cell.parse("3.30", amount=True)
        assert str(cell.value) == "3.30"
        assert isinstance(cell.value, Decimal)
        assert Cell.parse("24252.311082", amount=True).value == Decimal("24252.311082")

    @pytest.mark.parametrize("bad", [-1, True, 1.5, "3"])
    def test_invalid_values_are_refused(self, bad: object) -> None:
        """Negative numbers, bools, floats and strings are not cell values."""
        with pytest.raises(gr.InvalidCellError):
            Cell(bad)  # type: ignore[arg-type]

    def test_absent_is_not_blank(self) -> None:
        """A cell the text does not give differs from one printed empty."""
        assert Cell().presence is Presence.ABSENT
        assert Cell(None, "").presence is Presence.BLANK
        assert Cell() != Cell(None, "")


class TestReport:
    def test_is_frozen(self) -> None:
        """Reports cannot be changed in place."""
        report = Report()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            report.meta = gr.ReportMeta()  # type: ignore[misc]

    def test_with_cells_returns_a_new_report(self) -> None:
        """Edits return a new report and leave the old one alone."""
        old = Report.from_cells({"t3.granted.total": 9})
        new = old.with_cells({"t3.granted.total": 10, "t2.admin_fees.amount": "3.30"})
        assert old.value("t3.granted.total") == 9
        assert new.value("t3.granted.total") == 10
        assert new.cell("t2.admin_fees.amount") == Cell(Decimal("3.30"))

    @pytest.mark.parametrize(
        ("path", "value", "expected"),
        [
            ("t3.granted.total", -1, "≥ 0"),
            ("t3.granted.total", True, "count"),
            ("t3.granted.total", Decimal(1), "count"),
            ("t2.admin_fees.amount", Cell(3), "Decimal"),
        ],
    )
    def test_invalid_cell_names_the_path(self, path: str, value: object, expected: str) -> None:
        """A value the cell cannot hold raises an error naming the path."""
        with pytest.raises(gr.InvalidCellError, match=expected) as info:
            Report().with_cells({path: value})  # type: ignore[dict-item]
        assert path == info.value.path

    def test_cells_gives_every_path_in_order(self) -> None:
        """``cells()`` maps all 200 paths, in canonical order, to values."""
        report = Report.from_cells({"t4.review.total": 3})
        cells = report.cells()
        assert tuple(cells) == CELL_PATHS
        assert cells["t4.review.total"] == 3
        assert sum(v is not None for v in cells.values()) == 1

    def test_provenance_is_not_content(self) -> None:
        """Two reports with the same content are equal wherever they came from."""
        a = Report(provenance=gr.Provenance(source="a.txt"))
        b = Report(provenance=gr.Provenance(source="b.txt"))
        assert a == b

    def test_sections(self) -> None:
        """There are always six sections; they are edited by number or key."""
        report = Report().with_section("other", text="本年度未收取信息处理费。")
        assert report.section(6).text == "本年度未收取信息处理费。"
        assert report.section(6).canonical_heading == "六、其他需要报告的事项"
        with pytest.raises(ValueError, match="six Section"):
            Report(sections=(gr.Section(1),))

    def test_every_spec_has_an_index(self) -> None:
        """Specs are numbered in canonical order."""
        assert [s.index for s in CELL_SPECS.values()] == list(range(200))


# --- normalize_text: NFKC, except characters NFKC would make digits of ---------------------


def _normalize_char_by_char(text: str) -> str:
    """The definition: NFKC between the characters that NFKC alone would make digits of."""
    import unicodedata

    full_width = "０１２３４５６７８９"
    parts: list[str] = []
    start = 0
    for i, char in enumerate(text):
        normal = unicodedata.normalize("NFKC", char)
        if (
            char not in full_width
            and not char.isascii()
            and any(c.isascii() and c.isdigit() for c in normal)
        ):
            parts.extend((unicodedata.normalize("NFKC", text[start:i]), char))
            start = i + 1
    parts.append(unicodedata.normalize("NFKC", text[start:]))
    return "".join(parts)


_DIGIT_LIKE = "0129０９①⑳²₃⒈⒛١٢߂০൧𝟘𝟡🄁㉑㊿½⅓\u0301\u20e3"


class TestNormalizeText:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("２９（其中１件）", "29(其中1件)"),
            ("29①", "29①"),
            ("5²", "5²"),
            ("１２\u3000３", "12 3"),
            ("行政复议⒈件", "行政复议⒈件"),
            ("١٢", "١٢"),
            ("㉑件", "㉑件"),
            ("ｆｕｌｌ", "full"),
        ],
    )
    def test_known(self, text: str, expected: str) -> None:
        assert normalize_text(text) == expected

    @given(
        st.text(
            st.one_of(
                st.sampled_from(_DIGIT_LIKE),
                st.sampled_from("行政复议件（）ＡＢ　 ，。"),
                st.characters(),
            ),
            max_size=40,
        )
    )
    def test_same_as_char_by_char(self, text: str) -> None:
        """The fast path (whole-text NFKC when no digit appeared) changes nothing."""
        assert normalize_text(text) == _normalize_char_by_char(text)

    def test_every_character_that_becomes_a_digit(self) -> None:
        """Each character NFKC makes digits of is kept, between digits and alone."""
        import sys
        import unicodedata

        found = 0
        for code in range(0x80, sys.maxunicode + 1):
            char = chr(code)
            normal = unicodedata.normalize("NFKC", char)
            if normal == char or not any("0" <= c <= "9" for c in normal):
                continue
            found += 1
            text = f"1{char}２"
            assert normalize_text(text) == _normalize_char_by_char(text), hex(code)
        assert found > 250  # ①…, ², ₃, ⒈, 𝟘…: the characters this guards against
