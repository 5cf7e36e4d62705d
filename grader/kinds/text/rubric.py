"""A text question's rubric compiled for reading answers: each concept's terms, cues, patterns.

A concept's `synonyms` are its terms: the words that name it ("class imbalance", "SMOTE").
Its `cues` say it in plain words ("most & positive"). Both credit the concept, but a term
only counts where the answer explains rather than lists (see `vocabulary`). `patterns` are
regular expressions over a clause, kept for rubrics written before cues existed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from grader.bank.manifest import Concept, TextSection
from grader.textmatch.cues import Cue, compile_cue
from grader.textmatch.words import Speller, Token, fold, stem


@dataclass(frozen=True)
class CompiledConcept:
    """One concept, ready to match."""

    concept: Concept
    terms: tuple[Cue, ...]
    cues: tuple[Cue, ...]
    patterns: tuple[re.Pattern[str], ...]

    @property
    def name(self) -> str:
        return self.concept.name


@dataclass(frozen=True)
class WordSet:
    """Words by stem, and prefixes ("oversampl*"), to tell whether a token is one of them."""

    stems: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, words: set[str]) -> WordSet:
        return cls(
            stems=frozenset(stem(w) for w in words if not w.endswith("*")),
            prefixes=tuple(sorted(w[:-1] for w in words if w.endswith("*"))),
        )

    def __contains__(self, token: Token) -> bool:
        return token.stem in self.stems or token.text.startswith(self.prefixes)


@dataclass(frozen=True)
class Rubric:
    """Every concept of a question, the words they use, and the question's prompt."""

    concepts: tuple[CompiledConcept, ...]
    speller: Speller
    terms: WordSet
    vocabulary: WordSet
    prompt_stems: frozenset[str]

    def is_term(self, token: Token) -> bool:
        """Whether the word belongs to one of the rubric's terms."""
        return token in self.terms


def compile_concept(concept: Concept) -> CompiledConcept:
    """Compile one concept; raises CueError naming a malformed cue."""
    return CompiledConcept(
        concept=concept,
        terms=tuple(compile_cue(s) for s in concept.synonyms),
        cues=tuple(compile_cue(s) for s in concept.cues),
        patterns=tuple(re.compile(p, re.IGNORECASE) for p in concept.patterns),
    )


def _prompt_stems(prompt: str) -> frozenset[str]:
    from grader.textmatch.words import tokenize

    return frozenset(t.stem for t in tokenize(fold(prompt)) if t.is_word)


def build(section: TextSection, prompt: str) -> Rubric:
    """Compile a rubric (uncached)."""
    concepts = tuple(compile_concept(c) for c in section.concepts)
    vocabulary: set[str] = set()
    terms: set[str] = set()
    for compiled in concepts:
        for cue in compiled.terms + compiled.cues:
            vocabulary.update(cue.vocabulary)
        for cue in compiled.terms:
            terms.update(cue.vocabulary)
    return Rubric(
        concepts=concepts,
        speller=Speller(vocabulary),
        terms=WordSet.of(terms),
        vocabulary=WordSet.of(vocabulary),
        prompt_stems=_prompt_stems(prompt),
    )


@lru_cache(maxsize=64)
def _cached(section_json: str, prompt: str) -> Rubric:
    return build(TextSection.model_validate_json(section_json), prompt)


def rubric_for(section: TextSection, prompt: str) -> Rubric:
    """The compiled rubric, cached by the section's content and the prompt."""
    return _cached(section.model_dump_json(), prompt)
