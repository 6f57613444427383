"""Matching keys for labels as real reports print them (SPEC §8).

``match_key("第二十条  第(一)项")`` and ``match_key("第二十条第（一）项")`` are
equal: NFKC, no white space, no ``[bookmark: …]``, no punctuation.  Labels are
*matched* with these keys and *kept* as printed.
"""

from __future__ import annotations

import functools
import re

from govinfo_report.schema._values import normalize_text, strip_artefacts

__all__ = ["match_key"]

_DROP = re.compile(
    r"[\s\u3000\u00a0\"'“”‘’「」『』()\[\]{}<>《》〈〉,，、.。:：;；!！?？·・…\-—_/|]+"
)


@functools.lru_cache(maxsize=4096)
def match_key(label: str) -> str:
    """Return the key under which *label* is matched against the form's labels.

    >>> match_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == match_key(
    ...     "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"
    ... )
    True
    >>> match_key("商业\\n企业")
    '商业企业'
    """
    text = strip_artefacts(label).replace("&nbsp;", "")
    text = normalize_text(text)
    return _DROP.sub("", text)
