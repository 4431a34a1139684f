"""newsclean: clean scraped news text or HTML into structured JSON.

    >>> from cleaner import clean
    >>> page = "Harbor Bridge Reopens\\n\\nThe bridge reopened on Monday after repairs."
    >>> article = clean(page)
    >>> article.title
    'Harbor Bridge Reopens'

`clean()` uses the built-in rules; `Cleaner` holds a compiled rule set (built-in plus your own
packs, `Cleaner(load_rules([path]))`) for many documents and threads.
"""

from cleaner.errors import InputError, NewscleanError, RuleFileError
from cleaner.matching.rules import RuleSet, load_rules
from cleaner.model import Article, Caption, Label, Removal, Repair
from cleaner.pipeline import Cleaner, clean

__all__ = [
    "Article",
    "Caption",
    "Cleaner",
    "InputError",
    "Label",
    "NewscleanError",
    "Removal",
    "Repair",
    "RuleFileError",
    "RuleSet",
    "clean",
    "load_rules",
]
