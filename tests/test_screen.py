"""Screen: it passes exactly the lines that some rule of its tier matches, on every example line
of every built-in rule and on any text; only patterns anchored at the start lose their `^`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from properties import RULE_EXAMPLES, any_text, page_line

from cleaner.engine import Matcher
from cleaner.rules import Rule, load_rules
from cleaner.screen import Screen, anchored_body

RULESET = load_rules()
MATCHERS = [Matcher(RULESET.rules_for(pack)) for pack in (None, *RULESET.sites)]
TIMEOUT = 5.0


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


@given(
    text=st.one_of(page_line, any_text, st.builds(str.__add__, st.sampled_from("\u212aſİıÉé¿©"), page_line))
)
def test_the_screen_agrees_with_the_rules_on_any_line(text: str) -> None:
    agrees(text)


def test_anchored_rules_are_tried_at_the_start_and_the_others_anywhere() -> None:
    screen = Screen(["(?i:^sign in$)", "^Subscribe$", "\\bcookies\\b"])
    assert screen.start is not None and screen.anywhere is not None
    assert "sign in$" in screen.start.pattern and "^" not in screen.start.pattern
    assert screen.anywhere.pattern == "(?:\\bcookies\\b)"
    assert screen.passes("We use cookies here.", TIMEOUT) and screen.passes("SIGN IN", TIMEOUT)
    assert not screen.passes("Please sign in", TIMEOUT)


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
