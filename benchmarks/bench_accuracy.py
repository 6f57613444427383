"""Score the readers on the real corpus, cell by cell.

For every report of ``tests/fixtures/corpus`` (a copy of the shared corpus) the
text is read with format detection in lenient mode and each of the 200 cells is
compared with the hand-checked ``*.expected.json``:

- correct:  the value read equals the expected value (both ``null`` included);
- wrong:    both are numbers and they differ;
- missing:  the expected value is a number, the reader gave ``null``;
- invented: the expected value is ``null``, the reader gave a number.

Run: ``.venv/bin/python benchmarks/bench_accuracy.py [CORPUS_DIR]``.  Exits 1 when
any cell is wrong or invented.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from tabulate import tabulate

import govinfo_report as gr

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "corpus"


def _jsonable(value: int | Decimal | None) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def score(path: Path) -> tuple[str, str, dict[str, int], int]:
    """Return name, detected format, per-cell tallies and diagnostics count of one report."""
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    report = gr.load(path, lenient=True)
    got = {p: _jsonable(v) for p, v in report.cells().items()}
    tally = {"numbers": 0, "correct": 0, "wrong": 0, "missing": 0, "invented": 0}
    for cell_path, want in expected["cells"].items():
        have = got[cell_path]
        tally["numbers"] += want is not None
        if have == want:
            tally["correct"] += 1
        elif want is None:
            tally["invented"] += 1
        elif have is None:
            tally["missing"] += 1
        else:
            tally["wrong"] += 1
    fmt = report.provenance.format if report.provenance else "?"
    diagnostics = len(report.provenance.diagnostics) if report.provenance else 0
    return path.stem, fmt or "?", tally, diagnostics


def main(argv: list[str]) -> int:
    """Print the table and the totals; return 1 on any wrong or invented cell."""
    corpus = Path(argv[1]) if len(argv) > 1 else CORPUS
    files = sorted(
        p
        for p in corpus.iterdir()
        if p.suffix in {".txt", ".html", ".md", ".pdf"}
        and p.with_name(p.stem + ".expected.json").exists()
    )
    scores = [score(p) for p in files]
    keys = ("numbers", "correct", "wrong", "missing", "invented")
    totals = {k: sum(tally[k] for _, _, tally, _ in scores) for k in keys}
    cells = 200 * len(scores)
    rows = [[name, fmt, *(str(t[k]) for k in keys), str(d)] for name, fmt, t, d in scores]
    headers = ["report", "format", "numbers given", *keys[1:], "diagnostics"]
    print(tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True))
    print()
    print(
        f"total: {cells} cells ({totals['numbers']} numbers given) in {len(scores)} reports — "
        f"correct {totals['correct']} "
        f"({100 * totals['correct'] / cells:.2f} %), wrong {totals['wrong']}, "
        f"missing {totals['missing']}, invented {totals['invented']}"
    )
    return 1 if totals["wrong"] or totals["invented"] else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
