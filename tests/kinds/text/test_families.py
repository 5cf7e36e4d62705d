"""Families of answers to the bank's text questions, beyond the sentiment question's."""

from __future__ import annotations

import pytest

from grader.bank.question import Bank
from grader.kinds.text import grade
from grader.results import GradingResult


def graded(bank: Bank, question_id: str, answer: str) -> GradingResult:
    question = bank.get(question_id)
    assert question.manifest.text is not None
    return grade(question, question.manifest.text, answer)


def credited(result: GradingResult) -> list[str]:
    return [t.name for t in result.tests if t.score > 0]


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        (
            "augmentation-unseen-images",
            "Augmentation leverages invariant features and regularisation to generalise robust "
            "label-preserving transformations across the distribution.",
        ),
        (
            "p-value-meaning",
            "The p-value quantifies null-hypothesis extremeness relative to Bayesian priors, so "
            "effect-size confidence governs the shipping decision.",
        ),
        (
            "training-curves-reading",
            "The curves show overfitting-driven epoch-12 regularisation early-stopping dynamics "
            "across the loss landscape.",
        ),
    ],
)
def test_a_jargon_sentence_naming_the_concepts_earns_nothing_and_is_reviewed(
    bank: Bank, question_id: str, answer: str
) -> None:
    result = graded(bank, question_id, answer)
    assert (result.score, result.needs_review) == (0.0, True)
    assert any("without explaining them" in r for r in result.review_reasons)


def test_an_answer_in_notation_is_reviewed(bank: Bank) -> None:
    result = graded(
        bank,
        "training-curves-reading",
        "For epoch > 12: L_train ↓ while L_val ↑, so the gap L_val \u2212 L_train grows ⇒ overfit. "
        "Take θ* = θ_12 (argmin of L_val).",
    )
    assert result.needs_review is True
    assert result.review_reasons[0].startswith("much of the answer is notation (")


@pytest.mark.parametrize(
    ("answer", "concepts"),
    [
        # "... isn't needed", "... is overkill": the words before are denied.
        (
            "Streaming line by line isn't needed: it fits in memory. The mean per version is the "
            "sum divided by the count. A heap is overkill, just sort the latencies.",
            ["running sum and count"],
        ),
        # Notation read as words: "+= 1" counts.
        (
            "Read the log line by line; per version keep sum += latency and n += 1, and a "
            "min-heap of size 10 with heapq.heappushpop.",
            ["stream the file", "running sum and count", "a heap of ten"],
        ),
    ],
)
def test_what_is_ruled_out_earns_nothing_and_notation_is_read(
    bank: Bank, answer: str, concepts: list[str]
) -> None:
    assert credited(graded(bank, "large-log-one-pass", answer)) == concepts


@pytest.mark.parametrize(
    "answer",
    [
        "Never flip the digits: a flipped 7 is not a valid digit.",
        "Rotating by 180 degrees would be a mistake, since 6 and 9 swap.",
        "Do not use horizontal flips; the label would no longer be true.",
    ],
)
def test_a_concept_that_is_a_warning_is_credited_despite_its_not(bank: Bank, answer: str) -> None:
    assert "label-preserving" in credited(graded(bank, "augmentation-unseen-images", answer))


def test_a_decimal_ends_no_sentence(bank: Bank) -> None:
    result = graded(
        bank,
        "training-curves-reading",
        "The validation loss is lowest at 0.45 near epoch 12 and then rises to 0.85.",
    )
    assert credited(result) == ["overfitting", "from epoch 12"]


def test_a_terse_answer_naming_three_concepts_is_an_answer(bank: Bank) -> None:
    result = graded(bank, "training-curves-reading", "Overfitting from epoch 12; early-stop there.")
    assert credited(result) == ["overfitting", "from epoch 12", "remedy"]
    assert result.needs_review is True  # shorter than the rubric's min_words


def test_a_string_of_terms_without_a_function_word_earns_nothing(bank: Bank) -> None:
    result = graded(
        bank,
        "list-dedupe-complexity",
        "Quadratic list membership hashing dict.fromkeys O(1) ordered linear set optimization.",
    )
    assert (result.score, result.needs_review) == (0.0, True)
