"""Vocabulary without explanation: lists of terms, runs of fragments and buzzword sentences.

An answer that pastes the rubric's vocabulary names concepts without stating anything about
them. Two shapes are recognised:

- a *list*: three or more bare items in a row (separated by commas, semicolons, full stops,
  line breaks or bullets); an item is bare when it has at most three content words and all of
  them are words of the rubric's terms, such as "class imbalance, sampling bias, label noise"
  or "Imbalanced. Selection bias. SMOTE.";
- a *buzzword sentence*: a sentence of `BUZZWORD_WORDS` content words or more that names
  three or more concepts (by terms or cues) and whose content words are mostly
  (`BUZZWORD_SHARE`) words of the rubric's terms or of management jargon (`JARGON`:
  "leverage", "paradigm", "holistically", "-driven", ...), or `JARGON_SHARE` of them with some
  jargon, or that holds `JARGON_WORDS` jargon words or more, such as "Data skew arises from
  imbalanced selection bias of noisy annotator labels" or "Augmentation leverages invariant
  features and regularisation to generalise robust label-preserving transformations"; a
  sentence of `TELEGRAPHIC_WORDS` words or more without one function word or mark that names
  two concepts is one too ("Quadratic list membership hashing dict.fromkeys O(1) ordered
  linear set").

- a *run of fragments*: a sentence cut by commas, semicolons or slashes into `RUN_ITEMS` or
  more items of at most three content words each, half of them or more holding a word of the
  rubric, that name three concepts or more, such as "O(n^2), hash set, O(1), dict.fromkeys,
  insertion order, linear time". Bullet lists are not runs: each bullet is a sentence of its
  own, and is read as one; nor is a list of the remedies or examples of one concept ("early
  stopping / checkpoint at 12; weight decay").

Terms inside any of them earn nothing; what the same answer explains elsewhere still counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from grader.kinds.text.clauses import DASHES
from grader.textmatch.words import Token

ITEM_ENDS = DASHES | {",", ";", ":", ".", "!", "?", "\n", "(", ")", "[", "]", "/", '"'}
LIST_WORDS = 3
LIST_ITEMS = 3
RUN_ITEMS = 4
RUN_SHARE = 0.5
RUN_CONCEPTS = 3
RUN_ENDS = frozenset({",", ";", "/"})
BUZZWORD_CONCEPTS = 3
BUZZWORD_WORDS = 6
BUZZWORD_SHARE = 0.6
JARGON_WORDS = 2
TELEGRAPHIC_WORDS = 7
TELEGRAPHIC_CONCEPTS = 2
JARGON_SHARE = 0.4
# Stems of words that dress a sentence up without saying anything about the case at hand,
# and the suffixes of such compounds ("overfitting-driven", "early-stopping-aware").
_JARGON = """
    leverag paradigm holist synerg dynam semant landscap manifold govern quantifi ecosystem
    seamless empow analyt insight kpis streamlin methodolog
"""
JARGON = frozenset(_JARGON.split())
JARGON_SUFFIXES = ("driven", "aware", "centric", "ready", "oriented")
LEADING = frozenset({"and", "or", "also", "plus", "then"})
_STOPWORDS = """
    a an the and or but if of to in on at by for with from as is are was were be been being am
    it its this that these those there here they them their we our us you your i me my he she
    his her so than then too very can could would should will shall may might must do does did
    done has have had having not no nor also just only more most much many some any all each
    such what which who whom whose when where why how into onto over under about after before
    because since while though although again further once both either neither own same other
    another up down out off s re ve ll d m t one ones like e g i.e etc
"""
STOPWORDS = frozenset(_STOPWORDS.split())


@dataclass(frozen=True)
class Vocabulary:
    """Where an answer lists terms instead of explaining them."""

    listed: frozenset[int]
    lists: int
    buzzword_sentences: int

    @property
    def found(self) -> bool:
        return self.lists > 0 or self.buzzword_sentences > 0


def items(tokens: list[Token]) -> list[tuple[int, int, int]]:
    """(start, end, words) of each item between separators; empty items are dropped."""
    found: list[tuple[int, int, int]] = []
    start = 0
    for index, token in enumerate([*tokens, Token("\n", "\n", -1, -1)]):
        if token.text in ITEM_ENDS:
            words = [t for t in tokens[start:index] if t.is_word]
            while words and words[0].text in LEADING:
                words = words[1:]
            if words:
                found.append((start, index, len(words)))
            start = index + 1
    return found


def _is_content(token: Token) -> bool:
    return token.is_word and not token.text.isdigit() and token.text not in STOPWORDS


def content(tokens: Iterable[Token]) -> list[Token]:
    """The words that carry meaning: not stopwords, not punctuation."""
    return [t for t in tokens if _is_content(t)]


def _lists(tokens: list[Token], is_term: Callable[[Token], bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for start, end, _ in [*items(tokens), (len(tokens), len(tokens), 0)]:
        words = content(tokens[start:end])
        if words and len(words) <= LIST_WORDS and all(is_term(w) for w in words):
            run.append((start, end))
            continue
        if len(run) >= LIST_ITEMS:
            runs.append((run[0][0], run[-1][1]))
        run = []
    return runs


def _is_run(tokens: list[Token], start: int, end: int, in_rubric: Callable[[Token], bool]) -> bool:
    """Whether tokens[start:end] (one sentence) is a run of fragments."""
    parts: list[list[Token]] = [[]]
    for token in tokens[start:end]:
        if token.text in RUN_ENDS:
            parts.append([])
        elif token.text not in ITEM_ENDS:
            parts[-1].append(token)
    fragments = [content(p) for p in parts if content(p)]
    if len(fragments) < RUN_ITEMS or any(len(f) > LIST_WORDS for f in fragments):
        return False
    named = [f for f in fragments if any(in_rubric(w) for w in f)]
    return len(named) >= RUN_SHARE * len(fragments)


def _telegraphic(sentence: list[Token]) -> bool:
    """Whether a sentence strings `TELEGRAPHIC_WORDS` or more words together without a single
    function word or mark ("Quadratic list membership hashing dict fromkeys ordered linear
    set"): prose, even terse, has an "is", "a", "of" or "so", or a comma or colon between its
    fragments ("Use dict.fromkeys(ids): hashed, O(n), insertion order preserved")."""
    words = [t for t in sentence if t.is_word and not t.text.isdigit()]
    marks = [t for t in sentence[:-1] if not t.is_word and t.text != "\n"]
    if len(words) < TELEGRAPHIC_WORDS or marks:
        return False
    return not any(t.text in STOPWORDS for t in words)


def is_jargon(word: Token) -> bool:
    """Whether a word is management jargon ("leverages", "holistically", "...-driven")."""
    return word.text.endswith(JARGON_SUFFIXES) or word.stem.startswith(tuple(JARGON))


def find(
    tokens: list[Token],
    sentences: list[tuple[int, int]],
    term_hits: list[tuple[int, tuple[int, ...]]],
    is_term: Callable[[Token], bool],
    concept_hits: list[tuple[int, tuple[int, ...]]] | None = None,
    in_rubric: Callable[[Token], bool] | None = None,
) -> Vocabulary:
    """Lists and buzzword sentences, given (concept, token indexes) of every term found.

    `concept_hits` (every term and cue found) counts the concepts a sentence names; without
    it, only the terms do. `in_rubric` tells a word of any of the rubric's terms and cues, for
    runs of fragments; without it, runs are not looked for.
    """
    named = term_hits if concept_hits is None else concept_hits

    def concepts_in(start: int, end: int) -> set[int]:
        return {c for c, idx in named if start <= idx[0] < end}

    listed: set[int] = set()
    runs = _lists(tokens, is_term)
    for start, end in runs:
        listed.update(range(start, end))
    buzzwords = 0
    for start, end in sentences:
        concepts = concepts_in(start, end)
        if (
            in_rubric is not None
            and len(concepts) >= RUN_CONCEPTS
            and not listed.issuperset(range(start, end))
            and _is_run(tokens, start, end, in_rubric)
        ):
            runs.append((start, end))
            listed.update(range(start, end))
            continue
        if len(concepts) >= TELEGRAPHIC_CONCEPTS and _telegraphic(tokens[start:end]):
            buzzwords += 1
            listed.update(range(start, end))
            continue
        words = content(tokens[start:end])
        if len(concepts) < BUZZWORD_CONCEPTS or len(words) < BUZZWORD_WORDS:
            # "Overfitting from epoch 12; early-stop there." names three concepts in four
            # content words: a terse answer, not a string of vocabulary.
            continue
        dressed = [w for w in words if is_term(w) or is_jargon(w)]
        jargon = [w for w in words if is_jargon(w)]
        share = len(dressed) / len(words) if words else 0.0
        if (
            len(jargon) >= JARGON_WORDS
            or share >= BUZZWORD_SHARE
            or (jargon and share >= JARGON_SHARE)
        ):
            buzzwords += 1
            listed.update(range(start, end))
    return Vocabulary(frozenset(listed), len(runs), buzzwords)
