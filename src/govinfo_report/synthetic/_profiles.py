"""What kinds of agency and what sizes the generator knows, as data.

Sizes and agency kinds are plain strings (``"tiny"``, ``"township"`` …) so
that they serialise and appear on the command line unchanged.  Everything a
size or an agency kind implies (how many requests, how many licensing
decisions, whether the agency can make 规章) lives here, in one place.
"""

from __future__ import annotations

import itertools

import attrs

__all__ = [
    "AGENCY_KINDS",
    "BLANKS",
    "SIZES",
    "AgencyProfile",
    "SizeProfile",
    "agency_profile",
    "size_profile",
]


@attrs.frozen
class SizeProfile:
    """How busy an agency of one size is.

    Attributes:
        key: ``"tiny"`` … ``"huge"``.
        requests: Inclusive range of requests handled in a year (drawn
            log-uniformly).
        legal_person_chance: Chance that any request comes from a legal person.
        carry_chance: Chance, per applicant column, of requests carried over
            from last year or forward to next year.
        review_chance: Chance of any administrative review (行政复议).
        max_reviews: Most reviews in a year.
        suit_chance: Chance of any lawsuit (行政诉讼).
        max_suits: Most lawsuits in a year, per kind of suit.
    """

    key: str
    requests: tuple[int, int]
    legal_person_chance: float
    carry_chance: float
    review_chance: float
    max_reviews: int
    suit_chance: float
    max_suits: int


_SIZES = (
    SizeProfile("tiny", (0, 8), 0.15, 0.1, 0.03, 2, 0.02, 1),
    SizeProfile("small", (3, 60), 0.45, 0.35, 0.15, 4, 0.1, 2),
    SizeProfile("medium", (30, 400), 0.8, 0.6, 0.45, 12, 0.35, 6),
    SizeProfile("large", (300, 3000), 0.95, 0.85, 0.85, 60, 0.75, 30),
    SizeProfile("huge", (2000, 12000), 1.0, 1.0, 1.0, 300, 1.0, 120),
)

SIZES: tuple[str, ...] = tuple(s.key for s in _SIZES)
"""The sizes :func:`~govinfo_report.synthetic.generate` accepts, smallest first.

``"tiny"`` is a township office with a handful of requests; ``"huge"`` a big
city government with thousands.
"""


@attrs.frozen
class AgencyProfile:
    """What an agency of one kind looks like.

    Attributes:
        key: ``"township"`` … ``"provincial_department"``.
        label_zh: A Chinese description (``乡镇人民政府、街道办事处``).
        weight: How common the kind is among reports (relative).
        size_weights: Relative chance of each of :data:`SIZES`.
        makes_regulations: Whether the agency reports 规章 (only governments
            of provinces and 设区的市 make them).
        licensing: ``(chance of none, low, high)`` of 行政许可 decisions.
        punishment: The same for 行政处罚.
        coercion: The same for 行政强制.
        normative: ``(chance of none, low, high)`` of 行政规范性文件 issued.
        fee_chance: Chance of a non-zero 行政事业性收费 amount.
        fee_high: Largest fee amount, in 万元.
    """

    key: str
    label_zh: str
    weight: float
    size_weights: tuple[float, ...]
    makes_regulations: bool
    licensing: tuple[float, int, int]
    punishment: tuple[float, int, int]
    coercion: tuple[float, int, int]
    normative: tuple[float, int, int]
    fee_chance: float
    fee_high: float
    size_cum: tuple[float, ...] = attrs.field(
        init=False,
        default=attrs.Factory(
            lambda self: tuple(itertools.accumulate(self.size_weights)), takes_self=True
        ),
    )
    """Cumulative :attr:`size_weights`, for drawing a size."""


_AGENCIES = (
    AgencyProfile(
        "township",
        "乡镇人民政府、街道办事处",
        0.3,
        (0.8, 0.2, 0.0, 0.0, 0.0),
        False,
        (0.4, 1, 600),
        (0.5, 1, 120),
        (0.85, 1, 10),
        (0.7, 1, 4),
        0.05,
        50.0,
    ),
    AgencyProfile(
        "county_department",
        "县（区）人民政府部门",
        0.35,
        (0.4, 0.5, 0.1, 0.0, 0.0),
        False,
        (0.45, 1, 20_000),
        (0.45, 1, 3_000),
        (0.75, 1, 200),
        (0.5, 1, 12),
        0.25,
        5_000.0,
    ),
    AgencyProfile(
        "county",
        "县（区）人民政府",
        0.1,
        (0.0, 0.5, 0.4, 0.1, 0.0),
        False,
        (0.05, 2_000, 150_000),
        (0.05, 300, 30_000),
        (0.2, 10, 2_000),
        (0.05, 3, 40),
        0.6,
        60_000.0,
    ),
    AgencyProfile(
        "city_department",
        "设区的市人民政府部门",
        0.15,
        (0.0, 0.4, 0.45, 0.15, 0.0),
        False,
        (0.35, 1, 100_000),
        (0.4, 1, 20_000),
        (0.7, 1, 1_000),
        (0.4, 1, 25),
        0.3,
        30_000.0,
    ),
    AgencyProfile(
        "city",
        "设区的市人民政府",
        0.04,
        (0.0, 0.0, 0.3, 0.5, 0.2),
        True,
        (0.0, 20_000, 1_200_000),
        (0.0, 5_000, 4_000_000),
        (0.05, 100, 20_000),
        (0.0, 10, 80),
        0.9,
        250_000.0,
    ),
    AgencyProfile(
        "provincial_department",
        "省级人民政府部门",
        0.06,
        (0.0, 0.3, 0.5, 0.2, 0.0),
        False,
        (0.3, 1, 100_000),
        (0.5, 1, 5_000),
        (0.8, 1, 300),
        (0.3, 1, 20),
        0.3,
        80_000.0,
    ),
)

AGENCY_KINDS: tuple[str, ...] = tuple(a.key for a in _AGENCIES)
"""The agency kinds :func:`~govinfo_report.synthetic.generate` accepts."""

BLANKS: tuple[str, ...] = ("zero", "blank", "slash")
"""How zero cells are printed where a real report may leave them empty.

``"zero"`` prints ``0`` everywhere (the norm, SPEC §6); ``"blank"`` leaves
those cells empty; ``"slash"`` prints ``/`` in them.
"""

_SIZE_BY_KEY = {s.key: s for s in _SIZES}
_AGENCY_BY_KEY = {a.key: a for a in _AGENCIES}

AGENCY_CUM: tuple[float, ...] = tuple(itertools.accumulate(a.weight for a in _AGENCIES))
"""Cumulative weights of :data:`AGENCY_KINDS`, for drawing one."""


def size_profile(key: str) -> SizeProfile:
    """Return the profile of a size (one of :data:`SIZES`)."""
    return _SIZE_BY_KEY[key]


def agency_profile(key: str) -> AgencyProfile:
    """Return the profile of an agency kind (one of :data:`AGENCY_KINDS`)."""
    return _AGENCY_BY_KEY[key]


# --- names -------------------------------------------------------------------

PROVINCES = (
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
)
FIRST = "青云安平东西南金长永兴宁新清桂临丰华广德昌泰龙凤文武嘉和福吉瑞鹤白石松柳"
SECOND = "阳山川宁安平江河城州泉林丰源溪湖德兴华明原陵台坪桥浦塘田峰岭"
TOWN_SUFFIX = ("镇", "乡", "街道")
DEPARTMENTS = (
    "发展和改革局",
    "教育局",
    "科学技术局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化广电旅游局",
    "卫生健康局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "城市管理局",
    "林业局",
    "数据资源管理局",
)
PROVINCIAL_DEPARTMENTS = (
    "发展和改革委员会",
    "教育厅",
    "科学技术厅",
    "公安厅",
    "民政厅",
    "司法厅",
    "财政厅",
    "人力资源和社会保障厅",
    "自然资源厅",
    "生态环境厅",
    "住房和城乡建设厅",
    "交通运输厅",
    "水利厅",
    "农业农村厅",
    "商务厅",
    "文化和旅游厅",
    "卫生健康委员会",
    "退役军人事务厅",
    "应急管理厅",
    "审计厅",
    "市场监督管理局",
    "医疗保障局",
)
