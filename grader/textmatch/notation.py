"""Notation read as the words it stands for: "O(n^2)" is "quadratic time", "P(A | B)" is
"probability of A given B", "H0" is "the null hypothesis", "x != y" is "x is not y",
"total += x" is "total accumulates x", and the
dot of "dict.fromkeys" ends no sentence.

Candidates who know a subject write it in its notation, and the tokeniser would cut it into
letters and brackets (a bracket ends a clause). Rewriting it as words lets a rubric's cues,
written in words, read it, and lets the negation rules see "!=" as the "not" it is. Only
unambiguous shapes are rewritten: a big-O whose argument is not one of the common classes
stays as it was.
"""

from __future__ import annotations

import re

# The argument of a big-O, with spaces, "*" and "^"/"**" squeezed out: "n^2", "nlogn", "1".
_COMPLEXITY = {
    "1": "constant time",
    "n": "linear time",
    "k": "linear time",
    "m": "linear time",
    "n+m": "linear time",
    "logn": "logarithmic time",
    "logk": "logarithmic time",
    "nlogn": "n log n time",
    "nlogk": "n log k time",
    "klogn": "k log n time",
    "n2": "quadratic time",
    "nn": "quadratic time",
    "n\u00b2": "quadratic time",
    "m2": "quadratic time",
    "nm": "quadratic time",
    "n3": "cubic time",
    "n\u00b3": "cubic time",
    "2n": "exponential time",
}
_BIG_O = re.compile(r"(?<![a-z0-9_])o\s*\(\s*([a-z0-9^*+\u00b2\u00b3 .]{1,16}?)\s*\)")
_PROBABILITY = re.compile(
    r"(?<![a-z0-9_])p\s*\(\s*([^()|\n]{1,60}?)\s*(?:\|\s*([^()\n]{1,60}?)\s*)?\)"
)
# An absolute value opening a probability, "P(|diff| >= d)", is read as the quantity itself.
_ABSOLUTE = re.compile(r"\(\s*\|([^|()\n]{1,20})\|")
_HYPOTHESIS = re.compile(r"(?<![a-z0-9_])h(?:_?\{?([01a])\}?)(?![a-z0-9_])")
_HYPOTHESES = {"0": "the null hypothesis", "1": "the alternative", "a": "the alternative"}
# Longest first: "<->" before "->", "!=" before "=", "+= 1" before "+=".
_SYMBOLS = [
    (re.compile(r"\+=\s*1(?![\d.])"), " counts one more "),
    (re.compile(r"\+="), " accumulates "),
    (re.compile(r"<->|<=>|\u2194|\u21d4"), " swaps with "),
    (re.compile(r"->|=>|\u2192|\u21d2"), " so "),
    (re.compile(r"!=|=/=|\u2260"), " is not "),
    (re.compile(r">=|\u2265"), " at least "),
    (re.compile(r"<=|\u2264"), " at most "),
    (re.compile(r"=="), " equals "),
    (re.compile(r"(?<=[\w)\]]) ?= ?(?=[\w(\[])|(?<=\s)=(?=\s)"), " is "),
    (re.compile(r"\u2248|(?<![\w~])~(?=\s?\d)"), " about "),
]

# A dot inside a dotted name ("dict.fromkeys", "np.unique", "e.g") ends no sentence.
_DOTTED = re.compile(r"(?<=[a-z_])\.(?=[a-z_])")


def _complexity(match: re.Match[str]) -> str:
    argument = re.sub(r"[\s*^.]|\*\*", "", match.group(1))
    words = _COMPLEXITY.get(argument)
    return f" {words} " if words else match.group(0)


def _probability(match: re.Match[str]) -> str:
    event, given = match.group(1), match.group(2)
    if given is None:
        return f" probability of {event} "
    return f" probability of {event} given {given} "


def spell_out(folded: str) -> str:
    """Folded text with its notation written as words."""
    text = _BIG_O.sub(_complexity, folded)
    text = _HYPOTHESIS.sub(lambda m: _HYPOTHESES[m.group(1)], text)
    text = _ABSOLUTE.sub(r"( \1", text)
    text = _PROBABILITY.sub(_probability, text)
    for pattern, words in _SYMBOLS:
        text = pattern.sub(words, text)
    return _DOTTED.sub(" ", text)
