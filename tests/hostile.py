"""Hostile inputs, generated (never committed): what a scraper may hand newsclean on a bad day.

Each maker writes one input into a folder and returns the path to give the command; sizes are
parameters so that `bench/hostile.py` can time each kind at growing sizes and show that the
time grows linearly. The tests run each one through the installed command.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SENTENCE = "The harbor board voted on Tuesday to rebuild the north pier, the chairwoman said. "
PAGE = (
    "Harbor Board Votes to Rebuild the North Pier\n\n"
    "The decision ends a two-year argument over the crumbling structure\n\n"
    + "\n\n".join(SENTENCE * 3 for _ in range(8))
    + "\n\n© 2025 The Harbor Ledger. All rights reserved.\n"
)


def empty_folder(folder: Path) -> Path:
    path = folder / "empty"
    path.mkdir()
    return path


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def one_line(size: int) -> bytes:
    """One line of prose, `size` bytes long, without a line break."""
    return (SENTENCE * (size // len(SENTENCE) + 1)).encode("ascii")[:size]


def short_lines(count: int) -> bytes:
    return "".join(f"Short line number {i}\n" for i in range(count)).encode("ascii")


def deep_html(depth: int) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>Deep</title></head><body><p>{SENTENCE * 3}</p>"
        + "<div>" * depth
        + "<p>Deep inside.</p>"
        + "</div>" * depth
        + "</body></html>"
    ).encode("ascii")


def script_html(kilobytes: int) -> bytes:
    """A page that is almost all script and style, with one paragraph of text."""
    script = "var tracker = {id: 1, events: []}; tracker.events.push(Date.now());\n"
    style = ".ad-slot { display: none; margin: 0 auto; }\n"
    return (
        "<!DOCTYPE html><html><head><title>Scripts</title><script>"
        + script * (kilobytes * 700 // len(script))
        + "</script><style>"
        + style * (kilobytes * 300 // len(style))
        + f"</style></head><body><article><p>{SENTENCE * 3}</p></article></body></html>"
    ).encode("ascii")


def figures_html(count: int) -> bytes:
    """An article with a photo and caption after each paragraph."""
    figure = (
        "<figure><img src='p.jpg'><figcaption>The pier at dawn. "
        "<span class='credit'>AP/Jane Doe</span></figcaption></figure>"
    )
    body = "".join(f"<p>{SENTENCE * 2} ({i})</p>{figure}" for i in range(count))
    head = "<!DOCTYPE html><html><head><title>Figures</title></head>"
    return f"{head}<body><article>{body}</article></body></html>".encode()


def terminal_text(count: int) -> bytes:
    """Terminal output: colours, cursor moves, window titles, bells, backspaces, C1 controls."""
    line = (
        "\x1b]0;build log\x07\x1b[1;31mERROR\x1b[0m \x1b[?25l"
        + SENTENCE
        + "\x07\x08\x7f\x1b(B\x1b[2K\x0b\x0c"
    )
    return ("Terminal Capture Of The Harbor Vote\n\n" + "\n".join(line for _ in range(count))).encode("utf-8")


def mojibake_line(size: int) -> bytes:
    """One long line of mojibake, the slowest kind of text to repair."""
    unit = "Trumpâ€™s “warâ€\x9d on the pier is here. "
    return (unit * (size // len(unit.encode()) + 1)).encode("utf-8")[:size]


def inline_html(count: int) -> bytes:
    """One paragraph of `count` inline elements (links and spans), then a normal paragraph."""
    flood = "".join(f"<a href='/t/{i}'><span>word{i}</span></a> " for i in range(count // 2))
    return _article(f"<p>{flood}</p><p>{SENTENCE * 3}</p>")


def attributes_html(count: int) -> bytes:
    """A paragraph whose elements carry `count` attributes in all."""
    spans = "".join(
        "<div><span " + " ".join(f"data-k{j}='{j}'" for j in range(100)) + f">w{i}</span></div>"
        for i in range(count // 100)
    )
    return _article(f"<p>{SENTENCE * 3}</p><div>{spans}</div>")


def links_html(megabytes: int) -> bytes:
    """A page of links, `megabytes` MB long: a site map."""
    link = "<li><a href='https://example.com/section/story-{}.html'>Story {}</a></li>\n"
    count = megabytes * 1_000_000 // len(link.format(0, 0))
    return _article(f"<p>{SENTENCE * 3}</p><ul>" + "".join(link.format(i, i) for i in range(count)) + "</ul>")


def _article(body: str) -> bytes:
    head = "<!DOCTYPE html><html><head><title>Harbor Vote</title></head>"
    return f"{head}<body><article><h1>Harbor Vote</h1>{body}</article></body></html>".encode()


@dataclass(frozen=True, slots=True)
class Hostile:
    """One hostile input: how to make it, what the command must answer, with which options."""

    make: Callable[[Path], Path]
    exit_code: int
    stderr: str  # a fragment every stderr line must contain ("" for: nothing on stderr)
    options: tuple[str, ...] = ()


def _random_bytes(size: int, low: int = 0) -> bytes:
    generator = random.Random(5)
    return bytes(generator.randrange(low, 256) for _ in range(size))


HOSTILE: dict[str, Hostile] = {
    "empty": Hostile(lambda d: write(d, "empty.txt", b""), 0, "warning: no text: the input is empty"),
    "whitespace-only": Hostile(
        lambda d: write(d, "blank.txt", b" \n\t\r\n   \n\xc2\xa0\n\f\n"),
        0,
        "warning: no text: the input is empty",
    ),
    "image": Hostile(
        lambda d: write(d, "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random_bytes(20_000)),
        1,
        "binary input",
    ),
    "nuls": Hostile(lambda d: write(d, "nuls.bin", b"\x00" * 4096), 1, "binary input"),
    "random-bytes": Hostile(lambda d: write(d, "random.bin", _random_bytes(65_536)), 1, "binary input"),
    "random-bytes-without-nul": Hostile(
        lambda d: write(d, "random1.bin", _random_bytes(65_536, low=1)), 1, "binary input"
    ),
    "invalid-utf8-inside-good-text": Hostile(
        lambda d: write(
            d,
            "broken.txt",
            PAGE.encode() + b"Caf\xc3\xa9 \xe2\x80\x9cbad\xff\xfe\xc3( bytes\xe2\x80\x9d.\n" + PAGE.encode(),
        ),
        0,
        "invalid UTF-8 byte sequence(s) replaced by U+FFFD",
    ),
    "utf16-with-bom": Hostile(
        lambda d: write(d, "bom16.txt", codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le")), 0, ""
    ),
    "utf16-le-without-bom": Hostile(lambda d: write(d, "le16.txt", PAGE.encode("utf-16-le")), 0, ""),
    "utf16-be-without-bom": Hostile(lambda d: write(d, "be16.txt", PAGE.encode("utf-16-be")), 0, ""),
    "one-line-of-20-mb": Hostile(lambda d: write(d, "line.txt", one_line(20_000_000)), 0, ""),
    "200000-short-lines": Hostile(lambda d: write(d, "lines.txt", short_lines(200_000)), 0, ""),
    "html-nested-50000-deep": Hostile(
        lambda d: write(d, "deep.html", deep_html(50_000)), 0, "warning: the HTML is nested 256 elements deep"
    ),
    "html-mostly-script-and-style": Hostile(lambda d: write(d, "scripts.html", script_html(5_000)), 0, ""),
    # 10,000 figures took 32 s when each caption looked for its block with a scan of the page.
    "html-with-10000-figures": Hostile(lambda d: write(d, "figures.html", figures_html(10_000)), 0, ""),
    "control-characters-and-escapes": Hostile(lambda d: write(d, "term.txt", terminal_text(2_000)), 0, ""),
    "a-directory-without-inputs": Hostile(
        lambda d: empty_folder(d), 1, "is a directory with no input file in it (see --glob)"
    ),
    "a-missing-path": Hostile(lambda d: d / "gone.txt", 1, "no such file"),
    "over-max-bytes": Hostile(
        lambda d: write(d, "big.txt", one_line(2_000_000)),
        1,
        "too large: over the limit of 1 MB",
        ("--max-bytes", "1M"),
    ),
    "over-the-time-limit": Hostile(
        lambda d: write(d, "slow.txt", mojibake_line(8_000_000)), 1, "gave up after 1 s", ("--timeout", "1")
    ),
}
