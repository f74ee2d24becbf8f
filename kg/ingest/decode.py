"""Bytes to text: encoding detection, binary detection, newline normalisation.

Articles arrive as UTF-8 (with or without a byte-order mark), UTF-16 (little or big endian,
with or without a BOM) or Windows-1252.  Detection, in order:

1. a byte-order mark (UTF-8, UTF-16 LE/BE; UTF-32 for good measure) decides, and is dropped;
2. NUL bytes that sit almost all at odd (or all at even) offsets mean BOM-less UTF-16 LE (BE):
   every ASCII character of UTF-16 text has a zero byte, and news text is full of spaces,
   digits and punctuation even when its letters are not Latin;
3. any other NUL byte means the file is binary;
4. bytes that decode as UTF-8 are UTF-8 (random Windows-1252 text almost never does);
5. a charset the caller knows (an HTML ``<meta charset>``) is tried next;
6. everything else is Windows-1252, as browsers read it: the five bytes Windows-1252 leaves
   undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the C1 controls U+0081... so that no
   byte is lost and decoding never fails.

Decoded text with a high share of control characters is binary (an image or archive that
happens to have no NUL byte in its first kilobytes).  Newlines are normalised to ``\\n``
(CRLF and lone CR); nothing else is changed: curly quotes, no-break spaces and double spaces
stay, so that offsets into the stored text are offsets into what the author wrote.

>>> decode_bytes("caf\\u00e9\\r\\n".encode("utf-8"))
Decoded(text='café\\n', encoding='utf-8')
>>> decode_bytes(b"\\xef\\xbb\\xbfhi")
Decoded(text='hi', encoding='utf-8-bom')
>>> decode_bytes("hi".encode("utf-16-le")).encoding
'utf-16-le'
>>> decode_bytes(b"\\x93quoted\\x94").text
'“quoted”'
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple, Optional

__all__ = ["Decoded", "NotText", "decode_bytes", "normalize_newlines"]


class Decoded(NamedTuple):
    text: str
    #: utf-8, utf-8-bom, utf-16-le, utf-16-le-bom, utf-16-be(-bom), utf-32-le-bom,
    #: utf-32-be-bom, windows-1252, or the Python name of a declared charset
    encoding: str


class NotText(ValueError):
    """The bytes are not text in any encoding we read (binary data, broken UTF-16)."""


_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_NAMES = {codec: f"{codec}-bom" for _, codec in _BOMS}

#: Windows-1252 as browsers decode it: bytes 0x80-0x9F through the code page, the five
#: undefined ones to the C1 control of the same number; every other byte is Latin-1.
_CP1252 = {
    b: (bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b))
    for b in range(0x80, 0xA0)
}

#: Control characters that do not occur in text (tab, newline, CR, form feed and vertical
#: tab do; so does U+0085 NEL in Latin-1 text).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_SAMPLE = 65536          # bytes looked at to decide UTF-16 and binary
_MAX_CONTROL_SHARE = 0.02


def decode_bytes(data: bytes, declared: Optional[str] = None) -> Decoded:
    """Decode *data* (see the module docstring); raise `NotText` when it is not text.

    *declared* is a charset the container declares (an HTML ``<meta charset>``); it is used
    only when the bytes are neither marked by a BOM nor valid UTF-8.
    """
    text, encoding = _decode(data, declared)
    sample = text[:_SAMPLE]
    if sample:
        controls = len(_CONTROL.findall(sample))
        if controls > 2 and controls / len(sample) > _MAX_CONTROL_SHARE:
            raise NotText(f"{controls / len(sample):.0%} of its first characters are control "
                          "characters: a binary file, not text")
    return Decoded(normalize_newlines(text), encoding)


def _decode(data: bytes, declared: Optional[str]) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if codec == "utf-8" and b"\x00" in data:
                raise NotText("it holds NUL bytes: a binary file, not text")
            try:
                return data[len(bom):].decode(codec), _BOM_NAMES[codec]
            except UnicodeDecodeError as err:
                raise NotText(f"it starts with a {codec.upper()} byte-order mark but is not "
                              f"valid {codec.upper()} ({err.reason} at byte {err.start + len(bom)})"
                              ) from None
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise NotText("it holds NUL bytes and is not UTF-16: a binary file, not text")
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as err:
            raise NotText(f"it looks like {codec.upper()} without a byte-order mark but does "
                          f"not decode as such ({err.reason} at byte {err.start})") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        codec = _python_codec(declared)
        if codec and codec not in ("utf-8", "cp1252", "latin-1", "ascii"):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass
    return _decode_cp1252(data), "windows-1252"


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """``utf-16-le``/``utf-16-be`` when the NUL bytes of *data* say so, else None."""
    sample = data[:_SAMPLE]
    if len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    # ASCII characters give one NUL per pair; a few NUL pairs (U+0000, U+0100...) are noise.
    if odd >= 0.2 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.2 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _python_codec(charset: str) -> Optional[str]:
    try:
        name = codecs.lookup(charset.strip().strip("'\"")).name
    except (LookupError, ValueError):
        return None
    # WHATWG: labels for Latin-1 and ASCII mean windows-1252.
    return "cp1252" if name in ("iso8859-1", "latin-1", "ascii", "cp1252") else name


def _decode_cp1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252)


_NEWLINES = re.compile(r"\r\n?")


def normalize_newlines(text: str) -> str:
    r"""CRLF and lone CR become LF; nothing else changes.

    >>> normalize_newlines("a\r\nb\rc\n\u00a0d")
    'a\nb\nc\n\xa0d'
    """
    return _NEWLINES.sub("\n", text) if "\r" in text else text
