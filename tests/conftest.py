"""Fixtures: one compiled cleaner for the whole run. Hypothesis profiles: "ci" (the default: a
fixed set of examples, so a run is reproducible) and "fuzz" (fresh random examples, many more;
`pytest --hypothesis-profile=fuzz`, or `bench/fuzz.py` for a time budget)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from cleaner.pipeline import Cleaner

settings.register_profile(
    "ci",
    max_examples=150,
    derandomize=True,
    deadline=None,  # a loaded CI machine is slow; the time limits are tested elsewhere
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("fuzz", parent=settings.get_profile("ci"), max_examples=20_000, derandomize=False)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()
