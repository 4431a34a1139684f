"""Prefilter: it never leaves out a rule that matches a line (on every example line of every
built-in rule, on lines that begin with letters case-folding treats specially, and on any
text), and it leaves out most rules on most lines."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from properties import RULE_EXAMPLES, any_text, page_line

from cleaner.label.features import CACHED_TEXTS
from cleaner.matching.prefilter import RECENT_MAX_CHARS, Prefilter, iter_bits, start_key
from cleaner.matching.rules import Rule, compile_pattern, load_rules

RULESET = load_rules()
RULE_LISTS = [list(RULESET.rules_for(pack)) for pack in (None, *RULESET.sites)]
TIMEOUT = 5.0
# Letters that (?i) matches to ASCII ones (Kelvin sign, long s, dotted and dotless I), and others.
FOLDING = "\u212aſİıÉé¿©ß"


def build(rules: list[Rule]) -> Prefilter:
    return Prefilter.build([rule.pattern.pattern for rule in rules], [rule.max_chars for rule in rules])


PREFILTERS = [(build(rules), rules) for rules in RULE_LISTS]


def matching(rules: list[Rule], text: str) -> set[int]:
    return {
        number
        for number, rule in enumerate(rules)
        if (rule.max_chars is None or len(text) <= rule.max_chars)
        and rule.pattern.search(text, timeout=TIMEOUT) is not None
    }


def never_misses(text: str) -> None:
    for prefilter, rules in PREFILTERS:
        candidates = set(iter_bits(prefilter.candidates(text)))
        missed = matching(rules, text) - candidates
        assert not missed, f"{text!r}: {[rules[n].id for n in missed]} match but were left out"


@pytest.mark.parametrize("text", RULE_EXAMPLES)
def test_every_rule_that_matches_a_rule_example_is_a_candidate(text: str) -> None:
    never_misses(text)


@pytest.mark.parametrize("initial", FOLDING)
def test_no_rule_is_missed_when_a_rule_example_begins_with_a_folding_letter(initial: str) -> None:
    for text in RULE_EXAMPLES:
        never_misses(initial + text[1:])
        never_misses(text.upper())


@given(text=st.one_of(page_line, any_text, st.builds(str.__add__, st.sampled_from(FOLDING), page_line)))
def test_no_rule_is_missed_on_any_line(text: str) -> None:
    never_misses(text)


def prefilter_of(*patterns: str, max_chars: int | None = None) -> Prefilter:
    return Prefilter.build([compile_pattern(p).pattern for p in patterns], [max_chars] * len(patterns))


def candidates(prefilter: Prefilter, text: str) -> list[int]:
    return list(iter_bits(prefilter.candidates(text)))


def test_an_anchored_rule_is_a_candidate_only_for_lines_that_start_as_it_does() -> None:
    prefilter = prefilter_of("(?i)^(?:sign in|log in)\\b", "^Advertisement$")
    assert candidates(prefilter, "Sign in to continue") == [0]
    assert candidates(prefilter, "  LOG IN") == [0]
    assert candidates(prefilter, "Advertisement") == [1]
    assert candidates(prefilter, "Please sign in") == []


def test_a_line_that_shares_only_its_first_letters_with_an_anchored_rule_is_not_a_candidate() -> None:
    """Menus are full of short lines that begin as a rule's words begin ("Company", "Columns")."""
    prefilter = prefilter_of("(?i)^(?:comments?|collected by)\\s*$", "(?i)^\\d+\\s+captures?$")
    assert candidates(prefilter, "Comments") == [0]
    assert candidates(prefilter, "Collected by the archive") == [0]
    assert candidates(prefilter, "Company Town") == []
    assert candidates(prefilter, "Columnists") == []
    assert candidates(prefilter, "12 captures") == [1]
    assert candidates(prefilter, "12\xa0\tcaptures") == [1]  # every space a space
    assert candidates(prefilter, "1 day ago") == []  # a run of digits is read to its end
    counts = prefilter_of("(?i)^\\d[\\d,.]*\\ captures?$")
    assert candidates(counts, "1,234 captures") == [0]
    assert candidates(counts, "1.5 million") == []  # and so is a run of digits and marks


def test_an_unanchored_rule_is_a_candidate_only_for_lines_with_a_literal_it_needs() -> None:
    prefilter = prefilter_of("(?i)\\bcookies?\\b", "(?:AP|Reuters)/\\p{Lu}", "\\d+ comments")
    assert candidates(prefilter, "We use COOKIES here.") == [0]
    assert candidates(prefilter, "Photo: Reuters/Jane Doe") == [1]
    assert candidates(prefilter, "12 comments") == [2]
    assert candidates(prefilter, "Nothing to see") == []


def test_a_rule_that_needs_two_things_is_a_candidate_only_for_lines_with_both() -> None:
    """ "5 min read" needs a digit and "read": most lines with a digit do not say "read"."""
    prefilter = prefilter_of("(?i)\\b\\d+\\s*min(?:ute)?s?\\s+read\\b")
    assert candidates(prefilter, "5 min read") == [0]
    assert candidates(prefilter, "Updated 12 minutes ago") == []
    assert candidates(prefilter, "Read more") == []


def test_an_alternation_needs_one_thing_of_each_branch_twice() -> None:
    """Each branch needs a digit and a word; the line must hold a digit and one of the words."""
    prefilter = prefilter_of("(?i)(?:\\d+ min read|lesezeit: \\d+)")
    assert candidates(prefilter, "Lesezeit: 4") == [0]
    assert candidates(prefilter, "Lesezeit: kurz") == []
    assert candidates(prefilter, "In 2024 we read more") == []


def test_case_folding_finds_what_ignorecase_matches() -> None:
    prefilter = prefilter_of("(?i)^kelvin$", "(?i)^sign in$", "(?i)\\bkelvin\\b", "(?i)instagram")
    assert candidates(prefilter, "\u212aelvin") == [0, 2]
    assert candidates(prefilter, "ſign in") == [1]
    assert candidates(prefilter, "The \u212aELVIN scale") == [2]
    assert candidates(prefilter, "Follow us on ınstagram") == [3]  # (?i) matches I and ı


def test_a_line_longer_than_a_rules_limit_does_not_get_it() -> None:
    prefilter = prefilter_of("(?i)^share\\b", max_chars=20)
    assert candidates(prefilter, "Share this") == [0]
    assert candidates(prefilter, "Share " + "x" * 30) == []


def test_a_short_line_s_candidates_are_kept_and_a_long_line_s_are_not() -> None:
    prefilter = prefilter_of("(?i)^share\\b", "(?i)newsletter")
    long_line = "Sign up for our newsletter " + "x" * RECENT_MAX_CHARS
    assert candidates(prefilter, "Share this") == [0]
    assert candidates(prefilter, long_line) == [1]
    assert prefilter.recent == {"Share this": 1}
    prefilter.recent["Share this"] = 0b10  # what is kept is what is answered
    assert candidates(prefilter, "Share this") == [1]


def test_the_kept_candidates_start_over_when_full() -> None:
    prefilter = prefilter_of("(?i)^share\\b")
    for number in range(CACHED_TEXTS + 1):
        prefilter.candidates(f"line {number}")
    assert len(prefilter.recent) == 1


@pytest.mark.parametrize(
    "pattern",
    [
        "\\p{Lu}\\w+$",  # says nothing about its start or its letters
        "(?:cookie){e<=1}",  # fuzzy matching: the standard parser would read it as text
        "[[:alpha:]]+ only",  # a POSIX class
        "\\P{L}ad",  # a negated Unicode class
        "(?|a|b)c",  # syntax only the regex module has
        "^\\s+\\w",  # starts with whitespace, which a line's key skips, and needs no literal
    ],
)
def test_a_pattern_read_without_certainty_is_tried_on_every_line(pattern: str) -> None:
    prefilter = prefilter_of(pattern)
    assert candidates(prefilter, "anything at all") == [0]


def test_a_verbose_pattern_reads_as_the_same_pattern_on_one_line() -> None:
    """Layout and comments change nothing: not even a comment that mentions syntax which sends
    a rule to "always try" (a brace, a negated class)."""
    verbose = r"""(?ix)
        ^(?:
              sign\ in      # the usual wording {of it}
            | log[ ]in     # \P{L} is not used here
        )\b
    """
    plain = prefilter_of("(?i)^(?:sign in|log in)\\b")
    read = prefilter_of(verbose)
    assert read.always == plain.always == 0
    assert read.by_start == plain.by_start
    assert candidates(read, "Log in now") == [0]
    assert candidates(read, "Please log in") == []


def test_every_builtin_rule_says_what_a_line_needs() -> None:
    """No built-in rule is tried on every line: a pattern the prefilter cannot read is a
    slowdown on every line of every page."""
    for prefilter, rules in PREFILTERS:
        assert [rules[n].id for n in iter_bits(prefilter.always)] == []


def test_many_literals_are_found_in_one_pass() -> None:
    words = [f"zq{n:03d}word" for n in range(120)]
    prefilter = prefilter_of(*(f"(?i)\\b{word}\\b" for word in words), "(?i)©")
    assert candidates(prefilter, "say ZQ007WORD and zq099word ©") == [7, 99, len(words)]
    assert candidates(prefilter, "zq00 is not enough") == []


def test_the_start_key_skips_leading_space_and_writes_digits_as_zero() -> None:
    assert start_key("  12 comments") == "00 co"
    assert start_key("") == ""


def test_every_decimal_digit_starts_a_line_as_zero() -> None:
    digits = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isdecimal()]
    assert all(start_key(digit + "x") == "0x" for digit in digits)
    assert start_key("² comments") == "² com"  # a superscript is no decimal digit
