"""Rules a message for a candidate must keep: one or more whole sentences, plainly joined.

A small rule set of our own: the offline grammar checkers need a Java server (LanguageTool) or
a model, and the faults fragments produce are few and mechanical: a word twice, two articles,
an empty interpolation, a missing capital or full stop.
"""

from __future__ import annotations

import itertools
import re

ARTICLES = ("a", "an", "the")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Text the candidate wrote or the program printed, quoted in a message: not ours to check.
# A sentence may start with the code it is about: a call `f(...)`, a file name `data.csv`, or
# a snake_case name `top_k`.
_CODE_START = re.compile(r"[A-Za-z_]\w*(\(|\.[a-z]\w*\b)|[a-z]\w*_\w+\b")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\([^()]*\)")


def faults(message: str) -> list[str]:
    """What is wrong with `message` as a sentence for the candidate; empty when nothing."""
    found: list[str] = []
    text = message.strip()
    if not text:
        return ["it is empty"]
    if text != message:
        found.append("it has spaces around it")
    if not (text[0].isupper() or text[0] in "'\"`" or _CODE_START.match(text)):
        found.append("it does not start with a capital letter")
    if text[-1] not in ".!?":
        found.append("it does not end with a full stop")
    if "  " in text:
        found.append("it has a double space (an empty part?)")
    if re.search(r"\s[.,;:!?]", text.replace(" ...", "")):  # an ellipsis may follow a space
        found.append("it has a space before punctuation (an empty part?)")
    if re.search(r"[.,;:]{2}", text.replace("...", "")):
        found.append("it has doubled punctuation")
    # A word twice in a row is a fault; across punctuation ("returned -z: z is ...") it is not.
    for clause in re.split(r"[.,;:!?]", _QUOTED.sub(" ", text)):
        words = [w.lower() for w in _WORD.findall(clause)]
        for first, second in itertools.pairwise(words):
            if first == second and first not in ("that", "had"):
                found.append(f"it repeats the word {first!r}")
            if first in ARTICLES and second in ARTICLES:
                found.append(f"it has two articles in a row ({first} {second})")
            if first == "no" and second in ARTICLES:
                found.append(f"it has an article after {first!r} ({first} {second})")
    for article, word in re.findall(r"\b(a|an)\s+([A-Za-z]+)", _QUOTED.sub(" ", text)):
        starts_vowel = word[0].lower() in "aeiou"
        if article == "a" and starts_vowel and not word.lower().startswith(("u", "eu", "one")):
            found.append(f"'a' before a vowel ({article} {word})")
    return found
