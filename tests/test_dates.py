"""Dates: a full date in a line, read into ISO 8601, in the page's language."""

from __future__ import annotations

import pytest

from cleaner.label.dates import FoundDate, find_date, parse_date


@pytest.mark.parametrize(
    ("line", "language", "iso"),
    [
        ("March 3, 2025", "en", "2025-03-03"),
        ("Nov. 19, 2019", "en", "2019-11-19"),
        ("Tuesday, November 19, 2019 08:38 AM", "en", "2019-11-19"),
        ("19 Nov 2019", "en", "2019-11-19"),
        ("3. März 2025", "de", "2025-03-03"),
        ("Dienstag, 04.03.2025, 14:35 Uhr", "de", "2025-03-04"),
        ("3 de marzo de 2025", "es", "2025-03-03"),
        ("lunes, 14 de mayo de 2025 a las 10:20", "es", "2025-05-14"),
        ("3 mars 2025 à 14h35", "fr", "2025-03-03"),
        ("22 de outubro de 2010 às 20:13", "pt", "2010-10-22"),
        ("Posted on Maret 30, 2015 by Admin", "id", "2015-03-30"),
        ("14 stycznia 2021", "pl", "2021-01-14"),
        ("2025-03-03", None, "2025-03-03"),
    ],
)
def test_a_date_reads_in_its_language(line: str, language: str | None, iso: str) -> None:
    found = find_date(line, language)
    assert found is not None
    assert found.iso == iso


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published 5:42 PM EDT, March 3, 2025", "2025-03-03T21:42:00+00:00"),
        ("Nov. 19, 2019 8:03 am EST", "2019-11-19T13:03:00+00:00"),
        ("19 Nov 2019 05:44 GMT", "2019-11-19T05:44:00+00:00"),
        ("2025-02-27T14:05:00-05:00", "2025-02-27T19:05:00+00:00"),
        ("2019-11-19T12:48:14Z", "2019-11-19T12:48:14+00:00"),
        ("3. März 2025, 14:35 +01:00", "2025-03-03T13:35:00+00:00"),
        # an evening in the Americas is the next day in UTC: the instant, not the page's day
        ("Nov 18, 2019 at 9:24 pm ET", "2019-11-19T02:24:00+00:00"),
    ],
)
def test_a_time_with_its_zone_gives_the_instant_in_utc(line: str, iso: str) -> None:
    found = find_date(line, "en")
    assert found is not None
    assert found.iso == iso


def test_a_time_without_a_zone_keeps_the_date_alone() -> None:
    # The page's local offset is unknown: a naive time would be a different instant to each reader.
    assert parse_date("23.06.2016", "16:14", "de") == "2016-06-23"


@pytest.mark.parametrize(
    "line",
    [
        "2 hours ago",
        "Updated 3 days ago",
        "vor 3 Stunden",
        "hace 2 horas",
        "il y a 5 minutes",
        "yesterday",
        "Updated Nov 19, 6:55 AM",  # no year
        "March 2025",  # no day
        "14:35 Uhr",
        "The score was 6-4, 7-6 (5) in the second set.",
        "Copyright 2025",
    ],
)
def test_relative_and_partial_dates_are_no_dates(line: str) -> None:
    assert find_date(line, "en") is None


def test_a_numeric_date_reads_in_the_order_of_the_page_language() -> None:
    assert find_date("03.04.2025", "de") == FoundDate("2025-04-03", "03.04.2025")
    assert find_date("03/04/2025", "fr") == FoundDate("2025-04-03", "03/04/2025")
    assert find_date("03/04/2025", "en") == FoundDate("2025-03-04", "03/04/2025")


def test_a_day_past_twelve_settles_the_order_whatever_the_language() -> None:
    assert find_date("11/19/19 06:56 AM", "en") == FoundDate("2019-11-19", "11/19/19 06:56 AM")
    assert find_date("27/09/2018", "en") == FoundDate("2018-09-27", "27/09/2018")


def test_a_month_name_of_another_language_still_reads() -> None:
    found = find_date("Publié le 3 mars 2025", "de")
    assert found is not None
    assert found.iso == "2025-03-03"


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("By Jane Doe - Nov. 19, 2019 8:03 am EST", "Nov. 19, 2019 8:03 am EST"),
        ("Reuters November 18, 2019 11:03 PM", "November 18, 2019 11:03 PM"),
        ("Updated 1:39 am EST, Wednesday, November 20, 2019", "1:39 am EST, Wednesday, November 20, 2019"),
        ("Text: Jane Doe · 24 September 2018", "24 September 2018"),
    ],
)
def test_the_page_wording_of_a_date_is_its_own_words_in_the_line(line: str, text: str) -> None:
    found = find_date(line, "en")
    assert found is not None
    assert found.text == text


def test_the_first_date_of_a_line_is_its_date() -> None:
    found = find_date("Published March 3, 2025 | Updated March 5, 2025", "en")
    assert found is not None
    assert found.iso == "2025-03-03"


def test_a_year_before_1990_is_history_not_a_date_stamp() -> None:
    assert find_date("July 20, 1969", "en") is None
