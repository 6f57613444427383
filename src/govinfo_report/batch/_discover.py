"""Which files to check: files, directories, globs, ``@listfile`` and paths on stdin.

Everything is yielded lazily, one path at a time, so that a million paths
never sit in memory: directories are walked in sorted order as they are
read, list files line by line.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator

from govinfo_report.exceptions import InvalidArgument

__all__ = ["SNIFF_BYTES", "iter_paths", "looks_like_report"]

#: How much of a file :func:`looks_like_report` reads.
SNIFF_BYTES = 65536

_ENCODINGS = ("utf-8", "gb18030", "utf-16-le", "utf-16-be")
# What the first bytes of a report contain, in each encoding reports come in:
# the name of the report, and a label of one of its sections or tables.
_NAMES = tuple(name.encode(e) for name in ("政府信息公开", "政务公开") for e in _ENCODINGS)
_LABELS = tuple(
    label.encode(e) for label in ("主动公开", "本年新收", "依申请", "行政复议") for e in _ENCODINGS
)
_JSON_MARKER = b'"schema_version"'
_GLOB_CHARS = frozenset("*?[")


def looks_like_report(path: str | os.PathLike[str]) -> bool:
    """Return whether a file's first 64 KiB look like a report, whatever its suffix.

    A report names 政府信息公开 (or 政务公开) and one of its own labels
    (主动公开, 本年新收, 依申请, 行政复议) near its top, in UTF-8, GB18030
    or UTF-16; the library's JSON starts with ``schema_version``; PDF and
    Word files (told by their first bytes, their text being compressed) are
    always candidates.  Files that cannot be opened are not reports.

    >>> looks_like_report("tests/fixtures/corpus/seed-000.txt")
    True
    >>> looks_like_report("pyproject.toml")
    False
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    if head.startswith(b"%PDF-"):
        return True  # its text is compressed: a PDF is read, and is a row if not a report
    if head.startswith(b"PK\x03\x04"):
        return b"word/" in head  # a Word document (a ZIP with word/document.xml)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _JSON_MARKER in head[:256]
    return any(name in head for name in _NAMES) and any(label in head for label in _LABELS)


def _walk(directory: str) -> Iterator[str]:
    """Yield the reports under *directory*, sorted, skipping hidden files and folders."""
    for root, dirs, files in os.walk(directory, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            if looks_like_report(path):
                yield path


def _list_lines(handle: Iterable[str]) -> Iterator[str]:
    for line in handle:
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield entry


def _expand(entry: str, *, stdin: Iterable[str] | None, depth: int) -> Iterator[str]:
    if entry.startswith("@") and len(entry) > 1:
        if depth > 8:
            msg = f"{entry}: list files nested more than 8 deep"
            raise InvalidArgument(msg)
        name = entry[1:]
        if name == "-":
            handle = stdin if stdin is not None else sys.stdin
            for line in _list_lines(handle):
                yield from _expand(line, stdin=stdin, depth=depth + 1)
            return
        with open(name, encoding="utf-8") as listing:
            for line in _list_lines(listing):
                yield from _expand(line, stdin=stdin, depth=depth + 1)
        return
    if os.path.isdir(entry):
        yield from _walk(entry)
        return
    if not os.path.exists(entry) and _GLOB_CHARS & set(entry):
        matches = sorted(glob.iglob(entry, recursive=True))
        if not matches:
            msg = f"{entry}: no file matches this pattern"
            raise InvalidArgument(msg)
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match)
            else:
                yield match
        return
    yield entry  # a file named on purpose is checked whatever it holds (missing: a row)


def iter_paths(inputs: Iterable[str], *, stdin: Iterable[str] | None = None) -> Iterator[str]:
    """Yield the files to check, in order, one at a time.

    Each input is

    * a file: yielded as it is (even if missing or not a report, so that it
      gets its row with the reason);
    * a directory: walked recursively in sorted order (a folder's files
      before its subfolders), hidden entries skipped, keeping the files whose content looks like a report
      (:func:`looks_like_report`), whatever their suffix;
    * a glob (``reports/**/*.txt``) that is not itself a path: its matches,
      sorted (directories among them walked);
    * ``@LIST``: the paths in the text file LIST, one a line (blank lines and
      ``#`` comments skipped), each expanded the same way; ``@-`` reads the
      list from *stdin*.

    Raises:
        InvalidArgument: for a glob that matches nothing.
        OSError: when a list file cannot be opened.

    >>> list(iter_paths(["tests/fixtures/corpus/seed-*.txt"]))
    ['tests/fixtures/corpus/seed-000.txt', 'tests/fixtures/corpus/seed-004.txt']
    """
    for entry in inputs:
        yield from _expand(entry, stdin=stdin, depth=0)
