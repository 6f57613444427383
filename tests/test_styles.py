"""The rendering zoo: styles, noise knobs, expected cells, the CLI, and reading back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.exceptions import InvalidArgument
from govinfo_report.schema import CELL_PATHS, T3_COLUMNS, T3_ROWS
from govinfo_report.strategies import rendered_reports
from govinfo_report.synthetic import (
    NOISE_KNOBS,
    STYLES,
    Rendered,
    generate,
    parse_noise,
    render,
    score_cells,
)

# A busy city government: non-zero table-二 documents, many zero cells too.
REPORT = generate(5, agency_kind="city", size="large", year=2024)
TAGS = re.compile(r"<[^>]*>")
ORDERED = tuple(s for s in STYLES if s != "converter_md")


def number_at(rendered: Rendered, path: str) -> str:
    """The text at the recorded position of *path*'s number (tags removed for HTML)."""
    start, end = rendered.positions[path]
    return TAGS.sub("", rendered.text[start:end])


class TestRender:
    def test_twelve_styles(self) -> None:
        """At least twelve named styles."""
        assert len(STYLES) >= 12
        assert len(set(STYLES)) == len(STYLES)

    @pytest.mark.parametrize("style", STYLES)
    def test_deterministic(self, style: str) -> None:
        """The same report, style, noise and seed give the same text and expected cells."""
        noise = {k: v for k, (v, _) in NOISE_KNOBS.items() if k != "cut"}
        first = render(REPORT, style, noise=noise, seed="s")
        again = render(
            generate(5, agency_kind="city", size="large", year=2024), style, noise=noise, seed="s"
        )

        assert first.text == again.text
        assert dict(first.expected_cells) == dict(again.expected_cells)

    @pytest.mark.parametrize("style", STYLES)
    def test_every_value_printed_as_in_the_report(self, style: str) -> None:
        """Without noise every cell is printed, its number exactly as the report prints it."""
        rendered = render(REPORT, style, seed=3)
        values = REPORT.cells()
        printed = REPORT.printed()
        unsure = {p for p, v in rendered.expected_cells.items() if v is None}
        for path in CELL_PATHS:
            assert number_at(rendered, path) == printed[path], path
            if path not in unsure:
                assert rendered.expected_cells[path] == values[path]
        # Only glued text leaves cells open without noise: rows whose digits split several ways.
        assert not unsure or style == "glued"

    @pytest.mark.parametrize("style", ORDERED)
    def test_values_in_canonical_order(self, style: str) -> None:
        """Styles that keep the order print the 200 numbers in canonical order."""
        rendered = render(REPORT, style, seed=4)
        starts = [rendered.positions[p][0] for p in CELL_PATHS]

        assert starts == sorted(starts)

    def test_converter_markdown_keeps_table_three_and_four_in_order(self) -> None:
        """The converter prints table 二's decision blocks first, tables 三 and 四 in order."""
        rendered = render(REPORT, "converter_md", seed=4)
        paths = [p for p in CELL_PATHS if not p.startswith("t2.")]
        starts = [rendered.positions[p][0] for p in paths]

        assert starts == sorted(starts)

    def test_unknown_style(self) -> None:
        """An unknown style is refused, naming the styles."""
        with pytest.raises(InvalidArgument, match="word_export"):
            render(REPORT, "docx")

    @pytest.mark.parametrize(
        "noise",
        [{"cut": 0}, {"blank": 1.5}, {"bogus": 0.1}, {"drop": "yes"}, {"halfwidth": True}],
    )
    def test_bad_noise(self, noise: dict[str, object]) -> None:
        """Unknown knobs and values out of range are refused."""
        with pytest.raises(InvalidArgument, match="noise knob"):
            render(REPORT, "pipe_rows", noise=noise)  # type: ignore[arg-type]

    def test_parse_noise(self) -> None:
        """``KNOB`` takes the knob's default; ``KNOB=VALUE`` the value."""
        assert parse_noise(["drop", "cut=0.25"]) == {"drop": NOISE_KNOBS["drop"][0], "cut": 0.25}
        with pytest.raises(InvalidArgument, match="cut=NUMBER"):
            parse_noise(["cut=most"])


class TestNoise:
    @pytest.mark.parametrize("knob", sorted(NOISE_KNOBS))
    @pytest.mark.parametrize("style", ["word_export", "pipe_rows", "pdf_text"])
    def test_each_knob_changes_the_text(self, knob: str, style: str) -> None:
        """Switching a knob on (at full strength) changes the text."""
        plain = render(REPORT, style, seed=1)
        value = 0.5 if knob == "cut" else 1.0
        noisy = render(REPORT, style, seed=1, noise={knob: value})

        assert noisy.text != plain.text

    def test_seed_changes_the_noise(self) -> None:
        """Another seed draws other noise."""
        texts = {
            render(REPORT, "word_export", seed=s, noise={"blank": 0.5}).text for s in range(3)
        }

        assert len(texts) == 3

    def test_knobs_draw_independently(self) -> None:
        """Switching one knob on does not move the noise of another."""
        blank = render(REPORT, "pipe_rows", seed=2, noise={"blank": 0.5})
        both = render(REPORT, "pipe_rows", seed=2, noise={"blank": 0.5, "lead_in": 1.0})

        assert dict(blank.expected_cells) == dict(both.expected_cells)

    @pytest.mark.parametrize(("knob", "printed"), [("blank", ""), ("slash", "/")])
    def test_blank_and_slash_cells_are_not_expected(self, knob: str, printed: str) -> None:
        """A zero printed empty or ``/`` is expected ``None``; every other cell keeps its value."""
        rendered = render(REPORT, "word_export", seed=1, noise={knob: 1.0})
        values = REPORT.cells()
        for path in CELL_PATHS:
            want = None if values[path] == 0 else values[path]
            assert rendered.expected_cells[path] == want, path
        assert f"\t{printed}\n" in rendered.text

    def test_dropped_cells_leave_nothing(self) -> None:
        """``drop`` removes zero cells with their separator: a Word row has fewer lines."""
        rendered = render(REPORT, "word_export", seed=1, noise={"drop": 1.0})
        assert "\t0\n" not in rendered.text
        values = REPORT.cells()
        rows: dict[str, list[str]] = {}
        for path in CELL_PATHS:
            rows.setdefault(
                path.rsplit(".", 1)[0] if path.startswith("t3") else path[:2], []
            ).append(path)
        for paths in rows.values():
            whole = all(values[p] != 0 for p in paths)
            for path in paths:
                want = rendered.expected_cells[path]
                # Zeros vanished; a row that lost none keeps every value; no value ever changes.
                assert want is None if values[path] == 0 else want in (None, values[path])
                if whole and not path.startswith("t2."):
                    assert want == values[path], path

    def test_gaps_placed_by_the_row_sums(self) -> None:
        """A value stays expected after a gap only where the row's own sum places it."""
        report = REPORT.with_cells(
            {
                # 5 + 0 + 0 + 0 + 0 + 0 = 5: the zeros vanish, "5 5" reads two ways.
                "t3.partial.natural_person": 5,
                "t3.partial.commercial": 0,
                "t3.partial.research": 0,
                "t3.partial.public_interest": 0,
                "t3.partial.legal_service": 0,
                "t3.partial.other_org": 0,
                "t3.partial.total": 5,
            }
        )
        rendered = render(report, "pdf_text", seed=1, noise={"blank": 1.0})
        assert "（二）部分公开" in rendered.text
        assert all(rendered.expected_cells[f"t3.partial.{c}"] is None for c in T3_COLUMNS)
        # A row with no zero keeps every value.
        full = next(
            r for r in T3_ROWS if all(report.value(f"t3.{r}.{c}") != 0 for c in T3_COLUMNS)
        )
        assert all(rendered.expected_cells[f"t3.{full}.{c}"] is not None for c in T3_COLUMNS)

    def test_cell_notes_keep_the_number(self) -> None:
        """A noted cell prints its number first and stays expected."""
        rendered = render(REPORT, "pipe_rows", seed=1, noise={"cell_notes": 1.0})
        issued = REPORT.value("t2.normative_documents.issued")
        assert re.search(rf"\| {issued}（其中修订\d+件） \|", rendered.text)
        assert rendered.expected_cells["t2.normative_documents.issued"] == issued

    def test_halfwidth(self) -> None:
        """Half-width punctuation replaces the full-width forms in labels."""
        rendered = render(REPORT, "pipe_rows", seed=1, noise={"halfwidth": 1.0})
        assert "第二十条第(一)项" in rendered.text
        assert "(三)不予公开" in rendered.text
        assert "（三）不予公开" not in rendered.text

    @pytest.mark.parametrize("style", STYLES)
    @pytest.mark.parametrize("fraction", [0.05, 0.37, 0.6, 0.93])
    def test_cut(self, style: str, fraction: float) -> None:
        """``cut`` keeps a prefix of the text; cells past the end are expected ``None``."""
        whole = render(REPORT, style, seed=2)
        cut = render(REPORT, style, seed=2, noise={"cut": fraction})
        assert cut.cut_at == len(cut.text)
        assert whole.text.startswith(cut.text)
        assert abs(len(cut.text) - fraction * len(whole.text)) < 12
        end = len(cut.text)
        assert not (cut.text[end - 1 : end].isdigit() and whole.text[end : end + 1].isdigit())
        for path in CELL_PATHS:
            start_end = whole.positions[path]
            if whole.expected_cells[path] is None:
                assert cut.expected_cells[path] is None
            elif start_end[1] <= end:
                assert cut.expected_cells[path] == whole.expected_cells[path], path
            else:
                assert cut.expected_cells[path] is None, path


class TestScore:
    def test_tallies(self) -> None:
        """Correct, missing, wrong and invented, as the docs define them."""
        truth = dict.fromkeys(CELL_PATHS, 0) | {"t2.regulations.issued": 3}
        expected = dict(truth) | {"t2.regulations.repealed": None, "t2.regulations.in_force": None}
        read = dict(truth) | {
            "t2.regulations.issued": 4,  # wrong
            "t2.regulations.repealed": 0,  # the true value where None is expected: fine
            "t2.regulations.in_force": 7,  # invented
            "t2.normative_documents.issued": None,  # missing
        }
        score = score_cells(expected, truth, read)

        assert (score.correct, score.missing, score.wrong, score.invented) == (197, 1, 1, 1)
        assert score.wrong_paths == ("t2.regulations.issued",)
        assert score.invented_paths == ("t2.regulations.in_force",)
        assert not score.exact


class TestCommandLine:
    def test_generate_style(self, tmp_path: Path) -> None:
        """``generate --style`` writes the rendered texts and their expected cells."""
        code = main(
            [
                "generate",
                "--count",
                "2",
                "--seed",
                "1",
                "--style",
                "pdf_text",
                "--out",
                str(tmp_path),
            ]
        )
        assert code == 0
        index = [
            json.loads(line) for line in (tmp_path / "index.jsonl").read_text("utf-8").splitlines()
        ]
        assert [e["file"] for e in index] == [
            "report-00000.pdf_text.txt",
            "report-00001.pdf_text.txt",
        ]
        for i, entry in enumerate(index):
            rendered = render(generate(f"1:{i}"), "pdf_text", seed=f"1:{i}")
            assert (tmp_path / entry["file"]).read_text("utf-8") == rendered.text
            assert entry["style"] == "pdf_text"
            assert (
                entry["expected_cells"]["t3.total_processed.total"]
                == rendered.expected_cells["t3.total_processed.total"]
            )

    def test_generate_style_noise_stdout(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without ``--out`` each line holds the text and the expected cells."""
        assert main(["generate", "--seed", "2", "--style", "glued", "--noise", "cut=0.5"]) == 0
        line = json.loads(capsys.readouterr().out)
        rendered = render(generate("2:0"), "glued", seed="2:0", noise={"cut": 0.5})
        assert line["text"] == rendered.text
        assert line["noise"] == {"cut": 0.5}
        assert line["expected_cells"]["t4.review.total"] is None

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["--noise", "cut"], "--noise needs --style"),
            (["--style", "glued", "--noise", "bogus"], "unknown knob 'bogus'"),
            (["--style", "glued", "--to", "text"], "give one of them"),
        ],
    )
    def test_usage_errors(
        self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Wrong combinations exit 2 with one line naming the option."""
        assert main(["generate", *argv]) == 2
        assert message in capsys.readouterr().err


# Styles and knobs that today's readers read back exactly (benchmarks/bench_styles.py
# prints the whole table, failures included).
EXACT_STYLES = (
    "word_export",
    "pipe_rows",
    "pipe_cells_sep",
    "pipe_cells_nosep",
    "bar_lines",
    "pdf_text",
    "converter_md",
    "ocr_md",
    "html_word",
    "md_gfm",
    "word_paragraphs",
)
EXACT_NOISE = ("halfwidth", "label_spaces", "lead_in", "cell_notes", "page_markers")


class TestReadBack:
    def test_strategy_repr(self) -> None:
        """The strategy shows how it was built and checks its arguments at once."""
        assert repr(rendered_reports(styles=["glued"])) == "rendered_reports(styles=('glued',))"
        with pytest.raises(InvalidArgument, match="unknown docx"):
            rendered_reports(styles=["docx"])
        with pytest.raises(InvalidArgument, match="noise knob"):
            rendered_reports(noise={"cut": 2})

    @given(rendered_reports(styles=(*EXACT_STYLES, "pdf_vertical")))
    def test_exact_styles_read_back(self, rendered: Rendered) -> None:
        """Word exports, pipe text, PDF text, Markdown and Word HTML read back cell for cell."""
        score = rendered.score(gr.loads(rendered.text, lenient=True))
        assert score.exact, (rendered.style, score)

    @given(data=rendered_reports(styles=EXACT_STYLES), knob=st.sampled_from(EXACT_NOISE))
    def test_exact_styles_with_noise(self, data: Rendered, knob: str) -> None:
        """Label noise, lead-ins, cell notes and page breaks read back exactly too."""
        rendered = render(data.report, data.style, seed=data.seed, noise={knob: 1.0})
        score = rendered.score(gr.loads(rendered.text, lenient=True))
        assert score.exact, (rendered.style, knob, score)

    @given(
        rendered_reports(styles=[s for s in EXACT_STYLES if s != "ocr_md"], noise={"slash": 0.5})
    )
    def test_slashed_cells_read_back(self, rendered: Rendered) -> None:
        """Zero cells printed ``/`` are read as no number; every other cell exactly."""
        score = rendered.score(gr.loads(rendered.text, lenient=True))
        assert score.exact, (rendered.style, score)

    # Markdown: an empty cell ending a row may be padding (converters pad a row that lost
    # cells), so it is read as blank only under a header naming its column; PDF text shows
    # no empty cell at all; a Word table pasted as paragraphs loses the empty cells that end
    # its last row in the blank lines before the next heading.
    @given(
        rendered_reports(
            styles=[
                s
                for s in EXACT_STYLES
                if s not in ("converter_md", "ocr_md", "md_gfm", "pdf_text", "word_paragraphs")
            ],
            noise={"blank": 0.5},
        )
    )
    def test_blank_cells_read_back(self, rendered: Rendered) -> None:
        """Zero cells printed empty stay blank in place: first, last and runs of them."""
        score = rendered.score(gr.loads(rendered.text, lenient=True))
        assert score.exact, (rendered.style, score)

    # Glued digit splitting is the slowest reader: a quarter of the profile's examples.
    @settings(max_examples=max(10, settings.default.max_examples // 4))
    @given(rendered_reports(styles=("glued",)))
    def test_glued_text_invents_nothing(self, rendered: Rendered) -> None:
        """Glued text: every digit split that is read is the right one."""
        score = rendered.score(gr.loads(rendered.text, lenient=True))
        assert score.wrong == score.invented == 0, score

    @given(rendered_reports(styles=(*EXACT_STYLES, "pdf_text", "glued"), noise={"cut": 0.5}))
    def test_cut_text_invents_nothing(self, rendered: Rendered) -> None:
        """A text cut anywhere: nothing is invented or shifted (a row cut short may be missed)."""
        score = rendered.score(gr.loads(rendered.text, lenient=True))
        assert score.wrong == score.invented == 0, (rendered.style, score)
