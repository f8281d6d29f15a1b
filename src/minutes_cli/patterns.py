"""Compiled patterns that cannot hang: every match runs under the ``regex`` module's timeout.

The recognisers are written to run in linear time (tests feed them pathological input),
but a document nobody has read may still find a pattern's worst case. Rather than hang a
batch run, a pattern that takes longer than :data:`TIMEOUT` raises :class:`PatternTimeout`;
the pipeline then keeps the document as plain notes and says so in a diagnostic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


class Pattern:
    """A ``regex`` pattern whose matching methods pass the timeout and translate it."""

    __slots__ = ("_compiled",)

    def __init__(self, compiled: regex.Pattern[str]) -> None:
        self._compiled = compiled

    @property
    def pattern(self) -> str:
        return self._compiled.pattern

    def _guard(self, method: Callable[..., Any], string: str, *args: Any) -> Any:
        if len(string) < GUARD_FROM:
            # The timeout costs the regex module ~1.6 µs a call (7x a short match): spent
            # only where a worst case could take long. Short lines are covered by the
            # fuzzing and property tests instead.
            return method(string, *args)
        try:
            return method(string, *args, timeout=TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self._compiled.pattern) from None

    def match(self, string: str, *args: Any) -> regex.Match[str] | None:
        if len(string) < GUARD_FROM:  # the hot path, inlined: one call, no timeout
            return self._compiled.match(string, *args)
        result: regex.Match[str] | None = self._guard(self._compiled.match, string, *args)
        return result

    def fullmatch(self, string: str, *args: Any) -> regex.Match[str] | None:
        if len(string) < GUARD_FROM:  # the hot path, inlined: one call, no timeout
            return self._compiled.fullmatch(string, *args)
        result: regex.Match[str] | None = self._guard(self._compiled.fullmatch, string, *args)
        return result

    def search(self, string: str, *args: Any) -> regex.Match[str] | None:
        if len(string) < GUARD_FROM:  # the hot path, inlined: one call, no timeout
            return self._compiled.search(string, *args)
        result: regex.Match[str] | None = self._guard(self._compiled.search, string, *args)
        return result

    def findall(self, string: str) -> list[Any]:
        result: list[Any] = self._guard(self._compiled.findall, string)
        return result

    def finditer(self, string: str) -> Iterator[regex.Match[str]]:
        # finditer is lazy: materialise it so the timeout covers the whole scan.
        result: list[regex.Match[str]] = self._guard(
            lambda s, **kw: list(self._compiled.finditer(s, **kw)), string
        )
        return iter(result)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        result: str = self._guard(
            lambda s, *rest, **kw: self._compiled.sub(repl, s, count, **kw), string
        )
        return result

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        result: list[str] = self._guard(self._compiled.split, string, maxsplit)
        return result


def compile(pattern: str, flags: int = 0) -> Pattern:
    """``regex.compile`` with the timeout guard."""
    return Pattern(regex.compile(pattern, flags))
