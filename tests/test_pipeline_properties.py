"""Pipeline properties, for arbitrary text, bytes and HTML (hypothesis):

- the output is schema-valid JSON that encodes as UTF-8, or the input is refused with a
  one-line error naming it;
- conservation: every non-blank input block is in the output or in `removed`;
- determinism: the same input gives byte-identical output, from any cleaner with the same rules;
- idempotence: cleaning the cleaned text again removes nothing and changes no paragraph.

CI runs a fixed set of examples (the "ci" profile in conftest.py); `bench/fuzz.py` runs the
same checks on fresh random inputs for as long as you let it.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from properties import (
    any_text,
    byte_input,
    check_any_input,
    check_error_record,
    check_idempotent,
    check_text_input,
    html_pages,
    text_input,
)

from cleaner import Cleaner

# Kept as the dek because a date follows it; in the cleaned text no date follows (now settled).
DEK_OF_A_DATE = (
    "Harbor Bridge Reopens After Two Years\nCouncil Votes to Rebuild the North Pier\n19:49\n"
    "Did you like the film? Most critics did not."
)
# A headline under a kept line, printed first as the title, changed the order of the text.
TITLE_BELOW_TEXT = "0\nHarbor Bridge Reopens After Two Years\n" + "By Jane Doe\n" * 12


@pytest.fixture(scope="module")
def twin(cleaner: Cleaner) -> Cleaner:
    """A second cleaner with the same rules, compiled separately."""
    return Cleaner(cleaner.ruleset)


@pytest.mark.slow
@given(raw=text_input)
@example(raw="a\ud800b \x1b]0;title\x07 \x00")
@example(raw="0\n0 0\u20280")  # a line separator inside a line
@example(raw="! ! ! A!\nPhoto by A!")  # a credit line whose credit the caption line also holds
@example(raw="Pier Vote Delayed | The Harbor Ledger\n" + "Home\nWorld\n" * 8)  # the title read off
def test_any_text(cleaner: Cleaner, twin: Cleaner, raw: str) -> None:
    check_text_input(cleaner, twin, raw)


@pytest.mark.parametrize(
    "raw",
    [
        "&nbsp;Ã©",  # an NBSP hid mojibake from the first repair
        "Â\x0c0",  # a form feed turned into a space that ftfy then read as mojibake
        "Pier Vote Passes\nPier Vote Passes\nBy Jane Doe",  # the headline twice became title and dek
        # a sentence said twice: the first copy, first in the cleaned text, read as the <title>
        "Nov 18, 2019 at 9:24 pm ET • 2 min read\n\nBy the end of the year, prices had doubled.\n\n"
        "A farmer checks his crop. Marie Blanc/AFP via Getty Images\n\n"
        "By the end of the year, prices had doubled.",
    ],
)
def test_cleaning_again_changes_nothing_where_it_once_did(cleaner: Cleaner, twin: Cleaner, raw: str) -> None:
    check_idempotent(cleaner, twin, raw)


@pytest.mark.slow
@given(raw=text_input)
@example(raw=DEK_OF_A_DATE)
@example(raw=TITLE_BELOW_TEXT)
def test_cleaning_the_cleaned_text_again_removes_nothing(cleaner: Cleaner, twin: Cleaner, raw: str) -> None:
    check_idempotent(cleaner, twin, raw)


@pytest.mark.slow
@given(raw=byte_input)
@example(raw=b"\xff\xfe\x00\xd8")  # UTF-16 BOM, then a lone surrogate
@example(raw=b"Caf\xc3\xa9 \xff\xfe broken \xe2\x80\x9cquote\xe2\x80\x9d")
def test_any_bytes(cleaner: Cleaner, twin: Cleaner, raw: bytes) -> None:
    check_text_input(cleaner, twin, raw)


@pytest.mark.slow
@given(raw=st.one_of(byte_input, any_text))
def test_any_input_with_format_detection(cleaner: Cleaner, twin: Cleaner, raw: str | bytes) -> None:
    check_any_input(cleaner, twin, raw)


@pytest.mark.slow
@given(raw=html_pages())
def test_any_html_page(cleaner: Cleaner, twin: Cleaner, raw: str) -> None:
    check_any_input(cleaner, twin, raw, input_format="html")


@given(source=any_text, message=any_text)
def test_any_error_record(source: str, message: str) -> None:
    check_error_record(source, message)
