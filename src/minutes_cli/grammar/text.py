"""Text-level facts every stage asks: how wide a line is, whether it ends a sentence,
how wrapped Latin text joins, and the inline tags that records leave out."""

from __future__ import annotations

import functools
import string
import unicodedata

from minutes_cli.grammar import patterns


def display_width(text: str) -> int:
    """Columns the text takes in a fixed-width rendering (wide characters count 2)."""
    # ASCII (1 byte in UTF-8, 1 column) and the 3-byte characters that are all wide
    # (3 bytes, 2 columns) give the width from the UTF-8 length, without a Python loop
    # over the characters; only the others (○ is "ambiguous", Latin letters take 2 bytes)
    # are looked up one by one and their share of the length taken out.
    size = len(text.encode("utf-8", "surrogatepass"))
    others = _NOT_SIMPLY_WIDE.findall(text)
    if not others:
        return len(text) + (size - len(text)) // 2
    rest = "".join(others)
    simple = len(text) - len(rest)
    simple_size = size - len(rest.encode("utf-8", "surrogatepass"))
    return simple + (simple_size - simple) // 2 + sum(map(_width_of, rest))


@functools.lru_cache(maxsize=4096)
def _width_of(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


#: Characters for which the shortcut above would be wrong: 2-byte (Latin, Greek…) and
#: 4-byte ones, and the narrow or ambiguous 3-byte blocks (punctuation, half-width kana…).
_NOT_SIMPLY_WIDE = patterns.char_set(
    "[\u0080-\u10ff\u1100-\u115f\u1160-\u2e7f\u303f\u3248-\u324f\u4dc0-\u4dff"
    "\ua4d0-\uabff\ud7b0-\uf8ff"
    "\ufb00-\ufe0f\ufe20-\ufe2f\ufe50-\ufeff\uff61-\uffdc\uffe8-\uffff"
    "\U00010000-\U0010ffff]"
)


#: Text that ends a sentence: one of these, possibly followed by closing quotes or
#: brackets. (Tests at the end of a line are string tests, not ``…$`` patterns: the regex
#: module would try every position of the line first, several times slower.)
SENTENCE_ENDERS = "。．！？!?."
CLOSERS = "」』）)]"


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (``…です。``, ``…か？」``)."""
    body = text.rstrip(CLOSERS)
    return bool(body) and body[-1] in SENTENCE_ENDERS


#: Where an excerpt may end short of its limit: after a space or a Japanese pause or stop.
_EXCERPT_BREAKS = frozenset(" \t、。，．・！？」』）)")


def excerpt(text: str, limit: int = 40) -> str:
    """The start of *text* for a message, at most *limit* characters and an ellipsis, cut
    where a word or phrase ends (a space, 、 or 。) when one falls in the second half of the
    limit, so that ``loose text: 'The committee appro…'`` does not end mid-word. Japanese
    without such a pause in reach is cut at the limit: there a character is a unit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = next((i for i in range(limit, limit // 2, -1) if text[i - 1] in _EXCERPT_BREAKS), limit)
    return text[:cut].rstrip() + "…"


#: Characters across which a reflow joins with a space (Latin text), not directly.
LATIN_ENDERS = frozenset(string.ascii_letters + string.digits + ",.;:!?)]'\"%")
LATIN_START = patterns.compile(r"^[A-Za-z0-9(\['\"]")


#: Leftover inline HTML tags (``<span lang="ja">``), removed from record text.
#: HTML elements a text export leaves behind. Only these are tags: ``<Ege>`` is a nick in
#: an IRC log, ``<PAGE="2">`` a page marker (an artifact of its own).
HTML_ELEMENTS = (
    "a|abbr|b|big|blockquote|body|br|center|code|dd|del|div|dl|dt|em|font|h[1-6]|head|hr|html"
    "|i|img|ins|li|mark|meta|nobr|ol|p|pre|rb|rp|rt|ruby|s|small|span|strike|strong|sub|sup"
    "|table|tbody|td|th|thead|title|tr|tt|u|ul|wbr"
)
INLINE_TAG = patterns.compile(r"</?(?i:" + HTML_ELEMENTS + r")(?![\w-])(?:\s[^<>]*)?/?>")
