"""An answer cut into sentences and clauses, with what each clause denies or proposes.

Negation follows NegEx (Chapman et al., 2001): a trigger ("not", "no", "nothing to do with",
"rule out") denies the words after it up to a terminating word ("but", "because", "which"), a
clause boundary or eight words; a few triggers deny the words before them ("... is not the
reason", "... was ruled out", "... is overkill"); pseudo-triggers ("not only", "not just",
"no doubt", "nothing but", "not sure, but") deny nothing, but doubt about what follows does
("not sure how to merge the heaps"). A trigger that is part of a rubric's own phrase ("not
representative") belongs to that phrase and denies nothing. A negation that reports what was
not done ("we did not use SMOTE", "no one applied oversampling") is marked as such: a remedy it
names still counts.

A clause proposes a fix where it says "should", "need to", "to fix", "collect more", "we could",
or starts with an imperative ("Use class weights"); "I would guess" and its like are hedges, not
proposals. The proposal reaches only to where a new statement starts ("and you should ...",
"because ...", ", we ..."), so "it comes from biased sampling and you should use SMOTE" states
the sampling and proposes SMOTE.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.textmatch.words import Token

# Sentence ends; clause ends add `;`, `:`, brackets and dashes between words.
SENTENCE_ENDS = frozenset({".", "!", "?", "\n"})
DASHES = frozenset({"-", "\u2013", "\u2014", "\u2022", "*"})
CLAUSE_ENDS = SENTENCE_ENDS | DASHES | {";", ":", "(", ")", "[", "]"}
TERMINATORS = frozenset(
    {
        "but",
        "however",
        "although",
        "though",
        "yet",
        "because",
        "since",
        "so",
        "hence",
        "therefore",
        "which",
        "while",
        "whereas",
        "except",
        "instead",
        "rather",
        "unless",
        "whereby",
        "thus",
        "due",
    }
)
SUBJECTS = frozenset(
    {"it", "this", "that", "these", "those", "there", "we", "they", "i", "you", "he", "she"}
)
DETERMINERS = frozenset({"the", "a", "an", "our", "my", "their", "its", "his", "her"})
MAX_SCOPE = 8

PSEUDO = [
    "not only",
    "not just",
    "not merely",
    "not sure",
    "not certain",
    "no doubt",
    "nothing but",
    "not be anything but",
    "no wonder",
    "no surprise",
    "no coincidence",
    "not surprising",
    "not surprisingly",
    "not to mention",
    "no matter",
    "not necessarily",
]
# Doubt about what follows denies it: "not sure how to merge the heaps" does not say to merge
# them. "Not sure, but ..." alone is a hedge (a pseudo-trigger).
DOUBTS = [
    f"{doubt} {what}"
    for doubt in ("not sure", "not certain", "unsure", "no idea")
    for what in ("about", "how", "whether", "if", "what", "why")
]
PRECEDING = [
    *DOUBTS,
    "nothing to do with",
    "not due to",
    "not because of",
    "not caused by",
    "not the result of",
    "do not think",
    "does not think",
    "did not think",
    "do not believe",
    "not",
    "no",
    "never",
    "neither",
    "nor",
    "none",
    "nothing",
    "rule out",
    "ruled out",
    "rules out",
    "rather than",
    "instead of",
    "unrelated to",
    "regardless of",
]
FOLLOWING = [
    "is not the reason",
    "is not the cause",
    "is not the problem",
    "is not the issue",
    "are not the reason",
    "are not the problem",
    "was not the reason",
    "was ruled out",
    "were ruled out",
    "is ruled out",
    "is fine",
    "are fine",
    "was fine",
    "were fine",
    "is not to blame",
    "are not to blame",
    "is not an issue",
    "is not a problem",
    "are not a problem",
    "was not a problem",
    "does not matter",
    "do not matter",
    "is irrelevant",
    "are irrelevant",
    "will not help",
    "would not help",
    "does not help",
    "do not help",
    "did not help",
    "is not enough",
    "is not needed",
    "are not needed",
    "is not necessary",
    "are not necessary",
    "is unnecessary",
    "are unnecessary",
    "is overkill",
    "are overkill",
    "is not required",
]
REMEDY_MARKERS = [
    "should",
    "need to",
    "needs to",
    "needed to",
    "have to",
    "has to",
    "fix",
    "fixed",
    "fixing",
    "solve",
    "solved",
    "solution",
    "remedy",
    "mitigate",
    "to address",
    "to balance",
    "to rebalance",
    "would help",
    "could help",
    "will help",
    "can help",
    "helps",
    "we could",
    "you could",
    "one could",
    "we can",
    "you can",
    "i would",
    "i d",
    "try",
    "consider",
    "recommend",
    "suggest",
    "collect more",
    "gather more",
    "get more",
    "obtain more",
    "add more",
    "collecting more",
    "gathering more",
    "getting more",
    "adding more",
    "collect additional",
    "more negative",
    "more negatives",
]
# A hedge that shares a remedy's first words: "I would guess ..." proposes nothing.
NOT_REMEDY = [
    f"{who} {verb}"
    for who in ("i would", "i d", "we would", "one would")
    for verb in ("guess", "think", "say", "assume", "imagine", "expect", "bet", "suspect")
]
IMPERATIVES = frozenset(
    {
        "collect",
        "gather",
        "get",
        "add",
        "use",
        "apply",
        "oversample",
        "undersample",
        "resample",
        "reweight",
        "weight",
        "augment",
        "balance",
        "rebalance",
        "obtain",
        "scrape",
        "include",
        "evaluate",
        "train",
        "downsample",
        "upsample",
    }
)


@dataclass
class Clause:
    """Tokens[start:end] of one clause, which tokens it denies, and which propose a fix."""

    start: int
    end: int
    sentence: int
    denied: set[int] = field(default_factory=set)
    proposed: set[int] = field(default_factory=set)
    # Denied as a past fact ("we did not use SMOTE", "no one applied oversampling"): what was
    # not done is named as what was missing, which a remedy concept still earns.
    undone: set[int] = field(default_factory=set)

    @property
    def remedy(self) -> bool:
        return bool(self.proposed)


Phrases = dict[str, list[tuple[str, ...]]]


def _phrases(words: list[str]) -> Phrases:
    """Phrases by their first word, longest first."""
    by_first: Phrases = {}
    for phrase in sorted((tuple(p.split()) for p in words), key=len, reverse=True):
        by_first.setdefault(phrase[0], []).append(phrase)
    return by_first


_PSEUDO = _phrases(PSEUDO)
_DOUBTS = _phrases(DOUBTS)
_PRECEDING = _phrases(PRECEDING)
_FOLLOWING = _phrases(FOLLOWING)
_REMEDY = _phrases(REMEDY_MARKERS)
_NOT_REMEDY = _phrases(NOT_REMEDY)


def _at(tokens: list[Token], index: int, phrase: tuple[str, ...], end: int) -> bool:
    if index + len(phrase) > end:
        return False
    return all(tokens[index + k].text == w for k, w in enumerate(phrase))


def _first(tokens: list[Token], index: int, phrases: Phrases, end: int) -> tuple[str, ...] | None:
    for phrase in phrases.get(tokens[index].text, ()):
        if _at(tokens, index, phrase, end):
            return phrase
    return None


ASIDE_WORDS = 3
CALL_TOKENS = 16
_NEGATING = frozenset(p.split()[0] for p in PRECEDING)


def _asides(tokens: list[Token]) -> set[int]:
    """The brackets of short asides and of code that end no clause: "more varied
    (shifted/rotated) copies", "list(set(ids))". An aside of more words, or one that holds a
    negation or a quote, is a clause."""
    inside: set[int] = set()
    for index, token in enumerate(tokens):
        if token.text not in ("(", "["):
            continue
        close = ")" if token.text == "(" else "]"
        if index and tokens[index - 1].end == token.start and tokens[index - 1].is_word:
            # A call or an index, "list(set(ids))", "df[col]": code, not an aside.
            depth = 0
            for end in range(index, min(len(tokens), index + CALL_TOKENS)):
                depth += tokens[end].text in ("(", "[")
                depth -= tokens[end].text in (")", "]")
                if tokens[end].text in ("(", "[", ")", "]"):
                    inside.add(end)
                if depth == 0 or tokens[end].text in SENTENCE_ENDS:
                    break
            continue
        for end in range(index + 1, min(len(tokens), index + 2 * ASIDE_WORDS + 2)):
            if tokens[end].text == close:
                between = tokens[index + 1 : end]
                words = [t for t in between if t.is_word]
                plain = all(t.text not in _NEGATING and t.text != '"' for t in between)
                if words and len(words) <= ASIDE_WORDS and plain:
                    inside.update((index, end))
                break
            if tokens[end].text in CLAUSE_ENDS:
                break
    return inside


def split(tokens: list[Token]) -> list[Clause]:
    """The clauses of an answer, in order; empty clauses are left out."""
    clauses: list[Clause] = []
    start, sentence = 0, 0
    asides = _asides(tokens)
    for index, token in enumerate([*tokens, Token("\n", "\n", -1, -1)]):
        if token.text in CLAUSE_ENDS and index not in asides:
            if any(t.is_word for t in tokens[start:index]):
                clauses.append(Clause(start, index, sentence))
            start = index + 1
            if token.text in SENTENCE_ENDS:
                sentence += 1
    return clauses


def _ends_scope(tokens: list[Token], index: int, end: int) -> bool:
    text = tokens[index].text
    if text in TERMINATORS:
        return True
    if text == ",":
        # ", and the data ..." or ", it ..." starts a new clause; ", sampling or labels" does not.
        following = [t.text for t in tokens[index + 1 : min(end, index + 3)]]
        if following and following[0] in ("and", "or"):
            return len(following) > 1 and following[1] in SUBJECTS | DETERMINERS
        return bool(following) and following[0] in SUBJECTS
    return False


def mark(tokens: list[Token], clause: Clause, owned: set[int]) -> None:
    """Set which tokens the clause denies and whether it proposes a remedy.

    `owned` holds the tokens of rubric phrases already found: a trigger among them is part of
    the rubric's phrase ("not representative") and denies nothing.
    """
    index = clause.start
    last_undone = False
    while index < clause.end:
        if index in owned:
            index += 1
            continue
        pseudo = _first(tokens, index, _PSEUDO, clause.end)
        if pseudo is not None and _first(tokens, index, _DOUBTS, clause.end) is None:
            index += len(pseudo)
            continue
        following = _first(tokens, index, _FOLLOWING, clause.end)
        if following is not None:
            back = index - 1
            while back >= clause.start and not _ends_scope(tokens, back, clause.end):
                clause.denied.add(back)
                back -= 1
            index += len(following)
            continue
        preceding = _first(tokens, index, _PRECEDING, clause.end)
        if preceding is not None:
            scope = index + len(preceding)
            counted = 0
            undone = _undone(tokens, index, clause) or (
                # "there is no dropout and no early stopping": the second is undone too.
                last_undone and index > clause.start and tokens[index - 1].text in LINKS
            )
            last_undone = undone
            while scope < clause.end and counted < MAX_SCOPE:
                if _ends_scope(tokens, scope, clause.end):
                    break
                clause.denied.add(scope)
                if undone:
                    clause.undone.add(scope)
                counted += tokens[scope].is_word
                scope += 1
            index += len(preceding)
            continue
        index += 1
    for start, end in _parts(tokens, clause):
        words = [t.text for t in tokens[start:end] if t.is_word]
        proposes = bool(words) and (
            (start == clause.start and words[0] in IMPERATIVES)
            or any(
                _first(tokens, i, _REMEDY, end) is not None
                and _first(tokens, i, _NOT_REMEDY, end) is None
                for i in range(start, end)
            )
        )
        if proposes:
            clause.proposed.update(range(start, end))


# "s" is the "'s" of "there's no dropout", spelled apart by `fold`.
FACT_AUXILIARIES = frozenset({"did", "was", "were", "had", "has", "have", "been", "is", "are", "s"})
LINKS = frozenset({"and", "or", "nor", ","})


def _undone(tokens: list[Token], trigger: int, clause: Clause) -> bool:
    """Whether the negation at `trigger` reports something not done, rather than advising."""
    before = tokens[trigger - 1].text if trigger > clause.start else ""
    after = tokens[trigger + 1].text if trigger + 1 < clause.end else ""
    return before in FACT_AUXILIARIES or (tokens[trigger].text == "no" and after == "one")


def _parts(tokens: list[Token], clause: Clause) -> list[tuple[int, int]]:
    """The clause cut where a new statement starts: "... comes from biased sampling | and you
    should use SMOTE", "we should collect more | because the site deletes complaints"."""
    parts: list[tuple[int, int]] = []
    start = clause.start
    for index in range(clause.start + 1, clause.end):
        if _starts_statement(tokens, index, clause.end):
            parts.append((start, index))
            start = index
    parts.append((start, clause.end))
    return parts


def _starts_statement(tokens: list[Token], index: int, end: int) -> bool:
    text = tokens[index].text
    following = tokens[index + 1].text if index + 1 < end else ""
    if text in ("and", "or", ","):
        return following in SUBJECTS | {"one"}
    return text in TERMINATORS and text != "due"
