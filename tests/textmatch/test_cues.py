"""Cues: phrases, groups in one clause, ordered chains, prefixes and absent groups."""

from __future__ import annotations

import pytest

from grader.textmatch.cues import CueError, Words, compile_cue
from grader.textmatch.words import fold, tokenize


def found(cue: str, text: str) -> str | None:
    tokens = tokenize(fold(text))
    hit = compile_cue(cue).find(tokens, 0, len(tokens))
    return None if hit is None else " ".join(tokens[i].text for i in hit)


def test_a_phrase_matches_inflections_and_skips_articles() -> None:
    assert found("biased towards majority class", "it is biased towards the majority classes") == (
        "biased towards majority classes"
    )
    assert found("class imbalance", "the imbalance of classes") is None


def test_groups_joined_by_and_may_come_in_any_order() -> None:
    cue = "most|majority & positive|positives"
    assert found(cue, "positive reviews are the majority") == "positive majority"
    assert found(cue, "most reviews are negative") is None


def test_a_chain_needs_its_groups_in_order_and_close() -> None:
    cue = "collect*|gather* > more|additional"
    assert found(cue, "gather far more negatives") == "gather more"
    assert found(cue, "we collected reviews from a site where people write more") is None


def test_prefix_and_infix_words() -> None:
    assert found("oversampl*", "apply oversampling") == "oversampling"
    assert found("*oversampler", "imblearn's randomoversampler") == "randomoversampler"


def test_an_absent_group_only_counts_near_the_match() -> None:
    cue = "most|mostly & positive & !predict*"
    assert found(cue, "the model predicts positive most of the time") is None
    assert found(cue, "most reviews are positive, and the model then predicts badly") == (
        "most positive"
    )


@pytest.mark.parametrize(
    ("cue", "message"),
    [
        ("class | ", "cue 'class | ': an empty alternative or group"),
        ("!predict*", "cue '!predict*': needs at least one group that must appear"),
        ("most & !a > b", "cue 'most & !a > b': a group that must be absent cannot use '>'"),
        (
            "most & po$itive",
            "cue 'most & po$itive': 'po$itive' is not a word (letters, digits, - _ ' and *)",
        ),
    ],
)
def test_malformed_cues_are_named(cue: str, message: str) -> None:
    with pytest.raises(CueError) as raised:
        compile_cue(cue)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("cue", "text", "hit"),
    [
        ("oversampl* & negative*", "apples, oversampling the negatives", "oversampling negatives"),
        ("zebra* & negative*", "apples, then oversampling the negatives", None),
        ("most|dominat* & positive", "positives dominate", "positives dominate"),
        ("most|majority & positive", "positives dominate", None),
    ],
)
def test_the_prefilter_agrees_with_the_full_match(cue: str, text: str, hit: str | None) -> None:
    tokens = tokenize(fold(text))
    compiled = compile_cue(cue)
    words = Words.of(tokens, 0, len(tokens))
    with_filter = compiled.find(tokens, 0, len(tokens), words)
    assert with_filter == compiled.find(tokens, 0, len(tokens))
    assert (None if with_filter is None else " ".join(tokens[i].text for i in with_filter)) == hit


def test_a_hyphenated_cue_word_is_the_phrase_an_answer_is_read_as() -> None:
    assert found("top-rated|cherry-pick*", "only top-rated items") == "top rated"
    assert found("top-rated|cherry-pick*", "they were cherry-picked") == "cherry picked"
    assert found("class imbalance", "a class-imbalance") == "class imbalance"
    assert found("self-select*", "reviewers self-select") == "self-select"
