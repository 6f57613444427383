"""Reading by evidence: aligned rows, readings chosen per table, honest inference.

Each test pins a behaviour of the shared reading engine (``codecs/_reading``,
``_align``, ``_evidence``) on a real corpus file or on a text built to show one
rendering family's trait.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.codecs import glued, pdftext
from govinfo_report.synthetic import MUTATION_KINDS, NOISE_KNOBS, STYLES, generate, render

from .conftest import CORPUS, expected


def as_json(value: int | Decimal | None) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def cells_of(report: gr.Report) -> dict[str, int | str | None]:
    return {path: as_json(value) for path, value in report.cells().items()}


class TestRealRenderings:
    def test_009_pipe_one_cell_per_line_without_separators(self) -> None:
        """``56 |`` / ``|`` … / ``56 |`` / ``||``: every cell of corpus 009, blanks in place."""
        report = gr.load(CORPUS / "009.txt", lenient=True)

        assert cells_of(report) == expected("009")["cells"]

    def test_101_converter_markdown(self) -> None:
        """Corpus 101 (fragmented rows, spilled labels, repeated headings): nothing wrong or invented.

        The two table-二 rows ``| 规章 | 22 | 235 |`` lack a cell that no identity
        can place: their cells stay absent, with a diagnostic; all else is read.
        """
        report = gr.load(CORPUS / "101.md", lenient=True)
        want = expected("101")["cells"]
        got = cells_of(report)

        differing = {path for path in want if want[path] != got[path]}
        assert differing == {
            "t2.regulations.issued",
            "t2.regulations.in_force",
            "t2.normative_documents.issued",
            "t2.normative_documents.in_force",
        }
        assert all(got[path] is None for path in differing)
        assert report.provenance is not None
        assert report.provenance.reading is not None
        assert "rows aligned" in report.provenance.reading

    @pytest.mark.parametrize("style", ["ocr_md", "converter_md", "pipe_cells_nosep"])
    def test_real_world_styles_read_back(self, style: str) -> None:
        """OCR and converter Markdown, one-cell-per-line pipe text: every cell read back."""
        for seed in range(3):
            report = generate(f"reading:{seed}")
            rendered = render(report, style, seed=seed)

            back = gr.loads(rendered.text, lenient=True)

            assert back.cells() == report.cells(), (style, seed)

    def test_markdown_of_the_library_without_its_comment_reads_strictly(self) -> None:
        """Table 四 as three rows of five is read by the aligned reading, in strict mode too."""
        report = gr.load(CORPUS / "seed-000.txt")
        text = gr.dumps(report, format="markdown").split("\n", 2)[2]

        back = gr.loads(text)

        assert back.cells() == report.cells()
        assert back.provenance is not None
        assert back.provenance.reading is not None


class TestAlignment:
    def test_a_label_printed_around_its_values(self) -> None:
        """PDF text ``（一`` / ``3 0 0 0 0 0 3`` / ``）予以公开``: the values are 予以公开's."""
        report = gr.load(CORPUS / "seed-000.txt")
        text = pdftext.dumps(report).replace("（一）予以公开 ", "（一\n", 1)
        row = " ".join(str(c.value) for c in report.t3.granted.cells())
        text = text.replace(f"（一\n{row}", f"（一\n{row}\n）予以公开", 1)

        back = gr.loads(text, format="pdftext", lenient=True)

        assert back.t3.granted == report.t3.granted
        assert back.t3.partial == report.t3.partial

    def test_a_row_without_label_takes_the_only_place_left(self) -> None:
        """A row of values with a misprinted label between two known rows: read there, with a warning."""
        report = gr.load(CORPUS / "seed-000.txt")
        text = gr.dumps(report, format="pipe").replace("7.属于行政执法案卷", "7.属于行政执法安卷")

        back = gr.loads(text, lenient=True)

        assert back.t3.denied_enforcement_file == report.t3.denied_enforcement_file
        assert back.provenance is not None
        assert "row_by_position" in [d.code for d in back.provenance.diagnostics]
        with pytest.raises(gr.ParseError, match="row label not recognised"):
            gr.loads(text)  # strict: a row placed by position is no exact reading

    def test_padding_bars_are_no_cells(self) -> None:
        """``| 2.重复申请 | 2 | 0 | 0 | 0 | 2 | ||``: short row, never filled from the left."""
        report = gr.load(CORPUS / "seed-000.txt")
        row = report.t3.total_processed
        printed = " | ".join(str(c.value) for c in row.cells())
        text = gr.dumps(report, format="pipe")
        line = next(li for li in text.splitlines() if "（七）总计" in li)
        short = line.replace(f"| {printed} |", "| 26 | 1 | 27 | ||")

        back = gr.loads(text.replace(line, short), lenient=True)

        assert back.t3.total_processed.legal_service.value is None
        assert back.t3.total_processed.other_org.value is None


_HEADINGS = {2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况", 4: "行政复议"}


class TestHeadlessTables:
    @pytest.mark.parametrize("format", ["text", "pipe", "pdftext", "markdown"])
    @pytest.mark.parametrize("sections", [(2,), (3,), (4,), (2, 3, 4)])
    def test_a_table_without_its_section_heading_is_read(
        self, format: str, sections: tuple[int, ...]
    ) -> None:
        """A dropped heading: the table is found by its first label, and the report says so."""
        report = generate("headless:3")
        lines = gr.dumps(report, format=format).split("\n")
        if format == "markdown":
            lines = lines[2:]  # not the library's own dialect
        kept = [
            line
            for line in lines
            if not any(
                "|" not in line
                and line.lstrip("# ").startswith(f"{'一二三四'[n - 1]}、")
                and _HEADINGS[n] in line
                for n in sections
            )
        ]
        assert len(kept) == len(lines) - len(sections)

        read = gr.loads("\n".join(kept), format=format, lenient=True)

        assert read.cells() == report.cells()
        if format == "text":
            return  # the Word export's tab-separated rows are tables wherever they stand
        notes = [d.message for d in read.provenance.diagnostics if d.code == "heading_missing"]
        assert len(notes) == len(sections)
        for note, n in zip(notes, sections, strict=True):
            number = "一二三四"[n - 1]
            assert note.startswith(
                f"section {number}'s heading is not in the text: table {number} is read from"
            )

    def test_a_table_label_in_prose_is_no_table(self) -> None:
        """Only a line opening with the label moves: prose that mentions it stays prose."""
        report = generate("headless:4")
        text = gr.dumps(report, format="text").replace(
            "四、政府信息公开行政复议、行政诉讼情况\n", ""
        )
        read = gr.loads(text, format="text", lenient=True)
        assert read.section(3).text == report.section(3).text
        assert read.cells() == report.cells()


class TestEvidence:
    def test_another_reader_wins_when_it_reads_more(self) -> None:
        """Text detected as one rendering but read better by another: the better reading, and why."""
        report = gr.load(CORPUS / "seed-000.txt")
        text = gr.dumps(report, format="pdftext")

        back = gr.loads(text, lenient=True)

        assert back.cells() == report.cells()

    def test_forced_format_is_kept(self) -> None:
        """``format=`` forces one reader: no other is tried."""
        text = (CORPUS / "101.md").read_text("utf-8")

        back = gr.loads(text, format="pdftext", lenient=True)

        assert back.provenance is not None
        assert back.provenance.format == "pdftext"
        assert "readers tried" not in (back.provenance.reading or "")


class TestHonestInference:
    def test_glued_cut_chosen_by_identities_is_marked(self) -> None:
        """A transposed digit in glued text: the cut the identities pick is marked inferred,
        and validation does not call the report fully checked."""
        broken = generate("m:44", mutations=["transpose"])
        text = gr.dumps(broken.report, format="glued")

        back = gr.loads(text, format="glued", lenient=True)
        result = gr.validate(back)

        differing = [
            path
            for path, value in back.cells().items()
            if value is not None and value != broken.report.cell(path).value
        ]
        assert differing, "the mutation is visible in the glued reading"
        assert back.provenance is not None
        assert all(back.provenance.cells[path].inferred_by for path in differing)
        used = back.provenance.inferring_rules
        assert used & {n.rule_id for n in result.not_evaluated} == used
        assert not result.fully_checked

    def test_digits_printed_apart_are_never_joined(self) -> None:
        """``0 0 0 0 0 049 0`` is no row with a 490 in it; ``51`` / ``28`` is no 5128."""
        text = (CORPUS / "001.txt").read_text("utf-8")
        label = "4.无正当理由大量反复申请"
        start = text.index(label) + len(label)
        end = start + len("0000000")
        damaged = text[:start] + "0 0 0 0 0 049 0" + text[end:]

        back = glued.loads(damaged, lenient=True)

        assert 490 not in [c.value for c in back.t3.not_processed_excessive.cells()]
        joined = glued.loads("\t行政许可\n\t51\n\n\t28\n", lenient=True)
        assert joined.t2.licensing.decisions.value != 5128

    def test_a_space_before_the_values_is_no_blank_cell(self) -> None:
        """PDF-like text read as glued: ``… 61 14 2 1 6 84`` lost a blank; which one is not guessed."""
        report = gr.load(CORPUS / "seed-000.txt")
        text = pdftext.dumps(report)
        row = [str(c.value) for c in report.t3.new_received.cells()]
        line = next(li for li in text.splitlines() if li.startswith("一、本年新收"))
        text = text.replace(line, "一、本年新收政府信息公开申请数量 " + " ".join(row[1:]))

        back = gr.loads(text, format="glued", lenient=True)

        assert back.t3.new_received.natural_person.value is None

    def test_pdf_text_cut_after_a_short_row_places_nothing_by_position(self) -> None:
        """PDF text ending ``… 4 1 5``: cut off, or blanks vanished? Never read from the left."""
        report = gr.load(CORPUS / "seed-000.txt")
        text = pdftext.dumps(report)
        keep = text[: text.index("（二）部分公开")]
        cut = keep + "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 4 1 5\n"

        back = gr.loads(cut, format="pdftext", lenient=True)

        assert [c.value for c in back.t3.partial.cells()][:3] != [4, 1, 5]


_STYLES_NOISE = ("none", "cut", "halfwidth", "split_labels", "page_markers", "label_spaces")


@given(
    seed=st.integers(0, 10_000),
    style=st.sampled_from(STYLES),
    noise=st.sampled_from(_STYLES_NOISE),
    mutation=st.sampled_from(MUTATION_KINDS),
)
@example(seed=1335, style="pdf_vertical", noise="split_labels", mutation="offset")
@settings(max_examples=60, deadline=None)
def test_every_cell_read_is_printed_unresolved_or_inferred(
    seed: int, style: str, noise: str, mutation: str
) -> None:
    """A report broken by any mutation, in any style: every cell read is the printed one,
    absent, or marked inferred; and validation never calls it fully checked and clean when
    a cell read differs from the printed one."""
    broken = generate(seed, mutations=[mutation])
    knobs = {} if noise == "none" else {noise: NOISE_KNOBS[noise][0]}
    rendered = render(broken.report, style, noise=knobs, seed=seed)

    back = gr.loads(rendered.text, lenient=True)

    assert back.provenance is not None
    differs = False
    for path, value in back.cells().items():
        printed = broken.report.cell(path).value
        if value is None or value == printed:
            continue
        differs = True
        origin = back.provenance.cells.get(path)
        assert origin is not None, (path, value, printed)
        assert origin.inferred_by, (path, value, printed)
    if differs:
        result = gr.validate(back)
        assert not (result.ok and result.fully_checked)


def test_a_short_last_row_followed_by_prose_is_no_cut_text() -> None:
    """Table 四's row short of cells, then prose (section 五's heading missing): the text goes
    on, so the row is not read from the left as if the text stopped inside it."""
    noise = {
        "split_labels": 0.77,
        "page_markers": 0.41,
        "cell_notes": 0.94,
        "renumber": 0.94,
        "blank": 0.92,
        "drop": 0.66,
    }
    rendered = render(generate("combo3:6"), "pipe_cells_nosep", noise=noise, seed=6)
    assert "\n3 |\n（一）存在的主要问题\n" in rendered.text  # ten of fifteen values, then prose

    read = gr.loads(rendered.text, lenient=True)

    assert not any(d.code == "truncated" for d in read.provenance.diagnostics)
    for path, value in read.cells().items():
        assert value in (None, rendered.report.value(path)), path
