"""Metadata: values read off block texts."""

from __future__ import annotations

import pytest

from cleaner.label.metadata import find_dateline, find_publisher, names_publisher, strip_byline


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("DELLMONT, Ohio (AP) — A water main burst early Monday.", "DELLMONT, Ohio (AP)"),
        ("BERLIN (dpa) – Die Regierung hat am Montag beschlossen.", "BERLIN (dpa)"),
        ("WASHINGTON — The Senate voted on Tuesday.", "WASHINGTON"),
        ("The Senate voted on Tuesday — narrowly.", None),
    ],
)
def test_datelines(paragraph: str, dateline: str | None) -> None:
    assert find_dateline(paragraph) == dateline


@pytest.mark.parametrize(
    ("line", "repeated", "publisher"),
    [
        ("© 2025 The Harbor Ledger Company, LLC. All rights reserved.", [], "The Harbor Ledger"),
        (
            "© 2025 The Harbor Ledger Company, LLC. All rights reserved.",
            ["The Harbor Ledger"],
            "The Harbor Ledger",
        ),
        ("© Le Quotidien de Lyon 2025. Tous droits réservés.", [], "Le Quotidien de Lyon"),
        ("© 2025 Auenthaler Tagblatt. Alle Rechte vorbehalten.", [], "Auenthaler Tagblatt"),
        (None, [], None),
    ],
)
def test_publisher_from_the_copyright_line(
    line: str | None, repeated: list[str], publisher: str | None
) -> None:
    assert find_publisher(line, repeated) == publisher


def test_byline_loses_its_by() -> None:
    assert strip_byline("Von Lena Roth") == "Lena Roth"


def test_publisher_names_match_with_or_without_the() -> None:
    assert names_publisher("The Associated Press", "Associated Press")
    assert not names_publisher("Associated Press photo", "Associated Press")
