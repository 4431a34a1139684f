"""Language: the ISO 639-1 code of the article's language, from the text of its body.

The stoplists that the content pass already compares (`cleaner.label.content`) name the
language of a body in European and other spaced scripts at no cost; for a body that none of
them fits (Chinese, Japanese, Thai …) py3langid, a classifier whose model ships inside its
package, decides. It is loaded only then: loading its model costs a second, comparing the
stoplists a fraction of a millisecond (docs/performance.md has the figures and accuracies).
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.label.content import detect_stopwords

# Too little text to name a language: a caption-sized body, a single heading.
MIN_CHARS = 40
CLASSIFIER_SAMPLE_CHARS = 3_000  # enough for py3langid; more text only costs time

# The ISO 639-1 codes of the stoplists in cleaner.label.content.LANGUAGES.
STOPLIST_CODES = {
    "English": "en", "German": "de", "French": "fr", "Spanish": "es", "Portuguese": "pt",
    "Italian": "it", "Dutch": "nl", "Polish": "pl", "Russian": "ru", "Ukrainian": "uk",
    "Czech": "cs", "Slovak": "sk", "Swedish": "sv", "Danish": "da", "Norwegian_Bokmal": "nb",
    "Finnish": "fi", "Hungarian": "hu", "Romanian": "ro", "Turkish": "tr", "Greek": "el",
    "Indonesian": "id", "Korean": "ko", "Arabic": "ar", "Persian": "fa", "Hebrew": "he",
    "Vietnamese": "vi", "Croatian": "hr", "Serbian": "sr", "Bulgarian": "bg", "Catalan": "ca",
}  # fmt: skip


def detect_language(paragraphs: Sequence[str]) -> str | None:
    """The ISO 639-1 code of the language the paragraphs are written in, or None.

    >>> detect_language(["Der Stadtrat hat am Dienstag über den neuen Haushalt abgestimmt, "
    ...                  "und die Mehrheit war sich einig, dass die Schulen mehr Geld bekommen."])
    'de'
    >>> detect_language(["Photo"]) is None
    True
    """
    if sum(len(paragraph) for paragraph in paragraphs) < MIN_CHARS:
        return None
    stoplist = detect_stopwords(paragraphs).language
    if stoplist is not None:
        return STOPLIST_CODES[stoplist]
    return classify("\n".join(paragraphs)[:CLASSIFIER_SAMPLE_CHARS])


def classify(text: str) -> str | None:
    """py3langid's language of a text, if it is a two-letter code (its model has a few others)."""
    import py3langid  # imported, and its model loaded, on the first text that needs it

    code: str = py3langid.classify(text)[0]
    return code if len(code) == 2 else None
