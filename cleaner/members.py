"""Members of the model's enums as module constants, for the compiled modules' hot loops.

On Python 3.11 `EnumType` defines `__getattr__`, so reading `Label.BODY` goes through a slow
attribute hook (about 1,000 instructions, a tenth of the compiled text path's time when every
module read its labels that way; docs/performance.md). The compiled build keeps these `Final`
names in C statics, which its modules read for nothing.
"""

from __future__ import annotations

from typing import Final

from cleaner.model import Label

BODY: Final = Label.BODY
BOILERPLATE: Final = Label.BOILERPLATE
BYLINE: Final = Label.BYLINE
CAPTION: Final = Label.CAPTION
COPYRIGHT: Final = Label.COPYRIGHT
CREDIT: Final = Label.CREDIT
DATE: Final = Label.DATE
SUBTITLE: Final = Label.SUBTITLE
TITLE: Final = Label.TITLE
