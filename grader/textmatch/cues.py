"""Cues: how a rubric says what shows a concept, and where a clause of an answer shows it.

A cue is one or more groups joined by `&`; every group must appear in the same clause, in any
order. Groups joined by `>` must appear in that order, each within `NEAR` words of the one
before. A group lists alternatives separated by `|`; an alternative is a phrase of words that
must follow each other (articles in between are skipped). A word matches any inflection
("annotator" matches "annotators", "annotated"); a word ending in `*` matches every word it
begins ("oversampl*"), one starting with `*` every word it is part of. A group written
`!group` must NOT appear within `NEAR_ABSENT` words of what the rest of the cue found.

    "class imbalance"                                   a phrase
    "most|majority|mostly & positive|positives"         two groups in one clause
    "collect|gather > more"                             "collect more", "gather far more"
    "most & positive & !predict*|classif*"              ... unless it is about predicting
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from grader.textmatch.words import Token, stem

SKIPPABLE = frozenset({"a", "an", "the"})
NEAR = 3
NEAR_ABSENT = 4
_WORD = re.compile(r"^[a-z0-9%][a-z0-9_%'-]*\*?$|^\*[a-z0-9_'-]+\*?$")


class CueError(ValueError):
    """A cue that cannot be read; the message names the cue and what is wrong."""


@dataclass(frozen=True)
class Word:
    """One word of a cue: a stem to compare, or a prefix or infix when it has a `*`."""

    raw: str
    stem: str
    prefix: bool
    infix: bool

    def matches(self, token: Token) -> bool:
        if self.infix:
            return self.raw in token.text
        if self.prefix:
            return token.text.startswith(self.raw) or token.stem.startswith(self.raw)
        return token.stem == self.stem


@dataclass(frozen=True)
class Words:
    """What words a stretch of tokens holds, to skip cues that cannot match it."""

    stems: frozenset[str]
    texts: tuple[str, ...]
    ordered: tuple[str, ...]  # texts and stems, sorted: a prefix is found by bisection

    @classmethod
    def of(cls, tokens: list[Token], start: int, end: int) -> Words:
        span = tokens[start:end]
        stems = frozenset(t.stem for t in span)
        texts = tuple(t.text for t in span)
        return cls(stems, texts, tuple(sorted(stems.union(texts))))

    def may_hold(self, word: Word) -> bool:
        if word.infix:
            return any(word.raw in t for t in self.texts)
        if word.prefix:
            at = bisect_left(self.ordered, word.raw)
            return at < len(self.ordered) and self.ordered[at].startswith(word.raw)
        return word.stem in self.stems


@dataclass(frozen=True)
class Group:
    """Alternatives, each a phrase of words."""

    phrases: tuple[tuple[Word, ...], ...]

    @cached_property
    def _single_stems(self) -> frozenset[str]:
        """The stems of the alternatives that are one plain word (checked as one set)."""
        return frozenset(
            p[0].stem for p in self.phrases if len(p) == 1 and not (p[0].prefix or p[0].infix)
        )

    @cached_property
    def _others(self) -> tuple[tuple[Word, ...], ...]:
        return tuple(p for p in self.phrases if len(p) > 1 or p[0].prefix or p[0].infix)

    def may_match(self, words: Words) -> bool:
        if not self._single_stems.isdisjoint(words.stems):
            return True
        return any(all(words.may_hold(w) for w in phrase) for phrase in self._others)

    def at(self, tokens: list[Token], first: int, end: int) -> tuple[int, ...] | None:
        """Indexes of the tokens of a phrase that starts at `first`, or None."""
        for phrase in self.phrases:
            found = _phrase_at(phrase, tokens, first, end)
            if found is not None:
                return found
        return None

    def find(self, tokens: list[Token], start: int, end: int) -> tuple[int, ...] | None:
        """The first phrase found in tokens[start:end], or None."""
        for first in range(start, end):
            found = self.at(tokens, first, end)
            if found is not None:
                return found
        return None


def _phrase_at(
    phrase: tuple[Word, ...], tokens: list[Token], first: int, end: int
) -> tuple[int, ...] | None:
    at = first
    found: list[int] = []
    for index, word in enumerate(phrase):
        while index > 0 and at < end and tokens[at].text in SKIPPABLE and word.raw not in SKIPPABLE:
            at += 1
        if at >= end or not word.matches(tokens[at]):
            return None
        found.append(at)
        at += 1
    return tuple(found)


@dataclass(frozen=True)
class Chain:
    """Groups that follow each other closely: `a > b` (a single group is a chain of one)."""

    groups: tuple[Group, ...]

    def find(self, tokens: list[Token], start: int, end: int) -> tuple[int, ...] | None:
        for first in range(start, end):
            hit = self.groups[0].at(tokens, first, end)
            if hit is None:
                continue
            found = list(hit)
            for group in self.groups[1:]:
                after = found[-1] + 1
                hit = group.find(tokens, after, min(end, after + NEAR + 1))
                if hit is None:
                    break
                found += hit
            else:
                return tuple(found)
        return None


@dataclass(frozen=True)
class Cue:
    """A compiled cue, with its source text for messages."""

    source: str
    present: tuple[Chain, ...]
    absent: tuple[Group, ...]

    @property
    def vocabulary(self) -> list[str]:
        return [
            w.raw + ("*" if w.prefix else "")
            for chain in self.present
            for g in chain.groups
            for p in g.phrases
            for w in p
        ]

    def find(
        self, tokens: list[Token], start: int, end: int, words: Words | None = None
    ) -> tuple[int, ...] | None:
        """Indexes of the tokens that show the cue in tokens[start:end], or None.

        `words` (what the stretch holds) lets a cue that cannot match return at once.
        """
        if words is not None and not all(
            g.may_match(words) for chain in self.present for g in chain.groups
        ):
            return None
        found: list[int] = []
        for chain in self.present:
            hit = chain.find(tokens, start, end)
            if hit is None:
                return None
            found += hit
        if self.absent:
            lo = max(start, min(found) - NEAR_ABSENT)
            hi = min(end, max(found) + NEAR_ABSENT + 1)
            if any(group.find(tokens, lo, hi) is not None for group in self.absent):
                return None
        return tuple(sorted(set(found)))


def _word(raw: str, cue: str) -> Word:
    if not _WORD.match(raw):
        raise CueError(f"cue {cue!r}: {raw!r} is not a word (letters, digits, - _ ' and *)")
    infix = raw.startswith("*")
    core = raw.strip("*")
    prefix = raw.endswith("*") and not infix
    return Word(raw=core, stem=stem(core), prefix=prefix, infix=infix)


def _parts(raw: str) -> list[str]:
    """A cue word split as an answer's word is ("top-rated" is "top rated"); `*` stays on."""
    from grader.textmatch.words import compound_parts

    star_first, star_last = raw.startswith("*"), raw.endswith("*")
    parts = compound_parts(raw.strip("*"))
    if len(parts) == 1:
        return [raw]
    return [
        ("*" if star_first else "") + parts[0],
        *parts[1:-1],
        parts[-1] + ("*" if star_last else ""),
    ]


def _group(text: str, cue: str) -> Group:
    phrases = []
    for alternative in text.split("|"):
        words = [part for raw in alternative.split() for part in _parts(raw)]
        if not words:
            raise CueError(f"cue {cue!r}: an empty alternative or group")
        phrases.append(tuple(_word(w, cue) for w in words))
    return Group(tuple(phrases))


def compile_cue(source: str) -> Cue:
    """Read one cue; raises CueError naming the cue when it is malformed."""
    from grader.textmatch.words import fold

    present: list[Chain] = []
    absent: list[Group] = []
    for part in fold(source).split("&"):
        part = part.strip()
        if part.startswith("!"):
            if ">" in part:
                raise CueError(f"cue {source!r}: a group that must be absent cannot use '>'")
            absent.append(_group(part[1:].strip(), source))
        else:
            present.append(Chain(tuple(_group(g.strip(), source) for g in part.split(">"))))
    if not present:
        raise CueError(f"cue {source!r}: needs at least one group that must appear")
    return Cue(source, tuple(present), tuple(absent))
