"""Shared fixtures and Hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) runs more examples, the same on every run, than the
default ``dev`` profile; ``thorough`` is the long search, run by hand
(``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py``);
``mutation`` serves mutation testing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI passes or fails for the code alone
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# Mutation testing (``HYPOTHESIS_PROFILE=mutation mutmut run``) runs the tests
# many times in one process: the same examples each time, nothing stored.
settings.register_profile(
    "mutation",
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.differing_executors, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
MUTATION = os.environ.get("HYPOTHESIS_PROFILE") == "mutation"


@pytest.fixture(autouse=MUTATION)
def _compile_afresh() -> None:
    """Under mutation testing, compile the built-in rules anew for each test.

    The compiled matrix is kept with the rule set, so only the first test
    would run the compiler, and mutation testing, which maps each mutated
    function to the tests that run it, would test it with that one test only.
    """
    from govinfo_report.rules import RULES_2021

    RULES_2021._derived.clear()


FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
SEEDS = {
    "seed-000": CORPUS / "seed-000.txt",
    "seed-004": CORPUS / "seed-004.txt",
}


def expected(name: str) -> dict[str, Any]:
    """Return the hand-checked ``*.expected.json`` of a corpus report."""
    data: dict[str, Any] = json.loads((CORPUS / f"{name}.expected.json").read_text("utf-8"))
    return data


@pytest.fixture(params=sorted(SEEDS))
def seed_name(request: pytest.FixtureRequest) -> str:
    """The name of each seed report in turn."""
    return str(request.param)
