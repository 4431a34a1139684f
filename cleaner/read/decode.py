"""Decode: turn the bytes of one input into text, or refuse them as binary.

Order of evidence: a byte-order mark; UTF-32 or UTF-16 without a mark (NULs in a fixed place of
every unit); the share of NUL bytes (a few stray NULs in a page are removed, with a warning;
more make it binary); strict UTF-8; the charset an HTML page declares in a `<meta>` tag or XML
declaration near its start, read as browsers read it (the WHATWG label table in
`cleaner.read.charsets`: iso-8859-1 is cp1252, gb2312 is gb18030, rot13 is no charset); mostly
UTF-8, read line by line, where a line that is not UTF-8 is read as cp1252 (a paragraph pasted
from a Windows editor) or keeps its few broken bytes as U+FFFD; else a legacy single-byte
charset guessed by charset-normalizer from the lines that are not UTF-8, where cp1252 wins ties
against other Latin-script code pages because it is what Western pages without a declared
charset almost always are (the WHATWG encoding standard reads latin-1 as cp1252 for that
reason).

UTF-8 comes before the declaration because pages often declare one charset and are saved in
another; a declaration of UTF-8 on bytes that are not UTF-8 is ignored, since the bytes show it
is wrong.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex

from cleaner.errors import InputError
from cleaner.read.charsets import codec_of

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
# NULs in more than this share of the bytes make an input binary; fewer are stray bytes, removed.
_MAX_NUL_RATIO = 0.001
# Latin-script code pages that charset-normalizer names for Western text (Python's names).
_WESTERN_RIVALS = frozenset(
    {
        *("cp1250", "cp1257", "cp437", "cp850", "cp858", "mac-roman", "mac-latin2"),
        *("iso8859-1", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-10", "iso8859-13"),
        *("iso8859-14", "iso8859-15", "iso8859-16"),
    }
)
# Where a page's own charset declaration is looked for. Browsers look in the first 1024 bytes;
# saved pages put long scripts first, and a `<meta>` 58 KB into a page occurs in the wild.
_DECLARATION_BYTES = 64 * 1024
# `<meta charset=X>` and `<meta http-equiv="Content-Type" content="text/html; charset=X">`; a
# `charset` on a `<script>` tag names the script's encoding, not the page's, so only `<meta>`.
_META_CHARSET = regex.compile(rb"(?i)<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([a-z0-9_.:-]+)")
_XML_ENCODING = regex.compile(
    rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([a-z0-9_.:-]+)""", regex.IGNORECASE
)


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
    wide = _sniff_utf32(raw) or _sniff_utf16(raw)
    if wide:
        decoded = _decode_with(raw, wide)
        if _control_ratio_text(decoded.text) > _MAX_CONTROL_RATIO:
            raise InputError(source, "binary input (NULs that are not UTF-16 text); expected text or HTML")
        return decoded
    nuls = raw.count(0)
    if nuls > len(raw) * _MAX_NUL_RATIO:
        raise InputError(source, "binary input (contains NUL bytes); expected text or HTML")
    if nuls:
        # A few NULs in a page (a broken template, a stray byte after a tag) are no binary.
        decoded = _decode_text(raw.replace(b"\x00", b""), source)
        return Decoded(decoded.text, decoded.encoding, (*decoded.warnings, f"{nuls} NUL byte(s) removed"))
    return _decode_text(raw, source)


def _decode_text(raw: bytes, source: str) -> Decoded:
    """Decode bytes with no byte-order mark that are not UTF-16 or UTF-32."""
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
    if _mostly_utf8(raw):
        return _decode_mixed(raw)
    return _decode_legacy(raw, source)


def _mostly_utf8(raw: bytes) -> bool:
    """Whether bytes that are not strict UTF-8 hold at least as many good UTF-8 characters
    beyond ASCII as broken sequences."""
    lenient = raw.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd") - raw.count("\ufffd".encode())
    multibyte = sum(1 for char in lenient if char > "\x7f") - broken
    return multibyte >= broken


def _decode_mixed(raw: bytes) -> Decoded:
    """Mostly UTF-8, line by line: a line that is not UTF-8 and reads as cp1252 (a paragraph
    pasted from a Windows editor) is read as cp1252; the few broken bytes left become U+FFFD."""
    lines = []
    legacy = broken = 0
    for line in raw.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if not _mostly_utf8(line) and _decodes(line, "cp1252"):
            lines.append(line.decode("cp1252"))
            legacy += 1
            continue
        text = line.decode("utf-8", errors="replace")
        broken += text.count("\ufffd") - line.count("\ufffd".encode())
        lines.append(text)
    warnings = []
    if legacy:
        warnings.append(f"{legacy} line(s) not UTF-8, read as cp1252")
    if broken:
        warnings.append(f"{broken} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
    return Decoded("".join(lines), "utf-8", tuple(warnings))


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


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
    name = codec_of(found.group(1).decode("ascii"))
    if name is None or name.startswith(("utf-8", "utf-16")):
        return None
    return name


def _decode_with(raw: bytes, encoding: str) -> Decoded:
    """Decode in a known encoding, replacing (and reporting) undecodable bytes."""
    text = raw.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if bad:
        return Decoded(text, encoding, (f"{bad} undecodable {encoding} unit(s) replaced by U+FFFD",))
    return Decoded(text, encoding)


def _sniff_utf32(raw: bytes) -> str | None:
    """'utf-32-le' or 'utf-32-be' when three NULs in every four bytes frame the start's text."""
    head = raw[: _SNIFF_BYTES - _SNIFF_BYTES % 4]
    if len(head) < 8 or len(raw) % 4:
        return None
    # Every code point is under 0x110000, so one byte of the four is always NUL and, for the
    # text of any living script, the one next to it too.
    nuls = [head[i::4].count(0) / (len(head) // 4) for i in range(4)]
    if nuls[3] == 1 and nuls[2] > 0.9 and nuls[0] < 0.05:
        return "utf-32-le"
    if nuls[0] == 1 and nuls[1] > 0.9 and nuls[3] < 0.05:
        return "utf-32-be"
    return None


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
    where it glues symbols inside words (Polish "Wa¿ne" for "Ważne"), so count those. Other
    guesses (Arabic cp1256, Turkish cp1254, Cyrillic) read their letters where cp1252 reads
    Latin letters, which glue nothing, so cp1252 wins over them only when it reads the same.
    """
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    other = raw.decode(guess, errors="replace")
    if western == other:
        return True
    if codecs.lookup(guess).name not in _WESTERN_RIVALS:
        return False
    return len(_GLUED_SYMBOL.findall(western)) <= len(_GLUED_SYMBOL.findall(other))


def _control_ratio_text(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f")
    return controls / len(text)


def _control_ratio(raw: bytes) -> float:
    return (len(raw) - len(raw.translate(None, _CONTROL_BYTES))) / len(raw)


def _decode_legacy(raw: bytes, source: str) -> Decoded:
    """Guess a legacy charset; prefer cp1252 when it reads the bytes at least as well.

    Lines that are UTF-8 beyond ASCII (a paragraph pasted from a UTF-8 source) stay UTF-8, and
    the charset is guessed from the other lines.
    """
    # Imported here: most pages are UTF-8, and its import is a tenth of a small page's start-up.
    from charset_normalizer import from_bytes

    lines = raw.splitlines(keepends=True)
    utf8 = [_is_utf8_beyond_ascii(line) for line in lines]
    legacy = b"".join(line for line, is_utf8 in zip(lines, utf8, strict=True) if not is_utf8)
    best = from_bytes(legacy).best()
    if best is None:
        raise InputError(source, "binary input (no text encoding fits); expected text or HTML")
    encoding = "cp1252" if _cp1252_fits(legacy, best.encoding) else best.encoding
    texts = [
        line.decode("utf-8") if is_utf8 else line.decode(encoding, errors="replace")
        for line, is_utf8 in zip(lines, utf8, strict=True)
    ]
    text = "".join(texts)
    warnings = [f"not UTF-8; read as {encoding}"]
    if any(utf8):
        warnings.append(f"{sum(utf8)} line(s) read as UTF-8")
    bad = sum(line.count("\ufffd") for line, is_utf8 in zip(texts, utf8, strict=True) if not is_utf8)
    if bad:
        warnings.append(f"{bad} undecodable {encoding} unit(s) replaced by U+FFFD")
    return Decoded(text, encoding, tuple(warnings))


def _is_utf8_beyond_ascii(line: bytes) -> bool:
    return not line.isascii() and _decodes(line, "utf-8")
