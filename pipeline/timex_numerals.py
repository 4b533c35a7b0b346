"""Numerals and character normalisation for the temporal-expression grammar.

Japanese dates write numbers three ways: ASCII digits (`2024`), full-width digits
(`２０２４`) and kanji numerals, either positional (`二〇一九`, digit by digit) or
multiplicative (`二十五`, `千九百六十`).  The grammar in `timex.py` matches all three;
this module turns the matched string into an int.

`normalise()` maps characters one-to-one (full-width digits -> ASCII, `○` -> `〇`, …)
so that the normalised text has exactly the length of the raw text and every offset
found in it is an offset into the raw text.
"""

from __future__ import annotations

KANJI_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}

#: Characters mapped one-to-one before matching (length-preserving).
_ONE_TO_ONE = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０-９ -> 0-9
    "○": "〇",  # U+25CB WHITE CIRCLE, common OCR/IME substitute for kanji zero
    "◯": "〇",
    "／": "/",
    "．": ".",
    "－": "-",
    "〜": "～",  # WAVE DASH -> FULLWIDTH TILDE
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "ケ": "ヶ",  # 3ケ月
    "ヵ": "ヶ",
    "箇": "ヶ",
}
_TABLE = str.maketrans(_ONE_TO_ONE)


def normalise(text: str) -> str:
    """Length-preserving normalisation used for matching only."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out


def parse_number(s: str) -> int | None:
    """Read an ASCII, positional-kanji or multiplicative-kanji numeral.

    >>> parse_number("2024"), parse_number("二〇一九"), parse_number("二十五")
    (2024, 2019, 25)
    >>> parse_number("千九百六十"), parse_number("十"), parse_number("元")
    (1960, 10, 1)

    Returns None for anything that is not a numeral (e.g. the vague `数`).
    """
    s = "".join(ch for ch in s if not ch.isspace())
    if not s:
        return None
    if s == "元":  # 元年: the first year of an era
        return 1
    if s.isascii() and s.isdigit():
        return int(s)
    if any(ch in KANJI_UNITS for ch in s):
        return _multiplicative(s)
    if all(ch in KANJI_DIGITS for ch in s):
        value = 0
        for ch in s:
            value = value * 10 + KANJI_DIGITS[ch]
        return value
    return None


def _multiplicative(s: str) -> int | None:
    total, current = 0, None
    for ch in s:
        if ch in KANJI_DIGITS:
            current = (current or 0) * 10 + KANJI_DIGITS[ch]
        elif ch in KANJI_UNITS:
            total += (1 if current is None else current) * KANJI_UNITS[ch]
            current = None
        else:
            return None
    return total + (current or 0)
