"""Linear expressions over cell paths, and the relations they build.

``cell("t3.granted.total") + cell("t3.partial.total")`` is a
:class:`LinearExpr`; comparing two expressions with ``==``, ``<=`` or ``>=``
returns a :class:`Relation` — data, never a ``bool``.  Paths may hold
``{name}`` placeholders that a rule's quantifier fills in
(``"t3.new_received.{c}"``).  A path prefixed with ``previous.`` names a
cell of last year's report.

Nothing here compares numbers: that is :mod:`govinfo_report.rules._evaluate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeAlias, cast

import attrs

from govinfo_report.exceptions import RuleDefinitionError

if TYPE_CHECKING:
    from typing import NoReturn

__all__ = [
    "PREVIOUS",
    "LinearExpr",
    "Op",
    "Relation",
    "Term",
    "cell",
    "format_side",
    "parse_expr",
    "parse_relation",
    "previous",
    "substitute",
    "sum_over",
    "template_names",
]

Op: TypeAlias = Literal["==", "<=", ">="]
"""A relation's comparison: ``sum(coef * value) op 0``."""

PREVIOUS = "previous."
"""Prefix of a path that names a cell of the previous year's report."""

_OPS: tuple[Op, ...] = ("==", "<=", ">=")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_PATH = re.compile(r"(?:previous\.)?[A-Za-z0-9_{}]+(?:\.[A-Za-z0-9_{}]+)*")


class Term(NamedTuple):
    """One term of a linear expression: a cell path (or path template) and its coefficient.

    .. versionadded:: 0.1.0
    """

    path: str
    """The canonical cell path, possibly with ``{name}`` placeholders or the ``previous.`` prefix."""
    coef: int
    """The integer coefficient (never 0)."""


def template_names(text: str) -> frozenset[str]:
    """Return the ``{name}`` placeholders in *text*.

    >>> sorted(template_names("t3.{r}.{c}"))
    ['c', 'r']
    """
    return frozenset(_PLACEHOLDER.findall(text))


def substitute(text: str, mapping: Mapping[str, str]) -> str:
    """Replace ``{name}`` placeholders that *mapping* knows; leave the others as they are.

    >>> substitute("t3.{r}.{c}", {"c": "total"})
    't3.{r}.total'
    """
    if "{" not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: mapping.get(m[1], m[0]), text)


def _check_coef(coef: object) -> int:
    if isinstance(coef, bool) or not isinstance(coef, int):
        msg = f"a coefficient must be an int, got {coef!r}"
        raise RuleDefinitionError(msg)
    return coef


@attrs.frozen(eq=False, repr=False)
class LinearExpr:
    """A linear sum of cells with integer coefficients, plus an integer constant.

    Build one with :func:`cell`, :func:`previous` and :func:`sum_over`, then
    combine with ``+``, ``-`` and integer ``*``.  ``==``, ``<=`` and ``>=``
    return a :class:`Relation`; an expression is never true or false.

    >>> cell("t3.new_received.total") + cell("t3.carried_over.total")
    LinearExpr('t3.new_received.total + t3.carried_over.total')
    >>> cell("t3.granted.total") <= cell("t3.total_processed.total")
    Relation('t3.granted.total <= t3.total_processed.total')

    Attributes:
        terms: The terms, in the order written.
        constant: An integer added to the sum.

    .. versionadded:: 0.1.0
    """

    terms: tuple[Term, ...] = ()
    constant: int = 0

    __hash__ = None  # type: ignore[assignment]  # == builds a Relation

    def __repr__(self) -> str:
        return f"LinearExpr({format_side(self.terms, self.constant)!r})"

    def __str__(self) -> str:
        return format_side(self.terms, self.constant)

    def __add__(self, other: LinearExpr | int) -> LinearExpr:
        other = _expr(other)
        return LinearExpr((*self.terms, *other.terms), self.constant + other.constant)

    def __radd__(self, other: int) -> LinearExpr:
        return _expr(other) + self

    def __sub__(self, other: LinearExpr | int) -> LinearExpr:
        return self + (-_expr(other))

    def __rsub__(self, other: int) -> LinearExpr:
        return _expr(other) + (-self)

    def __neg__(self) -> LinearExpr:
        return LinearExpr(tuple(Term(t.path, -t.coef) for t in self.terms), -self.constant)

    def __mul__(self, k: int) -> LinearExpr:
        k = _check_coef(k)
        if k == 0:
            return LinearExpr()
        return LinearExpr(tuple(Term(t.path, t.coef * k) for t in self.terms), self.constant * k)

    __rmul__ = __mul__

    def __eq__(self, other: object) -> Relation:  # type: ignore[override]
        return _relation(self, "==", other)

    def __ne__(self, other: object) -> NoReturn:
        msg = "a rule relation is ==, <= or >=; != cannot be checked as a linear relation"
        raise RuleDefinitionError(msg)

    def __le__(self, other: LinearExpr | int) -> Relation:
        return _relation(self, "<=", other)

    def __ge__(self, other: LinearExpr | int) -> Relation:
        return _relation(self, ">=", other)

    def __lt__(self, other: LinearExpr | int) -> NoReturn:
        msg = "use <= (over counts, a < b is a + 1 <= b)"
        raise RuleDefinitionError(msg)

    def __gt__(self, other: LinearExpr | int) -> NoReturn:
        msg = "use >= (over counts, a > b is a >= b + 1)"
        raise RuleDefinitionError(msg)

    def __bool__(self) -> NoReturn:
        msg = "a linear expression is data, not a truth value"
        raise TypeError(msg)


def _expr(value: object) -> LinearExpr:
    if isinstance(value, LinearExpr):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return LinearExpr((), value)
    msg = f"expected a cell expression or an int, got {value!r}"
    raise RuleDefinitionError(msg)


def _relation(lhs: LinearExpr, op: Op, rhs: object) -> Relation:
    right = _expr(rhs)
    return Relation(lhs.terms, op, right.terms, lhs.constant, right.constant)


def _check_path(path: object) -> str:
    if not isinstance(path, str) or not _PATH.fullmatch(path):
        msg = (
            f"expected a cell path such as 't3.granted.total' or 't3.granted.{{c}}', got {path!r}"
        )
        raise RuleDefinitionError(msg)
    return path


def cell(path: str) -> LinearExpr:
    """Return the expression made of one cell of this year's report.

    Args:
        path: A canonical cell path, possibly with ``{name}`` placeholders
            filled in by the rule's quantifier (``"t3.new_received.{c}"``).

    Raises:
        RuleDefinitionError: if *path* is not a path.

    .. versionadded:: 0.1.0
    """
    return LinearExpr((Term(_check_path(path), 1),))


def previous(path: str) -> LinearExpr:
    """Return the expression made of one cell of the *previous* year's report.

    >>> previous("t3.carried_forward.{c}")
    LinearExpr('previous.t3.carried_forward.{c}')

    Raises:
        RuleDefinitionError: if *path* is not a path.

    .. versionadded:: 0.1.0
    """
    if path.startswith(PREVIOUS):
        path = path[len(PREVIOUS) :]
    return LinearExpr((Term(PREVIOUS + _check_path(path), 1),))


def sum_over(template: str, **values: Iterable[str]) -> LinearExpr:
    """Return the sum of a path template over every combination of *values*.

    Placeholders not named in *values* stay for the rule's quantifier.

    >>> sum_over("t3.{r}.{c}", r=["granted", "partial"])
    LinearExpr('t3.granted.{c} + t3.partial.{c}')

    Raises:
        RuleDefinitionError: if *values* is empty or names no placeholder.

    .. versionadded:: 0.1.0
    """
    if not values:
        msg = "sum_over() needs at least one name=values argument"
        raise RuleDefinitionError(msg)
    unknown = set(values) - template_names(template)
    if unknown:
        msg = f"sum_over(): {template!r} has no placeholder {{{sorted(unknown)[0]}}}"
        raise RuleDefinitionError(msg)
    combos: list[dict[str, str]] = [{}]
    for name, options in values.items():
        combos = [{**c, name: v} for c in combos for v in options]
    return LinearExpr(tuple(Term(_check_path(substitute(template, c)), 1) for c in combos))


def _terms(value: Iterable[object]) -> tuple[Term, ...]:
    out: list[Term] = []
    for item in value:
        if not isinstance(item, tuple) or len(item) != 2:
            msg = f"a term is (path, coefficient), got {item!r}"
            raise RuleDefinitionError(msg)
        path, coef = item
        coef = _check_coef(coef)
        if coef == 0:
            msg = f"a term's coefficient cannot be 0 ({path!r})"
            raise RuleDefinitionError(msg)
        out.append(Term(_check_path(path), coef))
    return tuple(out)


@attrs.frozen(repr=False)
class Relation:
    """A linear relation ``lhs op rhs`` between two sums of cells.

    Equivalently ``sum(coef * value for path, coef in terms) + constant op 0``
    (:attr:`terms` and :attr:`constant` are ``lhs − rhs``).

    >>> r = cell("t3.total_processed.total") == sum_over("t3.{r}.total", r=["granted", "partial"])
    >>> r.terms
    (Term(path='t3.total_processed.total', coef=1), Term(path='t3.granted.total', coef=-1), Term(path='t3.partial.total', coef=-1))
    >>> str(r)
    't3.total_processed.total == t3.granted.total + t3.partial.total'

    Attributes:
        lhs: The left side's terms.
        op: ``"=="``, ``"<="`` or ``">="``.
        rhs: The right side's terms.
        lhs_constant: An integer added to the left side.
        rhs_constant: An integer added to the right side.

    .. versionadded:: 0.1.0
    """

    lhs: tuple[Term, ...] = attrs.field(converter=_terms)
    op: Op = attrs.field()
    rhs: tuple[Term, ...] = attrs.field(converter=_terms)
    lhs_constant: int = 0
    rhs_constant: int = 0

    @op.validator
    def _check_op(self, _attribute: attrs.Attribute[Op], value: str) -> None:
        if value not in _OPS:
            msg = f"a relation's operator is one of ==, <=, >=; got {value!r}"
            raise RuleDefinitionError(msg)

    def __attrs_post_init__(self) -> None:
        if not self.lhs and not self.rhs:
            msg = f"a relation needs at least one cell: {self}"
            raise RuleDefinitionError(msg)
        for constant in (self.lhs_constant, self.rhs_constant):
            _check_coef(constant)

    def __repr__(self) -> str:
        return f"Relation({str(self)!r})"

    def __str__(self) -> str:
        left = format_side(self.lhs, self.lhs_constant)
        right = format_side(self.rhs, self.rhs_constant)
        return f"{left} {self.op} {right}"

    def __bool__(self) -> NoReturn:
        msg = "a relation is data, not a truth value: evaluate it with govinfo_report.validate()"
        raise TypeError(msg)

    @property
    def terms(self) -> tuple[Term, ...]:
        """``lhs − rhs``, one term per path (first-appearance order), zero coefficients dropped."""
        coefs: dict[str, int] = {}
        for term in self.lhs:
            coefs[term.path] = coefs.get(term.path, 0) + term.coef
        for term in self.rhs:
            coefs[term.path] = coefs.get(term.path, 0) - term.coef
        return tuple(Term(p, c) for p, c in coefs.items() if c)

    @property
    def constant(self) -> int:
        """``lhs_constant − rhs_constant``."""
        return self.lhs_constant - self.rhs_constant

    @property
    def paths(self) -> tuple[str, ...]:
        """Every path (or template) on either side, once each, in order."""
        return tuple(dict.fromkeys(t.path for t in (*self.lhs, *self.rhs)))

    def bind(self, mapping: Mapping[str, str]) -> Relation:
        """Return the relation with the placeholders in *mapping* filled in."""
        return Relation(
            tuple(Term(substitute(t.path, mapping), t.coef) for t in self.lhs),
            self.op,
            tuple(Term(substitute(t.path, mapping), t.coef) for t in self.rhs),
            self.lhs_constant,
            self.rhs_constant,
        )


# --- text form ------------------------------------------------------------------


def format_side(terms: Iterable[Term], constant: int = 0) -> str:
    """Return one side of a relation as text: ``a + 2*b - c + 3`` (``0`` when empty).

    >>> format_side([Term("a.b.c", 1), Term("a.b.d", -2)], 5)
    'a.b.c - 2*a.b.d + 5'
    """
    parts: list[str] = []
    for term in terms:
        sign = "-" if term.coef < 0 else "+"
        size = abs(term.coef)
        body = term.path if size == 1 else f"{size}*{term.path}"
        if not parts:
            parts.append(body if sign == "+" else f"-{body}")
        else:
            parts.append(f"{sign} {body}")
    if constant or not parts:
        if not parts:
            parts.append(str(constant))
        else:
            parts.append(f"{'-' if constant < 0 else '+'} {abs(constant)}")
    return " ".join(parts)


_TOKEN = re.compile(
    r"\s*(?:(?P<op>==|<=|>=)|(?P<sign>[+-])|(?P<num>\d+)\s*\*|(?P<int>\d+)(?![\w.{])|(?P<path>[A-Za-z_{][A-Za-z0-9_.{}]*))"
)


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            msg = f"cannot read {text!r} as a relation at position {pos}: {text[pos:]!r}"
            raise RuleDefinitionError(msg)
        kind = match.lastgroup
        assert kind is not None
        out.append((kind, match[kind]))
        pos = match.end()
    return out


def parse_expr(text: str) -> LinearExpr:
    """Read a linear expression written as :func:`format_side` writes it.

    No ``eval``: a small tokenizer reads paths, integer coefficients
    (``2*path``), integer constants, ``+`` and ``-``.

    >>> parse_expr("t3.new_received.total + t3.carried_over.total")
    LinearExpr('t3.new_received.total + t3.carried_over.total')

    Raises:
        RuleDefinitionError: for anything else.

    .. versionadded:: 0.1.0
    """
    tokens = _tokens(text)
    if any(kind == "op" for kind, _ in tokens):
        msg = f"expected an expression without ==, <= or >=, got {text!r}"
        raise RuleDefinitionError(msg)
    return _read_side(tokens, text)


def _read_side(tokens: list[tuple[str, str]], text: str) -> LinearExpr:
    terms: list[Term] = []
    constant = 0
    sign = 1
    expect_operand = True
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "sign":
            if not expect_operand and value in "+-":
                sign = 1 if value == "+" else -1
                expect_operand = True
            elif expect_operand and not terms and constant == 0 and sign == 1:
                sign = 1 if value == "+" else -1  # a leading sign
            else:
                msg = f"cannot read {text!r}: unexpected {value!r}"
                raise RuleDefinitionError(msg)
            i += 1
            continue
        if not expect_operand:
            msg = f"cannot read {text!r}: expected + or - before {value!r}"
            raise RuleDefinitionError(msg)
        if kind == "num":
            if i + 1 >= len(tokens) or tokens[i + 1][0] != "path":
                msg = f"cannot read {text!r}: {value}* must be followed by a cell path"
                raise RuleDefinitionError(msg)
            terms.append(Term(_check_path(tokens[i + 1][1]), sign * int(value)))
            i += 2
        elif kind == "path":
            terms.append(Term(_check_path(value), sign))
            i += 1
        elif kind == "int":
            constant += sign * int(value)
            i += 1
        else:  # pragma: no cover - "op" tokens are split off by the callers
            msg = f"cannot read {text!r}: unexpected {value!r}"
            raise RuleDefinitionError(msg)
        sign = 1
        expect_operand = False
    if expect_operand:
        msg = f"cannot read {text!r}: an expression cannot be empty or end with + or -"
        raise RuleDefinitionError(msg)
    if any(t.coef == 0 for t in terms):
        msg = f"cannot read {text!r}: a coefficient cannot be 0"
        raise RuleDefinitionError(msg)
    # An empty side written as "0" has no terms and constant 0.
    return LinearExpr(tuple(terms), constant)


def parse_relation(text: str) -> Relation:
    """Read a relation written as ``str(relation)`` writes it.

    >>> parse_relation("t3.granted.{c} <= t3.total_processed.{c}")
    Relation('t3.granted.{c} <= t3.total_processed.{c}')

    Raises:
        RuleDefinitionError: when *text* is not ``expression op expression``.

    .. versionadded:: 0.1.0
    """
    tokens = _tokens(text)
    ops = [i for i, (kind, _) in enumerate(tokens) if kind == "op"]
    if len(ops) != 1:
        msg = f"a relation has exactly one of ==, <=, >=; got {text!r}"
        raise RuleDefinitionError(msg)
    at = ops[0]
    left = _read_side(tokens[:at], text)
    right = _read_side(tokens[at + 1 :], text)
    op = cast("Op", tokens[at][1])
    return Relation(left.terms, op, right.terms, left.constant, right.constant)
