"""Content: a block's class from its own text, and the page's stoplist."""

from __future__ import annotations

import pytest

from cleaner.label.content import Stopwords, classify, detect_stopwords
from cleaner.label.region import Role

ENGLISH = detect_stopwords(
    [
        "The council voted on Tuesday to rebuild the pier, and the mayor said that work would begin "
        "in the spring if the state approves the money for it."
    ]
)


def test_the_language_is_the_stoplist_that_covers_most_words() -> None:
    assert ENGLISH.language == "English"
    german = detect_stopwords(
        ["Die Stadt hat am Dienstag beschlossen, dass die Brücke im Frühjahr saniert wird."]
    )
    assert german.language == "German"


def test_a_page_without_a_fitting_stoplist_is_scored_without_stopwords() -> None:
    chinese = detect_stopwords(["武汉本来就是一个英雄的城市，有全国、有大家的支持，武汉肯定能过关。"])
    assert chinese.language is None
    assert chinese.density("任何文字") == 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The council voted on Tuesday to rebuild the pier, ending a two-year argument over whether "
            "the crumbling structure was worth saving, and the mayor said that the work would begin "
            "as soon as the state has approved the money.",
            Role.GOOD,
        ),
        ("He declined to comment on the plan.", Role.NEAR_GOOD),
        ("Business", Role.SHORT),
        ("All News", Role.SHORT),
        (
            "Pierce Brosnan, Meryl Streep, Colin Firth, Amanda Seyfried, Stellan Skarsgård, Julie Walters",
            Role.BAD,
        ),
    ],
)
def test_classes(text: str, expected: Role) -> None:
    assert classify(text, ENGLISH) is expected


def test_numbers_and_soft_hyphens_do_not_dilute_the_stopwords() -> None:
    words = Stopwords("English", frozenset({"the", "won"}))
    assert words.density("the 6-4 7-6 won") == 1.0
    assert words.density("t\u00adhe") == 1.0


def test_a_long_block_in_another_script_is_neutral_not_boilerplate() -> None:
    verse = "ﺎَﻣ ﻰَﺴَﻋ ْﻥَﺃ َﻥﻮُﻜَﻳ َﻚَﻀْﻴِﻐَﺑ ﺎًﻣْﻮَﻳ ْﺐِﺒْﺣَﺃ َﻚَﺒﻴِﺒَﺣ ﺎًﻧْﻮَﻫ ﺎَﻣ ﻰَﺴَﻋ ْﻥَﺃ"
    assert ENGLISH.in_other_script(verse)
    assert classify(verse, ENGLISH) is Role.NEUTRAL
    names = "Pierce Brosnan, Meryl Streep, Colin Firth, Amanda Seyfried, Stellan Skarsgård, Julie Walters"
    assert not ENGLISH.in_other_script(names)


def test_a_post_quoted_in_another_language_is_neutral_not_boilerplate() -> None:
    german = detect_stopwords(["Die Stadt hat beschlossen, dass die Brücke im Frühjahr saniert wird."])
    post = "How hard would it be for the harbor board to find the money for the pier again next year?"
    assert classify(post, german) is Role.NEUTRAL
    # a line poor in any language's function words stays boilerplate
    names = "Pierce Brosnan, Meryl Streep, Colin Firth, Amanda Seyfried, Stellan Skarsgård, Julie Walters"
    assert classify(names, german) is Role.BAD


@pytest.mark.parametrize(
    "line",
    [
        'install.packages("harborplot")  # once',
        "plot <- harbor_plot(data, aes(x = month, y = tides))",
        "$ ./configure --prefix=/opt/harbor && make && make install",
    ],
)
def test_a_line_of_code_is_neutral_not_boilerplate(line: str) -> None:
    # a tutorial's listings sit between its paragraphs: they must not break the run of text
    assert classify(line, ENGLISH) is Role.NEUTRAL


def test_a_short_line_with_a_few_brackets_is_still_short() -> None:
    assert classify("Comments (3)", ENGLISH) is Role.SHORT
    assert classify("<< Older | Newer >>", ENGLISH) is Role.SHORT


def test_a_paragraph_of_sentences_poorer_in_stopwords_than_a_line_must_be_is_near_good() -> None:
    german = detect_stopwords(["Die Stadt hat beschlossen, dass die Brücke im Frühjahr saniert wird."])
    paragraph = (
        "Ich bin Fachanwältin für Verkehrsrecht in Kressenbach. Ich berate Speditionen, Taxiunternehmen "
        "und Fahrschulen bei Bußgeldverfahren, Unfallregulierung und Fahrerlaubnisfragen. Ich freue mich!"
    )
    assert 0.2 <= german.density(paragraph) < 0.3
    assert classify(paragraph, german) is Role.NEAR_GOOD
    # the same words as a line that is no paragraph of sentences stay boilerplate
    assert classify(paragraph.rstrip("!"), german) is Role.BAD


def test_a_table_of_numbers_does_not_outvote_the_sentences_around_it() -> None:
    rows = [f"{rank} Harbour Rovers {100 - rank} {rank % 7} {rank % 3}" for rank in range(1, 40)]
    sentence = "Die Tabelle nach dem letzten Spieltag der Saison, mit allen Punkten und Siegen:"
    assert detect_stopwords([sentence, *rows]).language == "German"
