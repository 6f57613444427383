"""Read every rendering style under random combinations of the noise knobs; count misreadings.

``bench_styles.py`` scores each knob alone and all together; real documents
mix a few at odd strengths.  Here report *i* of each style gets each knob
(``cut`` only with ``--cut``) with probability ½, at a strength drawn from
``random.Random(f"{seed}:{style}:{i}")``; it is read with
``gr.loads(text, lenient=True)`` and scored with ``Rendered.score``.  Every
report with a wrong or invented cell is listed with its knobs, so that it can
be rendered again::

    .venv/bin/python benchmarks/bench_combos.py [-n 25] [--seed combo3] [--cut]
"""

from __future__ import annotations

import argparse
import collections
import random

import govinfo_report as gr
from govinfo_report.synthetic import NOISE_KNOBS, STYLES, render


def main() -> int:
    """Print the totals and every report read wrong."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=25, help="reports per style (25)")
    parser.add_argument("--seed", default="combo", help="seed of reports and knobs (combo)")
    parser.add_argument("--cut", action="store_true", help="let the text be cut off too")
    args = parser.parse_args()

    knobs = [k for k in NOISE_KNOBS if k != "cut" or args.cut]
    totals = collections.Counter[str]()
    bad: list[str] = []
    for style in STYLES:
        for i in range(args.n):
            rng = random.Random(f"{args.seed}:{style}:{i}")
            noise = {k: round(rng.random(), 2) for k in knobs if rng.random() < 0.5}
            if "cut" in noise:
                noise["cut"] = max(0.3, noise["cut"])
            rendered = render(gr.generate(f"{args.seed}:{i}"), style, noise=noise, seed=i)
            score = rendered.score(gr.loads(rendered.text, lenient=True))
            totals.update(
                cells=200, missing=score.missing, wrong=score.wrong, invented=score.invented
            )
            if score.wrong or score.invented:
                paths = (*score.wrong_paths, *score.invented_paths)[:3]
                bad.append(f"{style} report {args.seed}:{i} seed {i} noise {noise}: {paths}")
    print(
        f"{totals['cells']} cells: {totals['missing']} missing, {totals['wrong']} wrong, "
        f"{totals['invented']} invented"
    )
    for line in bad:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
