"""Generate synthetic reports: valid ones, broken ones, and property tests over them.

Run: ``.venv/bin/python examples/generate_reports.py``
"""

from __future__ import annotations

from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.strategies import invalid_reports, reports
from govinfo_report.synthetic import Offset, generate


def main() -> None:
    """Show the generator and the strategies at work."""
    # 1. A valid report: the same one for the same seed, on every machine.
    report = gr.generate(2024, agency_kind="county", year=2024)
    print(report.meta.title)
    print("新收 / 总计:", report.t3.new_received.total.value)
    print("violations:", gr.validate(report).violations)

    # 2. Broken on purpose: exactly these instances fail, and we know it in advance.
    broken = generate(2024, breaking=["t3.row_sum[granted]", "t3.processed_sum[natural_person]"])
    print("changed:", broken.mutations)
    print("expected:", sorted(broken.expected))
    print("found:   ", sorted(gr.validate(broken.report).failed_ids))

    # 3. A mistake of our own choosing, and what localisation makes of it.
    typo = generate(2024, mutations=[Offset("t3.partial.natural_person", 10)])
    for suggestion in gr.validate(typo.report).corrections:
        print("suggested:", suggestion.message_en)

    # 4. Impossible requests are refused before anything is drawn.
    try:
        generate(2024, breaking=["t3.balance[total]"])
    except gr.InvalidArgument as exc:
        print("refused:", str(exc)[:100], "…")

    # 5. Property tests: valid reports never fail, broken ones fail exactly as expected.
    @settings(max_examples=25, database=None)
    @given(reports(blanks=("zero", "slash")))
    def valid_reports_pass(report: gr.Report) -> None:
        assert gr.validate(report).violations == ()

    @settings(max_examples=25, database=None)
    @given(invalid_reports())
    def broken_reports_fail_exactly(case: tuple[gr.Report, frozenset[str]]) -> None:
        report, expected = case
        assert gr.validate(report).failed_ids == expected

    valid_reports_pass()
    broken_reports_fail_exactly()
    print("properties hold")


if __name__ == "__main__":
    main()
