"""Lists: a numbered or bulleted run that a sentence of the story introduces is part of it."""

from __future__ import annotations

from cleaner import clean
from cleaner.label.lists import ListRun, introduced_lists, introduces_list, list_after, quantity_lists


def test_a_sentence_ending_in_a_colon_introduces_a_list_and_a_label_does_not() -> None:
    assert introduces_list("The shop has marked down these games for the weekend:")
    assert not introduces_list("Tags:")
    assert not introduces_list("The shop has marked down these games for the weekend.")


def test_numbered_items_with_a_link_each_are_one_list_with_its_last_link() -> None:
    texts = ["Our picks for the sale:", "1) A kettle", "https://example.org/k", "2) A lamp",
             "https://example.org/l", "3) A rug", "https://example.org/r", "Leave a comment"]  # fmt: skip
    assert list_after(texts, 0) == ListRun(start=1, end=6, items=(1, 3, 5))


def test_a_header_row_may_stand_between_the_sentence_and_the_first_row() -> None:
    texts = ["The table after the final round:", "Pos Team Pts", "1 Harbour FC 40", "2 Mill Town 38",
             "3 Quay Rovers 31", "Share this"]  # fmt: skip
    assert list_after(texts, 0) == ListRun(start=1, end=4, items=(2, 3, 4))


def test_bulleted_items_share_one_bullet() -> None:
    texts = ["You will need the following things:", "• two eggs", "• a cup of flour", "• some milk", "Method"]
    assert list_after(texts, 0) == ListRun(start=1, end=3, items=(1, 2, 3))


def test_numbers_that_do_not_count_up_from_one_are_no_list() -> None:
    assert list_after(["Results from the weekend:", "23 Nov 2017", "24 Nov 2017", "25 Nov 2017"], 0) is None
    assert list_after(["The winners of the weekend:", "1. Ann", "3. Bo", "7. Cy"], 0) is None


def test_two_items_are_no_list() -> None:
    assert list_after(["The two picks of the week:", "1. Ann", "2. Bo", "More news"], 0) is None


def test_every_introduced_list_of_a_page_is_found_once() -> None:
    texts = ["Menu", "First come the starters:", "1. Soup", "2. Salad", "3. Bread", "Then come the mains:",
             "- Fish", "- Stew", "- Pie", "Contact"]  # fmt: skip
    runs = introduced_lists(texts)
    assert [(run.start, run.end) for run in runs] == [(2, 4), (6, 8)]


def test_lines_that_open_with_a_quantity_and_its_unit_are_a_list_without_an_introduction() -> None:
    texts = ["Ingredients", "250 g flour", "2 eggs", "100 ml milk", "1 tsp salt", "½ cup sugar", "Share"]
    assert quantity_lists(texts) == [ListRun(start=1, end=5, items=(1, 3, 4, 5))]


def test_numbers_before_words_that_are_no_units_are_no_quantity_list() -> None:
    # a most-read box ranks headlines: its numbers are ranks, not quantities
    texts = ["Most read", "1 Mayor resigns", "2 Pier reopens", "3 Storm hits coast", "4 Ferry delayed"]
    assert quantity_lists(texts) == []


def test_a_recipe_keeps_its_ingredients_with_its_method() -> None:
    method = [
        "Heat the oven and butter a small tin while the milk warms on the stove, then set it aside "
        "to cool a little before it goes into the bowl with the flour and the eggs.",
        "Beat the eggs into the flour a little at a time until the batter is smooth, add the milk "
        "and the salt, and leave it to rest for half an hour before it goes into the oven.",
    ]
    ingredients = ["250 g flour", "3 eggs", "300 ml milk", "1 tsp salt", "20 g butter"]
    head = ["Sign in", "Menu", "Harbor Kitchen: Yorkshire Pudding", "Ingredients"]
    tail = ["Share on Facebook", "Most read", "1 Mayor resigns", "2 Pier reopens", "© 2025 Harbor Kitchen"]
    page = [*head, *ingredients, *method, *tail]
    body = clean("\n\n".join(page), input_format="text").body
    assert [line for line in ingredients if line in body] == ingredients
