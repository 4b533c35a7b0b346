"""Read one article file: bytes -> decoded text, or a one-line error.

Encodings accepted (SPEC §1): UTF-8 with or without BOM, CP932/Shift_JIS, EUC-JP.
The decoded text is kept exactly as read (no newline translation), because every offset
written out points into it.
"""

from __future__ import annotations

import codecs
import math
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

# Larger files are refused with a clear error (README, "What happens when…"): memory no longer
# grows with an article's paragraphs (issue 18), but its text, offsets and rows still do, and
# a 20 MB article already takes 50 minutes and 2.9 GB on one process (bench/results.md): a bigger
# file is a dump of many articles that wants splitting anyway.
MAX_BYTES = 20 * 1024 * 1024
_JAPANESE_LEGACY = ("cp932", "euc_jp")
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


class IngestError(Exception):
    """A document that cannot be read; the message is one line for documents.csv."""


@dataclass(frozen=True)
class RawDocument:
    path: str
    text: str
    encoding: str


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and chr(b) not in _CONTROL_OK)
    return controls > max(2, len(sample) // 100)


def _japanese_ratio(text: str) -> float:
    jp = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    return jp / max(1, len(text))


def too_large(size: int, max_bytes: int = MAX_BYTES) -> IngestError:
    """The one-line refusal of a file over the size limit (sizes in MiB, 1,048,576 bytes; the
    size rounded up, so that it reads as over the limit)."""
    return IngestError(f"file too large: {math.ceil(size / 2**20 * 10) / 10:.1f} MiB > limit {max_bytes / 2**20:g} MiB "
                       f"({size:,} bytes): split the article into files under the limit")


def decode_bytes(data: bytes, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Return (text, encoding name). Raise IngestError with a one-line reason."""
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes)
    if not data.strip():
        raise IngestError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise IngestError(f"undecodable: UTF-8 BOM but invalid UTF-8 at byte {exc.start + 3}") from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise IngestError("undecodable: UTF-16 BOM but invalid UTF-16") from None
        if not (plausible_japanese(text) and _mostly_common(text)):
            raise IngestError("undecodable: UTF-16 BOM but the text is not plausible")
    elif (utf16 := _utf16_without_bom(data)) is not None:
        text, encoding = utf16
    elif _looks_binary(data):
        raise IngestError("binary file: contains NUL or control bytes, not text")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = _decode_legacy(data)
            except IngestError:
                utf16 = _utf16_without_bom(data)
                if utf16 is None:
                    raise
                text, encoding = utf16
            if not plausible_japanese(text):
                utf16 = _utf16_without_bom(data)
                if utf16 is None:
                    raise IngestError(f"undecodable: the bytes decode as {encoding} to implausible Japanese "
                                      "(no kana: EUC-KR Korean or random bytes?)")
                text, encoding = utf16
    if not text.strip():
        raise IngestError("empty file")
    return text, encoding


# A legacy-decoded text this long (non-space characters) or longer must hold kana: Japanese
# prose writes its particles and endings in hiragana, while EUC-KR Korean or random bytes read as
# CP932/EUC-JP come out as kanji and symbols with almost none (bench/encoding_plausibility.py)
PLAUSIBLE_MIN_CHARS = 60
PLAUSIBLE_MIN_KANA = 0.05


def plausible_japanese(text: str) -> bool:
    """The decoded text reads as Japanese: short, mostly ASCII, or with kana among its
    non-ASCII characters."""
    wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if len(wide) < PLAUSIBLE_MIN_CHARS:
        return True
    kana = sum(1 for c in wide if "\u3041" <= c <= "\u30ff")
    return kana / len(wide) >= PLAUSIBLE_MIN_KANA


def _mostly_common(text: str) -> bool:
    """At least nine in ten characters are ASCII, kana, CJK ideographs, CJK or full-width
    punctuation, or white space."""
    def common(c: str) -> bool:
        o = ord(c)
        return (o < 0x80 or 0x3000 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF
                or c.isspace() or 0x2000 <= o <= 0x206F)
    return not text or sum(map(common, text)) >= 0.9 * len(text)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: the byte order (the one with NULs in the high bytes first) in which
    the bytes decode to plausible, mostly common characters."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for enc in (("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and plausible_japanese(text) and _mostly_common(text):
            return text, enc
    return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    candidates: list[tuple[float, str, str]] = []
    for enc in _JAPANESE_LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_japanese_ratio(text), enc, text))
    if not candidates:
        raise IngestError("undecodable: not valid UTF-8, CP932/Shift_JIS or EUC-JP")
    if len(candidates) > 1:
        best = from_bytes(data, cp_isolation=list(_JAPANESE_LEGACY)).best()
        if best is not None:
            name = best.encoding.replace("-", "_").lower()
            for _, enc, text in candidates:
                if enc == name:
                    return text, enc
    _, enc, text = max(candidates, key=lambda c: (c[0], c[1] == "cp932"))
    return text, enc


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes; a missing, unreadable or oversized file is an IngestError."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large(size, max_bytes)
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from None


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> RawDocument:
    text, encoding = decode_bytes(read_bytes(path, max_bytes), max_bytes)
    return RawDocument(path=str(path), text=text, encoding=encoding)
