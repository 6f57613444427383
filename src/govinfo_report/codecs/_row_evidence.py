"""Label evidence: how strongly the printed parts of a row's label point to a row of the form.

Used by the aligned reading (:mod:`govinfo_report.codecs._align`): a whole label
(or its text without the ordinal, or a known variant) scores :data:`WHOLE`; a
fragment scores its length in matching characters.  Pieces of the merged group
labels of table 三 (``（三）不`` / ``予公开``) are no evidence for any row.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from govinfo_report.schema import FORMAT_2021, match_key

__all__ = [
    "GROUP_KEYS",
    "ROW_KEYS",
    "STRONG",
    "WHOLE",
    "WHOLE_KEYS",
    "group_fragment",
    "label_evidence",
    "label_scores",
]

_TABLES = {t.key: t for t in FORMAT_2021.tables}
WHOLE = 100
"""The score of a printed label that is a whole label of the form."""
STRONG = 4
"""A fragment at least this long (in matching characters) is evidence on its own."""


def _label_keys(table: str) -> dict[str, tuple[str, ...]]:
    """For each row of *table*: the keys a whole printed label may have."""
    keys: dict[str, tuple[str, ...]] = {}
    for row in _TABLES[table].rows:
        full = match_key(row.label)
        bare = match_key(_strip_ordinal(row.label))
        variants = {full}
        if bare not in ("其他", "总计"):
            variants.add(bare)
        keys[row.key] = tuple(variants)
    if table == "t2":
        keys["normative_documents"] += (match_key("规范性文件"),)
    if table == "t3":
        keys["partial"] += (match_key("（二）部分公开"),)
    return keys


def _strip_ordinal(label: str) -> str:
    for i, ch in enumerate(label):
        if ch in "、.．":
            head = label[:i]
            if head and (head.isdigit() or all(c in "一二三四五六七八九十" for c in head)):
                return label[i + 1 :]
            break
    if label.startswith("（") and "）" in label[:6]:
        return label[label.index("）") + 1 :]
    return label


ROW_KEYS = {table: _label_keys(table) for table in ("t2", "t3")}
WHOLE_KEYS = frozenset(key for keys in ROW_KEYS.values() for row in keys.values() for key in row)
_GROUP_LABEL_KEYS = tuple(
    match_key(group)
    for group in (
        "三、本年度办理结果",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    )
)
GROUP_KEYS = {
    "review": match_key("行政复议"),
    "suit_direct": match_key("未经复议直接起诉"),
    "suit_after_review": match_key("复议后起诉"),
}


def label_evidence(parts: Sequence[str], keys: tuple[str, ...]) -> int:
    """How strongly label parts (match keys) point to a row with these label *keys*.

    A part, or a run of consecutive parts, that is a whole label scores
    :data:`WHOLE`; otherwise the score is the length of the longest part
    that is a fragment of the label (two characters at least).
    """
    return _index((keys,)).scores(parts)[0]


def label_scores(parts: Sequence[str], table: str) -> dict[str, int]:
    """:func:`label_evidence` of *parts* for every row of *table* (``t2``, ``t3``), by row key."""
    return dict(zip(ROW_KEYS[table], _table_index(table).scores(parts), strict=True))


class _LabelIndex:
    """The label keys of some rows, indexed so that one pass over the parts scores every row.

    Attributes:
        whole: Each whole label key: the rows (by position) it names.
        fragments: Each piece of two characters or more of a key: the rows it is a piece of.
        longest: The length of the longest key.
    """

    def __init__(self, rows: Sequence[tuple[str, ...]]) -> None:
        self.size = len(rows)
        self.whole: dict[str, list[int]] = {}
        self.fragments: dict[str, list[int]] = {}
        for r, keys in enumerate(rows):
            for key in keys:
                self.whole.setdefault(key, []).append(r)
                for a in range(len(key) - 1):
                    for b in range(a + 2, len(key) + 1):
                        found = self.fragments.setdefault(key[a:b], [])
                        if not found or found[-1] != r:
                            found.append(r)
        self.longest = max((len(key) for keys in rows for key in keys), default=0)

    def scores(self, parts: Sequence[str]) -> list[int]:
        """Each row's evidence: :data:`WHOLE`, else the longest part that is a piece of its label."""
        best = [0] * self.size
        whole, fragments = self.whole, self.fragments
        for i, part in enumerate(parts):
            joined = ""
            for j in range(i, min(i + 4, len(parts))):
                joined += parts[j]
                for r in whole.get(joined, ()):
                    best[r] = WHOLE
            # merged labels printed in one cell: '（三）不予公开 1.属于国家秘密'
            for n in range(3, min(len(part), self.longest) + 1):
                for r in whole.get(part[-n:], ()):
                    best[r] = WHOLE
            if len(part) >= 2:
                for r in fragments.get(part, ()):
                    best[r] = max(best[r], len(part))
        return best


@functools.lru_cache(maxsize=64)
def _index(rows: tuple[tuple[str, ...], ...]) -> _LabelIndex:
    return _LabelIndex(rows)


@functools.cache
def _table_index(table: str) -> _LabelIndex:
    """The index of a table's rows, built on first use (not at import), looked up by name."""
    return _index(tuple(ROW_KEYS[table].values()))


def group_fragment(key: str) -> bool:
    """A piece of a merged group label (``五不``, ``予处理``), no piece of a row label."""
    return any(key in group for group in _GROUP_LABEL_KEYS) and not any(
        key in row for row in WHOLE_KEYS
    )
