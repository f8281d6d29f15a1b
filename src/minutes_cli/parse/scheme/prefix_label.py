"""One ``Name: text`` label, read: where it stands, what it says, and who it names.

``find_prefix`` finds the label at the start of a paragraph (past a list bullet, a list
number or emphasis); ``bare_prefix`` a label alone on its line (``Hamid:``, the speech
below); ``who`` reads the person of a label (``Mayor Wheeler`` is Wheeler, the mayor;
``Ms. Lee`` is Lee; ``Alice/Bob`` is both).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from minutes_cli.grammar import patterns
from minutes_cli.grammar.blocks import BULLET_START, HEADER_LABEL
from minutes_cli.grammar.prefixes import (
    BARE_LABEL,
    EMPHASIS_LABEL,
    ENUMERATOR,
    IRC_BOTS,
    IRC_COMMAND,
    NOT_SPEAKER_WORDS,
    PREFIX_LABELS,
    QA_LABELS,
)
from minutes_cli.grammar.titles import Person, is_job_title, read_person
from minutes_cli.kinds import PrefixShape


class Prefix(NamedTuple):
    """A speaker label found at the start of a paragraph."""

    shape: PrefixShape  # which PREFIX_LABELS entry matched
    label: str  # the name, as the document's speakers are counted
    rest: str
    lead: int = 0  # characters before the label (a bullet ``- ``, a number ``1. ``, ``*``)
    qualifier: str | None = None  # the capacity a name speaks in: ``chair`` of ``Lucas (chair):``
    written: str | None = None  # the whole label where it says more than the name


@lru_cache(maxsize=8192)  # asked per line by detection, splitting and tokenizing
def find_prefix(text: str) -> Prefix | None:
    """The speaker label at the start of ``text``, if it has the shape of one; after a list
    bullet or number too (``- Jack: …``, ``* Mara: …``, ``1. Nadia: …``: minutes kept as a
    Markdown list), and in emphasis (``**Mara**: …``, ``*Mara*: …``)."""
    stripped, lead = _unwrapped(text)
    head = stripped[:120]  # a name, and a job title after it, before the colon
    if (
        ":" not in head
        and "：" not in head
        and not stripped.startswith(("【", "（", "(", "問", "答", "Q", "A", "<"))
    ):
        return None  # every label shape has a colon, a bracket, 問/答/Q/A or < up front
    for shape, pattern in PREFIX_LABELS:
        found = pattern.match(stripped)
        if not found:
            continue
        label, rest = found["label"], found["rest"].strip()
        said = shape == "qa" and label in QA_LABELS  # Question: / Answer:, a pair as Q/A
        if (label.lower() in NOT_SPEAKER_WORDS and not said) or not _could_be_said(
            label, rest, shape
        ):
            return None
        if shape == "irc" and (label.lower() in IRC_BOTS or IRC_COMMAND.match(rest)):
            return None  # <Zakim> …, <benfrancis> q+: the channel's machinery
        if HEADER_LABEL.match(stripped) and label not in SPEAKING_OFFICES:
            return None
        groups = found.groupdict()
        post, capacity = groups.get("post"), groups.get("capacity")
        qualifier = (groups.get("qualifier") or "").strip()
        if post and not is_job_title(post.split(",")[0]):
            return None  # ``Hales, Fritz, Saltzman: Aye``: names, not a name and its title
        if qualifier:
            return Prefix(shape, label, rest, lead, qualifier, f"{label} ({qualifier})")
        if capacity:
            return Prefix(shape, label, rest, lead, capacity.strip(), f"({capacity}) {label}")
        if post:
            return Prefix(shape, label, rest, lead, post, f"{label}, {post}")
        return Prefix(shape, label, rest, lead)
    return None


@lru_cache(maxsize=8192)
def bare_prefix(text: str) -> Prefix | None:
    """A label alone on its line (``Hamid:``), the speech on the lines below."""
    if text.rstrip()[-1:] not in (":", "*", "_"):
        return None  # it ends in the colon, or in the emphasis after it (``**Hamid:**``)
    stripped, lead = _unwrapped(text)
    if not stripped.endswith(":"):
        return None
    found = BARE_LABEL.match(stripped)
    if found is None or found["label"].lower() in NOT_SPEAKER_WORDS:
        return None
    if not _could_be_said(found["label"], "", "name"):
        return None
    return Prefix("name", found["label"], "", lead)


def _unwrapped(text: str) -> tuple[str, int]:
    """The text past a list bullet or number and with emphasis around its label undone, and
    how many characters came before the label."""
    stripped = text.strip()
    bullet = BULLET_START.match(stripped) if stripped[:1] in _BULLETS else None
    if bullet is None and stripped[:1].isdigit():
        bullet = ENUMERATOR.match(stripped)
    lead = bullet.end() if bullet else 0
    if lead:
        stripped = stripped[lead:]
    emphasis = EMPHASIS_LABEL.match(stripped) if stripped[:1] in "*_" else None
    if emphasis:  # **Mara**: … is Mara: …
        stripped = f"{emphasis['label']}: {stripped[emphasis.end() :]}".rstrip()
        lead += len(emphasis["mark"])
    return stripped, lead


def who(found: Prefix) -> Person:
    """The person a ``name`` label names: the office the role, a courtesy title the
    honorific, the name the speaker; two names joined by ``/`` both speak (``Alice, Bob``,
    as the trailing scheme writes a joint statement). A capacity written with the name
    (``Lucas (as chair)``, ``(Chair) Baptiste``, ``…, Capitol Project Manager``) is the role."""
    if "/" in found.label and found.label.strip("/?* "):
        person = Person(None, ", ".join(p.strip() for p in found.label.split("/")), None)
    else:
        person = read_person(found.label)
    if found.qualifier:
        return person._replace(role=found.qualifier.removeprefix("as "))
    return person


#: What a list bullet starts with (see ``blocks.BULLET_START``).
_BULLETS = frozenset("・･•‧-*+")


#: A word of a label that is only a number or a date (``Issue 47:``, ``2013-12-19:``).
_NUMBERISH = frozenset("0123456789-/.:")
#: Speech has words: a letter, kana or an ideograph (``Wells Fargo Savings:  287,864.39``
#: is a row of a table).
WORDS = patterns.char_set(r"[^\W\d_]")


def _could_be_said(label: str, rest: str, shape: PrefixShape) -> bool:
    """Whether a label can be a speaker: no number or date, and in brackets only a
    Japanese office (``（委員）``; ``(PMC), to be known as…`` is a parenthesis)."""
    if any(set(word) <= _NUMBERISH for word in label.split()) or label[:1].isdigit():
        return False
    return shape not in ("bracketed", "paren") or (not label.isascii() and bool(WORDS.match(rest)))


#: Header labels that also speak in minutes (``事務局：ご説明します``).
SPEAKING_OFFICES = frozenset({"事務局", "司会"})
