"""Structure: title, dek, captions, repeated lines, publisher lines and the footer, by position."""

from __future__ import annotations

from cleaner import clean

LEDE = (
    "The harbor board voted on Tuesday to rebuild the north pier, ending a two-year argument over "
    "whether the crumbling structure was worth saving, the board’s chairwoman said."
)
SECOND = (
    "Work will begin in the spring and is expected to take eighteen months, with the pier closed to "
    "the public for most of that time, according to the board’s engineers and its contractor."
)


def labels(text: str) -> dict[str, tuple[str, str]]:
    article = clean(text)
    return {trace.block.text: (str(trace.decision.label), trace.decision.reason) for trace in article.trace}


def test_the_first_headline_like_block_is_the_title() -> None:
    article = clean(f"North Pier Will Be Rebuilt\n\n{LEDE}\n\n{SECOND}")
    assert article.title == "North Pier Will Be Rebuilt"
    assert article.subtitle is None
    assert article.body == (LEDE, SECOND)


def test_a_dek_sits_between_the_title_and_the_byline() -> None:
    article = clean(f"North Pier Will Be Rebuilt\n\nThe vote ends a long fight.\n\nBy Jane Doe\n\n{LEDE}")
    assert article.subtitle == "The vote ends a long fight."
    assert article.byline == "Jane Doe"


def test_a_short_summary_before_a_longer_first_paragraph_is_the_dek() -> None:
    article = clean(
        f"North Pier Will Be Rebuilt\n\nA two-year fight over the pier ends in a compromise.\n\n{LEDE}"
    )
    assert article.subtitle == "A two-year fight over the pier ends in a compromise."


def test_a_short_lede_is_not_mistaken_for_a_dek() -> None:
    article = clean(
        f"North Pier Will Be Rebuilt\n\nThe board voted on Tuesday to rebuild the pier.\n\n{LEDE}"
    )
    assert article.subtitle is None
    assert article.body[0] == "The board voted on Tuesday to rebuild the pier."


def test_a_lone_credit_pairs_with_the_caption_before_it() -> None:
    article = clean(
        f"Pier Vote\n\n{LEDE}\n\nWorkers inspect the pier on Monday.\nREUTERS/Jane Doe\n\n{SECOND}"
    )
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Workers inspect the pier on Monday.", "REUTERS/Jane Doe")
    ]
    assert article.body == (LEDE, SECOND)
    assert all(r.text != "REUTERS/Jane Doe" for r in article.removed)


def test_a_credit_printed_twice_stays_removed_once_and_the_caption_keeps_it() -> None:
    text = f"Pier Vote\n\nAP/Jane Doe\nWorkers inspect the pier on Monday. AP/Jane Doe\n\n{LEDE}"
    article = clean(text)
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Workers inspect the pier on Monday.", "AP/Jane Doe")
    ]
    assert [(r.text, r.reason) for r in article.removed] == [("AP/Jane Doe", "credits.agency-slash")]


def test_short_lines_repeated_on_the_page_are_removed() -> None:
    decided = labels(f"Pier Vote\n\nThe Harbor Ledger\n\n{LEDE}\n\n{SECOND}\n\nThe Harbor Ledger")
    assert decided["The Harbor Ledger"] == ("boilerplate", "structure.repeated")


def test_a_line_naming_the_publisher_of_the_copyright_is_removed() -> None:
    text = f"Pier Vote\n\n{LEDE}\n\n{SECOND}\n\nHarbor Ledger\n\n© 2025 The Harbor Ledger Company, LLC."
    article = clean(text)
    assert article.publisher == "The Harbor Ledger"
    assert ("Harbor Ledger", "structure.publisher") in [(r.text, r.reason) for r in article.removed]


def test_lines_after_the_story_go_but_a_closing_sentence_after_an_ad_stays() -> None:
    footer = "© 2025 The Ledger\n\nArchives\n\nJobs"
    text = f"Pier Vote\n\n{LEDE}\n\nAdvertisement\n\nHe declined to comment.\n\n{footer}"
    article = clean(text)
    assert article.body == (LEDE, "He declined to comment.")
    assert [r.reason for r in article.removed][-2:] == ["structure.after-article", "structure.after-article"]


def test_a_related_heading_takes_the_short_lines_under_it_but_not_the_story_after_it() -> None:
    text = f"Pier Vote\n\n{LEDE}\n\nRelated Articles\n\nFerry fares rise\n\nNew mayor sworn in\n\n{SECOND}"
    article = clean(text)
    assert article.body == (LEDE, SECOND)
    assert [r.reason for r in article.removed] == [
        "related.heading",
        "structure.link-list",
        "structure.link-list",
    ]


def test_an_end_marker_cuts_what_follows_the_body() -> None:
    comment = "I think the board is wasting our money on this pier, and I said so at the meeting last week."
    text = f"Pier Vote\n\n{LEDE}\n\n{SECOND}\n\n12 Comments\n\nharbor_fan\n\n{comment}"
    article = clean(text)
    assert article.body == (LEDE, SECOND)
    assert [r.reason for r in article.removed] == [
        "comments.heading",
        "structure.after-end",
        "structure.after-end",
    ]


def test_every_decision_names_a_rule_or_a_structural_test() -> None:
    text = f"Pier Vote\n\nBy Jane Doe\n\n{LEDE}\n\nAdvertisement\n\n{SECOND}\n\n© 2025 The Ledger"
    for trace in clean(text).trace:
        assert "." in trace.decision.reason


MENU = "\n".join(["Home", "News", "Sports", "Business", "Opinion", "Weather", "Sign In", "Subscribe"] * 3)


def test_a_full_page_loses_its_menus_and_keeps_its_story() -> None:
    text = f"Pier Vote | The Ledger\n\n{MENU}\n\nPier Vote\n\nBy Jane Doe\n\n{LEDE}\n\n{SECOND}\n\n{MENU}"
    article = clean(text)
    assert article.title == "Pier Vote"
    assert article.body == (LEDE, SECOND)
    assert ("Pier Vote | The Ledger", "structure.page-title") in [(r.text, r.reason) for r in article.removed]
    assert {r.text for r in article.removed} >= set(MENU.split("\n"))


def test_the_headline_of_the_title_line_anchors_the_story_below_it() -> None:
    cookie = (
        "Die technische Speicherung oder der Zugang ist unbedingt erforderlich für den rechtmäßigen "
        "Zweck, die Nutzung eines bestimmten Dienstes zu ermöglichen, der vom Nutzer gewünscht wird."
    )
    story = f"Pier Vote\n\n{LEDE}\n\n{SECOND}"
    text = f"Pier Vote – The Ledger\n\n{MENU}\n\n{story}\n\n{MENU}\n\n{cookie}\n\n{cookie}"
    assert clean(text).body == (LEDE, SECOND)


def test_a_teaser_above_the_story_is_not_the_story() -> None:
    teaser = "Ferry fares will rise by eight percent this summer, the operator said on Friday afternoon."
    story = f"Pier Vote\n\n{LEDE}\n\n{SECOND}\n\n{LEDE}"
    text = f"{MENU}\n\nFerry fares rise\n\n{teaser}\n\nRead more\n\n{MENU}\n\n{story}"
    article = clean(text)
    assert teaser not in article.body
    assert article.body[0] == LEDE


def test_flags_say_when_the_body_is_a_paywall_teaser() -> None:
    text = f"Pier Vote\n\n{LEDE}\n\nSubscribe to continue reading\n\nAlready a subscriber? Sign in"
    assert clean(text).flags == ("paywall-teaser",)


def test_a_story_of_one_paragraph_stays_an_article_flagged_short() -> None:
    article = clean(f"Pier Vote\n\nAdvertisement\n\n{LEDE}\n\nShare on Facebook")
    assert article.body == (LEDE,)
    assert article.flags == ("short",)
    assert clean(f"Pier Vote\n\n{LEDE}\n\n{SECOND}\n\n{LEDE.upper()}").flags == ()


def test_flags_say_when_a_comment_thread_was_cut() -> None:
    thread = "12 Comments\n\nJane\n\nGreat news for the pier."
    text = f"Pier Vote\n\n{LEDE}\n\n{SECOND}\n\n{LEDE.upper()}\n\n{thread}"
    article = clean(text)
    assert "Great news for the pier." not in article.body
    assert article.flags == ("comments",)


def test_flags_say_when_nothing_looks_like_an_article() -> None:
    assert "no-article" in clean("Home\n\nNews\n\nSports\n\nAdvertisement").flags


def test_a_headline_like_line_below_kept_text_is_a_subheading_not_the_title() -> None:
    article = clean("Harbor\n\nNorth Pier Will Be Rebuilt\n\nTides\n")
    assert article.title is None
    assert article.body == ("Harbor", "North Pier Will Be Rebuilt", "Tides")


def test_a_page_headline_printed_after_the_story_is_titled_on_the_page_title_line() -> None:
    headline = "North Pier Will Be Rebuilt"
    page = f"{headline} | The Harbor Times\n\n{LEDE}\n\n{SECOND}\n\n{headline}\n"
    found = labels(page)
    assert clean(page).title == "North Pier Will Be Rebuilt"
    assert found["North Pier Will Be Rebuilt | The Harbor Times"] == ("title", "structure.page-title")
    assert found["North Pier Will Be Rebuilt"] == ("boilerplate", "structure.title-copy")
    assert clean(page).body == (LEDE, SECOND)


def test_a_list_that_the_story_introduces_is_kept_with_the_story() -> None:
    intro = (
        "The league table after the last round of the season, with the points each club won and "
        "the number of matches it played, looks like this:"
    )
    clubs = ["Harbour FC", "Mill Town", "Quay Rovers", "North Pier", "Salt Lane", "Dockside"]
    rows = [f"{rank} {club} {60 - 3 * rank} 30" for rank, club in enumerate(clubs, start=1)]
    text = "\n\n".join(
        ["League table | The Ledger", MENU, "League table", LEDE, intro, "Pos Club Pts Pl", *rows, MENU]
    )
    article = clean(text)
    assert article.body == (LEDE, intro, "Pos Club Pts Pl", *rows)
    # Cleaned again, the article keeps its table: a table of names does not change its language.
    again = clean("\n\n".join(article.body))
    assert again.body == article.body


THIRD = (
    "The board also agreed to widen the boardwalk by two meters and to add lighting along its full "
    "length, a change that residents of the harbor district had asked for since the last repairs."
)
TEASERS = [
    "Ferry fares rise",
    "Ferry fares will rise by eight percent this summer, the operator said, citing the cost of fuel.",
    "New mayor sworn in",
    "The new mayor took the oath of office on Monday and promised to publish the city's budget online.",
    "Beach closed after storm",
    "The south beach stays closed until the weekend while crews clear the sand and debris from the road.",
]


def test_a_box_of_links_in_the_middle_of_the_story_does_not_end_it() -> None:
    story = [LEDE, "Related Articles", "Ferry fares rise", "New mayor sworn in", SECOND, THIRD]
    text = "\n\n".join(["Pier Vote | The Ledger", MENU, "Pier Vote", *story, MENU])
    assert clean(text).body == (LEDE, SECOND, THIRD)


def test_a_most_read_heading_followed_by_teasers_ends_the_story() -> None:
    story = [LEDE, SECOND, THIRD, "Most read on The Ledger", *TEASERS]
    text = "\n\n".join(["Pier Vote | The Ledger", MENU, "Pier Vote", *story, MENU])
    article = clean(text)
    assert article.body == (LEDE, SECOND, THIRD)
    assert {r.text for r in article.removed} >= set(TEASERS)


def test_a_text_in_which_no_rule_finds_furniture_is_an_article_already() -> None:
    # no line of running text, so nothing anchors a region: the text keeps every line anyway
    rows = [f"{rank} | Club {rank} | 12 | {30 - 3 * rank}" for rank in range(1, 7)]
    lines = ["League Standings", "Table after Saturday's games:", *rows, "Next round: Saturday."]
    text = "\n\n".join(lines)
    article = clean(text, input_format="text")
    assert article.title == "League Standings"
    assert article.body == ("Table after Saturday's games:", *rows, "Next round: Saturday.")
    assert article.removed == ()


def test_an_article_already_keeps_the_lines_it_repeats_between_its_first_and_last_kept_lines() -> None:
    exercises = ["Exercise 1: a box of 2 kg.", "Exercise 2: a crate of 4 kg.", "Exercise 3: a sack of 9 kg."]
    lines = [part for exercise in exercises for part in (exercise, "Show the worked answer")]
    text = "\n\n".join(["Masses of Boxes", *lines, "Answers are checked weekly."])
    article = clean(text, input_format="text")
    assert article.body == (*lines, "Answers are checked weekly.")


def test_a_headline_printed_three_times_is_a_teaser_but_twice_it_can_be_a_subheading() -> None:
    teaser = "Seven Warm Islands to Escape the Harbor City Winter This Year"
    subheading = "What the Board Decided About the North Pier on Tuesday Night"
    # a page: rules know some of its furniture (an article already keeps its repeated lines)
    parts = ["Pier Vote", subheading, LEDE, teaser, "Advertisement", SECOND, teaser, subheading, LEDE.upper()]
    article = clean("\n\n".join([*parts, teaser, "Share on Facebook"]))
    reasons = {(trace.block.text, trace.decision.reason) for trace in article.trace}
    assert {reason for text, reason in reasons if text == teaser} == {"structure.repeated"}
    assert (subheading, "structure.repeated") not in reasons
