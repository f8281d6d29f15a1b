"""Compiled patterns that cannot hang: every match runs under the ``regex`` module's timeout.

The recognisers are written to run in linear time (tests feed them pathological input),
but a document nobody has read may still find a pattern's worst case. Rather than hang a
batch run, a pattern that takes longer than :data:`TIMEOUT` raises :class:`PatternTimeout`;
the pipeline then keeps the document as plain notes and says so in a diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import regex

#: Seconds one match, search or scan may take before it is abandoned.
TIMEOUT = 2.0

#: Strings shorter than this are matched without the timeout (see Pattern._guard).
GUARD_FROM = 2_000


class PatternTimeout(Exception):
    """A recogniser took longer than :data:`TIMEOUT` on some input."""

    def __init__(self, pattern: str) -> None:
        super().__init__(f"a pattern took over {TIMEOUT} s: {pattern[:60]!r}")
        self.pattern = pattern


class _Uncompiled:
    """Stands in for a Pattern's compiled form until the first match asks for it."""

    __slots__ = ("owner",)

    def __init__(self, owner: Pattern) -> None:
        self.owner = owner

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends probing: not a match method
            raise AttributeError(name)
        compiled = regex.compile(self.owner.pattern, self.owner.flags)
        self.owner._use = compiled  # every later match goes straight to it
        return getattr(compiled, name)


class Pattern:
    """A ``regex`` pattern whose matching methods pass the timeout and translate it.

    It is compiled on first use: the ``regex`` module compiles in Python, and compiling
    every recogniser up front was a sixth of the CLI's start-up, though a document
    typically needs only some of them (one speaker scheme, one date style). (Not with a
    ``__getattr__`` here: that would slow every method lookup on every match.)
    """

    __slots__ = ("_use", "flags", "pattern")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = source
        self.flags = flags
        self._use: regex.Pattern[str] | _Uncompiled = _Uncompiled(self)

    def __reduce__(self) -> tuple[type[Pattern], tuple[str, int]]:
        return Pattern, (self.pattern, self.flags)  # compiled again where it is unpickled

    def _guard(self, method: Callable[..., Any], string: str, *args: Any) -> Any:
        if len(string) < GUARD_FROM:
            # The timeout costs the regex module ~1.6 µs a call (7x a short match): spent
            # only where a worst case could take long. Short lines are covered by the
            # fuzzing and property tests instead.
            return method(string, *args)
        try:
            return method(string, *args, timeout=TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.pattern) from None

    # The hot paths (short strings) are inlined: one call into the regex module.

    def match(self, string: str, pos: int = 0) -> regex.Match[str] | None:
        if len(string) < GUARD_FROM:
            return self._use.match(string, pos)
        result: regex.Match[str] | None = self._guard(self._use.match, string, pos)
        return result

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int | None = None
    ) -> regex.Match[str] | None:
        if len(string) < GUARD_FROM:
            return self._use.fullmatch(string, pos, endpos)
        result: regex.Match[str] | None = self._guard(self._use.fullmatch, string, pos, endpos)
        return result

    def search(self, string: str, pos: int = 0) -> regex.Match[str] | None:
        if len(string) < GUARD_FROM:
            return self._use.search(string, pos)
        result: regex.Match[str] | None = self._guard(self._use.search, string, pos)
        return result

    def findall(self, string: str) -> list[Any]:
        if len(string) < GUARD_FROM:
            return self._use.findall(string)
        result: list[Any] = self._guard(self._use.findall, string)
        return result

    def finditer(self, string: str) -> Iterator[regex.Match[str]]:
        if len(string) < GUARD_FROM:
            return self._use.finditer(string)
        # finditer is lazy: materialise it so the timeout covers the whole scan.
        result: list[regex.Match[str]] = self._guard(
            lambda s, **kw: list(self._use.finditer(s, **kw)), string
        )
        return iter(result)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        if len(string) < GUARD_FROM:
            return self._use.sub(repl, string, count)
        result: str = self._guard(
            lambda s, *rest, **kw: self._use.sub(repl, s, count, **kw), string
        )
        return result

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        result: list[str] = self._guard(self._use.split, string, maxsplit)
        return result


def union(alternatives: Sequence[Pattern]) -> tuple[Pattern, Callable[[regex.Match[str]], int]]:
    """One pattern that tries each of ``alternatives`` in order, and a function telling
    which one a match came from.

    A table of recognisers is then one call into the regex engine per line instead of one
    per entry (the scan for the first character that can start any of them runs in C).
    Each alternative keeps its own flags, scoped to it.
    """
    parts = [
        f"(?P<_alt{i}>(?{_scoped(p.flags)}:{p.pattern}))"
        if p.flags
        else f"(?P<_alt{i}>{p.pattern})"
        for i, p in enumerate(alternatives)
    ]
    combined = compile("|".join(parts))  # alternation is ordered: the first that matches wins
    names = [f"_alt{i}" for i in range(len(alternatives))]

    def which(found: regex.Match[str]) -> int:
        # Not ``lastgroup``: in the regex module that names an inner group when the
        # alternative has named groups of its own.
        return next(i for i, name in enumerate(names) if found.start(name) >= 0)

    return combined, which


def _scoped(flags: int) -> str:
    letters = {regex.IGNORECASE: "i", regex.DOTALL: "s", regex.MULTILINE: "m", regex.VERBOSE: "x"}
    unknown = int(flags) & ~sum(int(flag) for flag in letters)
    if unknown:
        raise ValueError(f"flags {unknown:#x} cannot be scoped to one alternative")
    return "".join(letter for flag, letter in letters.items() if flags & flag)


def char_set(char_class: str) -> re.Pattern[str]:
    """A scanner for the characters of one class (``[…]``), for ``search``/``findall``.

    Deliberately the standard library's ``re``, not the regex module: scanning a line for
    a set of characters is about six times faster there (0.2 µs against 1.2 µs for a
    35-character line, measured), and a single character class cannot backtrack, so it
    needs no timeout.
    """
    if not (char_class.startswith("[") and char_class.endswith("]")):
        raise ValueError(f"not a character class: {char_class[:40]!r}")
    return re.compile(char_class)


def compile(pattern: str, flags: int = 0) -> Pattern:
    """``regex.compile`` with the timeout guard, compiled when first used."""
    return Pattern(pattern, flags)
