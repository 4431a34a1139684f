"""Report: one self-contained HTML page showing what a batch of cleaning removed, and why.

Pure string formatting, as `emit` is: the counts of lines removed per rule and per structural
reason, the removal ratio and flags of each document, and each page line by line, coloured by
label with its reason, beside the clean article. No network, no external asset: the styles and
the small script (filtering lines by reason, showing removed lines only) are inline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from cleaner.emit import is_kept
from cleaner.model import Article, Label

# A structural reason (a test of the labelling, not a rule of a pack) starts with one of these.
STRUCTURAL_PREFIXES = ("structure.", "settle.", "html.", "region.")


@dataclass(frozen=True, slots=True)
class Failed:
    """An input that could not be cleaned, and why."""

    source: str
    error: str


Entry = Article | Failed


@dataclass(frozen=True, slots=True)
class Ratio:
    """How much of one document was removed: lines and characters of non-blank input lines."""

    lines: int
    removed_lines: int
    chars: int
    removed_chars: int

    @property
    def share(self) -> float:
        """The removed share of the characters (0 for an empty page)."""
        return self.removed_chars / self.chars if self.chars else 0.0


def ratio(article: Article) -> Ratio:
    """The removal ratio of an article, from its trace."""
    removed = [trace for trace in article.trace if not is_kept(trace.decision)]
    return Ratio(
        lines=len(article.trace),
        removed_lines=len(removed),
        chars=sum(len(trace.block.text) for trace in article.trace),
        removed_chars=sum(len(trace.block.text) for trace in removed),
    )


def removed_by_reason(articles: Sequence[Article]) -> Counter[str]:
    """How many lines each reason (rule id or structural test) removed across the batch."""
    return Counter(
        trace.decision.reason
        for article in articles
        for trace in article.trace
        if not is_kept(trace.decision)
    )


def is_structural(reason: str) -> bool:
    """True for a reason that is a structural test rather than a rule id.

    >>> is_structural("structure.after-end"), is_structural("auth.sign-in")
    (True, False)
    """
    return reason.startswith(STRUCTURAL_PREFIXES)


def render(entries: Sequence[Entry], *, title: str = "newsclean report") -> str:
    """The whole report page."""
    articles = [entry for entry in entries if isinstance(entry, Article)]
    reasons = removed_by_reason(articles)
    flags = Counter(flag for article in articles for flag in article.flags)
    sections = [
        f"<h1>{escape(title)}</h1>",
        _summary(entries, articles),
        '<div class="columns">',
        _reason_table("Lines removed by rule", {r: n for r, n in reasons.items() if not is_structural(r)}),
        _reason_table(
            "Lines removed by structural reason", {r: n for r, n in reasons.items() if is_structural(r)}
        ),
        _reason_table("Flags", dict(flags), kind="flag"),
        "</div>",
        _documents_table(entries),
        _legend(),
        *(_document(number, entry) for number, entry in enumerate(entries)),
    ]
    return _PAGE.format(title=escape(title), style=_STYLE, script=_SCRIPT, body="\n".join(sections))


def _summary(entries: Sequence[Entry], articles: Sequence[Article]) -> str:
    ratios = [ratio(article) for article in articles]
    lines = sum(r.lines for r in ratios)
    removed = sum(r.removed_lines for r in ratios)
    failed = len(entries) - len(articles)
    return (
        f'<p class="summary"><span id="document-count">{len(entries)}</span> documents'
        f"{f', {failed} failed' if failed else ''}; {lines} non-blank lines, {removed} removed"
        f" ({_percent(removed, lines)}). Click a reason to show only its lines.</p>"
    )


def _reason_table(caption: str, counts: dict[str, int], *, kind: str = "reason") -> str:
    rows = "".join(
        f'<tr><td><a href="#" class="pick" data-{kind}="{escape(name)}">{escape(name)}</a></td>'
        f'<td class="n">{count}</td></tr>'
        for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )
    body = rows or '<tr><td colspan="2">none</td></tr>'
    return f'<table class="counts"><caption>{escape(caption)}</caption>{body}</table>'


def _documents_table(entries: Sequence[Entry]) -> str:
    rows = []
    for number, entry in enumerate(entries):
        link = f'<a href="#doc-{number}">{escape(entry.source)}</a>'
        if isinstance(entry, Failed):
            rows.append(f'<tr class="failed"><td>{link}</td><td colspan="4">{escape(entry.error)}</td></tr>')
            continue
        share = ratio(entry)
        rows.append(
            f"<tr><td>{link}</td><td>{escape(entry.title or '')}</td>"
            f'<td class="n">{share.removed_lines} / {share.lines}</td>'
            f'<td class="n"><span class="bar" style="width:{round(share.share * 60)}px"></span>'
            f"{share.share:.0%}</td><td>{escape(' '.join(entry.flags))}</td></tr>"
        )
    return (
        '<table class="documents"><caption>Documents</caption><tr><th>source</th><th>title</th>'
        "<th>lines removed</th><th>text removed</th><th>flags</th></tr>" + "".join(rows) + "</table>"
    )


def _legend() -> str:
    swatches = "".join(f'<span class="line l-{label}">{label}</span> ' for label in Label)
    return (
        f'<p class="legend">{swatches}<label><input type="checkbox" id="removed-only"> '
        'removed lines only</label> <a href="#" id="show-all">show every line</a></p>'
    )


def _document(number: int, entry: Entry) -> str:
    heading = f'<h2 id="doc-{number}">{escape(entry.source)}</h2>'
    if isinstance(entry, Failed):
        error = f'<p class="error">{escape(entry.error)}</p>'
        return f'<section class="doc" data-flags="">{heading}{error}</section>'
    lines = "\n".join(
        f'<div class="line l-{trace.decision.label}{"" if is_kept(trace.decision) else " removed"}"'
        f' data-reason="{escape(trace.decision.reason)}"><span class="no">{trace.block.line}</span>'
        f'<span class="why">{escape(trace.decision.reason)}</span>{escape(trace.block.text)}</div>'
        for trace in entry.trace
    )
    return (
        f'<section class="doc" data-flags="{escape(" ".join(entry.flags))}">{heading}'
        f'<div class="pair"><div class="page">{lines}</div>'
        f'<article class="clean">{_clean_article(entry)}</article></div></section>'
    )


def _clean_article(article: Article) -> str:
    parts = []
    if article.title:
        parts.append(f"<h3>{escape(article.title)}</h3>")
    if article.subtitle:
        parts.append(f'<p class="dek">{escape(article.subtitle)}</p>')
    about = " · ".join(escape(part) for part in (article.byline, article.published) if part)
    if about:
        parts.append(f'<p class="about">{about}</p>')
    parts.extend(f"<p>{escape(paragraph)}</p>" for paragraph in article.body)
    parts.extend(
        f"<figure><figcaption>{escape(caption.text)}"
        f"{f' <i>{escape(caption.credit)}</i>' if caption.credit else ''}</figcaption></figure>"
        for caption in article.captions
    )
    return "".join(parts) or '<p class="error">no article</p>'


def _percent(part: int, whole: int) -> str:
    """A share as a whole percentage.

    >>> _percent(1, 3), _percent(0, 0)
    ('33%', '0%')
    """
    return f"{part / whole:.0%}" if whole else "0%"


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{style}</style></head>
<body>
{body}
<script>{script}</script>
</body></html>
"""

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.1em;margin:1.5em 0 .4em;border-top:1px solid #ccc;
padding-top:.6em;word-break:break-all}
table{border-collapse:collapse;margin:.5em 1.5em .5em 0;vertical-align:top}
td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:left}td.n{text-align:right;white-space:nowrap}
caption{font-weight:bold;text-align:left;padding:4px 0}
.columns{display:flex;flex-wrap:wrap;align-items:flex-start}
.columns table{display:block;max-height:20em;overflow:auto}
.bar{display:inline-block;height:9px;background:#c0392b;margin-right:5px}
.pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5em}
.page{font:12px/1.35 ui-monospace,monospace}
.line{white-space:pre-wrap;padding:1px 4px;border-left:4px solid transparent}
.line .no{display:inline-block;width:3.5em;color:#888}
.line .why{float:right;color:#555;font-size:11px;margin-left:1em}
.removed{text-decoration:line-through;text-decoration-color:#0004;opacity:.8}
.l-title{background:#d6eaff;border-color:#1f6fd0}.l-subtitle{background:#e3f0ff;border-color:#5b9be0}
.l-body{background:#fff;border-color:#2e9d4e}.l-caption{background:#fff5d6;border-color:#d9a400}
.l-credit{background:#fdebd0;border-color:#e67e22}.l-byline{background:#efe3ff;border-color:#8e44ad}
.l-dateline{background:#f3e8ff;border-color:#9b59b6}.l-date{background:#f5ecff;border-color:#a569bd}
.l-copyright{background:#eee;border-color:#777}.l-boilerplate{background:#fde2e0;border-color:#c0392b}
.legend .line{display:inline-block;margin:2px}
.clean{border-left:1px solid #ddd;padding-left:1em}.clean h3{margin-top:0}
.dek{font-style:italic}.about{color:#555}.error{color:#c0392b}
.hidden{display:none}tr.failed td{color:#c0392b}
"""

_SCRIPT = """
(function () {
  var lines = document.querySelectorAll(".page .line");
  var removedOnly = document.getElementById("removed-only");
  var reason = null;
  function update() {
    lines.forEach(function (line) {
      var hide = (removedOnly.checked && !line.classList.contains("removed")) ||
        (reason !== null && line.dataset.reason !== reason);
      line.classList.toggle("hidden", hide);
    });
  }
  document.querySelectorAll("a.pick").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      if (link.dataset.reason !== undefined) { reason = link.dataset.reason; update(); return; }
      document.querySelectorAll("section.doc").forEach(function (doc) {
        doc.classList.toggle("hidden", doc.dataset.flags.split(" ").indexOf(link.dataset.flag) < 0);
      });
    });
  });
  removedOnly.addEventListener("change", update);
  document.getElementById("show-all").addEventListener("click", function (event) {
    event.preventDefault();
    reason = null; removedOnly.checked = false; update();
    document.querySelectorAll("section.doc").forEach(function (doc) { doc.classList.remove("hidden"); });
  });
  document.body.dataset.lines = String(lines.length);
  document.body.dataset.ready = "yes";
})();
"""
