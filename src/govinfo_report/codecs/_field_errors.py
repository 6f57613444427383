"""Errors of JSON fields: :class:`FieldError`, located by a JSONPath-like ``where``.

What cattrs raises while structuring a report (and what the strict hooks of
:func:`~govinfo_report.codecs._converter.make_converter` raise) is turned
into located field errors here, in document order.
"""

from __future__ import annotations

from typing import Final

from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from govinfo_report.exceptions import GovinfoReportError

__all__ = ["FieldError", "ItemErrors", "MismatchError", "cell_where", "field_errors"]

_NO_VALUE: Final = object()


class FieldError(GovinfoReportError, ValueError):
    """One field of JSON data that cannot become part of a report.

    :class:`~govinfo_report.exceptions.StructureError` groups these; its
    ``messages()`` are their ``str()``:
    ``expected a count, got '六' @ $.cells["t3.new_received.natural_person"]``.

    Attributes:
        where: A JSONPath-like location (``$.meta.year``,
            ``$.cells["t3.granted.total"]``, ``$.sections[2].heading``).
        detail: What was expected (``expected a count``) or what is wrong
            (``unknown key 'foo'``).
        got: The value found, or ``None`` when the problem is a missing or
            extra key (see :attr:`has_got`).
        has_got: ``True`` when :attr:`got` is a value that was found.
        path: The canonical cell path when the field is a cell.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        where: str,
        detail: str,
        got: object = _NO_VALUE,
        *,
        path: str | None = None,
    ) -> None:
        self.where = where
        self.detail = detail
        self.has_got = got is not _NO_VALUE
        self.got = got if self.has_got else None
        self.path = path
        if self.has_got:
            super().__init__(f"{detail}, got {short_repr(got)} @ {where}")
        else:
            super().__init__(f"{detail} @ {where}")


class MismatchError(TypeError):
    """Raised by the strict leaf hooks; turned into a :class:`FieldError` with its location."""

    def __init__(self, expected: str, got: object) -> None:
        self.expected = expected
        self.got = got
        super().__init__(f"expected {expected}, got {short_repr(got)}")


def short_repr(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:76] + " …" + text[-1]


def cell_where(path: str) -> str:
    """Return the location of a cell in the JSON: ``$.cells["t3.granted.total"]``."""
    return f'$.cells["{path}"]'


class ItemErrors(Exception):  # noqa: N818 - internal carrier, never escapes the converter
    """Raised by the list hook: the failing items of a list, by index."""

    def __init__(self, errors: list[tuple[int, Exception]]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} bad items")


def field_errors(exc: BaseException, where: str) -> list[FieldError]:
    """Turn what cattrs raised into located :class:`FieldError` s (in document order)."""
    if isinstance(exc, FieldError):
        return [exc]
    if isinstance(exc, MismatchError):
        return [FieldError(where, f"expected {exc.expected}", exc.got)]
    if isinstance(exc, ForbiddenExtraKeysError):
        return [FieldError(where, f"unknown key {key!r}") for key in sorted(exc.extra_fields)]
    if isinstance(exc, ClassValidationError):
        out: list[FieldError] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            out.extend(field_errors(sub, f"{where}.{note.name}"))
        for sub in without:
            out.extend(field_errors(sub, where))
        return out
    if isinstance(exc, ItemErrors):
        out = []
        for index, sub in exc.errors:
            out.extend(field_errors(sub, f"{where}[{index}]"))
        return out
    if isinstance(exc, IterableValidationError):  # pragma: no cover - lists use _tuple_hook
        out = []
        for sub in exc.exceptions:
            out.extend(field_errors(sub, f"{where}[?]"))
        return out
    if isinstance(exc, KeyError):
        return [FieldError(where, "missing required key")]
    return [FieldError(where, str(exc))]
