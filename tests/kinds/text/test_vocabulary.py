"""Vocabulary: lists of bare terms and buzzword sentences are found; explained lists are not."""

from __future__ import annotations

import pytest

from grader.bank.question import Question
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
