"""Samples: each sample matches its golden JSON and its written expectations, validates against
the schema, accounts for every input block, and comes out byte-identical twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import SAMPLES, assert_conserved, assert_schema_valid, text_blocks

from cleaner.pipeline import Cleaner
from cleaner.samples import check_sample, clean_sample, render_golden, sample_inputs

INPUTS = sample_inputs(SAMPLES)
TEXT_INPUTS = [path for path in INPUTS if path.suffix == ".txt"]


def test_there_are_at_least_fifteen_samples_with_goldens() -> None:
    assert len(INPUTS) >= 15
    assert all(path.with_suffix(".json").exists() for path in INPUTS)


@pytest.mark.parametrize("path", INPUTS, ids=lambda path: path.name)
def test_sample_matches_golden_and_expectations(cleaner: Cleaner, path: Path) -> None:
    result = check_sample(cleaner, path)
    assert result.ok, "\n".join(result.problems)


@pytest.mark.parametrize("path", INPUTS, ids=lambda path: path.name)
def test_sample_output_is_schema_valid(cleaner: Cleaner, path: Path) -> None:
    assert_schema_valid(clean_sample(cleaner, path).to_dict())


@pytest.mark.parametrize("path", TEXT_INPUTS, ids=lambda path: path.name)
def test_sample_conserves_every_block(cleaner: Cleaner, path: Path) -> None:
    raw = path.read_bytes()
    assert_conserved(text_blocks(raw), clean_sample(cleaner, path).to_dict())


@pytest.mark.parametrize("path", INPUTS, ids=lambda path: path.name)
def test_sample_output_is_deterministic(path: Path) -> None:
    first = render_golden(clean_sample(Cleaner(), path))
    second = render_golden(clean_sample(Cleaner(), path))
    assert first == second


def test_goldens_are_stable_json_files() -> None:
    for path in INPUTS:
        text = path.with_suffix(".json").read_text(encoding="utf-8")
        assert text.endswith("}\n")
        assert json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n" == text
