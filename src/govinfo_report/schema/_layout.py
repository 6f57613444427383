"""The 2021 format (国办公开办函〔2021〕30号) as data: sections, tables, rows, columns, labels.

Nothing here computes anything: it is the form itself.  Every other module
reads it, so the labels exist exactly once.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = [
    "AMOUNT_PATHS",
    "CELL_PATHS",
    "CELL_SPECS",
    "FORMAT_2021",
    "SECTION_HEADINGS",
    "SECTION_KEYS",
    "T3_COLUMNS",
    "T3_ROWS",
    "T3_VALUE_ROWS",
    "T4_GROUPS",
    "T4_OUTCOMES",
    "CellKind",
    "CellSpec",
    "ColumnSpec",
    "FormatSpec",
    "RowSpec",
    "TableSpec",
    "cell_spec",
]

CellKind = Literal["count", "amount"]
"""What a cell holds: a count of 件 (non-negative ``int``) or the 万元 fee (``Decimal``)."""


@attrs.frozen
class ColumnSpec:
    """One value column of a table row.

    Attributes:
        key: ASCII key used in cell paths (``natural_person``).
        label: The official Chinese label, byte-exact (``自然人``).
        label_en: An English gloss.
        groups: Merged header labels above this column, outermost first
            (``("申请人情况", "法人或其他组织")`` for ``商业企业``).
    """

    key: str
    label: str
    label_en: str
    groups: tuple[str, ...] = ()


@attrs.frozen
class RowSpec:
    """One row of a table (for table 四: one group of five outcomes).

    Attributes:
        key: ASCII key used in cell paths (``denied_enforcement_file``).
        label: The official Chinese label of the row itself, byte-exact
            (``7.属于行政执法案卷``).
        label_en: An English gloss.
        groups: Merged labels the row sits beside, outermost first
            (``("三、本年度办理结果", "（三）不予公开")``); for table 二 the
            block title (``("第二十条第（一）项",)``).
        columns: The value columns of this row, in printed order.
    """

    key: str
    label: str
    label_en: str
    groups: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]


@attrs.frozen
class TableSpec:
    """One of the three tables.

    Attributes:
        key: ``t2``, ``t3`` or ``t4``.
        number: The section number the table sits in (``二``).
        title: The section heading without its ordinal.
        rows: The rows, in printed order.
    """

    key: str
    number: str
    title: str
    rows: tuple[RowSpec, ...]

    def row(self, key: str) -> RowSpec:
        """Return the row with this key.

        Raises:
            KeyError: if no row has that key.
        """
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)


@attrs.frozen
class CellSpec:
    """Everything the form says about one cell.

    Attributes:
        path: The canonical path (``t3.granted.natural_person``).
        index: Position in canonical order (0–199).
        table: The table's spec.
        row: The row's spec.
        column: The column's spec.
        kind: ``"count"`` or ``"amount"``.
    """

    path: str
    index: int
    table: TableSpec = attrs.field(repr=False)
    row: RowSpec = attrs.field(repr=False)
    column: ColumnSpec = attrs.field(repr=False)
    kind: CellKind

    @property
    def row_labels(self) -> tuple[str, ...]:
        """The row's labels, outermost group first, the row's own label last."""
        return (*self.row.groups, self.row.label)

    @property
    def column_labels(self) -> tuple[str, ...]:
        """The column's labels, outermost group first (without ``申请人情况``)."""
        return (*(g for g in self.column.groups if g != "申请人情况"), self.column.label)

    @property
    def label(self) -> str:
        """A full Chinese label: ``表三 三、本年度办理结果 （三）不予公开 7.属于行政执法案卷 / 自然人``."""
        rows = " ".join(self.row_labels)
        cols = " ".join(self.column_labels)
        return f"表{self.table.number} {rows} / {cols}"

    @property
    def short_label(self) -> str:
        """A compact Chinese label as the form reads it: ``三、（三）7.属于行政执法案卷 / 自然人``.

        Group labels are cut to their ordinals; the row's own label and the
        column label are kept whole.
        """
        row = self.row.label
        if self.table.key == "t3" and self.row.groups:
            row = "".join(_ordinal(g) for g in self.row.groups) + row
        elif self.table.key == "t4":
            row = " ".join(self.row_labels)
        return f"{row} / {' '.join(self.column_labels)}"

    @property
    def label_en(self) -> str:
        """An English gloss: ``table 3, refused: administrative enforcement file / natural person``."""
        number = {"二": 2, "三": 3, "四": 4}[self.table.number]
        return f"table {number}, {self.row.label_en} / {self.column.label_en}"


def _ordinal(label: str) -> str:
    if label.startswith("（") and "）" in label:
        return label[: label.index("）") + 1]
    if "、" in label[:3]:
        return label[: label.index("、") + 1]
    return ""


# --- table 二 ----------------------------------------------------------------

_DOC_COLUMNS = (
    ColumnSpec("issued", "本年制发件数", "issued this year"),
    ColumnSpec("repealed", "本年废止件数", "repealed this year"),
    ColumnSpec("in_force", "现行有效件数", "in force"),
)
_DECISIONS = (ColumnSpec("decisions", "本年处理决定数量", "decisions this year"),)
_AMOUNT = (ColumnSpec("amount", "本年收费金额（单位：万元）", "fees this year (10,000 yuan)"),)

_T2_ROWS = (
    RowSpec("regulations", "规章", "rules", ("第二十条第（一）项",), _DOC_COLUMNS),
    RowSpec(
        "normative_documents",
        "行政规范性文件",
        "normative documents",
        ("第二十条第（一）项",),
        _DOC_COLUMNS,
    ),
    RowSpec(
        "licensing", "行政许可", "administrative licensing", ("第二十条第（五）项",), _DECISIONS
    ),
    RowSpec(
        "punishment", "行政处罚", "administrative penalties", ("第二十条第（六）项",), _DECISIONS
    ),
    RowSpec(
        "coercion", "行政强制", "administrative coercion", ("第二十条第（六）项",), _DECISIONS
    ),
    RowSpec(
        "admin_fees", "行政事业性收费", "administrative fees", ("第二十条第（八）项",), _AMOUNT
    ),
)

# --- table 三 ----------------------------------------------------------------

_APPLICANT = "申请人情况"
_LEGAL = "法人或其他组织"
T3_COLUMN_SPECS = (
    ColumnSpec("natural_person", "自然人", "natural persons", (_APPLICANT,)),
    ColumnSpec("commercial", "商业企业", "commercial enterprises", (_APPLICANT, _LEGAL)),
    ColumnSpec("research", "科研机构", "research institutions", (_APPLICANT, _LEGAL)),
    ColumnSpec(
        "public_interest", "社会公益组织", "public-interest organisations", (_APPLICANT, _LEGAL)
    ),
    ColumnSpec(
        "legal_service", "法律服务机构", "legal service organisations", (_APPLICANT, _LEGAL)
    ),
    ColumnSpec("other_org", "其他", "other organisations", (_APPLICANT, _LEGAL)),
    ColumnSpec("total", "总计", "total", (_APPLICANT,)),
)

_RESULTS = "三、本年度办理结果"
_DENIED = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"


def _t3(key: str, label: str, en: str, *groups: str) -> RowSpec:
    return RowSpec(key, label, en, groups, T3_COLUMN_SPECS)


_T3_ROWS = (
    _t3("new_received", "一、本年新收政府信息公开申请数量", "(1) new requests received this year"),
    _t3(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        "(2) requests carried over from last year",
    ),
    _t3("granted", "（一）予以公开", "disclosed", _RESULTS),
    _t3(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "partly disclosed",
        _RESULTS,
    ),
    _t3("denied_state_secret", "1.属于国家秘密", "refused: state secret", _RESULTS, _DENIED),
    _t3(
        "denied_prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        "refused: prohibited by other laws",
        _RESULTS,
        _DENIED,
    ),
    _t3(
        "denied_security_stability",
        "3.危及“三安全一稳定”",
        "refused: endangers security or stability",
        _RESULTS,
        _DENIED,
    ),
    _t3(
        "denied_third_party",
        "4.保护第三方合法权益",
        "refused: third-party rights",
        _RESULTS,
        _DENIED,
    ),
    _t3(
        "denied_internal_affairs",
        "5.属于三类内部事务信息",
        "refused: internal affairs",
        _RESULTS,
        _DENIED,
    ),
    _t3(
        "denied_process_info",
        "6.属于四类过程性信息",
        "refused: process information",
        _RESULTS,
        _DENIED,
    ),
    _t3(
        "denied_enforcement_file",
        "7.属于行政执法案卷",
        "refused: administrative enforcement file",
        _RESULTS,
        _DENIED,
    ),
    _t3(
        "denied_admin_query",
        "8.属于行政查询事项",
        "refused: administrative query",
        _RESULTS,
        _DENIED,
    ),
    _t3(
        "unable_not_held",
        "1.本机关不掌握相关政府信息",
        "cannot provide: not held",
        _RESULTS,
        _UNABLE,
    ),
    _t3(
        "unable_needs_creation",
        "2.没有现成信息需要另行制作",
        "cannot provide: would need creating",
        _RESULTS,
        _UNABLE,
    ),
    _t3(
        "unable_still_unclear",
        "3.补正后申请内容仍不明确",
        "cannot provide: still unclear after correction",
        _RESULTS,
        _UNABLE,
    ),
    _t3(
        "not_processed_petition",
        "1.信访举报投诉类申请",
        "not processed: petition or complaint",
        _RESULTS,
        _NOT_PROCESSED,
    ),
    _t3(
        "not_processed_repeat",
        "2.重复申请",
        "not processed: repeated request",
        _RESULTS,
        _NOT_PROCESSED,
    ),
    _t3(
        "not_processed_publication",
        "3.要求提供公开出版物",
        "not processed: asks for publications",
        _RESULTS,
        _NOT_PROCESSED,
    ),
    _t3(
        "not_processed_excessive",
        "4.无正当理由大量反复申请",
        "not processed: excessive repeated requests",
        _RESULTS,
        _NOT_PROCESSED,
    ),
    _t3(
        "not_processed_confirm_reissue",
        "5.要求行政机关确认或重新出具已获取信息",
        "not processed: confirm or reissue obtained information",
        _RESULTS,
        _NOT_PROCESSED,
    ),
    _t3(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other: no correction in time",
        _RESULTS,
        _OTHER,
    ),
    _t3(
        "other_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other: fee not paid",
        _RESULTS,
        _OTHER,
    ),
    _t3("other_other", "3.其他", "other: other", _RESULTS, _OTHER),
    _t3("total_processed", "（七）总计", "(3) total handled", _RESULTS),
    _t3("carried_forward", "四、结转下年度继续办理", "(4) carried forward to next year"),
)

# --- table 四 ----------------------------------------------------------------


_OUTCOMES = (
    ColumnSpec("upheld", "结果维持", "upheld"),
    ColumnSpec("corrected", "结果纠正", "corrected"),
    ColumnSpec("other", "其他结果", "other result"),
    ColumnSpec("pending", "尚未审结", "pending"),
    ColumnSpec("total", "总计", "total"),
)


_T4_ROWS = (
    RowSpec("review", "行政复议", "administrative review", (), _OUTCOMES),
    RowSpec(
        "suit_direct",
        "未经复议直接起诉",
        "lawsuit without review",
        ("行政诉讼",),
        _OUTCOMES,
    ),
    RowSpec(
        "suit_after_review",
        "复议后起诉",
        "lawsuit after review",
        ("行政诉讼",),
        _OUTCOMES,
    ),
)


@attrs.frozen
class FormatSpec:
    """A version of the report format: its sections and tables.

    Attributes:
        version: ``"2021"``.
        notice: The notice that issued it.
        sections: Canonical section headings, numbered 1–6.
        tables: Tables 二, 三, 四.
    """

    version: str
    notice: str
    sections: tuple[str, ...]
    tables: tuple[TableSpec, ...]

    def table(self, key: str) -> TableSpec:
        """Return the table ``t2``, ``t3`` or ``t4``.

        Raises:
            KeyError: for any other key.
        """
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)


SECTION_HEADINGS: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
"""The six canonical section headings, byte-exact, in order."""

SECTION_KEYS: tuple[str, ...] = (
    "overview",
    "proactive",
    "requests",
    "review_litigation",
    "problems",
    "other",
)
"""ASCII keys of the six sections, in order."""

FORMAT_2021 = FormatSpec(
    version="2021",
    notice="国办公开办函〔2021〕30号",
    sections=SECTION_HEADINGS,
    tables=(
        TableSpec("t2", "二", "主动公开政府信息情况", _T2_ROWS),
        TableSpec("t3", "三", "收到和处理政府信息公开申请情况", _T3_ROWS),
        TableSpec("t4", "四", "政府信息公开行政复议、行政诉讼情况", _T4_ROWS),
    ),
)
"""The 2021 format as data."""


def _cell_specs() -> tuple[CellSpec, ...]:
    specs: list[CellSpec] = []
    for table in FORMAT_2021.tables:
        for row in table.rows:
            for column in row.columns:
                kind: CellKind = "amount" if column.key == "amount" else "count"
                path = f"{table.key}.{row.key}.{column.key}"
                specs.append(CellSpec(path, len(specs), table, row, column, kind))
    return tuple(specs)


CELL_SPECS: dict[str, CellSpec] = {spec.path: spec for spec in _cell_specs()}
"""Every cell's spec, by canonical path, in canonical order."""

CELL_PATHS: tuple[str, ...] = tuple(CELL_SPECS)
"""The 200 canonical cell paths in canonical (printed reading) order."""

AMOUNT_PATHS: frozenset[str] = frozenset(p for p, s in CELL_SPECS.items() if s.kind == "amount")
"""Paths of cells that hold a 万元 amount (only ``t2.admin_fees.amount``)."""

T3_ROWS: tuple[str, ...] = tuple(row.key for row in _T3_ROWS)
"""The 25 row keys of table 三, in printed order."""

T3_VALUE_ROWS: tuple[str, ...] = T3_ROWS[2:23]
"""The 21 result rows of table 三 that （七）总计 adds up (``granted`` … ``other_other``)."""

T3_COLUMNS: tuple[str, ...] = tuple(col.key for col in T3_COLUMN_SPECS)
"""The 7 column keys of table 三, in printed order (``total`` last)."""

T4_GROUPS: tuple[str, ...] = tuple(row.key for row in _T4_ROWS)
"""The 3 group keys of table 四."""

T4_OUTCOMES: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")
"""The 5 outcome keys of each table-四 group (``total`` last)."""


def cell_spec(path: str) -> CellSpec:
    """Return the spec of a canonical cell path.

    Raises:
        UnknownPathError: if *path* is not one of the 200 paths; the error
            suggests close matches.
    """
    try:
        return CELL_SPECS[path]
    except KeyError:
        from difflib import get_close_matches

        from govinfo_report.exceptions import UnknownPathError

        raise UnknownPathError(path, get_close_matches(path, CELL_PATHS, n=3)) from None
