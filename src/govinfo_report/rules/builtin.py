"""``RULES_2021``: the checks of the 2021 format (国办公开办函〔2021〕30号), in the rules DSL.

Instance ids are a fixed contract (SPEC §5):

- ``t3.balance[<col>]`` (7): 一 + 二 = （七）总计 + 四, per column — the
  form's own note, 第一项加第二项之和，等于第三项加第四项之和;
- ``t3.processed_sum[<col>]`` (7): （七）总计 = the 21 result rows;
- ``t3.row_sum[<row>]`` (25): 总计 = the six applicant columns;
- ``t4.group_sum[<group>]`` (3): 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结;
- ``domain.count[<path>]`` (199) and ``domain.fee``: every count is an
  integer ≥ 0, the 万元 fee a number ≥ 0;
- warnings that read the prose: ``text.new_received``, ``text.carried_over``,
  ``text.carried_forward``, ``text.review``, ``text.litigation`` (figures in
  the prose vs the table), ``text.fee_notice`` (section 六 reports the
  信息处理费 when fee notices went unpaid), ``text.year[<part>]``;
- cross-year warnings, evaluated when last year's report is given:
  ``t3.carryover[<col>]`` and ``t2.in_force_rollforward[<row>]``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from govinfo_report.rules._build import (
    balance,
    bound,
    carry_over,
    conditional_mention,
    mention,
    narrative,
    sum_of,
    year_check,
)
from govinfo_report.rules._expr import cell, previous, sum_over
from govinfo_report.rules._rule import ConditionalMention, RuleSet
from govinfo_report.schema import T3_COLUMNS, T3_VALUE_ROWS

__all__ = ["RULES_2021"]

_APPLICANTS = T3_COLUMNS[:-1]
_OUTCOMES = ("upheld", "corrected", "other", "pending")

T3_BALANCE = balance(
    "t3.balance",
    inflow=[cell("t3.new_received.{c}"), cell("t3.carried_over.{c}")],
    outflow=[cell("t3.total_processed.{c}"), cell("t3.carried_forward.{c}")],
    for_each={"c": "t3.columns"},
    label_zh="{c}列：第一项加第二项之和，等于第三项加第四项之和",
    label_en="column {c}: (1) new + (2) carried over = (3) total handled + (4) carried forward",
    message_zh="{c}列：第一项加第二项之和（{lhs}）不等于第三项加第四项之和（{rhs}），相差 {absdiff}",
    message_en="column {c}: (1) + (2) = {lhs} but (3) + (4) = {rhs}, difference {diff}",
    description=(
        "The form's own note (本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和), "
        "per column: requests received this year plus those carried over equal those "
        "handled plus those carried forward."
    ),
    tags=("2021", "identity", "t3"),
)

T3_PROCESSED_SUM = sum_of(
    "t3.processed_sum",
    total=cell("t3.total_processed.{c}"),
    items=sum_over("t3.{r}.{c}", r=T3_VALUE_ROWS),
    for_each={"c": "t3.columns"},
    label_zh="{c}列：（七）总计等于（一）至（六）各项之和",
    label_en="column {c}: (7) total handled = the sum of results (1)–(6)",
    message_zh="{c}列：（七）总计为 {lhs}，（一）至（六）各项之和为 {rhs}，相差 {absdiff}",
    message_en="column {c}: (7) total handled is {lhs}, results (1)–(6) add up to {rhs}, difference {diff}",
    description=(
        "（七）总计 adds up the 21 result rows （一）予以公开 … （六）3.其他; "
        "（三）–（六） have no subtotal row."
    ),
    tags=("2021", "identity", "t3"),
)

T3_ROW_SUM = sum_of(
    "t3.row_sum",
    total=cell("t3.{r}.total"),
    items=sum_over("t3.{r}.{c}", c=_APPLICANTS),
    for_each={"r": "t3.rows"},
    label_zh="{r}：总计等于自然人与五类法人或其他组织之和",
    label_en="{r}: total = natural persons + the five kinds of organisation",
    message_zh="{r}：总计为 {lhs}，各类申请人之和为 {rhs}，相差 {absdiff}",
    message_en="{r}: the total is {lhs}, the applicant columns add up to {rhs}, difference {diff}",
    description=(
        "The 总计 column adds up 自然人 and the five 法人或其他组织 columns; there is no "
        "法人 subtotal column."
    ),
    tags=("2021", "identity", "t3"),
)

T4_GROUP_SUM = sum_of(
    "t4.group_sum",
    total=cell("t4.{g}.total"),
    items=sum_over("t4.{g}.{o}", o=_OUTCOMES),
    for_each={"g": "t4.groups"},
    label_zh="{g}：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
    label_en="{g}: total = upheld + corrected + other + pending",
    message_zh="{g}：总计为 {lhs}，结果维持、结果纠正、其他结果、尚未审结之和为 {rhs}，相差 {absdiff}",
    message_en="{g}: the total is {lhs}, upheld + corrected + other + pending is {rhs}, difference {diff}",
    description="Each 总计 of table 四 includes 尚未审结; no total spans 复议 and 诉讼.",
    tags=("2021", "identity", "t4"),
)

MAX_FIGURE = 999_999_999
"""The largest count (or 万元 amount) taken for a figure: more is a misprint."""

DOMAIN_COUNT = bound(
    "domain.count",
    "{cell}",
    for_each={"cell": "cells.count"},
    label_zh="{cell}：件数为非负整数",
    label_en="{cell}: a count is a non-negative integer",
    maximum=MAX_FIGURE,
    description=(
        "Every count cell of tables 二, 三 and 四 is an integer ≥ 0 (件); one above"
        " 999,999,999 (ten digits or more) is a misprint, not a number of requests."
    ),
    tags=("2021", "domain"),
)

DOMAIN_FEE = bound(
    "domain.fee",
    "t2.admin_fees.amount",
    integral=False,
    maximum=MAX_FIGURE,
    label_zh="表二 行政事业性收费 本年收费金额（单位：万元）为非负数",
    label_en="table 2, administrative fees: the amount (10,000 yuan) is a number ≥ 0",
    description=(
        "The 行政事业性收费 amount is a decimal ≥ 0 in 万元, printed precision kept;"
        " one above 999,999,999 万元 is a misprint."
    ),
    tags=("2021", "domain"),
)

# --- prose vs table (SPEC §5.5) -----------------------------------------------------

_NUM = r"(?P<n>[0-9０-９]+|[零〇一二两三四五六七八九十百千万]+)"  # digits of the form only
_UNIT = r"\s*(?:件|条|份)"


def _gap(*stop: str, size: int = 25) -> str:
    """Up to *size* characters without punctuation, digits or the *stop* words."""
    words = "|".join(stop)
    lookahead = f"(?!{words})" if words else ""
    return rf"(?:{lookahead}[^，,、。；;：:！？!?“”\"《》\d\n]){{0,{size}}}?"


_NEW = cell("t3.new_received.total")
_OVER = cell("t3.carried_over.total")
_FORWARD = cell("t3.carried_forward.total")
_REVIEW = cell("t4.review.total")
_SUITS = cell("t4.suit_direct.total") + cell("t4.suit_after_review.total")


def _none_of(target: str) -> list[str]:
    """Phrases that state zero: 无…行政复议, 未发生…行政复议, 没有…行政复议."""
    gap = r"[^，,。；;\d\n]{0,20}?"
    return [
        rf"无{gap}{target}",
        rf"未(?:发生|收到|出现|有|被){gap}{target}",
        rf"没有{gap}{target}",
    ]


# Every pattern starts with a literal, so that the regex engine can skip to it.
TEXT_NEW_RECEIVED = narrative(
    "text.new_received",
    [
        mention(rf"新收到?{_gap('结转', '复议', '诉讼')}{_NUM}{_UNIT}", _NEW),
        mention(rf"受理{_gap('结转', '复议', '诉讼', '办结')}{_NUM}{_UNIT}", _NEW, _NEW + _OVER),
        mention(rf"收到{_gap('结转', '复议', '诉讼', '办结')}{_NUM}{_UNIT}", _NEW, _NEW + _OVER),
        *(
            mention(
                rf"未{verb}[^，,。；;\d\n]{{0,12}}?(?:政府信息公开|依申请公开)", _NEW, _NEW + _OVER
            )
            for verb in ("收到", "受理")
        ),
    ],
    label_zh="正文所述本年新收（受理）申请件数与表三一、本年新收政府信息公开申请数量 / 总计一致",
    label_en="the prose's count of new (accepted) requests matches table 3, row (1), total",
    description=(
        "Every 新收…N件 in the prose equals 一、本年新收 / 总计.  受理/收到…N件 means 新收 "
        "in some reports and 新收 + 上年结转 in others: either is accepted."
    ),
    tags=("2021", "text"),
)

TEXT_CARRIED_OVER = narrative(
    "text.carried_over",
    [
        mention(rf"上一?年度?结转{_gap('下一?年', '复议', '诉讼')}{_NUM}{_UNIT}", _OVER),
        mention(r"无上一?年度?结转", _OVER),
        mention(r"上一?年度?(?:无|没有)结转", _OVER),
    ],
    label_zh="正文所述上年结转件数与表三二、上年结转政府信息公开申请数量 / 总计一致",
    label_en="the prose's count of requests carried over matches table 3, row (2), total",
    description="上年结转…N件 (or 无上年度结转 = 0) equals 二、上年结转 / 总计.",
    tags=("2021", "text"),
)

_FORWARDED = rf"{_NUM}{_UNIT}(?:申请)?(?:需要?)?结转(?:至|到)?下一?年"
TEXT_CARRIED_FORWARD = narrative(
    "text.carried_forward",
    [
        mention(rf"结转(?:至|到)?下一?年度?{_gap('复议', '诉讼')}{_NUM}{_UNIT}", _FORWARD),
        mention(rf"，{_FORWARDED}", _FORWARD),
        mention(rf"有{_FORWARDED}", _FORWARD),
        mention(r"无需?结转(?:至|到)?下一?年", _FORWARD),
        mention(r"无下一?年度?结转", _FORWARD),
    ],
    label_zh="正文所述结转下年度件数与表三四、结转下年度继续办理 / 总计一致",
    label_en="the prose's count of requests carried forward matches table 3, row (4), total",
    description="结转下年度…K件 (or 无结转下年度 = 0) equals 四、结转下年度继续办理 / 总计.",
    tags=("2021", "text"),
)

TEXT_REVIEW = narrative(
    "text.review",
    [
        mention(rf"行政复议(?!后){_gap('诉讼', '起诉')}{_NUM}{_UNIT}", _REVIEW),
        *(mention(rf"{p}(?!后)", _REVIEW) for p in _none_of("行政复议")),
    ],
    label_zh="正文所述行政复议件数与表四行政复议 / 总计一致",
    label_en="the prose's count of administrative reviews matches table 4, review, total",
    description="行政复议N件 (or 无/未发生…行政复议 = 0) equals table 四's 行政复议 / 总计.",
    tags=("2021", "text"),
)

TEXT_LITIGATION = narrative(
    "text.litigation",
    [
        mention(rf"行政诉讼{_gap('复议')}{_NUM}{_UNIT}", _SUITS),
        *(mention(p, _SUITS) for p in _none_of("行政诉讼")),
    ],
    label_zh="正文所述行政诉讼件数与表四两项行政诉讼总计之和一致",
    label_en="the prose's count of lawsuits matches table 4, both lawsuit totals together",
    description=(
        "行政诉讼N件 (or 无行政诉讼 = 0) equals 未经复议直接起诉 / 总计 + 复议后起诉 / 总计."
    ),
    tags=("2021", "text"),
)

TEXT_FEE_NOTICE = conditional_mention(
    "text.fee_notice",
    ConditionalMention("t3.other_fee_unpaid.total", 6),
    label_zh="表三（六）2.逾期未缴费 / 总计大于 0 时，六、其他需要报告的事项应报告收费通知或信息处理费情况",
    label_en=(
        "when table 3 reports requests closed for unpaid fees, section 6 reports the fee "
        "notices or the processing fee"
    ),
    description=(
        "A request closed because the fee was not paid means a 收费通知 was sent "
        "(国办函〔2020〕109号), so section 六 should say so.  未收取信息处理费 does not "
        "contradict it (notices sent, never paid).  Section 六's fee is never compared "
        "with table 二's 行政事业性收费, a different charge."
    ),
    tags=("2021", "text"),
)

TEXT_YEAR = year_check(
    "text.year",
    label_zh="{part}所述年份与报告年度一致",
    label_en="the {part} states the report's year",
    description=(
        "The title and the 统计期限 name the report year t (1月1日–12月31日); a year opening a "
        "sentence of the prose is t−1, t or t+1 (上年结转, last year's problems, next year's plans)."
    ),
    tags=("2021", "text"),
)

# --- cross-year (SPEC §5.4) ---------------------------------------------------------

T3_CARRYOVER = carry_over(
    "t3.carryover",
    cell("t3.carried_over.{c}") == previous("t3.carried_forward.{c}"),
    for_each={"c": "t3.columns"},
    label_zh="{c}列：本年二、上年结转等于上年报告四、结转下年度继续办理",
    label_en="column {c}: this year's (2) carried over = last year's (4) carried forward",
    message_zh="{c}列：本年上年结转为 {lhs}，上年报告结转下年度为 {rhs}，相差 {absdiff}",
    message_en="column {c}: carried over this year is {lhs}, last year carried forward {rhs}, difference {diff}",
    description=(
        "Should hold by meaning; breaks legitimately on 机构改革 (merged or split agencies), "
        "a corrected prior report or a change of scope."
    ),
    tags=("2021", "cross-year"),
)

T2_IN_FORCE_ROLLFORWARD = carry_over(
    "t2.in_force_rollforward",
    cell("t2.{d}.in_force")
    == previous("t2.{d}.in_force") + cell("t2.{d}.issued") - cell("t2.{d}.repealed"),
    kind="rollforward",
    for_each={"d": "t2.documents"},
    label_zh="{d}：现行有效件数等于上年现行有效件数加本年制发减本年废止（参考）",
    label_en="{d}: in force = last year's in force + issued − repealed (soft)",
    message_zh=(
        "{d}：现行有效为 {lhs}，上年现行有效加本年制发减本年废止为 {rhs}，相差 {absdiff}"
        "（修订计入制发、自然失效是否计入废止、清理等都会使其合理地不成立）"
    ),
    message_en=(
        "{d}: in force is {lhs}, last year's in force + issued − repealed is {rhs}, difference "
        "{diff} (revisions counted as issues, lapses counted or not as repeals and periodic "
        "reviews legitimately break it)"
    ),
    description=(
        "A soft check: revisions counted as issues (22（其中修订16件）), 自然失效 counted or not "
        "as 废止, 清理 and joint documents legitimately break it.  Not across 2020→2021."
    ),
    tags=("2021", "cross-year", "soft"),
)

RULES_2021 = RuleSet(
    (
        T3_BALANCE,
        T3_PROCESSED_SUM,
        T3_ROW_SUM,
        T4_GROUP_SUM,
        DOMAIN_COUNT,
        DOMAIN_FEE,
        TEXT_NEW_RECEIVED,
        TEXT_CARRIED_OVER,
        TEXT_CARRIED_FORWARD,
        TEXT_REVIEW,
        TEXT_LITIGATION,
        TEXT_FEE_NOTICE,
        TEXT_YEAR,
        T3_CARRYOVER,
        T2_IN_FORCE_ROLLFORWARD,
    )
)
"""Every rule of the 2021 format: 42 identities, domains, prose and cross-year warnings.

>>> len([i for i in RULES_2021.instances() if i.op == "=="])
51
>>> RULES_2021.by_id("t3.row_sum[granted]")
<rule t3.row_sum[granted]: total == natural_person + commercial + …>
"""
