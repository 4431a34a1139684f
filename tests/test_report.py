"""Report: one self-contained HTML page per batch, checked as text and in headless Chromium."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from helpers import SAMPLES, newsclean_command

from cleaner import Cleaner
from cleaner import report as html_report
from cleaner.emit import is_kept
from cleaner.model import Label

SEED = SAMPLES / "seed-layout.txt"
DEV_PAGES = SAMPLES.parent.parent / "shared" / "eval" / "scrapinghub-dev" / "pages"
MAX_REPORT_BYTES = 5_000_000


def newsclean(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [newsclean_command(), *map(str, args)], capture_output=True, timeout=600, check=False
    )


def _assert_self_contained(page: str) -> None:
    """No element loads anything: no src, no stylesheet link, no url() or @import in styles."""
    assert not re.search(r"<(?:link|img|iframe|object|embed)\b|\ssrc=|url\(|@import", page)


def test_the_report_counts_removals_per_reason_and_shows_each_line_with_its_reason() -> None:
    article = Cleaner().clean(SEED.read_bytes(), source="seed.txt")
    page = html_report.render([article, html_report.Failed("gone.txt", "no such file")])
    _assert_self_contained(page)
    removed = [trace for trace in article.trace if not is_kept(trace.decision)]
    assert page.count('class="line ') == len(article.trace) + len(Label)  # + the legend
    assert page.count(' removed" data-reason=') == len(removed)
    for reason, count in html_report.removed_by_reason([article]).items():
        assert f'data-reason="{reason}">{reason}</a></td><td class="n">{count}</td>' in page
    assert "auth.sign-in" in page and "structure." in page and "no such file" in page
    assert f"<h3>{article.title}</h3>" in page


def test_the_report_escapes_the_page_text() -> None:
    raw = "<script>alert(1)</script> & more\n\nA body line that is long enough."
    article = Cleaner().clean(raw, input_format="text")  # auto would read it as HTML
    page = html_report.render([article])
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_report_command_writes_one_file_and_exit_1_when_an_input_failed(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    proc = newsclean("report", SEED, tmp_path / "gone.txt", "-o", target)
    assert proc.returncode == 1
    assert proc.stderr.decode() == f"newsclean: {tmp_path / 'gone.txt'}: no such file\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [path.name for path in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.slow
@pytest.mark.skipif(not DEV_PAGES.is_dir(), reason="the dev pages (../shared/eval) are not beside the clone")
def test_the_report_of_the_50_dev_pages_is_under_5_mb(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    proc = newsclean("report", "--glob", "*.txt", DEV_PAGES, "-o", target)
    assert proc.returncode == 0, proc.stderr
    page = target.read_text(encoding="utf-8")
    assert page.count('<section class="doc"') == 50
    assert target.stat().st_size < MAX_REPORT_BYTES
    _assert_self_contained(page)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _headless(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _png_pixels(png: bytes) -> bytes:
    """The decompressed image data of a PNG (filter bytes included): enough to tell blank."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    position, data = 8, b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        if kind == b"IDAT":
            data += png[position + 8 : position + 8 + length]
        position += 12 + length
    return zlib.decompress(data)


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed (.ci/run installs it)")
def test_the_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    assert browser is not None
    target = tmp_path / "report.html"
    assert newsclean("report", SEED, SAMPLES / "german.txt", "-o", target).returncode == 0
    lines = target.read_text(encoding="utf-8").count('<div class="line ')
    dom = _headless(browser, tmp_path / "profile", "--dump-dom", target.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert 'data-ready="yes"' in dom.stdout  # the script ran
    assert f'data-lines="{lines}"' in dom.stdout
    assert dom.stdout.count('<section class="doc"') == 2
    shot = tmp_path / "shot.png"
    done = _headless(
        browser, tmp_path / "profile", "--window-size=1200,900", f"--screenshot={shot}", target.as_uri()
    )
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    pixels = _png_pixels(shot.read_bytes())
    assert len(set(pixels)) > 32, "the screenshot is blank"
