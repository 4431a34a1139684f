"""Region: the article is the heaviest contiguous run of text, cut at a convincing end marker."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.label.region import ISOLATED_FACTOR, Region, Role, find_region, weighs_words, weights

G, N, S, B, R, E, M = Role.GOOD, Role.NEAR_GOOD, Role.SHORT, Role.BAD, Role.RULE, Role.END, Role.NEUTRAL


def test_the_story_between_menus_is_the_region() -> None:
    roles = [S] * 10 + [M, G, G, R, G, S, G] + [S] * 10
    words = [2] * 10 + [0, 60, 50, 1, 70, 4, 40] + [2] * 10
    region = find_region(roles, weights(roles, words))
    assert (region.start, region.end) == (10, 16)  # the neutral title block comes along


def test_a_paragraph_alone_among_short_lines_weighs_less() -> None:
    scores = weights([S, G, S, G, G], [3, 40, 3, 40, 40])
    assert scores[1] == 40 * ISOLATED_FACTOR
    assert scores[3] == scores[4] == 40


def test_an_end_marker_cuts_when_the_story_before_it_outweighs_what_follows() -> None:
    roles = [G, G, G, E, S, G, S, S, G]
    words = [60, 60, 60, 1, 2, 30, 2, 2, 30]
    region = find_region(roles, weights(roles, words))
    assert (region.start, region.end, region.cut) == (0, 2, 3)


def test_an_end_marker_above_the_story_cuts_nothing() -> None:
    roles = [G, E, G, G, G, G]
    words = [20, 1, 80, 80, 80, 80]
    region = find_region(roles, weights(roles, words))
    assert region.cut is None and region.end == 5


def test_starts_limit_where_the_run_begins() -> None:
    roles = [G, G, S, S, S, G, G]
    words = [80, 80, 2, 2, 2, 30, 30]
    assert find_region(roles, weights(roles, words)).start == 0
    assert find_region(roles, weights(roles, words), range(5, 7)).start == 5


def test_a_page_without_text_has_an_empty_region() -> None:
    roles = [S, S, B]
    region = find_region(roles, weights(roles, [2, 2, 20]))
    assert region.empty
    assert region == Region(0, -1, None, 0.0)


@given(st.lists(st.tuples(st.sampled_from(list(Role)), st.integers(0, 300)), max_size=40))
def test_only_the_roles_that_weigh_words_read_their_counts(blocks: list[tuple[Role, int]]) -> None:
    # What lets labelling count the words of those blocks only.
    roles = [role for role, _ in blocks]
    counted = [words if weighs_words(role) else 0 for role, words in blocks]
    assert weights(roles, [words for _, words in blocks]) == weights(roles, counted)
