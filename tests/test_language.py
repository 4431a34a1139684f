"""Language: the ISO 639-1 code of the article's body."""

from __future__ import annotations

import pytest

from cleaner.label.content import LANGUAGES
from cleaner.label.language import STOPLIST_CODES, detect_language


@pytest.mark.parametrize(
    ("paragraph", "code"),
    [
        ("The council voted on Tuesday to close the bridge for repairs, and the mayor said it would "
         "reopen in the spring.", "en"),
        ("Der Stadtrat hat am Dienstag beschlossen, die Brücke zu sperren, und der Bürgermeister sagte, "
         "sie werde im Frühjahr wieder geöffnet.", "de"),
        ("El ayuntamiento votó el martes cerrar el puente para repararlo, y el alcalde dijo que se "
         "reabriría en la primavera.", "es"),
        ("Le conseil municipal a voté mardi la fermeture du pont pour des travaux, et le maire a dit "
         "qu'il rouvrirait au printemps.", "fr"),
    ],
)  # fmt: skip
def test_the_language_of_a_body(paragraph: str, code: str) -> None:
    assert detect_language([paragraph]) == code


def test_a_body_no_stoplist_fits_goes_to_the_classifier() -> None:
    # Chinese has no spaces and no stoplist among the candidates.
    assert (
        detect_language(
            [
                "国务院总理李克强十九日主持召开国务院常务会议，部署进一步做好稳就业工作，会议指出要加大支持力度。"
            ]
        )
        == "zh"
    )


@pytest.mark.parametrize("body", [[], [""], ["Photo"], ["Share", "Tweet"]])
def test_too_little_text_has_no_language(body: list[str]) -> None:
    assert detect_language(body) is None


def test_every_stoplist_has_an_iso_code() -> None:
    assert set(STOPLIST_CODES) == set(LANGUAGES)
    assert all(len(code) == 2 and code.islower() for code in STOPLIST_CODES.values())
