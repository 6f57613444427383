"""Finding the reports to check: directories by content, globs, list files, stdin lists."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from govinfo_report.batch import iter_paths, looks_like_report
from govinfo_report.exceptions import InvalidArgument

from .conftest import CORPUS, SEEDS


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of reports under odd names, beside files that are not reports."""
    text = SEEDS["seed-000"].read_text("utf-8")
    (tmp_path / "b" / "2023").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(text, "utf-8")
    (tmp_path / "b" / "2023" / "report.dat").write_text(text, "utf-8")  # suffix says nothing
    (tmp_path / "b" / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "b" / "notes.txt").write_text("政府信息公开 is a topic; nothing else", "utf-8")
    (tmp_path / "b" / "data.json").write_text('{"source": "政府信息公开 主动公开"}', "utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(text, "utf-8")
    (tmp_path / "c.json").write_text(
        (CORPUS / "seed-000.expected.json").read_text("utf-8"), "utf-8"
    )
    return tmp_path


class TestLooksLikeReport:
    def test_reports_in_every_encoding(self, tree: Path) -> None:
        """Reports are told by their content, in UTF-8 or GB18030, whatever the suffix."""
        assert looks_like_report(tree / "b" / "2023" / "report.dat")
        assert looks_like_report(tree / "b" / "gbk.txt")

    def test_not_reports(self, tree: Path) -> None:
        """A text naming the topic without any of the report's labels, other JSON, a missing file: no."""
        assert not looks_like_report(tree / "b" / "notes.txt")
        assert not looks_like_report(tree / "b" / "data.json")
        assert not looks_like_report(tree / "missing.txt")

    def test_library_json(self, tmp_path: Path) -> None:
        """The library's own JSON is a report."""
        import govinfo_report as gr

        gr.dump(gr.load(SEEDS["seed-000"]), tmp_path / "r.json")
        assert looks_like_report(tmp_path / "r.json")


class TestIterPaths:
    def test_directory_walk(self, tree: Path) -> None:
        """A directory is walked in sorted order (a folder's files before its subfolders), hidden entries skipped, reports kept by content."""
        found = list(iter_paths([str(tree)]))

        assert found == [
            str(tree / "a.txt"),
            str(tree / "b" / "gbk.txt"),
            str(tree / "b" / "2023" / "report.dat"),
        ]

    def test_named_file_always_kept(self, tree: Path) -> None:
        """A file named on purpose is yielded even if missing or not a report (it gets its row)."""
        names = [str(tree / "b" / "notes.txt"), str(tree / "missing.txt")]
        assert list(iter_paths(names)) == names

    def test_glob(self, tree: Path) -> None:
        """A glob expands to its sorted matches, recursively with **."""
        assert list(iter_paths([f"{tree}/**/*.txt"])) == [
            str(tree / "a.txt"),
            str(tree / "b" / "gbk.txt"),
            str(tree / "b" / "notes.txt"),
        ]

    def test_glob_without_match(self, tree: Path) -> None:
        """A glob that matches nothing is an error naming it."""
        with pytest.raises(InvalidArgument, match=r"\*\.nothing: no file matches"):
            list(iter_paths([f"{tree}/*.nothing"]))

    def test_list_file(self, tree: Path) -> None:
        """@LIST reads paths one a line, skipping blanks and comments, expanding each."""
        listing = tree / "list.txt"
        listing.write_text(f"# reports\n{tree / 'a.txt'}\n\n{tree / 'b'}\n", "utf-8")

        assert list(iter_paths([f"@{listing}"])) == [
            str(tree / "a.txt"),
            str(tree / "b" / "gbk.txt"),
            str(tree / "b" / "2023" / "report.dat"),
        ]

    def test_stdin_list(self, tree: Path) -> None:
        """@- reads the list from stdin, lazily."""
        stdin = io.StringIO(f"{tree / 'a.txt'}\n{tree / 'c.json'}\n")

        paths = iter_paths(["@-"], stdin=stdin)

        assert next(paths) == str(tree / "a.txt")
        assert stdin.tell() < len(stdin.getvalue())
        assert list(paths) == [str(tree / "c.json")]
