"""Fuzz newsclean for longer than CI does: the property tests' checks on fresh random inputs.

    python bench/fuzz.py                         # every target, 10 minutes
    python bench/fuzz.py --minutes 60 text html  # only these targets, an hour in all
    python bench/fuzz.py --list

The targets are the properties of tests/test_pipeline_properties.py, with the same strategies
and checks (tests/properties.py): schema-valid UTF-8 JSON or a one-line error, conservation,
determinism and idempotence. CI runs a fixed set of examples of each; this runs batches of
new random ones until the time is up. A failure stops the run and prints the smallest failing
input hypothesis found: add it to the test as an `@example(...)` so that CI keeps checking it,
then fix the cause. Exit status 0: no failure; 1: a failure.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from properties import (  # noqa: E402
    any_text,
    byte_input,
    check_any_input,
    check_error_record,
    check_idempotent,
    check_text_input,
    html_pages,
    text_input,
)

from cleaner import Cleaner  # noqa: E402

# The "markup" target: hostile HTML, as bytes in assorted encodings. Text, entities (references
# to controls, to nothing, out of range), elements nested at random, floods of inline elements,
# many attributes, and a declared charset that may be a lie or no charset at all.
_WORDS = st.sampled_from(
    ["harbor", "pier", "vote", "café", "naïve", "Ärger", "قالت", "日本", "\x85", "\x00", " "]
)
_ENTITIES = st.sampled_from(
    [
        "&#11;",
        "&#1;",
        "&#x1F;",
        "&#0;",
        "&amp;",
        "&nbsp;",
        "&#8217;",
        "&#x1F600;",
        "&#99999999;",
        "&bogus;",
        "&#",
    ]
)
_TAGS = st.sampled_from(
    ["p", "div", "span", "a", "b", "li", "ul", "h1", "pre", "figure", "script", "x-y", "svg"]
)
_ATTRIBUTE = st.builds(
    "{}={}{}{}".format,
    st.sampled_from(["class", "href", "data-x", "style", "id", "src", "itemprop"]),
    st.sampled_from(["'", '"', ""]),
    st.lists(_WORDS, max_size=5).map("".join) | _ENTITIES,
    st.sampled_from(["'", '"', ""]),
)
_TEXT = st.lists(_WORDS | _ENTITIES, max_size=8).map(" ".join)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        "<{0} {1}>{2}{3}".format,
        _TAGS,
        st.lists(_ATTRIBUTE, max_size=30).map(" ".join),
        st.lists(children, max_size=6).map("".join),
        st.sampled_from(["", "</p>", "</div>", "</span>", "</a>", "</li>"]),
    )


_MARKUP = st.recursive(_TEXT, _element, max_leaves=60)
_FLOOD = st.builds(
    lambda tag, count: f"<{tag}>w</{tag}> " * count,
    st.sampled_from(["a", "span", "b"]),
    st.integers(0, 3_000),
)


@st.composite
def hostile_markup(draw: st.DrawFn) -> bytes:
    """A hostile HTML page as bytes."""
    body = draw(st.lists(_MARKUP | _FLOOD, min_size=1, max_size=8).map("".join))
    charset = draw(st.sampled_from(["", "utf-8", "windows-1252", "iso-8859-2", "rot13", "utf-16", "koi8-r"]))
    meta = f'<meta charset="{charset}">' if charset else ""
    page = f"<!DOCTYPE html><html><head>{meta}<title>Harbor Vote</title></head><body>{body}</body></html>"
    encoding = draw(st.sampled_from(["utf-8", "cp1252", "utf-16", "utf-32", "iso8859-2"]))
    return page.encode(encoding, errors="replace")


Check = Callable[[Cleaner, Cleaner, Any], None]
TARGETS: dict[str, tuple[st.SearchStrategy[Any], Check]] = {
    "text": (text_input, check_text_input),
    "bytes": (byte_input, check_text_input),
    "auto": (st.one_of(byte_input, any_text), check_any_input),
    "html": (html_pages(), lambda cleaner, twin, raw: check_any_input(cleaner, twin, raw, "html")),
    "markup": (hostile_markup(), lambda cleaner, twin, raw: check_any_input(cleaner, twin, raw, "auto")),
    "errors": (st.tuples(any_text, any_text), lambda cleaner, twin, raw: check_error_record(*raw)),
    "idempotence": (text_input, check_idempotent),
}
BATCH = 200  # examples per hypothesis run; runs repeat until the time is up


def fuzz(name: str, seconds: float, cleaner: Cleaner, twin: Cleaner) -> int:
    """Run one target for about `seconds`; the number of examples tried."""
    strategy, check = TARGETS[name]

    @settings(
        max_examples=BATCH,
        deadline=None,
        derandomize=False,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def batch(raw: Any) -> None:
        check(cleaner, twin, raw)

    tried = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        batch()
        tried += BATCH
    return tried


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("targets", nargs="*", help=f"targets: {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--minutes", type=float, default=10.0, help="total time, shared by the targets")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    options = parser.parse_args()
    if options.list:
        print("\n".join(TARGETS))
        return 0
    names = options.targets or list(TARGETS)
    unknown = [name for name in names if name not in TARGETS]
    if unknown:
        parser.error(f"unknown target {', '.join(unknown)}; the targets are {', '.join(TARGETS)}")
    cleaner = Cleaner()
    twin = Cleaner(cleaner.ruleset)
    share = options.minutes * 60 / len(names)
    for name in names:
        started = time.monotonic()
        try:
            tried = fuzz(name, share, cleaner, twin)
        except Exception:
            print(f"{name}: FAILED; the smallest failing input is shown below", flush=True)
            raise
        print(f"{name}: {tried} examples, no failure ({time.monotonic() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
