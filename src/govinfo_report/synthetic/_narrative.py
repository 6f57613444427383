"""The words of a generated report: agency, title, preamble and the six sections.

The phrasing varies with the seed, the figures never disagree with the
tables (SPEC §5.5): ``本年度新收政府信息公开申请N件``, ``上年结转M件`` or
``无上年度结转``, ``结转下年度继续办理K件``, ``行政复议N件``, ``行政诉讼N件`` or
``无行政诉讼案件``; section 六 speaks of the 信息处理费 and the 收费通知
whenever ``t3.other_fee_unpaid.total > 0``; the preamble gives the 统计期限
of the report year.

Drawing (:func:`draw_words`) and writing (:func:`write`) are separate, so
that a report whose cells were changed on purpose can be written again with
the same phrasing and its new figures.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from govinfo_report.schema import CELL_SPECS, SECTION_HEADINGS, Cell, ReportMeta, Section
from govinfo_report.synthetic._draw import _log_int, below, pick
from govinfo_report.synthetic._profiles import (
    DEPARTMENTS,
    FIRST,
    PROVINCES,
    PROVINCIAL_DEPARTMENTS,
    SECOND,
    TOWN_SUFFIX,
)

if TYPE_CHECKING:
    from random import Random

__all__ = ["Words", "draw_agency", "draw_words", "write"]


def _place(rng: Random) -> str:
    first, second = pick(rng, FIRST), pick(rng, SECOND)
    if second == first:  # no 华华市: take the next character instead
        second = SECOND[(SECOND.index(second) + 1) % len(SECOND)]
    return first + second


def draw_agency(rng: Random, kind: str) -> str:
    """Return an agency name of the given kind (``青山县市场监督管理局``)."""
    if kind == "township":
        town = _place(rng) + pick(rng, TOWN_SUFFIX)
        office = "办事处" if town.endswith("街道") else "人民政府"
        return f"{_place(rng)}县{town}{office}"
    if kind == "county_department":
        return f"{_place(rng)}{pick(rng, ('县', '区'))}{pick(rng, DEPARTMENTS)}"
    if kind == "county":
        if rng.random() < 0.5:
            return f"{_place(rng)}县人民政府"
        return f"{_place(rng)}市{_place(rng)}区人民政府"
    if kind == "city_department":
        return f"{_place(rng)}市{pick(rng, DEPARTMENTS)}"
    if kind == "city":
        return f"{_place(rng)}市人民政府"
    return f"{pick(rng, PROVINCES)}{pick(rng, PROVINCIAL_DEPARTMENTS)}"


@attrs.frozen
class Words:
    """The drawn wording of one report (everything but the table figures).

    Attributes:
        agency: The agency name.
        year: The report year.
        period: Which 统计期限 sentence.
        contact: The contact sentence of the preamble.
        proactive: Items published proactively (for section 一's prose).
        variants: Which phrasing of each paragraph.
        fee_yuan: 信息处理费 actually collected, in 元 (used only when fee
            notices were sent).
    """

    agency: str
    year: int
    period: int
    contact: str
    proactive: int
    variants: tuple[int, ...]
    fee_yuan: int


_OPENING = (
    (
        "深入贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》），"
        "坚持以公开为常态、不公开为例外，持续提升政务公开质量和实效"
    ),
    (
        "认真贯彻《条例》和上级政务公开工作要点的部署要求，健全制度、压实责任、规范程序，"
        "政府信息公开工作平稳有序推进"
    ),
    "严格执行《条例》规定，围绕中心工作和群众关切，扎实做好政府信息公开各项工作",
)
_PLATFORMS = ("门户网站", "政府信息公开专栏", "门户网站和政务新媒体")
_PROACTIVE = (
    "及时发布政策文件、规划计划、财政预决算、重大建设项目等信息，并做好政策解读",
    "重点做好部门预决算、行政执法、民生实事等领域信息公开，确保应公开尽公开",
    "同步开展政策解读，采用图文、问答等形式解读文件，提升政策知晓度",
)
_MANAGEMENT = (
    "严格落实信息发布“三审三校”制度，动态更新政府信息公开指南和目录，开展行政规范性文件清理。",
    "健全公开属性源头认定机制，加强发布前保密审查，对已公开信息定期开展排查整改。",
)
_PLATFORM = (
    "持续优化门户网站政府信息公开专栏，规范栏目设置，做好政务新媒体日常运维和安全管理。",
    "依托门户网站、政务服务大厅和政务新媒体，拓宽信息公开渠道，方便公众获取信息。",
)
_OVERSIGHT = (
    "将政务公开纳入年度工作考核，组织开展业务培训，本年度未发生政府信息公开工作责任追究情况。",
    "健全监督保障机制，主动接受社会评议，本年度未因政府信息公开工作被责任追究。",
)
_PROBLEMS = (
    "一是主动公开的深度和广度仍需拓展；二是政策解读形式较为单一；三是工作人员业务能力有待提升。",
    "一是部分栏目更新不够及时；二是依申请公开答复的规范化水平有待提高。",
)
_IMPROVE = (
    "{next}年，将进一步完善公开制度，丰富政策解读形式，加强业务培训，不断提升政府信息公开工作水平。",
    "{next}年，将强化栏目日常维护，规范依申请公开办理流程，推动政府信息公开工作提质增效。",
)
_OTHER = (
    "本年度按要求做好人大代表建议和政协提案办理结果公开工作。",
    "本年度认真落实上级年度政务公开工作要点，各项任务均已完成。",
    "无其他需要报告的事项。",
)
_PERIODS = (
    "本报告所列数据统计期限自{t}年1月1日至12月31日。",
    "本报告中所列数据的统计期限自{t}年1月1日至{t}年12月31日止。",
    "本报告所列数据的统计期限自{t}年1月1日起至{t}年12月31日止。",
)

_COUNTS = (
    len(_OPENING),
    len(_PLATFORMS),
    len(_PROACTIVE),
    len(_MANAGEMENT),
    len(_PLATFORM),
    len(_OVERSIGHT),
    len(_PROBLEMS),
    len(_IMPROVE),
    len(_OTHER),
    2,  # fee sentence
)


def draw_words(rng: Random, agency: str, year: int) -> Words:
    """Draw the wording of a report for *agency* and *year*."""
    variants = [below(rng, n) for n in _COUNTS]
    period = below(rng, len(_PERIODS))
    phone = f"0{10 + below(rng, 990)}-{10_000_000 + below(rng, 90_000_000)}"
    fee = below(rng, 39)
    return Words(
        agency=agency,
        year=year,
        period=period,
        contact=f"如对本报告有疑问，请与{agency}办公室联系（电话：{phone}）。",
        proactive=_log_int(rng, 20, 1000),
        variants=tuple(variants),
        fee_yuan=(fee + 1) * 10,
    )


_I_NEW = CELL_SPECS["t3.new_received.total"].index
_I_OVER = CELL_SPECS["t3.carried_over.total"].index
_I_DONE = CELL_SPECS["t3.total_processed.total"].index
_I_FORWARD = CELL_SPECS["t3.carried_forward.total"].index
_I_GRANTED = CELL_SPECS["t3.granted.total"].index
_I_PARTIAL = CELL_SPECS["t3.partial.total"].index
_I_FEE_UNPAID = CELL_SPECS["t3.other_fee_unpaid.total"].index
_I_REVIEW = CELL_SPECS["t4.review.total"].index
_I_SUIT_DIRECT = CELL_SPECS["t4.suit_direct.total"].index
_I_SUIT_AFTER = CELL_SPECS["t4.suit_after_review.total"].index


def _requests(cells: Sequence[Cell]) -> str:
    """The 依申请公开 paragraph: every figure it gives is a table cell as printed."""
    new, over = cells[_I_NEW].value, cells[_I_OVER].value
    done, forward = cells[_I_DONE].value, cells[_I_FORWARD].value
    granted, partial = cells[_I_GRANTED].value, cells[_I_PARTIAL].value
    parts: list[str] = []
    if new is not None:
        parts.append(f"本年度新收政府信息公开申请{new}件")
    if over is not None:
        parts.append(f"上年结转{over}件" if over else "无上年度结转")
    if done is not None:
        parts.append(f"共办结{done}件")
    if granted is not None and partial is not None and (granted or partial):
        parts.append(f"其中予以公开{granted}件、部分公开{partial}件")
    if forward is not None:
        parts.append(f"结转下年度继续办理{forward}件" if forward else "无结转下年度继续办理的申请")
    text = "，".join(parts) + "。" if parts else ""
    return text + "所有申请均在法定期限内答复。"


def _litigation(cells: Sequence[Cell]) -> str:
    review = cells[_I_REVIEW].value
    direct, after = cells[_I_SUIT_DIRECT].value, cells[_I_SUIT_AFTER].value
    if review:
        first = f"本年度因政府信息公开工作被申请行政复议{review}件"
    else:
        first = "本年度未发生因政府信息公开工作被申请行政复议的情况"
    suits = (direct or 0) + (after or 0)
    second = f"被提起行政诉讼{suits}件" if suits else "无行政诉讼案件"
    return f"{first}，{second}。"


def _fee(words: Words, cells: Sequence[Cell], variant: int) -> str:
    unpaid = cells[_I_FEE_UNPAID].value
    if unpaid:
        collected = f"实际收取信息处理费{words.fee_yuan}元" if variant else "未实际收取信息处理费"
        return (
            "本年度依据《政府信息公开信息处理费管理办法》向部分申请人发出收费通知，"
            f"其中{unpaid}件申请人逾期未按收费通知要求缴纳费用，本机关不再处理；{collected}。"
        )
    return ("本年度未收取信息处理费。", "本机关未发出收费通知，未收取信息处理费。")[variant]


_TABLE_SECTIONS = tuple(Section(n, SECTION_HEADINGS[n - 1], "") for n in (2, 3, 4))


@functools.lru_cache(maxsize=512)
def _problems(problem: int, improve: int, year: int) -> Section:
    text = "\n".join(
        (
            "（一）存在的主要问题",
            _PROBLEMS[problem],
            "（二）改进情况",
            _IMPROVE[improve].format(next=year + 1),
        )
    )
    return Section(5, SECTION_HEADINGS[4], text)


@functools.lru_cache(maxsize=512)
def _other(text: str) -> Section:
    return Section(6, SECTION_HEADINGS[5], text)


def write(words: Words, cells: Sequence[Cell]) -> tuple[ReportMeta, tuple[Section, ...]]:
    """Return the front matter and the six sections for these words and cells."""
    v = words.variants
    t = words.year
    agency = words.agency
    preamble = (
        "根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
        "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，"
        f"{agency}编制本报告。{_PERIODS[words.period].format(t=t)}{words.contact}"
    )
    overview = "\n".join(
        (
            f"{t}年，{agency}{_OPENING[v[0]]}。",
            "（一）主动公开",
            f"全年通过{_PLATFORMS[v[1]]}主动公开政府信息{words.proactive}条，{_PROACTIVE[v[2]]}。",
            "（二）依申请公开",
            _requests(cells) + _litigation(cells),
            "（三）政府信息管理",
            _MANAGEMENT[v[3]],
            "（四）政府信息公开平台建设",
            _PLATFORM[v[4]],
            "（五）监督保障",
            _OVERSIGHT[v[5]],
        )
    )
    sections = (
        Section(1, SECTION_HEADINGS[0], overview),
        *_TABLE_SECTIONS,
        _problems(v[6], v[7], t),
        _other(_fee(words, cells, v[9]) + _OTHER[v[8]]),
    )
    meta = ReportMeta(
        title=f"{agency}{t}年政府信息公开工作年度报告",
        agency=agency,
        year=t,
        format_version="2021",
        preamble=preamble,
    )
    return meta, sections
