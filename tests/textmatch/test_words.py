"""Words: folding, stems, hard wraps, and misspellings read as the rubric word meant."""

from __future__ import annotations

import pytest

from grader.textmatch.words import Speller, fold, stem, tokenize, unwrap


def test_folding_spells_out_contractions_and_drops_accents() -> None:
    assert fold("It isn\u2019t Café's fault, we can't and won't") == (
        "it is not cafe s fault, we can not and will not"
    )


def test_contractions_without_apostrophes_and_chat_shorthand_are_spelled_out() -> None:
    assert fold("ppl dont post bc they cant be bothered, it isnt w/o reason") == (
        "people do not post because they can not be bothered, it is not without reason"
    )


def test_inflections_share_a_stem() -> None:
    assert {stem(w) for w in ("annotator", "annotators", "annotated")} == {"annot"}
    assert stem("under-represented") == stem("underrepresented")


def test_tokens_keep_their_place_in_the_folded_text() -> None:
    tokens = tokenize(fold("Most reviews: 80% positive."))
    assert [t.text for t in tokens] == ["most", "reviews", ":", "80", "%", "positive", "."]
    assert [(t.start, t.end) for t in tokens[:2]] == [(0, 4), (5, 12)]


def test_a_hyphen_joins_words_read_apart_unless_it_follows_a_prefix() -> None:
    tokens = tokenize(fold("A class-imbalance in top-rated, self-selected, under-sampled data"))
    assert [t.text for t in tokens] == [
        "a", "class", "imbalance", "in", "top", "rated", ",", "self-selected", ",",
        "under-sampled", "data",
    ]  # fmt: skip
    assert [(t.start, t.end) for t in tokens[1:3]] == [(2, 7), (8, 17)]
    assert [t.text for t in tokenize("the p-value of a t-test")] == [
        "the", "p-value", "of", "a", "t-test",
    ]  # fmt: skip


def test_hard_wrapped_lines_are_joined_but_lists_keep_their_breaks() -> None:
    wrapped = "A classifier trained on this skewed data set then predicts\nmostly positive."
    assert unwrap(wrapped) == (
        "A classifier trained on this skewed data set then predicts mostly positive."
    )
    listed = "class imbalance\nsampling bias\n- label noise"
    assert unwrap(listed) == listed


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("imbalence", "imbalance"),  # one letter wrong in the rubric's prefix "imbalanc*"
        ("colected", "collected"),  # a prefix of the rubric's "collect*", one letter missing
        ("anotators", "annotators"),
        ("reveiws", "reviews"),  # two letters swapped count as one edit
        ("simple", "simple"),  # a real word is never corrected, even one edit from "sample"
        ("bais", "bais"),  # too short to guess
        ("zebra", "zebra"),  # far from every rubric word
    ],
)
def test_misspellings_are_read_as_the_rubric_word_nearest(written: str, read: str) -> None:
    speller = Speller(["imbalanc*", "collect*", "annotators", "reviews", "sample"])
    assert speller.correct(written) == read


def test_stems_are_right_when_many_threads_stem_at_once() -> None:
    # Workers grade text answers on several threads; a stemmer shared between them mixed up
    # the words it worked on (wrong stems, or IndexError).
    from concurrent.futures import ThreadPoolExecutor

    from grader.textmatch.words import stem

    words = [
        f"{root}{suffix}"
        for root in ("annotat", "collect", "imbalanc", "sampl", "skew")
        for suffix in ("ed", "ing", "ors", "ions", "ness", "ly", "ement", "ations")
    ]
    expected = {word: stem.__wrapped__(word) for word in words}
    words_many = [f"{w}{'s' * n}" for w in words for n in range(30)]
    expected_many = {word: stem.__wrapped__(word) for word in words_many}

    with ThreadPoolExecutor(8) as pool:
        for _ in range(20):
            got = list(pool.map(stem.__wrapped__, words_many))
            assert dict(zip(words_many, got, strict=True)) == expected_many
    assert {word: stem(word) for word in words} == expected


def test_an_abbreviated_epoch_is_an_epoch_and_ends_no_sentence() -> None:
    assert fold("Overfit after ep. 12 -> early stop.") == "overfit after epoch 12  so  early stop."
