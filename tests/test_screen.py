"""Screen: it passes exactly the lines that some rule of its tier matches, on every example line
of every built-in rule and on any text, while trying only the rules a line could match."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from properties import RULE_EXAMPLES, any_text, page_line

from cleaner.engine import Matcher
from cleaner.rules import Rule, load_rules
from cleaner.screen import Screen, anchored_body, first_chars, requirement

RULESET = load_rules()
MATCHERS = [Matcher(RULESET.rules_for(pack)) for pack in (None, *RULESET.sites)]
TIMEOUT = 5.0
# Letters that (?i) matches to ASCII ones (Kelvin sign, long s, dotted I), and others.
FOLDING_INITIALS = "\u212aſİıÉé¿©"


def tiers(matcher: Matcher) -> list[tuple[Screen, list[Rule]]]:
    """Each length tier's screen and the rules it stands for."""
    result = []
    for tier in range(len(matcher.limits) + 1):
        screen = matcher.screen(tier)
        assert screen is not None
        result.append((screen, matcher.tier_rules(tier)))
    return result


def agrees(text: str) -> None:
    for matcher in MATCHERS:
        for screen, rules in tiers(matcher):
            expected = any(rule.pattern.search(text, timeout=TIMEOUT) for rule in rules)
            assert screen.passes(text, TIMEOUT) == expected, text


@pytest.mark.parametrize("text", RULE_EXAMPLES)
def test_the_screen_agrees_with_the_rules_on_every_rule_example(text: str) -> None:
    agrees(text)


@pytest.mark.parametrize("initial", FOLDING_INITIALS)
def test_the_screen_agrees_with_the_rules_when_a_rule_example_begins_otherwise(initial: str) -> None:
    for text in RULE_EXAMPLES:
        agrees(initial + text[1:])


@given(
    text=st.one_of(page_line, any_text, st.builds(str.__add__, st.sampled_from(FOLDING_INITIALS), page_line))
)
def test_the_screen_agrees_with_the_rules_on_any_line(text: str) -> None:
    agrees(text)


def test_a_case_insensitive_rule_still_sees_lines_that_begin_with_a_folding_letter() -> None:
    """(?i)k matches the Kelvin sign and (?i)s the long s: a line that begins with either must
    reach the rules that begin with k or s."""
    screen = Screen(["(?i:^kelvin$)", "(?i:^sign in$)", "^Other$"])
    assert screen.passes("\u212aelvin", TIMEOUT) and screen.passes("ſign in", TIMEOUT)
    assert not screen.passes("\u212aelvins", TIMEOUT)


def test_each_rule_is_tried_only_where_it_can_match() -> None:
    """Anchored rules by their first character, others by the texts they need, the rest always."""
    screen = Screen(
        ["(?i:^(?:sign in|log in)$)", "^Subscribe$", "^\\p{Lu}\\w+ said$", "\\bcookies\\b", "^\\p{Lu}\\w*$"]
    )
    start = screen.start_for("s")
    assert start is not None and "sign in" in start.pattern and "Subscribe" not in start.pattern
    assert [(gated.exact, gated.folded, gated.anchored) for gated in screen.gated] == [
        ((" said",), (), True),
        (("cookies",), (), False),
    ]
    assert screen.always is not None and screen.always.pattern == "(?:(?:\\p{Lu}\\w*$))"
    assert screen.anywhere is None
    assert screen.passes("We use cookies here.", TIMEOUT) and screen.passes("SIGN IN", TIMEOUT)
    assert screen.passes("Smith said", TIMEOUT) and screen.passes("Menu", TIMEOUT)
    assert not screen.passes("Please sign in", TIMEOUT) and not screen.passes("Cookies!", TIMEOUT)


@pytest.mark.parametrize(
    ("pattern", "body"),
    [
        ("(?i:^sign in$)", "(?i:sign in$)"),
        ("^a(b|c)", "(?:a(b|c))"),
        ("(?i:^a|b)", None),  # the second branch is not anchored
        ("(?i:^a)|(b)", None),
        ("^\\|x|y", None),
        ("^[|]x", "(?:[|]x)"),  # a | inside a class is not a branch
        ("(?x:^ a )", None),  # verbose: not read
        ("(?m:^a)", None),  # multi-line: ^ is not only the start
        ("^(?#x|y)z", None),
        ("cookies", None),
    ],
)
def test_only_patterns_whose_every_match_starts_the_line_lose_their_caret(
    pattern: str, body: str | None
) -> None:
    assert anchored_body(pattern) == body


@pytest.mark.parametrize(
    ("body", "initials"),
    [
        ("(?i:(?:sign in|log in)$)", "LSls"),
        ("(?:(?P<n>ab)|c)", "ac"),
        ("(?:\\.x|y)", ".y"),
        ("(?:a+b)", "a"),
        ("(?:é)", "é"),
        ("(?:(?i:s)ign)", "Ss"),
        ("(?:a?b)", "ab"),  # the first item may be absent
        ("(?:\\(?foo)", "(f"),
        ("(?:\\bfoo)", "f"),  # \b takes no room
        ("(?i:¿?ya)", "Yy¿"),  # ¿ has no case
        ("(?:a{2}b)", "a"),
        ("(?:a{0,2}b)", "ab"),
        ("(?:a*)", None),  # may be empty
        ("(?:|a)", None),
        ("(?:[ab]c)", None),  # classes are not read for initials
        ("(?:\\p{Lu}.*)", None),
        ("(?:(?=x)x)", None),
        ("(?i:é)", None),  # a non-ASCII letter under (?i) has case variants beyond swapcase
    ],
)
def test_first_characters_are_read_only_where_certain(body: str, initials: str | None) -> None:
    found = first_chars(body)
    assert (None if found is None else "".join(sorted(found))) == initials


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        ("(?i:(?=.*\\bcookies?\\b)(?=.*\\bconsent\\b).{0,200}$)", {("consent", True)}),
        ("(?:AP|Reuters)/\\p{Lu}", {("AP", False), ("Reuters", False)}),
        ("\\s+(?:[>»›→]|/)\\s+", {(">", False), ("»", False), ("›", False), ("→", False), ("/", False)}),
        (
            "(?i:delivered to your inbox|en tu bandeja)",
            {("delivered to your inbox", True), ("en tu bandeja", True)},
        ),
        ("(?i:cr[eé]dit|caf\u00e9s)", {("dit", True), ("caf", True)}),  # é has case: it ends a run
        ("abc?d", {("ab", False)}),  # c may be absent: "ab", then "d", and "ab" is longer
        ("ab+cd", {("ab", False)}),  # "ab", then any number of b: "ab" and "cd" tie
        ("(?:news)?letters", {("letters", False)}),
    ],
)
def test_a_requirement_is_text_that_every_match_contains(pattern: str, texts: set[tuple[str, bool]]) -> None:
    found = requirement(pattern)
    assert found is not None and set(found.texts) == texts


@pytest.mark.parametrize(
    "pattern",
    ["\\p{Lu}\\w+", "(?:a|)b?", "a(?i)b", "(?x: a b )", "x{e<=1}", "a\\{b", "(?(1)a|b)", "\\x41", "(?-i:ab)"],
)
def test_no_requirement_where_the_pattern_is_not_read_for_certain(pattern: str) -> None:
    assert requirement(pattern) is None


def test_a_folded_requirement_is_found_in_the_casefolded_line() -> None:
    screen = Screen(["(?i:\\bkelvin\\b)"])
    assert len(screen.gated) == 1 and screen.gated[0].folded == ("kelvin",)
    assert screen.passes("The \u212aELVIN scale", TIMEOUT) and not screen.passes("The scale", TIMEOUT)
