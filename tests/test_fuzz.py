"""Fuzzing every reader and validation with mutated corpus and generated reports.

Each example takes a real or generated report (``tests/fuzzing.py``),
applies one to four mutations drawn by Hypothesis (insertions of digits,
footnote marks, other scripts' digits, controls and markup; deletions;
duplications; digit swaps; truncation; huge numbers; deep nesting; lines
moved or blanked) and reads it with one reader (auto-detected or forced,
strict or lenient).  Whatever the input:

* only library errors escape (:class:`~govinfo_report.exceptions.GovinfoReportError`);
* every number returned is printed in the input, unless marked inferred;
* the report survives a JSON round trip;
* the call finishes within :data:`BUDGET` seconds (a bound that catches
  hangs, not a speed target: those are in ``benchmarks/``).

``benchmarks/fuzz.py`` runs the same mutations and oracle a million
times over, by hand.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.exceptions import GovinfoReportError

from .fuzzing import (
    READERS,
    check_report,
    known_open,
    mutate,
    mutate_bytes,
    own_failure,
    seed_inputs,
)
from .fuzzing_files import file_seeds, mutate_file, printed_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

T = TypeVar("T")

BUDGET = 2.0
"""CPU seconds one reading (or one validation) may take: far above any input's real cost."""

_HARD_STOP = 30
"""Seconds after which a call is interrupted, so that a hang fails the test instead of CI."""

EXAMPLES = 4 * settings.default.max_examples
"""Examples of the main test: 120 by default, 800 with HYPOTHESIS_PROFILE=ci."""


class _HangError(Exception):
    pass


@contextlib.contextmanager
def _interrupt_after(seconds: int) -> Iterator[None]:
    def stop(_signum: int, _frame: object) -> None:
        raise _HangError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class _Draws:
    """Mutation choices drawn by Hypothesis (so failures shrink)."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))

    def pick(self, options: tuple[T, ...]) -> T:
        return self.data.draw(st.sampled_from(options))


def _timed(call: Callable[[], T], what: str) -> T | None:
    """Run *call*: its result, or ``None`` for a library error; fail on anything else or a hang."""
    start = time.process_time()  # CPU time: a busy machine is no hang
    result: T | None = None
    try:
        with _interrupt_after(_HARD_STOP):
            result = call()
    except GovinfoReportError as exc:
        bug = own_failure(exc)
        assert bug is None, f"{what}: refused because the library failed: {bug}"
        result = None
    except _HangError:
        raise AssertionError(f"{what}: no result after {_HARD_STOP} s") from None
    elapsed = time.process_time() - start
    assert elapsed < BUDGET, f"{what}: {elapsed:.1f} s, over the budget of {BUDGET} s"
    return result


_SEEDS = st.sampled_from(seed_inputs())
_READERS = st.sampled_from(READERS)


@settings(max_examples=EXAMPLES)
@given(seed=_SEEDS, reader=_READERS, data=st.data())
def test_readers(
    seed: tuple[str, str], reader: tuple[str | None, bool], data: st.DataObject
) -> None:
    """Any mutation, any reader: a library error or a faithful report, in bounded time."""
    name, text = seed
    fmt, lenient = reader
    mutated = mutate(text, _Draws(data))
    assume(known_open(mutated, fmt) is None)
    what = f"{name} read as {fmt or 'detected'}{' leniently' if lenient else ''}"

    report = _timed(lambda: gr.loads(mutated, format=fmt, lenient=lenient), what)

    if report is not None:
        problem = check_report(report, mutated)
        assert problem is None, f"{what}: {problem}"
        _timed(lambda: gr.validate(report), f"validate {what}")


@settings(max_examples=EXAMPLES // 3)
@given(seed=_SEEDS, lenient=st.booleans(), data=st.data())
def test_damaged_bytes(seed: tuple[str, str], lenient: bool, data: st.DataObject) -> None:
    """Bytes cut or damaged anywhere (UTF-8 and UTF-16): decoded or refused, never a crash."""
    name, text = seed
    encoding = data.draw(st.sampled_from(("utf-8", "utf-16")))
    raw = mutate_bytes(text.encode(encoding, "surrogatepass"), _Draws(data))

    report = _timed(lambda: gr.loads(raw, lenient=lenient), f"{name} as damaged {encoding}")

    if report is not None:
        decoded = gr.codecs.decode(raw, lenient=True)
        problem = check_report(report, decoded)
        assert problem is None, f"{name}: {problem}"


_FILES = st.sampled_from(("pdf", "docx")).flatmap(lambda kind: st.sampled_from(file_seeds(kind)))


@settings(max_examples=EXAMPLES // 8, deadline=None)
@given(seed=_FILES, forced=st.booleans(), lenient=st.booleans(), data=st.data())
def test_pdf_and_word_files(
    seed: tuple[str, bytes], forced: bool, lenient: bool, data: st.DataObject
) -> None:
    """A PDF or Word file damaged as a file (bytes, PDF tokens, the document XML in the zip)."""
    name, raw = seed
    fmt = name.rsplit(".", 1)[1]
    mutated = mutate_file(raw, _Draws(data))
    what = f"mutated {name} read as {fmt if forced else 'detected'}{' leniently' * lenient}"

    report = _timed(
        lambda: gr.loads(mutated, format=fmt if forced else None, lenient=lenient), what
    )

    if report is not None:
        problem = check_report(report, printed_text(mutated))
        assert problem is None, f"{what}: {problem}"
        _timed(lambda: gr.validate(report), f"validate {what}")


@settings(max_examples=EXAMPLES // 6)
@given(
    report=st.from_type(gr.Report),
    fmt=st.sampled_from(("json", "jsonl", "markdown", "text", "pipe", "html")),
    data=st.data(),
)
def test_generated_reports(report: gr.Report, fmt: str, data: st.DataObject) -> None:
    """Mutations of reports drawn by the library's own strategies, read back in lenient mode."""
    mutated = mutate(gr.dumps(report, format=fmt), _Draws(data))
    assume(known_open(mutated, None) is None)

    back = _timed(lambda: gr.loads(mutated, lenient=True), f"a drawn report as {fmt}")

    if back is not None:
        problem = check_report(back, mutated)
        assert problem is None, f"{fmt}: {problem}"


def test_fuzz_runner_counts_every_reader(tmp_path: Path) -> None:
    """``benchmarks/fuzz.py`` runs by hand; two inputs here keep it working: one row per reader."""
    done = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).parent.parent / "benchmarks" / "fuzz.py"),
            "--inputs",
            "2",
            "--workers",
            "1",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )

    assert done.returncode == 0, done.stderr
    rows = {
        line.split()[0]: [int(n.replace(",", "")) for n in line.split()[1:]]
        for line in done.stdout.splitlines()
        if line and line.split()[0] in {"auto", "auto~", "text", "glued~", "validate"}
    }
    assert set(rows) == {"auto", "auto~", "text", "glued~", "validate"}
    assert sum(rows["text"]) == sum(rows["glued~"]) == 2


def test_fuzz_runner_one_reader_resumes(tmp_path: Path) -> None:
    """``--readers`` runs only those; run again with more ``--inputs``, it goes on where it was."""

    def run(inputs: int) -> dict[str, int]:
        done = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).parent.parent / "benchmarks" / "fuzz.py"),
                *("--readers", "text,json~", "--inputs", str(inputs), "--workers", "1"),
                *("--chunk", "2", "--out", str(tmp_path)),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        return {
            line.split()[0]: sum(int(n.replace(",", "")) for n in line.split()[1:])
            for line in done.stdout.splitlines()
            if line and line.split()[0] in {"auto", "text", "json~"}
        }

    assert run(3) == {"text": 3, "json~": 3}
    assert run(5) == {"text": 5, "json~": 5}


def test_the_oracle_reads_any_character_reference() -> None:
    """``&#999…;`` of thousands of digits is no character: the oracle skips it, never crashes."""
    from tests.fuzzing import normalised

    text = "规章 &#" + "9" * 6000 + "; 12 &#x20; &#50;"
    assert "12" in normalised(text)
    assert "\n规章  12   2" in normalised(text)


def test_the_oracle_prints_no_digit_for_a_glyph_mapped_to_no_character() -> None:
    """``(cid:9183)`` stands for a glyph a PDF extractor could not map: a reader returning
    9183 from it invents a number."""
    report = gr.generate(seed=1).with_cells({"t2.regulations.issued": 9183})
    text = gr.dumps(report, format="pipe")
    assert text.count("9183") == 1

    assert check_report(report, text.replace("9183", "(cid:9183)")) is not None
    assert check_report(report, text) is None


def test_the_oracle_reads_numbers_around_word_bookmarks() -> None:
    """``4[bookmark: OLE_LINK1]2731`` prints 42731 in Word: a reader that says so invents nothing."""
    from tests.fuzzing import normalised

    assert "42731" in normalised("\t行政规范性文件\n\t4[bookmark: OLE_LINK1]2731\n")


def test_a_refusal_that_hides_a_bug_of_the_reader_is_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The PDF reader refuses a page its parser fails on; a failure of its own code is no damage."""
    from govinfo_report.codecs import _pdf_page, pdf

    name, whole = file_seeds("pdf")[1]
    with pytest.raises(GovinfoReportError) as damaged:
        gr.loads(whole[: len(whole) // 2])
    monkeypatch.setattr(
        pdf, "page_flow", lambda *args, **kwargs: _pdf_page._furniture(None, 0, 0, 0)
    )
    with pytest.raises(GovinfoReportError) as buggy:
        gr.loads(whole)

    assert own_failure(damaged.value) is None, name
    assert "damaged PDF" in str(buggy.value)
    bug = own_failure(buggy.value)
    assert bug is not None
    assert bug.startswith("TypeError")
    assert "_pdf_page.py" in bug


def test_fuzz_runner_hears_what_would_reach_stderr_unasked() -> None:
    """A log record no handler takes (Python's last resort: stderr) is counted as noise by
    ``benchmarks/fuzz.py``; one taken by a library's ``NullHandler`` is not."""
    code = (
        "import logging, sys\n"
        "sys.path.insert(0, 'benchmarks')\n"
        "import fuzz\n"
        "import govinfo_report.codecs.pdf  # puts a NullHandler on pdfminer's logger\n"
        "unasked = fuzz._listen_unasked()\n"
        "logging.getLogger('pdfminer.psparser').warning('kept by the PDF reader')\n"
        "logging.getLogger('some.parser').warning('unasked %s', 1)\n"
        "print(unasked.heard)\n"
    )
    root = Path(__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )

    assert done.stdout.strip() == "['some.parser WARNING: unasked 1']"
    assert done.stderr == ""
