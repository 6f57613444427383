"""The labels of tables 二, 三 and 四 as the form prints them, with their known variants.

Every label is keyed by :func:`~govinfo_report.schema.match_key`, so that
half-width punctuation, spaces and line breaks do not matter; the keys'
prefixes let a reader tell a label broken over several cells.
"""

from __future__ import annotations

import re

import attrs

from govinfo_report.schema import FORMAT_2021, match_key

__all__ = [
    "LABELS",
    "PREFIXES",
    "T2_HEADERS",
    "T2_TITLES",
    "T3_GROUPS",
    "T3_HEADERS",
    "T3_NOTE",
    "T4_HEADERS",
    "Label",
]

_TABLES = {t.key: t for t in FORMAT_2021.tables}
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T2_TITLES = (
    "第二十条第（一）项",
    "第二十条第（五）项",
    "第二十条第（六）项",
    "第二十条第（八）项",
)
"""The titles of table 二's four blocks."""
T2_HEADERS = (
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额（单位：万元）",
)
T3_HEADERS = ("申请人情况", "法人或其他组织", *(c.label for c in _TABLES["t3"].rows[0].columns))
"""Table 三's header words: the applicant groups and their columns."""
T3_GROUPS = (
    "三、本年度办理结果",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
)
"""Table 三's merged group labels."""
T4_HEADERS = (
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议直接起诉",
    "复议后起诉",
)
"""The note printed above table 三 (the E1 identity in words)."""


@attrs.frozen
class Label:
    """A label of one of the tables, as the form prints it.

    Attributes:
        table: ``t2``, ``t3`` or ``t4``.
        kind: ``title`` (table 二 block titles), ``header``, ``note`` (the
            E1 note of table 三), ``group`` (merged row labels of table 三),
            ``row`` or ``2019`` (a label only the 2019 trial format has).
        text: The official label.
        row: The row key, for ``row`` labels.
        variant: ``True`` when this is a known variant, not the official text.
    """

    table: str
    kind: str
    text: str
    row: str | None = None
    variant: bool = False


def _strip_ordinal(label: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)", "", label)


def _build_labels() -> dict[str, list[Label]]:
    labels: dict[str, list[Label]] = {}

    def add(label: Label, text: str | None = None) -> None:
        key = match_key(text if text is not None else label.text)
        if key and label not in labels.setdefault(key, []):
            labels[key].append(label)

    t2, t3 = _TABLES["t2"], _TABLES["t3"]
    for title in T2_TITLES:
        add(Label("t2", "title", title))
    for header in T2_HEADERS:
        add(Label("t2", "header", header))
    for variant in ("本年收费金额", "本年收费金额（万元）", "收费金额（单位：万元）"):
        add(Label("t2", "header", variant, variant=True))
    for row in t2.rows:
        add(Label("t2", "row", row.label, row.key))
    add(Label("t2", "row", "规范性文件", "normative_documents", variant=True))
    for old in (
        "第二十条第（九）项",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "处理决定数量",
        "其他对外管理服务事项",
        "政府集中采购",
        "采购项目数量",
        "采购总金额",
    ):
        add(Label("t2", "2019", old))

    add(Label("t3", "note", T3_NOTE))
    for header in T3_HEADERS:
        add(Label("t3", "header", header))
    for group in T3_GROUPS:
        add(Label("t3", "group", group))
        add(Label("t3", "group", group, variant=True), _strip_ordinal(group))
    add(Label("t3", "group", "（六）其他", variant=True))
    for row in t3.rows:
        add(Label("t3", "row", row.label, row.key))
        bare = _strip_ordinal(row.label)
        if bare not in ("其他", "总计"):
            add(Label("t3", "row", row.label, row.key, variant=True), bare)
    add(Label("t3", "row", "（二）部分公开", "partial", variant=True))

    for header in T4_HEADERS:
        add(Label("t4", "header", header))
    return labels


LABELS = _build_labels()
PREFIXES = frozenset(key[:i] for key in LABELS for i in range(1, len(key) + 1))
