"""Reading an answer against a rubric: where each concept is stated, denied, or only named.

Every place a concept's term, cue or pattern is found is a `Mention` with a status:

- `asserted`: the answer states it; this earns the concept;
- `denied`: it lies in the scope of a negation ("it is not class imbalance"); a remedy that the
  answer says was not applied ("we did not oversample") is not denied but named as the fix;
- `remedy`: a `cause` concept found in a clause that proposes a fix ("collect more negatives");
- `listed`: a term inside a list of terms or a buzzword sentence (see `vocabulary`);
- `copied`: inside a sentence copied from the prompt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from grader.kinds.text import clauses as clause_rules
from grader.kinds.text import vocabulary
from grader.kinds.text.rubric import CompiledConcept, Rubric
from grader.textmatch.cues import Words
from grader.textmatch.words import Token, fold, is_english, stem, tokenize

Status = Literal["asserted", "denied", "remedy", "listed", "copied"]
Kind = Literal["term", "cue", "pattern"]
# Characters of notation rather than prose: not letters, digits, spaces or plain punctuation.
PLAIN_MARKS = frozenset(".,;:'\"!?()-/%[]`*")
COPIED_SHARE = 0.9
COPIED_MIN_WORDS = 6
UNREAD_WORDS = 4


@dataclass(frozen=True)
class Mention:
    """One place the answer mentions a concept."""

    concept: int
    kind: Kind
    tokens: tuple[int, ...]
    status: Status
    text: str


@dataclass(frozen=True)
class Reading:
    """What an answer says about each concept of a rubric."""

    tokens: list[Token]
    mentions: list[Mention]
    words: int
    english_share: float
    vocabulary: vocabulary.Vocabulary
    copied_sentences: int
    unread: list[str]
    # The share of the answer's visible characters that are notation ("≈", "∝", "=", "↑").
    notation_share: float = 0.0

    def of(self, concept: int, status: Status | None = None) -> list[Mention]:
        return [m for m in self.mentions if m.concept == concept and status in (None, m.status)]

    def credited(self, concept: int) -> bool:
        return bool(self.of(concept, "asserted"))

    def borrowed(self, concept: int) -> bool:
        """Whether the concept is credited only by words that also earn another concept.

        "happy people post more" can state the imbalance, the collection, or both: a person
        decides which.
        """
        asserted = self.of(concept, "asserted")
        others = {
            i
            for m in self.mentions
            if m.concept != concept and m.status == "asserted"
            for i in m.tokens
        }
        return bool(asserted) and all(others.intersection(m.tokens) for m in asserted)


def _spell(tokens: list[Token], rubric: Rubric) -> list[Token]:
    out = []
    for token in tokens:
        if token.is_word:
            corrected = rubric.speller.correct(token.text)
            if corrected != token.text:
                token = Token(corrected, stem(corrected), token.start, token.end)
        out.append(token)
    return out


def _sentences(clauses: list[clause_rules.Clause]) -> list[tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for clause in clauses:
        first, _ = spans.get(clause.sentence, (clause.start, clause.end))
        spans[clause.sentence] = (first, clause.end)
    return list(spans.values())


def _find(
    compiled: CompiledConcept,
    index: int,
    tokens: list[Token],
    folded: str,
    clause: clause_rules.Clause,
    words: Words,
) -> list[tuple[int, Kind, tuple[int, ...]]]:
    found: list[tuple[int, Kind, tuple[int, ...]]] = []
    for kind, cues in (("term", compiled.terms), ("cue", compiled.cues)):
        for cue in cues:
            hit = cue.find(tokens, clause.start, clause.end, words)
            if hit is not None:
                found.append((index, kind, hit))  # type: ignore[arg-type]
    if compiled.patterns and clause.end > clause.start:
        lo, hi = tokens[clause.start].start, tokens[clause.end - 1].end
        for pattern in compiled.patterns:
            match = pattern.search(folded, lo, hi)
            if match is not None:
                hit = tuple(
                    i
                    for i in range(clause.start, clause.end)
                    if tokens[i].start < match.end() and tokens[i].end > match.start()
                )
                if hit:
                    found.append((index, "pattern", hit))
    return found


def read(rubric: Rubric, answer: str) -> Reading:
    """Find every mention of every concept in the answer, and how the answer treats it."""
    folded = fold(answer)
    written = tokenize(folded)
    tokens = _spell(written, rubric)
    clauses = clause_rules.split(tokens)
    hits: list[tuple[int, Kind, tuple[int, ...], clause_rules.Clause]] = []
    held = [Words.of(tokens, c.start, c.end) for c in clauses]
    for index, compiled in enumerate(rubric.concepts):
        for clause, words in zip(clauses, held, strict=True):
            hits += [
                (c, k, h, clause)
                for c, k, h in _find(compiled, index, tokens, folded, clause, words)
            ]
    # A cue that finds only the words of a term is that term ("sampling bias" is a term even
    # where a cue "biased & sampling" also finds it): it must pass the vocabulary rules.
    term_tokens = [set(hit) for _, kind, hit, _ in hits if kind == "term"]
    hits = [
        (c, "term" if kind == "cue" and any(set(hit) <= t for t in term_tokens) else kind, hit, cl)
        for c, kind, hit, cl in hits
    ]
    owned = {i for _, _, hit, _ in hits for i in hit}
    for clause in clauses:
        clause_rules.mark(tokens, clause, owned)
    sentences = _sentences(clauses)
    copied = _copied(tokens, sentences, rubric)
    listed = vocabulary.find(
        tokens,
        sentences,
        [(c, hit) for c, kind, hit, _ in hits if kind == "term"],
        rubric.is_term,
        [(c, hit) for c, _, hit, _ in hits],
        lambda t: t in rubric.vocabulary,
    )
    mentions = []
    for concept, kind, hit, clause in hits:
        status: Status = "asserted"
        if any(i in copied for i in hit):
            status = "copied"
        elif all(i in listed.listed for i in hit):
            status = "listed"
        elif any(i in clause.denied for i in hit) and not (
            rubric.concepts[concept].concept.role == "remedy"
            and all(i in clause.undone for i in hit if i in clause.denied)
        ):
            status = "denied"
        elif (
            any(i in clause.proposed for i in hit)
            and rubric.concepts[concept].concept.role == "cause"
        ):
            status = "remedy"
        text = folded[tokens[hit[0]].start : tokens[hit[-1]].end]
        mentions.append(Mention(concept, kind, hit, status, text))
    pairs = [(w, t) for w, t in zip(written, tokens, strict=True) if w.text.isalpha()]
    english = len([w for w, t in pairs if w.text != t.text or is_english(w.text)])
    covered = {i for m in mentions for i in m.tokens} | copied | listed.listed
    unread = [
        folded[tokens[c.start].start : tokens[c.end - 1].end]
        for c in clauses
        if len([i for i in range(c.start, c.end) if i not in covered and _content(tokens[i])])
        >= UNREAD_WORDS
    ]
    return Reading(
        tokens=tokens,
        mentions=mentions,
        words=len([t for t in tokens if t.is_word]),
        english_share=english / len(pairs) if pairs else 1.0,
        vocabulary=listed,
        copied_sentences=len({s for s in sentences if s[0] in copied}),
        unread=unread,
        notation_share=notation_share(answer),
    )


def notation_share(answer: str) -> float:
    """The share of the visible characters that are neither letters, digits nor punctuation."""
    visible = [c for c in answer if not c.isspace()]
    marks = [c for c in visible if not c.isalnum() and c not in PLAIN_MARKS]
    return len(marks) / len(visible) if visible else 0.0


def _content(token: Token) -> bool:
    return bool(vocabulary.content([token]))


def _copied(tokens: list[Token], sentences: list[tuple[int, int]], rubric: Rubric) -> set[int]:
    """Tokens of sentences copied from the prompt: nearly all their words are the prompt's."""
    copied: set[int] = set()
    for start, end in sentences:
        words = [t.stem for t in tokens[start:end] if t.is_word]
        if len(words) < COPIED_MIN_WORDS:
            continue
        share = len([w for w in words if w in rubric.prompt_stems]) / len(words)
        if share >= COPIED_SHARE:
            copied.update(range(start, end))
    return copied
