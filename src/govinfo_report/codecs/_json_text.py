"""JSON text: a report dumped, and JSON parsed with errors that name the line, column and key.

Shared by the JSON and JSON-lines codecs (:mod:`govinfo_report.codecs.json`,
:mod:`govinfo_report.codecs.jsonl`).
"""

from __future__ import annotations

import functools
import json
import re
import sys
from typing import TYPE_CHECKING

from govinfo_report.codecs._converter import make_converter
from govinfo_report.codecs._json_report import unstructure_report
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import CELL_SPECS

if TYPE_CHECKING:
    import cattrs

    from govinfo_report.schema import Report

__all__ = ["dumps", "line_col", "parse", "shared_converter", "unwrap"]


@functools.cache
def shared_converter() -> cattrs.Converter:
    """The converter this module reads and writes with, made once (building one takes ms)."""
    return make_converter()


def dumps(report: Report, *, indent: int | None = 2, provenance: bool = True) -> str:
    """Return *report* as JSON text.

    Args:
        report: The report.
        indent: Spaces per level (``None``: one compact line).
        provenance: Include the report's provenance (source, reader,
            diagnostics) when it has one.  It is not part of the report's
            content, and a source path differs between machines: pass
            ``False`` for output that must not depend on where the report was
            read from.

    Returns:
        The JSON text, ending with a newline; the same bytes on every machine.

    .. versionadded:: 0.1.0
    """
    data = unstructure_report(report, shared_converter(), provenance=provenance)
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators) + "\n"


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _unique_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return data


class _BigIntError(Exception):
    def __init__(self, digits: str) -> None:
        self.digits = digits
        super().__init__(len(digits))


def _parse_int(digits: str) -> int:
    limit = sys.get_int_max_str_digits()
    if limit and len(digits.lstrip("-")) > limit:
        raise _BigIntError(digits)
    return int(digits)


def _big_int(exc: _BigIntError, text: str, source: str | None) -> ParseError:
    line, column = line_col(text, max(text.find(exc.digits), 0))
    return ParseError(
        "invalid JSON: a number too long to read",
        source=source,
        line=line,
        column=str(column),
        expected=f"an integer of at most {sys.get_int_max_str_digits():,} digits",
        got=exc.digits,
    )


def parse(body: str, *, source: str | None = None) -> object:
    """Parse JSON text as this codec does: keys once per object, integers of bounded length.

    Raises:
        ParseError: for text that is not JSON (with the line and column), a
            key twice in one object, an integer longer than Python reads
            (``sys.get_int_max_str_digits()``) or nesting too deep.
    """
    try:
        return json.loads(body, object_pairs_hook=_unique_pairs, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise _invalid_json(exc, source) from None
    except _DuplicateKeyError as exc:
        raise _duplicate_key(exc, body, source) from None
    except _BigIntError as exc:
        raise _big_int(exc, body, source) from None
    except RecursionError:
        raise ParseError(
            "invalid JSON: nested too deeply", source=source, expected="a report"
        ) from None


def unwrap(data: object) -> object:
    """The report of ``{"report": …, "expected_violations": […]}`` (``generate --breaking``), else *data*."""
    if type(data) is dict and "report" in data and "schema_version" not in data:
        return data["report"]
    return data


def line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _invalid_json(exc: json.JSONDecodeError, source: str | None) -> ParseError:
    message = exc.msg
    snippet = exc.doc[exc.pos : exc.pos + 24].split("\n", 1)[0]
    if message.startswith("Expecting "):
        detail, expected = "invalid JSON", message.removeprefix("Expecting ")
    else:
        detail, expected = f"invalid JSON: {message[0].lower()}{message[1:]}", None
    return ParseError(
        detail,
        source=source,
        line=exc.lineno,
        column=str(exc.colno),
        expected=expected,
        got=snippet if expected is not None or snippet else None,
    )


def _duplicate_key(exc: _DuplicateKeyError, text: str, source: str | None) -> ParseError:
    pattern = re.compile(re.escape(json.dumps(exc.key, ensure_ascii=False)) + r"\s*:")
    matches = list(pattern.finditer(text))
    line = column = None
    if len(matches) >= 2:
        line, col = line_col(text, matches[1].start())
        column = str(col)
    return ParseError(
        "invalid JSON: a key appears twice in one object",
        source=source,
        line=line,
        column=column,
        path=exc.key if exc.key in CELL_SPECS else None,
        expected="each key once",
        got=exc.key,
    )
