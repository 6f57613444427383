"""Check a folder of reports on a Dask cluster: the per-file check is one pure function.

Run: ``.venv/bin/python examples/dask_check.py [FOLDER]`` (needs ``dask[distributed]``; without
FOLDER it generates 40 Word-text reports, a quarter of them broken, in a temporary folder).

``govinfo_report.batch.check_file(path, options)`` reads and validates one file and returns a
small summary row; it keeps no state, so any engine can map it over many paths. Here a local Dask
cluster (two worker processes) maps it with ``dask.bag`` and the rows are folded into the same
``Summary`` the command line prints. On a real cluster, point ``Client`` at the scheduler and the
paths at storage every worker can read. (The per-file time budget is enforced with a timer
signal, which works only where a check runs in a process's main thread; Dask runs tasks in
threads, so there the budget is the engine's own task timeout.)
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

import dask.bag as db
from dask.distributed import Client, LocalCluster

import govinfo_report as gr
from govinfo_report.batch import CheckOptions, Summary, check_file, iter_paths


def make_reports(folder: Path, count: int = 40) -> None:
    """Write *count* generated reports into *folder*, every fourth breaking two rules."""
    for i in range(count):
        if i % 4 == 3:
            broken = gr.generate(i, breaking=["t3.row_sum[granted]", "t3.processed_sum[total]"])
            report = broken.report
        else:
            report = gr.generate(i)
        (folder / f"report-{i:03d}.txt").write_text(gr.dumps(report, format="text"), "utf-8")


def check_on_dask(paths: list[str]) -> Summary:
    """Map ``check_file`` over *paths* on a local two-process Dask cluster; fold the rows."""
    options = CheckOptions(budget=None)
    summary = Summary()  # its clock starts now: the rate includes starting the cluster
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            silence_logs=logging.ERROR,
            dashboard_address=":0",  # any free port: never a clash with another cluster
        ) as cluster,
        Client(cluster) as client,
    ):
        bag = db.from_sequence(paths, npartitions=8).map(check_file, options)
        rows = client.compute(bag).result()
    for row in rows:
        summary.add(row)
    return summary


def main(argv: list[str]) -> int:
    """Check the folder given (or a generated one); print the summary; return its exit status."""
    with tempfile.TemporaryDirectory() as scratch:
        if argv:
            folder = Path(argv[0])
        else:
            folder = Path(scratch)
            make_reports(folder)
        paths = list(iter_paths([str(folder)]))
        summary = check_on_dask(paths)
    print(summary.to_text())
    return summary.exit_status if argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
