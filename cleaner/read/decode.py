"""Decode: turn the bytes of one input into text, or refuse them as binary.

Order of evidence: a byte-order mark; UTF-16 without a mark (NULs in every other byte); strict
UTF-8; the legacy charset an HTML page declares in a `<meta>` tag or XML declaration near its
start (read as browsers read it: iso-8859-1 as cp1252, gb2312 as gb18030); UTF-8 with a few
broken bytes; else a legacy single-byte charset guessed by charset-normalizer, where cp1252 wins
ties because it is what Western pages without a declared charset almost always are (the WHATWG
encoding standard reads latin-1 as cp1252 for that reason).

UTF-8 comes before the declaration because pages often declare one charset and are saved in
another; a declaration of UTF-8 on bytes that are not UTF-8 is ignored, since the bytes show it
is wrong.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex
from charset_normalizer import from_bytes

from cleaner.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls that never occur in text; tab, newlines, form feed and ESC (terminal escape codes,
# which repair strips) are left out.
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_MAX_CONTROL_RATIO = 0.05
# A symbol of the Latin-1 range between two letters: the mark of a wrongly guessed code page.
_GLUED_SYMBOL = regex.compile(r"(?<=\p{L})[\x80-\xff--\p{L}](?=\p{L})", regex.V1)
_SNIFF_BYTES = 4096
# Where a page's own charset declaration is looked for. Browsers look in the first 1024 bytes;
# saved pages put long scripts first, and a `<meta>` 58 KB into a page occurs in the wild.
_DECLARATION_BYTES = 64 * 1024
# `<meta charset=X>` and `<meta http-equiv="Content-Type" content="text/html; charset=X">`; a
# `charset` on a `<script>` tag names the script's encoding, not the page's, so only `<meta>`.
_META_CHARSET = regex.compile(rb"(?i)<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([a-z0-9_.:-]+)")
_XML_ENCODING = regex.compile(
    rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([a-z0-9_.:-]+)""", regex.IGNORECASE
)
# Labels that browsers read as a superset charset (WHATWG encoding standard).
_BROWSER_CHARSETS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
}


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of an input, the encoding it was read in, and what went wrong on the way."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(raw: bytes, source: str = "-") -> Decoded:
    """Decode the bytes of one input; raise `InputError` for binary data."""
    if not raw:
        return Decoded("", "utf-8")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode_with(raw[len(bom) :], encoding)
    utf16 = _sniff_utf16(raw)
    if utf16:
        decoded = _decode_with(raw, utf16)
        if _control_ratio_text(decoded.text) > _MAX_CONTROL_RATIO:
            raise InputError(source, "binary input (NULs that are not UTF-16 text); expected text or HTML")
        return decoded
    if b"\x00" in raw:
        raise InputError(source, "binary input (contains NUL bytes); expected text or HTML")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _control_ratio(raw) > _MAX_CONTROL_RATIO:
        raise InputError(source, "binary input (mostly control bytes); expected text or HTML")
    declared = declared_charset(raw)
    if declared is not None:
        decoded = _decode_with(raw, declared)
        return Decoded(
            decoded.text,
            declared,
            (f"not UTF-8; read as {declared}, as the page declares", *decoded.warnings),
        )
    lenient = raw.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd") - raw.count("\ufffd".encode())
    multibyte = sum(1 for char in lenient if char > "\x7f") - broken
    if multibyte >= broken:
        # Mostly good UTF-8 with a few broken bytes: keep the good text, mark the bad bytes.
        warning = f"{broken} invalid UTF-8 byte sequence(s) replaced by U+FFFD"
        return Decoded(lenient, "utf-8", (warning,))
    return _decode_legacy(raw, source)


def declared_charset(raw: bytes) -> str | None:
    """The legacy charset a page declares near its start, as Python names it; None for none,
    for an unknown label, and for UTF-8 or UTF-16 (a byte page that says UTF-16 is not).

    >>> declared_charset(b'<html><head><meta charset="ISO-8859-1">')
    'cp1252'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">')
    'iso8859-2'
    >>> declared_charset(b'<script charset="utf-8"></script><p>no meta</p>') is None
    True
    """
    head = raw[:_DECLARATION_BYTES]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if found is None:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name.startswith(("utf-8", "utf-16", "utf-32")):
        return None
    return _BROWSER_CHARSETS.get(name, name)


def _decode_with(raw: bytes, encoding: str) -> Decoded:
    """Decode in a known encoding, replacing (and reporting) undecodable bytes."""
    text = raw.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if bad:
        return Decoded(text, encoding, (f"{bad} undecodable {encoding} unit(s) replaced by U+FFFD",))
    return Decoded(text, encoding)


def _sniff_utf16(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NULs fill every other byte of the start, else None."""
    head = raw[:_SNIFF_BYTES]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _cp1252_fits(raw: bytes, guess: str) -> bool:
    """Whether cp1252 reads the bytes as well as the guessed charset.

    charset-normalizer often names cp1250 for Western text (it reads ñ as ń); cp1252 loses only
    where it glues symbols inside words (Polish "Wa¿ne" for "Ważne"), so count those.
    """
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    other = raw.decode(guess, errors="replace")
    return western == other or len(_GLUED_SYMBOL.findall(western)) <= len(_GLUED_SYMBOL.findall(other))


def _control_ratio_text(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f")
    return controls / len(text)


def _control_ratio(raw: bytes) -> float:
    return (len(raw) - len(raw.translate(None, _CONTROL_BYTES))) / len(raw)


def _decode_legacy(raw: bytes, source: str) -> Decoded:
    """Guess a legacy charset; prefer cp1252 when it reads the bytes at least as well."""
    best = from_bytes(raw).best()
    if best is None:
        raise InputError(source, "binary input (no text encoding fits); expected text or HTML")
    encoding = "cp1252" if _cp1252_fits(raw, best.encoding) else best.encoding
    decoded = _decode_with(raw, encoding)
    note = f"not UTF-8; read as {encoding}"
    return Decoded(decoded.text, encoding, (note, *decoded.warnings))
