"""Clauses: negation scopes after NegEx, pseudo-negations, rubric phrases, remedies."""

from __future__ import annotations

import pytest

from grader.kinds.text.clauses import mark, split
from grader.textmatch.words import fold, tokenize


def denied_words(text: str, owned_words: tuple[str, ...] = ()) -> list[str]:
    tokens = tokenize(fold(text))
    owned = {i for i, t in enumerate(tokens) if t.text in owned_words}
    words: list[str] = []
    for clause in split(tokens):
        mark(tokens, clause, owned)
        words += [tokens[i].text for i in sorted(clause.denied) if tokens[i].is_word]
    return words


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("It is not class imbalance.", ["class", "imbalance"]),
        ("It has nothing to do with sampling.", ["sampling"]),
        ("I don't think the labels are wrong.", ["the", "labels", "are", "wrong"]),
        ("Not imbalance but sampling bias.", ["imbalance"]),  # "but" ends the scope
        ("Label noise is not the reason.", ["label", "noise"]),  # a trigger after its words
        ("It is not, and the data is skewed.", []),
        ("It is not imbalance, and it is not labelling.", ["imbalance", "labelling"]),
    ],
)
def test_negation_denies_up_to_a_terminator(text: str, denied: list[str]) -> None:
    assert denied_words(text) == denied


@pytest.mark.parametrize(
    "text",
    [
        "It's not just an imbalance.",
        "There is no doubt the sample is biased.",
        "Nothing but positive reviews were kept.",
        "I'm not sure, but it is a sampling bias.",
        "It is no surprise that positive sentiment dominates.",
        "It is no coincidence that most reviews are positive.",
    ],
)
def test_pseudo_negations_deny_nothing(text: str) -> None:
    assert denied_words(text) == []


def test_a_trigger_inside_a_rubric_phrase_denies_nothing() -> None:
    assert denied_words("The sample is not representative of opinions.", ("not",)) == []
    assert denied_words("The sample is not representative of opinions.") == [
        "representative",
        "of",
        "opinions",
    ]


@pytest.mark.parametrize(
    ("text", "remedies"),
    [
        ("We should collect more negatives.", [True]),
        ("Collect more negative reviews.", [True]),
        ("Fix: class weights.", [True, False]),
        ("The reviews were collected from a fan site.", [False]),
        ("It could be that annotators were careless.", [False]),
        ("I would guess the crawler only visited top products.", [False]),  # a hedge
        ("I'd use class weights.", [True]),
    ],
)
def test_clauses_that_propose_a_fix_are_remedies(text: str, remedies: list[bool]) -> None:
    tokens = tokenize(fold(text))
    clauses = split(tokens)
    for clause in clauses:
        mark(tokens, clause, set())
    assert [c.remedy for c in clauses] == remedies


@pytest.mark.parametrize(
    ("text", "proposed"),
    [
        (
            "It comes from biased sampling and you should use SMOTE.",
            "and you should use smote",
        ),
        (
            "We should collect more negatives because the site deletes complaints.",
            "we should collect more negatives",
        ),
        (
            "Collect more data from sites where angry users post.",
            "collect more data from sites where angry users post",
        ),
    ],
)
def test_a_proposal_reaches_only_to_the_next_statement(text: str, proposed: str) -> None:
    tokens = tokenize(fold(text))
    [clause] = split(tokens)
    mark(tokens, clause, set())
    assert " ".join(tokens[i].text for i in sorted(clause.proposed)) == proposed


@pytest.mark.parametrize(
    ("text", "undone"),
    [
        ("We did not use SMOTE.", ["use", "smote"]),  # a report of what was not done
        ("The data was not oversampled.", ["oversampled"]),
        ("No one applied oversampling.", ["one", "applied", "oversampling"]),
        ("Do not use SMOTE.", []),  # advice
        ("It is not about sampling.", ["about", "sampling"]),
        # "there's" is "there is"; a second "no" joined by "and" reports a second lack.
        (
            "There's no dropout and no early stopping.",
            ["dropout", "and", "no", "early", "stopping"],
        ),
        ("Do not use SMOTE and no weights.", []),
    ],
)
def test_a_negation_that_reports_what_was_not_done_is_marked(text: str, undone: list[str]) -> None:
    tokens = tokenize(fold(text))
    [clause] = split(tokens)
    mark(tokens, clause, set())
    assert [tokens[i].text for i in sorted(clause.undone)] == undone


def test_a_short_aside_in_brackets_ends_no_clause() -> None:
    tokens = tokenize(fold("More varied (shifted/rotated) copies give robust features."))
    assert len(split(tokens)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The labels came from a lexicon (anything with 'good' was positive) and were wrong.",
        "It is the sampling (not the labels) that skews it.",
    ],
)
def test_a_long_or_negating_aside_is_a_clause_of_its_own(text: str) -> None:
    assert len(split(tokenize(fold(text)))) == 3


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Not sure how to merge the heaps.", ["to", "merge", "the", "heaps"]),
        ("I'm not sure about keeping the order.", ["keeping", "the", "order"]),
        ("Not sure, but the labels look noisy.", []),  # a hedge
    ],
)
def test_doubt_about_what_follows_denies_it(text: str, denied: list[str]) -> None:
    assert denied_words(text) == denied


def test_the_brackets_of_code_end_no_clause() -> None:
    tokens = tokenize(fold("Just do return list(set(ids)), which is linear."))
    assert len(split(tokens)) == 1
