"""How minutes number things: Arabic digits, kanji numerals, circled and katakana ordinals."""

from __future__ import annotations

KATAKANA_ORDER = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
KANJI_DIGITS = "一二三四五六七八九十"
#: A heading or agenda number: Arabic digits or kanji numerals (第１, 第十二, （三）).
NUMBER = r"(?:\d{1,3}|[" + KANJI_DIGITS + r"]{1,3})"
