"""Fixtures: one compiled cleaner for the whole run."""

from __future__ import annotations

import pytest

from cleaner.pipeline import Cleaner


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()
