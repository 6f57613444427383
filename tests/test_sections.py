"""Sections found by heading text; front matter read into title, agency, year and preamble."""

from __future__ import annotations

import pytest

from govinfo_report.codecs._sections import (
    Line,
    find_heading,
    numbered_lines,
    parse_title,
    read_meta,
    split_sections,
)
from tests.conftest import CORPUS


def headings(text: str) -> list[str | None]:
    outline = split_sections(numbered_lines(text))
    return [s.heading.text if s.heading else None for s in outline.sections]


class TestFindHeading:
    @pytest.mark.parametrize(
        ("line", "section"),
        [
            ("一、总体情况", 1),
            ("二、主动公开政府信息情况", 2),
            ("2、 主动公开政府信息情况", 2),
            ("3、 收到和处理政府信息公开申请情况", 3),
            ("（3）收到和处理政府信息公开申请情况", 3),
            ("收到和处理政府信息公开申请情况", 3),
            ("四、因政府信息公开工作被申请行政复议提起行政诉讼情况", 4),
            ("四、政府信息公开行政复议、行政诉讼情况", 4),
            ("五、政府信息公开工作存在的主要问题及改进情况", 5),
            ("五、存在的主要问题及改进情况。", 5),
            ("六、其他需要报告的事项", 6),
            ("  六 、 其他需要报告的事项  ", 6),
        ],
    )
    def test_variants(self, line: str, section: int) -> None:
        """Any ordinal and the known heading variants name their section."""
        found = find_heading(line)

        assert found is not None
        assert section == found[0]

    @pytest.mark.parametrize(
        "line",
        [
            "（3） 政府信息管理",
            "三、本年度办理结果",
            "一、本年新收政府信息公开申请数量",
            "政府信息公开平台建设",
        ],
    )
    def test_not_headings(self, line: str) -> None:
        """Sub-headings and table row labels are not section headings."""
        assert find_heading(line) is None


class TestSplit:
    def test_subheading_repeating_a_section_title(self) -> None:
        """``(一)主动公开政府信息情况`` inside 一 does not start section 二 (corpus 007)."""
        text = (CORPUS / "007.txt").read_text("utf-8")
        outline = split_sections(numbered_lines(text))

        assert outline.section(2).heading is not None
        assert outline.section(2).heading.number == 13
        assert any(ln.text == "(一)主动公开政府信息情况" for ln in outline.section(1).body)

    def test_seed_numbering(self) -> None:
        """Seed 000: ``2、``/``3、`` are headings, ``（3） 政府信息管理`` stays in section 一."""
        text = (CORPUS / "seed-000.txt").read_text("utf-8")

        assert headings(text) == [
            "一、总体情况",
            "2、 主动公开政府信息情况",
            "3、 收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]

    def test_missing_heading(self) -> None:
        """A report without a 五 heading (SH25) has section 五 absent; its text stays in 四."""
        text = "一、总体情况\n甲\n四、政府信息公开行政复议、行政诉讼情况\n乙\n六、其他需要报告的事项\n丙"

        assert (headings(text)) == [
            "一、总体情况",
            None,
            None,
            "四、政府信息公开行政复议、行政诉讼情况",
            None,
            "六、其他需要报告的事项",
        ]

    def test_renumbered_sections(self) -> None:
        """KW24 inserts ``二、工作机制保障`` and renumbers: sections are found by their text."""
        text = (
            "一、总体情况\n甲\n二、工作机制保障\n乙\n三、主动公开政府信息情况\n"
            "四、收到和处理政府信息公开申请情况\n五、政府信息公开行政复议、行政诉讼情况\n"
            "六、存在的主要问题及改进情况\n七、其他需要报告的事项\n"
        )

        assert headings(text) == [
            "一、总体情况",
            "三、主动公开政府信息情况",
            "四、收到和处理政府信息公开申请情况",
            "五、政府信息公开行政复议、行政诉讼情况",
            "六、存在的主要问题及改进情况",
            "七、其他需要报告的事项",
        ]

    def test_sections_come_in_order(self) -> None:
        """A heading of an earlier section after a later one is text, not a heading."""
        text = "一、总体情况\n三、收到和处理政府信息公开申请情况\n二、主动公开政府信息情况\n"

        assert headings(text)[:3] == ["一、总体情况", None, "三、收到和处理政府信息公开申请情况"]

    def test_no_heading_at_all(self) -> None:
        """Without headings the whole text is front matter."""
        outline = split_sections(numbered_lines("甲\n乙"))

        assert len(outline.front) == 2
        assert all(s.heading is None for s in outline.sections)


class TestTitle:
    @pytest.mark.parametrize(
        ("title", "agency", "year"),
        [
            (
                "北京市西城区卫生健康委员会2024年政府信息公开工作年度报告",
                "北京市西城区卫生健康委员会",
                2024,
            ),
            ("平潭综合实验区2021年度政府信息公开工作年度报告", "平潭综合实验区", 2021),
            ("沭阳县发展和改革局2023年政府信息公开年度报告", "沭阳县发展和改革局", 2023),
            ("标题: 平潭综合实验区2021年度政府信息公开工作年度报告", "平潭综合实验区", 2021),
            ("2024年政府信息公开工作年度报告", None, 2024),
        ],
    )
    def test_parse(self, title: str, agency: str | None, year: int) -> None:
        """The title gives agency and year in all its variants."""
        assert (agency, year) == parse_title(title)

    def test_broken_title(self) -> None:
        """Seed 004's title over two lines (a blank between) is joined."""
        front = numbered_lines(
            "杭州市余杭区卫生健康局2024年政府信息\n\n公开工作年度报告\n根据条例编制。"
        )
        meta = read_meta(front)

        assert meta.title == "杭州市余杭区卫生健康局2024年政府信息公开工作年度报告"
        assert meta.preamble == "根据条例编制。"

    def test_year_from_the_reporting_period(self) -> None:
        """Without a title, the 统计期限 gives the year."""
        front = numbered_lines("某局\n本报告所列数据统计期限自2023年1月1日至12月31日。")

        assert read_meta(front).year == 2023

    def test_year_hint_lines(self) -> None:
        """The 统计期限 may sit in section 一."""
        meta = read_meta(
            [],
            year_hint_lines=[
                Line("本报告中所列数据的统计期限为2021年1月1日至2021年12月31日。", 5)
            ],
        )

        assert meta.year == 2021

    def test_crawler_chrome_is_preamble(self) -> None:
        """Corpus 001: the crawler's header lines stay in the preamble; the title is read."""
        lines = (CORPUS / "001.txt").read_text("utf-8").splitlines()[:9]
        meta = read_meta(numbered_lines("\n".join(lines)))

        assert (meta.agency, meta.year) == ("平潭综合实验区", 2021)
        assert meta.preamble.startswith("发布时间: 2022-02-08 16:34")

    def test_attachment_line_before_title(self) -> None:
        """``附件1`` before the title is preamble; the title is not."""
        meta = read_meta(
            numbered_lines("附件1\n\n某局2024年政府信息公开工作年度报告\n\n依据条例编制本报告。")
        )

        assert meta.title == "某局2024年政府信息公开工作年度报告"
        assert meta.preamble == "附件1\n依据条例编制本报告。"


class TestDigitsOfOtherScripts:
    """Only ASCII and full-width digits are digits of the form (SPEC §8).

    Arabic-Indic ``١٢``, Devanagari ``१``, footnote marks ``①`` and
    superscripts ``²`` are no ordinal and no year: reading them as one would
    move a section or invent a year.
    """

    @pytest.mark.parametrize(
        "line",
        [
            "(١٢)主动公开政府信息情况",
            "(٢)主动公开政府信息情况",
            "٢、主动公开政府信息情况",
            "२、主动公开政府信息情况",
            "（߂）主动公开政府信息情况",
        ],
    )
    def test_no_ordinal_of_other_scripts(self, line: str) -> None:
        """``(١٢)`` is not the ordinal 12, nor ``٢、`` the ordinal 2."""
        assert find_heading(line) is None

    @pytest.mark.parametrize(
        ("line", "found"),
        [
            ("（２）主动公开政府信息情况", (2, "paren", 2)),
            ("２、主动公开政府信息情况", (2, "arabic", 2)),
            ("(12)主动公开政府信息情况", (2, "paren", 12)),
        ],
    )
    def test_full_width_and_ascii_ordinals(self, line: str, found: tuple[int, str, int]) -> None:
        """Full-width and ASCII digits stay ordinals."""
        assert find_heading(line) == found

    def test_other_script_ordinal_does_not_move_a_section(self) -> None:
        """A line ``٢、…`` in section 一 is not the heading of section 二."""
        text = "一、总体情况\n٢、主动公开政府信息情况\n正文\n二、主动公开政府信息情况\n表格"

        outline = split_sections(numbered_lines(text))

        assert outline.sections[1].heading is not None
        assert outline.sections[1].heading.text == "二、主动公开政府信息情况"

    @pytest.mark.parametrize(
        "title",
        [
            "某局٢٠٢٤年政府信息公开工作年度报告",
            "某局२०२४年政府信息公开工作年度报告",
            "某局20٢٤年政府信息公开工作年度报告",
            "某局20२४年政府信息公开工作年度报告",
            "某局202④年政府信息公开工作年度报告",
            "某局202⁴年政府信息公开工作年度报告",
        ],
    )
    def test_no_year_of_other_scripts(self, title: str) -> None:
        """A title whose year is not printed in the form's digits gives no year."""
        parsed = parse_title(title)

        assert parsed is None or parsed[1] is None

    def test_full_width_year(self) -> None:
        """A year of full-width digits is a year."""
        assert parse_title("某局２０２４年政府信息公开工作年度报告") == ("某局", 2024)

    @pytest.mark.parametrize("year", ["٢٠٢١", "20٢١", "20२१", "202①"])
    def test_no_period_year_of_other_scripts(self, year: str) -> None:
        """The 统计期限 gives no year unless printed in the form's digits."""
        meta = read_meta([Line(f"本报告所列数据的统计期限为{year}年1月1日至12月31日。", 1)])

        assert meta.year is None
