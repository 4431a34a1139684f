"""Dates: find a calendar date in a line of the page and give it as ISO 8601.

`find_date` locates a date written out in a line ("Nov. 19, 2019 8:03 am ET", "23.06.2016 um
16:14", "3 de marzo de 2025", "2019-11-19T12:48:14Z"), with the time of day before or after it,
and dateparser turns those words into a date. A date needs a day, a month and a year: "2 hours
ago", "vor 3 Stunden", "Nov 19, 6:55 AM" or "March 2019" are no dates and give None.

The value is `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS+00:00` when the page gives a time of day
with its zone ("EST", "GMT", "+01:00"): the instant in UTC, so that it reads the same whatever
zone a page printed it in, agrees with the UTC dates of HTML metadata, and sorts as text. A
time without a zone keeps only the date: the page's local time is unknown, and a naive time
would read as a different instant to each reader.

The month and weekday names and the time zone abbreviations are dateparser's, for the languages
in DATE_LANGUAGES, so this module holds no word list of its own; abbreviations that several
zones share ("IST", "ET" all year) take the offset dateparser's table gives them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, lru_cache
from typing import Any

import regex

# The languages whose month names a date may be written in: the main languages of European
# news sites. Each one adds its month names to the finder and is tried by the parser.
DATE_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl", "ru", "pl", "id", "tr", "sv", "da", "cs")
EARLIEST_YEAR = 1990  # older "dates" in a news page are history in its text, not its stamp
# How far before a date its time of day may start ("5:42 PM EDT, Wednesday, "), in characters.
TIME_BEFORE_REACH = 40

_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WORD = regex.compile(r"[^\W\d_]{3,}")
_ISO_TIME = regex.compile(r"T\d{2}:\d{2}")
# Every form of date the finder knows has two digits in a row (its year, or the end of a
# numeric date): a line without them is answered without building the finder (dateparser's
# import and words, a large expression), which a small page may then never need.
_TWO_DIGITS = regex.compile(r"\d\d")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date read off a line: its ISO 8601 value, and the page's words that gave it."""

    iso: str
    text: str


def find_date(line: str, language: str | None = None) -> FoundDate | None:
    """The first date in a line, with its time of day and zone when the line gives them.

    `language` (ISO 639-1) is the page's: it decides how a numeric date such as 03.04.2019
    reads, day or month first.

    >>> find_date("By Jane Doe - Nov. 19, 2019 8:03 am EST")
    FoundDate(iso='2019-11-19T13:03:00+00:00', text='Nov. 19, 2019 8:03 am EST')
    >>> find_date("Updated 2 hours ago") is None
    True
    """
    if _TWO_DIGITS.search(line) is None:
        return None
    finder = _finder()
    for core in finder.core.finditer(line):
        start, end, time = core.start(), core.end(), ""
        reach = max(0, start - TIME_BEFORE_REACH)
        if before := finder.time_before.search(line[reach:start]):
            start, time = reach + before.start(), before.group("time")
        elif after := finder.time_after.match(line, end):
            end, time = after.end(), after.group("time")
        iso = parse_date(core.group(), time, language)
        if iso is not None:
            return FoundDate(iso, line[start:end].strip(" ,;|·•–-"))
    return None


# dateparser costs a millisecond or two a date; the pages of a batch repeat their dates.
@lru_cache(maxsize=4096)
def parse_date(date: str, time: str = "", language: str | None = None) -> str | None:
    """The ISO 8601 value of a date and an optional time of day, or None if it is no date.

    >>> parse_date("23.06.2016", "16:14", "de")
    '2016-06-23'
    >>> parse_date("Nov 20, 2019", "12:03 GMT")
    '2019-11-20T12:03:00+00:00'
    >>> parse_date("2025-02-27T21:05:00-05:00")
    '2025-02-28T02:05:00+00:00'
    >>> parse_date("03.04.2019", language="de"), parse_date("03/04/2019", language="en")
    ('2019-04-03', '2019-03-04')
    """
    parsed = _parse(date, time, language)
    if parsed is None and time:
        parsed = _parse(date, "", language)  # a zone dateparser does not know: the date alone
        time = ""
    if parsed is None or parsed.year < EARLIEST_YEAR:
        return None
    if (time or _ISO_TIME.search(date)) and parsed.utcoffset() is not None:
        return parsed.astimezone(UTC).replace(microsecond=0).isoformat()
    return parsed.date().isoformat()


def _parse(date: str, time: str, language: str | None) -> datetime | None:
    """dateparser's reading of the date in the first language that reads it.

    One language at a time: given several, dateparser does not read a numeric date in the
    order of the first one (03.02.2022 became March 2 with German listed first).
    """
    text = f"{date} {time}".strip()
    for candidate in _languages_for(date, language):
        parsed: datetime | None = _parser(candidate).get_date_data(text).date_obj
        if parsed is not None:
            return parsed
    return None


def _languages_for(date: str, language: str | None) -> list[str]:
    """The languages to read a date in: those whose month names it uses, the page's first; a
    numeric date in the page's language (any dateparser knows: Polish writes 04.05.2021 day
    first too), or in English when the page's is unknown."""
    month_languages = _finder().month_languages
    words = [word.casefold() for word in _WORD.findall(date)]
    named = {lang for word in words for lang in month_languages.get(word, ())}
    if not named:
        return [language if language in _dateparser_languages() else "en"]
    first = language if language in DATE_LANGUAGES else "en"
    order = [first, *(other for other in DATE_LANGUAGES if other != first)]
    return [lang for lang in order if lang in named]


@cache
def _dateparser_languages() -> frozenset[str]:
    from dateparser.data.languages_info import language_order

    return frozenset(language_order)


@cache
def _parser(language: str) -> Any:
    """A dateparser parser for one language (built once; dateparser loads them lazily).

    Only absolute dates: no relative ones ("yesterday"), and strict parsing, so that a day,
    a month and a year must all be written (dateparser otherwise fills a missing part from
    today's date).
    """
    from dateparser import DateDataParser  # imported on the first date: its import is slow

    return DateDataParser(
        languages=[language],
        try_previous_locales=False,  # no state carried from one date (or thread) to the next
        settings={
            "PARSERS": ["custom-formats", "absolute-time"],
            "STRICT_PARSING": True,
            "PREFER_LOCALE_DATE_ORDER": True,
        },
    )


@dataclass(frozen=True, slots=True)
class _Finder:
    core: regex.Pattern[str]
    time_before: regex.Pattern[str]
    time_after: regex.Pattern[str]
    month_languages: dict[str, tuple[str, ...]]  # the languages that use each month name


@cache
def _finder() -> _Finder:
    """The patterns that find a date and its time of day, composed from dateparser's words."""
    from dateparser.languages.loader import default_loader
    from dateparser.timezones import timezone_info_list

    locales = {language: default_loader.get_locale(language) for language in DATE_LANGUAGES}
    month_words = {
        language: _words(word for key in _MONTH_KEYS for word in locale.info[key])
        for language, locale in locales.items()
    }
    months = _alternation(set().union(*month_words.values()))
    weekdays = _alternation(
        _words(word for locale in locales.values() for key in _WEEKDAY_KEYS for word in locale.info[key])
    )
    # Zone names are upper case: "et" or "art" in lower case are words, not zones.
    zones = _alternation({name for info in timezone_info_list for name, _ in info["timezones"]})
    month = rf"(?:{months})\.?"
    day = r"\d{1,2}(?:st|nd|rd|th|er|º|\.)?"
    year = r"(?:1[89]|20)\d{2}"
    core = rf"""(?<!\w)(?:
        {month}\s+{day},?\s+{year}                                   # Nov. 19, 2019
      | {day}\s+(?:de\s+)?{month},?\s+(?:de\s+)?{year}               # 19 Nov 2019, 3 de marzo de 2025
      | \d{{1,2}}(?P<sep>[./-])\d{{1,2}}(?P=sep)(?:\d{{4}}|\d{{2}})  # 23.06.2016, 11/19/19
      | {year}-\d{{2}}-\d{{2}}(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
    )(?!\w)"""
    zone = rf"(?:(?:UTC|GMT)?[+-]\d{{1,2}}(?::?\d{{2}})?|(?-i:{zones})(?![\w+-]))"
    time = rf"""(?P<time>
        \d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?:uhr|h)(?!\w))?
        (?:\s*{zone})?
    )"""
    before = rf"{time}\s*[,|·•–-]?\s*(?:(?:{weekdays})\.?,?\s*)?$"
    after = rf"\s*(?:,|\||·|•|–|-|at|um|à|às|a\s+las|,\s*at)?\s*{time}"
    flags = regex.IGNORECASE | regex.VERBOSE
    month_languages: dict[str, tuple[str, ...]] = {}
    for language, words in month_words.items():
        for word in words:
            month_languages[word] = (*month_languages.get(word, ()), language)
    return _Finder(
        regex.compile(core, flags), regex.compile(before, flags), regex.compile(after, flags), month_languages
    )


def _words(names: Iterable[str]) -> set[str]:
    """The names that are words of three letters or more ("mär", not "mrz." or "de"), folded."""
    return {name.casefold() for name in names if _WORD.fullmatch(name)}


def _alternation(words: Iterable[str]) -> str:
    """A regular expression alternation of the words, longest first so that none hides another."""
    return "|".join(regex.escape(word) for word in sorted(words, key=lambda word: (-len(word), word)))
