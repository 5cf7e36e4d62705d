"""Vocabulary: lists of bare terms and buzzword sentences are found; explained lists are not."""

from __future__ import annotations

import pytest

from grader.bank.question import Bank, Question
from grader.kinds.text import read_answer


def shape(question: Question, answer: str) -> tuple[int, int]:
    assert question.manifest.text is not None
    found = read_answer(question, question.manifest.text, answer).vocabulary
    return found.lists, found.buzzword_sentences


@pytest.mark.parametrize(
    "answer",
    [
        "class imbalance, sampling bias, label noise, majority class, oversampling",
        "Imbalanced. Selection bias. Mislabelled. SMOTE.",
        "imbalance?\nsampling?\nlabels?\naccuracy?",
        "Positives far outnumber negatives. Keywords: sampling bias; label noise; SMOTE.",
    ],
)
def test_three_bare_terms_in_a_row_are_a_list(skew: Question, answer: str) -> None:
    assert shape(skew, answer)[0] == 1


@pytest.mark.parametrize(
    "answer",
    [
        "- Imbalance: 80% positive, 20% negative.\n- Fix: undersample positives / class weights",
        "Class imbalance and sampling bias.",
        "1. imbalanced (most texts positive)\n2. collected from a biased source\n3. use SMOTE",
    ],
)
def test_explained_lists_and_short_answers_are_not_lists(skew: Question, answer: str) -> None:
    assert shape(skew, answer) == (0, 0)


def test_a_sentence_made_of_terms_is_a_buzzword_sentence(skew: Question) -> None:
    answer = (
        "Class imbalance and sampling bias and label noise lead to majority class bias and "
        "misleading accuracy, solved by resampling."
    )
    assert shape(skew, answer) == (0, 1)
    # Concepts named by cues count too ("noisy annotator labels" is no term of the rubric).
    cued = (
        "Data skew arises from imbalanced selection bias of noisy annotator labels affecting "
        "majority class model accuracy."
    )
    assert shape(skew, cued) == (0, 1)
    dense = (
        "Class imbalance (80% positive) caused by sampling bias: the reviews were scraped from "
        "an app store where satisfied users rate more often."
    )
    assert shape(skew, dense) == (0, 0)


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("list-dedupe-complexity", "O(n^2), hash set, O(1), dict.fromkeys, insertion order"),
        (
            "augmentation-unseen-images",
            "Augmentation, rotation, translation, scaling, flip, invariance, overfitting, "
            "regularisation, generalisation, label, 6/9.",
        ),
    ],
)
def test_a_sentence_of_fragments_naming_three_concepts_is_a_list(
    bank: Bank, question_id: str, answer: str
) -> None:
    question = bank.get(question_id)
    assert shape(question, answer)[0] == 1
    assert question.manifest.text is not None
    assert read_answer(question, question.manifest.text, answer).vocabulary.listed


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        # The remedies of one concept, listed: an answer, not vocabulary.
        ("training-curves-reading", "- action: early stopping / checkpoint at 12; weight decay"),
        ("sentiment-skew-reason", "Fix it: oversampling, class weights, more negatives, SMOTE."),
        # Fragments that say things in more than three words each.
        (
            "list-dedupe-complexity",
            "each lookup scans the list, so quadratic time; a set has constant lookups, "
            "and appending to a result list keeps the order, all in linear time",
        ),
    ],
)
def test_a_list_within_one_concept_or_of_statements_is_not_a_run(
    bank: Bank, question_id: str, answer: str
) -> None:
    assert shape(bank.get(question_id), answer) == (0, 0)
