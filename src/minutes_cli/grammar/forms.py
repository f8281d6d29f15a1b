"""Kanji written in their old forms (國務大臣, 會議, 第三號) and today's (国務大臣, 会議, 第三号):
folding for search, so that what people type finds what the record wrote.

Records keep the text as written; only the search side folds. The pairs are generated
(:mod:`minutes_cli.grammar.kanji_forms`, by ``scripts/kanji_forms.py`` from yosina).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from minutes_cli.grammar import kanji_forms

#: At most this many spellings of one query are tried (each kanji with old forms doubles
#: them); past it, :func:`spellings` returns None and the caller scans folded text.
MAX_SPELLINGS = 64


@cache
def _today() -> dict[int, int]:
    return str.maketrans(kanji_forms.OLD, kanji_forms.NEW)


@cache
def _forms() -> dict[str, str]:
    """Each of today's kanji that has old forms, and all its forms (today's first)."""
    found: dict[str, str] = {}
    for old, new in zip(kanji_forms.OLD, kanji_forms.NEW, strict=True):
        found[new] = found.get(new, new) + old
    return found


def fold_forms(text: str) -> str:
    """*text* with every old kanji form written in today's (國民 → 国民)."""
    return text.translate(_today())


def spellings(text: str) -> list[str] | None:
    """Every way *text* can be written in old and today's forms, today's first
    (国民 → 国民, 國民), or None when there would be more than :data:`MAX_SPELLINGS`."""
    folded = fold_forms(text)
    choices = [_forms().get(char, char) for char in folded]
    count = 1
    for options in choices:
        count *= len(options)
    if count > MAX_SPELLINGS:
        return None
    return ["".join(chosen) for chosen in itertools.product(*choices)]


def forms_class(char: str) -> str:
    """The forms of *char* as a regular-expression fragment: ``[国國]``, or the character
    (escaped) when it has no other form."""
    options = _forms().get(fold_forms(char), char)
    return f"[{options}]" if len(options) > 1 else re.escape(char)
