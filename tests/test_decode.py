"""Decode: bytes become text in the right encoding, or a clear error for binary input."""

from __future__ import annotations

import codecs

import pytest

from cleaner.errors import InputError
from cleaner.read.decode import decode

TEXT = "Café owners said the “new rules” would cost them — and their customers — dearly."


def test_utf8_is_read_as_utf8() -> None:
    decoded = decode(TEXT.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.warnings) == (TEXT, "utf-8", ())


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_a_byte_order_mark_decides_and_is_dropped(bom: bytes, encoding: str) -> None:
    decoded = decode(bom + TEXT.encode(encoding))
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_recognised(encoding: str) -> None:
    assert decode(TEXT.encode(encoding)).text == TEXT


def test_cp1252_bytes_are_read_as_cp1252_with_a_note() -> None:
    decoded = decode(TEXT.encode("cp1252"))
    assert decoded.text == TEXT
    assert decoded.encoding == "cp1252"
    assert decoded.warnings == ("not UTF-8; read as cp1252",)


@pytest.mark.parametrize(
    "text",
    [
        "El niño comió en la cafetería del señor Muñoz. Mañana volveré.",
        "Le garçon a mangé à la crèche où travaillait sa sœur. Très bien.",
    ],
)
def test_western_text_is_not_misread_as_central_european(text: str) -> None:
    assert decode(text.encode("cp1252")).text == text


def test_central_european_text_keeps_its_code_page() -> None:
    text = "Zażółć gęślą jaźń. Ważne, że sytuacja jest poważna i trudna. Świat się zmienia."
    assert decode(text.encode("cp1250")).text == text


def test_a_few_broken_bytes_in_utf8_are_replaced_and_reported() -> None:
    raw = TEXT.encode("utf-8") + b" \xff\xfe broken " + TEXT.encode("utf-8")
    decoded = decode(raw)
    assert decoded.encoding == "utf-8"
    assert TEXT in decoded.text and "\ufffd" in decoded.text
    assert "invalid UTF-8" in decoded.warnings[0]


def test_empty_input_is_empty_text() -> None:
    assert decode(b"").text == ""


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)) * 8,
        b"text with a NUL\x00 in it",
    ],
)
def test_binary_input_is_an_error_naming_the_input(raw: bytes) -> None:
    with pytest.raises(InputError, match=r"^picture\.png: binary input"):
        decode(raw, "picture.png")


POLISH = "Zażółć gęślą jaźń: ślimak na łące."


def _page(charset_tag: str, body: str, encoding: str, padding: int = 0) -> bytes:
    script = "<script>var x = 1;</script>" * padding
    return f"<html><head>{script}{charset_tag}</head><body><p>{body}</p></body></html>".encode(encoding)


@pytest.mark.parametrize(
    ("tag", "encoding", "expected"),
    [
        ('<meta charset="iso-8859-2">', "iso-8859-2", "iso8859-2"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">', "cp1250", "cp1250"),
    ],
)
def test_a_page_in_a_declared_legacy_charset_is_read_in_it(tag: str, encoding: str, expected: str) -> None:
    decoded = decode(_page(tag, POLISH, encoding))
    assert decoded.encoding == expected
    assert POLISH in decoded.text


def test_a_late_declaration_still_counts() -> None:
    decoded = decode(_page('<meta charset="iso-8859-2">', POLISH, "iso-8859-2", padding=1500))
    assert (decoded.encoding, POLISH in decoded.text) == ("iso8859-2", True)


def test_latin1_and_gb2312_are_read_as_browsers_read_them() -> None:
    western = decode(_page('<meta charset="ISO-8859-1">', "“Café” — 5 €", "cp1252"))
    assert (western.encoding, "“Café” — 5 €" in western.text) == ("cp1252", True)
    chinese = decode(_page('<meta charset="gb2312">', "一个约定，信守十五年", "gb18030"))
    assert (chinese.encoding, "一个约定，信守十五年" in chinese.text) == ("gb18030", True)


def test_utf8_bytes_win_over_a_legacy_declaration() -> None:
    decoded = decode(_page('<meta charset="iso-8859-1">', TEXT, "utf-8"))
    assert (decoded.encoding, TEXT in decoded.text) == ("utf-8", True)


def test_a_script_charset_or_a_false_utf8_declaration_is_no_declaration() -> None:
    raw = f'<html><head><script charset="utf-8"></script><meta charset="utf-8"></head><p>{TEXT}</p>'
    decoded = decode(raw.encode("cp1252"))
    assert (decoded.encoding, TEXT in decoded.text) == ("cp1252", True)


def test_sparse_nuls_in_a_page_are_removed_with_a_warning() -> None:
    # A real page: 22 NULs after an <img> tag in 195 kB of UTF-8.
    page = (f"<html><body><p>{TEXT}</p><img src='a.jpg'>" + "\x00" * 22 + f"<p>{TEXT}</p>" * 2400).encode()
    decoded = decode(page + b"</body></html>")
    assert "\x00" not in decoded.text and decoded.text.count(TEXT) == 2401
    assert decoded.warnings == ("22 NUL byte(s) removed",)


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_without_a_mark_is_recognised(encoding: str) -> None:
    assert decode(TEXT.encode(encoding)).text == TEXT


@pytest.mark.parametrize("label", ["rot13", "base64", "zlib", "hex", "idna", "bz2", "uu", "nonsense"])
def test_a_label_outside_the_whatwg_table_is_no_declaration(label: str) -> None:
    decoded = decode(_page(f'<meta charset="{label}">', "“Café” — 5 €, déjà vu.", "cp1252"))
    assert decoded.encoding == "cp1252"


def test_a_utf8_page_with_one_cp1252_paragraph_is_read_line_by_line() -> None:
    raw = f"{TEXT}\n".encode() + b"Les caf\xe9s sont ferm\xe9s \x96 d\xe9j\xe0.\n" + f"{TEXT}\n".encode()
    decoded = decode(raw)
    assert decoded.text == f"{TEXT}\nLes cafés sont fermés – déjà.\n{TEXT}\n"
    assert decoded.warnings == ("1 line(s) not UTF-8, read as cp1252",)


def test_a_cp1252_page_with_one_utf8_paragraph_keeps_both() -> None:
    western = "Le café est ouvert à Noël, très bien, dit-il.\n" * 4
    decoded = decode(western.encode("cp1252") + f"{TEXT}\n".encode())
    assert (decoded.text, decoded.encoding) == (western + f"{TEXT}\n", "cp1252")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("قالت الحكومة إن الاقتصاد سينمو هذا العام بنسبة كبيرة، وفقا للتقرير الجديد. " * 5, "cp1256"),
        (
            "Türkiye'de ekonomi büyümeye devam ediyor, ışığında değişiklik yapılacağı şöyle açıklandı. " * 5,
            "cp1254",
        ),
    ],
)
def test_arabic_and_turkish_code_pages_are_not_read_as_cp1252(text: str, encoding: str) -> None:
    decoded = decode(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_nel_is_a_line_break() -> None:
    from cleaner.read.repair import repair

    assert (
        repair("Harbor Bridge Reopens\x85The bridge reopened.").text
        == "Harbor Bridge Reopens\nThe bridge reopened."
    )
    assert repair("Ã\x85lesund").text == "Ålesund"  # the mojibake of Å stays a repair
