"""Reasons: every reason a labelling pass gives is named and explained in one table."""

from __future__ import annotations

from pathlib import Path

import regex

import cleaner
from cleaner.label.reasons import REASONS, SETTLE_PREFIX

PACKAGE = Path(cleaner.__file__).parent
# A reason as the code writes it: a string literal naming a pass's reason.
GIVEN = regex.compile(r"""["']((?:structure|html)\.[a-z-]+)["']""")


def reasons_in_code() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name != "reasons.py":
            found.update(GIVEN.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_reason_the_code_gives_is_explained() -> None:
    assert reasons_in_code() - set(REASONS) == set()


def test_the_table_explains_no_reason_the_code_never_gives() -> None:
    assert set(REASONS) - reasons_in_code() == set()


def test_every_explanation_is_one_plain_line() -> None:
    for reason, why in REASONS.items():
        assert why and "\n" not in why, reason
        assert not reason.startswith(SETTLE_PREFIX)
