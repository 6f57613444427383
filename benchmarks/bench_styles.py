"""Read every rendering style back with the current readers and score the cells.

For each style of ``govinfo_report.synthetic.STYLES`` and each noise setting
(none, each knob alone at its default value, and all knobs together), N
synthetic reports are rendered (report *i* is ``generate(f"{SEED}:{i}")``,
rendered with seed *i*), read with ``gr.loads(text, lenient=True)`` (format
detected) and compared cell by cell with ``Rendered.expected_cells``:

- correct:  read as expected (where ``None`` is expected: ``None`` or the true value);
- missing:  a value is expected, the reader gave ``None``;
- wrong:    a value is expected, the reader gave another number;
- invented: ``None`` is expected, the reader gave a number that is not the true value;
- errors:   the reader raised (in lenient mode); all the report's cells count as missing.

Run: ``.venv/bin/python benchmarks/bench_styles.py [-n N] [--seed S] [--style STYLE]...
[--noise NAME]... [--examples]``.  ``--examples`` prints, for each failing style and
noise, the first failing cell and the text around it (or the exception).
"""

from __future__ import annotations

import argparse
import collections
import difflib
import time
from collections.abc import Iterator

from tabulate import tabulate

import govinfo_report as gr
from govinfo_report.synthetic import NOISE_KNOBS, STYLES, Rendered, render

_ALL = {name: default for name, (default, _) in NOISE_KNOBS.items() if name != "cut"}


def settings(names: list[str] | None) -> dict[str, dict[str, float]]:
    """The noise settings to score: none, each knob alone, all together."""
    table: dict[str, dict[str, float]] = {"none": {}}
    for name, (default, _) in NOISE_KNOBS.items():
        table[name] = {name: default}
    table["all"] = dict(_ALL)
    table["all+cut"] = {**_ALL, "cut": NOISE_KNOBS["cut"][0]}
    if names:
        table = {k: v for k, v in table.items() if k in names}
    return table


def excerpt(rendered: Rendered, path: str, width: int = 3) -> str:
    """The lines of the text around where *path*'s number is printed (or the end of the text)."""
    text = rendered.text
    at = rendered.positions.get(path, (len(text), len(text)))[0]
    start_of_line = text.rfind("\n", 0, at) + 1
    end_of_line = text.find("\n", at)
    if (end_of_line if end_of_line >= 0 else len(text)) - start_of_line > 300:  # glued text
        return f"    …{text[max(start_of_line, at - 120) : at + 60]}…"
    line = text.count("\n", 0, at)
    lines = text.split("\n")
    start = max(0, line - width)
    shown = lines[start : line + width + 1]
    return "\n".join(f"    {start + i + 1:5d}: {s[:160]}" for i, s in enumerate(shown))


def noise_lines(rendered: Rendered, limit: int = 4) -> str:
    """The first lines the noise changed, against the same report and seed without noise."""
    if not rendered.noise:
        return ""
    plain = render(rendered.report, rendered.style, seed=rendered.seed).text.splitlines()
    noisy = rendered.text.splitlines()
    changed = [
        line
        for line in difflib.unified_diff(plain, noisy, lineterm="", n=0)
        if line[:1] in "+-@" and not line.startswith(("+++", "---"))
    ]
    shown = "\n".join(f"    {line[:160]}" for line in changed[: 3 * limit])
    return f"\n  noise (diff against no noise):\n{shown}" if shown else ""


def runs(
    style: str, noise: dict[str, float], n: int, seed: str
) -> Iterator[tuple[Rendered, gr.Report | Exception]]:
    """Render and read *n* reports."""
    for i in range(n):
        rendered = render(gr.generate(f"{seed}:{i}"), style, noise=noise, seed=i)
        try:
            yield rendered, gr.loads(rendered.text, lenient=True)
        except Exception as exc:
            yield rendered, exc


def main() -> int:
    """Print the table (and, with ``--examples``, where readers fail)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20, help="reports per style and noise (20)")
    parser.add_argument("--seed", default="zoo", help="seed of the reports (zoo)")
    parser.add_argument("--style", action="append", choices=STYLES, help="only these styles")
    parser.add_argument("--noise", action="append", help="only these settings (none, a knob, all)")
    parser.add_argument("--examples", action="store_true", help="show where readers fail")
    args = parser.parse_args()

    rows = []
    examples: list[str] = []
    totals = collections.Counter[str]()
    started = time.perf_counter()
    for style in args.style or STYLES:
        for name, noise in settings(args.noise).items():
            tally = collections.Counter[str]()
            formats = collections.Counter[str]()
            reasons = collections.Counter[str]()
            samples: dict[str, str] = {}
            shown = False
            for rendered, read in runs(style, noise, args.n, args.seed):
                expected_numbers = sum(v is not None for v in rendered.expected_cells.values())
                tally["expected"] += expected_numbers
                if isinstance(read, Exception):
                    tally["errors"] += 1
                    tally["missing"] += expected_numbers
                    tally["correct"] += 200 - expected_numbers
                    formats["error"] += 1
                    if args.examples and not shown:
                        shown = True
                        examples.append(
                            f"## {style} / {name} (seed {rendered.seed}): "
                            f"{type(read).__name__}: {str(read)[:200]}" + noise_lines(rendered)
                        )
                    continue
                formats[read.provenance.format or "?"] += 1
                score = rendered.score(read)
                tally["correct"] += score.correct
                tally["missing"] += score.missing
                tally["wrong"] += score.wrong
                tally["invented"] += score.invented
                tally["exact"] += score.exact
                bad = [*score.wrong_paths, *score.invented_paths, *score.missing_paths]
                if bad:
                    for diagnostic in read.provenance.diagnostics:
                        reasons[diagnostic.code] += 1
                        samples.setdefault(diagnostic.code, str(diagnostic)[:220])
                if args.examples and bad and not shown:
                    shown = True
                    path = bad[0]
                    kind = (
                        "wrong"
                        if path in score.wrong_paths
                        else "invented"
                        if path in score.invented_paths
                        else "missing"
                    )
                    examples.append(
                        f"## {style} / {name} (seed {rendered.seed}): {kind} {path}: "
                        f"expected {rendered.expected_cells[path]!r}, read "
                        f"{read.cells()[path]!r} (true {rendered.report.value(path)!r})\n"
                        + excerpt(rendered, path)
                        + noise_lines(rendered)
                    )
            if args.examples and reasons:
                examples.append(
                    f"## {style} / {name}: reader diagnostics in the failing reports\n"
                    + "\n".join(
                        f"    {count:5d} × {code}: {samples[code]}"
                        for code, count in reasons.most_common(4)
                    )
                )
            totals.update(tally)
            rows.append(
                [
                    style,
                    name,
                    f"{tally['exact']}/{args.n}",
                    tally["expected"],
                    tally["correct"],
                    tally["missing"],
                    tally["wrong"],
                    tally["invented"],
                    tally["errors"],
                    ",".join(f"{f}:{c}" for f, c in formats.most_common()),
                ]
            )
    headers = [
        "style",
        "noise",
        "exact",
        "numbers given",
        "correct",
        "missing",
        "wrong",
        "invented",
        "errors",
        "read as",
    ]
    print(tabulate(rows, headers, tablefmt="github", disable_numparse=True))
    cells = sum(totals[k] for k in ("correct", "missing", "wrong", "invented"))
    print(
        f"\ntotal: {cells} cells, {totals['correct']} correct, {totals['missing']} missing, "
        f"{totals['wrong']} wrong, {totals['invented']} invented, {totals['errors']} reader "
        f"errors; {time.perf_counter() - started:.1f} s"
    )
    for example in examples:
        print("\n" + example)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
