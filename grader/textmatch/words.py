"""Words of an answer: normalised, stemmed, and misspellings read as the rubric word meant.

Matching compares Snowball stems, so "annotator", "annotators" and "annotated" are one word.
A word that is not English (not in the English word list of `pyspellchecker`) and lies within
one edit (two for words of nine letters or more; a swap of two letters is one edit) of a word
the rubric uses is read as that word: "imbalence" is "imbalance", "colected" is "collected".
Real words are never corrected, so "simple" never becomes "sample".
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import snowballstemmer
from rapidfuzz.distance import OSA
from spellchecker import SpellChecker

from grader.textmatch import notation

# Contractions are spelled out so that negation is one word: "isn't" is "is not".
_CONTRACTIONS = [
    (re.compile(r"\b(can)['\u2019]?t\b"), r"\1 not"),
    (re.compile(r"\bwon['\u2019]t\b"), "will not"),
    (re.compile(r"\b(\w+)n['\u2019]t\b"), r"\1 not"),
    (re.compile(r"\b(\w+)['\u2019](s|re|ve|ll|d|m)\b"), r"\1 \2"),
]
# The same without an apostrophe, as typed in a hurry ("dont", "isnt"), and chat shorthand.
_BARE_NEGATIONS = re.compile(
    r"\b(do|does|did|is|are|was|were|has|have|had|would|should|could|ca|wo)nt\b"
)
_SHORTHAND = {
    "ppl": "people",
    "bc": "because",
    "b/c": "because",
    "coz": "because",
    "cuz": "because",
    "bcs": "because",
    "w/o": "without",
    "tho": "though",
    "thru": "through",
    "govt": "government",
}
_SHORTHAND_WORD = re.compile(
    r"(?<![\w/])(" + "|".join(re.escape(w) for w in _SHORTHAND) + r")(?![\w/])"
)
# "ep. 12", "ep 12": an epoch, not the end of a sentence.
_EPOCH = re.compile(r"\bep\.?\s*(?=\d)")
_RATIO = re.compile(r"\b(\d+)\s*[:/]\s*(\d+)\b")
# A decimal ("0.45", "1,000") is one token: its dot ends no sentence.
_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)+|[a-z0-9]+(?:[-_'][a-z0-9]+)*|[%/]|[.,;:!?()\[\]\"]|\n|[-*\u2022\u2013\u2014]"
)


_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013\u2014]|\d+[.)]|[a-z][.)]\s)", re.IGNORECASE)
WRAPPED_LINE = 50


def unwrap(text: str) -> str:
    """Join lines that a hard wrap broke; keep the breaks of lists, bullets and paragraphs."""
    lines = text.split("\n")
    out = lines[:1]
    for line in lines[1:]:
        previous = out[-1]
        soft = len(previous.rstrip()) >= WRAPPED_LINE and line.strip() and not _BULLET.match(line)
        if soft:
            out[-1] = previous.rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def fold(text: str) -> str:
    """Lower case, accents removed, typographic quotes made plain, contractions spelled out.

    Contractions typed without an apostrophe ("dont") and chat shorthand ("ppl", "bc") too;
    notation is written as words ("O(n^2)" is "quadratic time", see `notation`).
    """
    folded = unicodedata.normalize("NFKD", unwrap(text))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    for curly, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        folded = folded.replace(curly, plain)
    folded = notation.spell_out(folded)
    for pattern, replacement in _CONTRACTIONS:
        folded = pattern.sub(replacement, folded)
    folded = _BARE_NEGATIONS.sub(_spell_out, folded)
    folded = _SHORTHAND_WORD.sub(lambda m: _SHORTHAND[m.group(1)], folded)
    # A ratio is one phrase, not two clauses: "80:20" and "4/1" read as "80 to 20", "4 to 1".
    folded = _RATIO.sub(r"\1 to \2", folded)
    folded = _EPOCH.sub("epoch ", folded)
    return folded


def _spell_out(match: re.Match[str]) -> str:
    verb = {"ca": "can", "wo": "will"}.get(match.group(1), match.group(1))
    return f"{verb} not"


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark of an answer."""

    text: str
    stem: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


# A Snowball stemmer keeps the word it works on in the instance: one per thread, or two
# workers grading text at once corrupt each other's stems (or raise IndexError).
_stemmers = threading.local()


@cache
def stem(word: str) -> str:
    """The Snowball stem of a folded word; hyphens and underscores are dropped first."""
    joined = word.replace("-", "").replace("_", "").replace("'", "")
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return str(stemmer.stemWord(joined))


# A hyphen after one of these, or after a single letter ("p-value", "t-test"), makes one word
# ("self-selection", "under-represented"); any other hyphen joins words that are read apart
# ("class-imbalance" is "class imbalance", "top-rated" is "top rated").
_PREFIXES = """
    non un self under over re co pre anti mis multi semi sub super well ill cross counter de
    dis in out post inter intra auto mid ex
"""
BOUND_PREFIXES = frozenset(_PREFIXES.split())


def compound_parts(word: str) -> list[str]:
    """The words a hyphenated compound is read as: itself when its first part is a prefix."""
    parts = word.split("-")
    first = parts[0]
    if len(parts) == 1 or not all(parts) or first in BOUND_PREFIXES:
        return [word]
    if len(first) == 1 and first.isalpha():
        return [word]
    return parts


def tokenize(text: str) -> list[Token]:
    """The words and punctuation of folded text, with their positions in it."""
    tokens = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(0), m.start()
        if not word[0].isalnum():
            tokens.append(Token(word, word, start, m.end()))
            continue
        for part in compound_parts(word):
            tokens.append(Token(part, stem(part), start, start + len(part)))
            start += len(part) + 1
    return tokens


@cache
def english_words() -> frozenset[str]:
    """The English word list, loaded once (about 160 000 words)."""
    checker = SpellChecker(language="en", distance=1)
    return frozenset(checker.word_frequency.dictionary)


def is_english(word: str) -> bool:
    return word in english_words() or not word.isalpha()


def allowed_edits(word: str) -> int:
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


class Speller:
    """Reads misspelt words as the rubric words they are nearest to."""

    def __init__(self, vocabulary: Iterable[str]):
        # A rubric word ending in "*" is a prefix: "oversampl*" stands for any word it begins.
        words = set(vocabulary)
        self._words = sorted({w for w in words if w.isalpha() and len(w) >= 5})
        self._prefixes = sorted({w[:-1] for w in words if w.endswith("*") and len(w) > 5})
        self._stems = frozenset(stem(w.rstrip("*")) for w in words)

    def _known(self, word: str) -> bool:
        return is_english(word) or stem(word) in self._stems

    def correct(self, word: str) -> str:
        """The rubric word meant by `word`, or `word` itself."""
        if not word.isalpha() or len(word) < 5 or self._known(word):
            return word
        best, best_distance = word, allowed_edits(word) + 1
        for candidate in self._words:
            limit = min(allowed_edits(word), allowed_edits(candidate))
            distance = OSA.distance(word, candidate, score_cutoff=limit)
            if distance <= limit and distance < best_distance:
                best, best_distance = candidate, distance
        if best != word:
            return best
        for prefix in self._prefixes:
            limit = allowed_edits(prefix)
            for cut in (len(prefix) - 1, len(prefix), len(prefix) + 1):
                if OSA.distance(word[:cut], prefix, score_cutoff=limit) <= limit:
                    return prefix + word[cut:]
        return word
