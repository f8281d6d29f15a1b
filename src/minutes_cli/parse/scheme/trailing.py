"""Speakers named at the end of a statement: ``* 現金が2000万円ある(iqbal``, ``…(Selina)``,
``…（寺田）`` — minutes kept as a list of points, each closed by who made it.

A name in brackets at the end of a line is a speaker only by evidence: it is one of the
people the document lists (``理事: takanory, yoshida, terada``). Elsewhere a closing
``(Ordinance)``, ``(2023)`` or ``(see below)`` is just a parenthesis, however often it recurs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from minutes_cli.grammar import patterns
from minutes_cli.grammar.blocks import BULLET_START
from minutes_cli.grammar.prefixes import NAME_LIST, NOT_SPEAKER_WORDS, REMARK_LABEL

#: A statement closed by a name in brackets, the closing bracket often left out:
#: ``…した(terada``, ``…(Selina)``, ``…（寺田）``, ``…(terada, takanory``.
_CLOSED_BY_NAME = patterns.compile(
    r"^(?P<said>.*\S)\s*[(（](?P<name>[A-Za-z][\w.\-]{1,20}(?:\s*[,、]\s*[A-Za-z][\w.\-]{1,20})*"
    r"|[\p{Han}\p{Hiragana}\p{Katakana}]{2,6})[)）]?\s*$"
)
#: Where the people of a document are listed: ``理事: takanory, yoshida``, ``Present: …``.
_LISTED = patterns.compile(r"^(?P<label>[^\s:：]{1,20})\s*[:：]\s*(?P<names>.+)$")


class Closing(NamedTuple):
    """A statement and the name that closes it."""

    said: str  # the statement, list bullet removed
    name: str  # as written: ``terada``, ``Selina``, ``terada, takanory``
    column: int  # 0-based offset of the name in the line


def closing(text: str) -> Closing | None:
    """The statement and the closing name of a line, if it has the shape; not for a line
    that opens with a label that is no speaker (``TODO: …(Selina``: a task assigned)."""
    stripped = text.strip()
    if ")" not in stripped[-24:] and "(" not in stripped[-24:] and "（" not in stripped[-24:]:
        return None  # every shape closes with a bracket near the end: skip the scan
    bullet = BULLET_START.match(stripped)
    body = stripped[bullet.end() :] if bullet else stripped
    head = REMARK_LABEL.match(body.lstrip("*_ "))
    if head and head["label"].strip("*_ ").lower() in NOT_SPEAKER_WORDS:
        return None
    found = _CLOSED_BY_NAME.match(body)
    if not found or not found["said"].strip("*_ "):
        return None
    offset = len(text) - len(text.lstrip()) + (bullet.end() if bullet else 0)
    return Closing(found["said"].strip(), found["name"], offset + found.start("name"))


def roster(texts: Iterable[str]) -> frozenset[str]:
    """The names the document lists after a label (``理事: takanory, yoshida``), folded to
    lower case."""
    names: set[str] = set()
    for text in texts:
        bullet = BULLET_START.match(text)
        found = _LISTED.match(text[bullet.end() :] if bullet else text)
        if found and NAME_LIST.match(found["names"]):
            names.update(
                n.strip().lower() for n in found["names"].replace("、", ",").split(",") if n.strip()
            )
    return frozenset(names)


def speakers(texts: Sequence[str]) -> frozenset[str]:
    """The closing names that are speakers here: every name of the closing (a joint one is
    several) is one of the people the document lists."""
    listed = roster(texts)
    if not listed:
        return frozenset()
    closings = {found.name for text in texts if (found := closing(text))}
    return frozenset(
        name
        for name in closings
        if all(part.strip().lower() in listed for part in name.replace("、", ",").split(","))
    )
