"""Text answers: rubric matching with synonyms and patterns, and the review flag."""

from __future__ import annotations

import pytest

from grader.bank.manifest import Concept
from grader.bank.question import Bank, Question
from grader.kinds.text import grade, mentions


@pytest.fixture(scope="module")
def skew(bank: Bank) -> Question:
    return bank.get("sentiment-skew-reason")


def test_synonyms_match_whole_words_with_short_endings() -> None:
    concept = Concept(name="resampling", points=1, synonyms=["oversample", "class weight"])
    assert mentions(concept, "We could Oversampled the negatives.") == "oversampled"
    assert mentions(concept, "set the CLASS  weights") == "class  weights".replace("  ", " ")
    assert mentions(concept, "a classic weight") is None
    assert mentions(concept, "oversamplingtechnique") is None


def test_patterns_are_regular_expressions_ignoring_case() -> None:
    concept = Concept(name="imbalance", points=1, patterns=[r"\bimbalanc"])
    assert mentions(concept, "The IMBALANCED classes") == "IMBALANC"


def test_the_model_answer_earns_full_marks_without_review(skew: Question) -> None:
    section = skew.manifest.text
    assert section is not None
    result = grade(skew, section, skew.solution)
    assert (result.score, result.verdict, result.needs_review) == (7.0, "passed", False)
    assert result.answer_kind == "text"
    assert {name: s.score for name, s in result.skills.items()} == {
        "machine-learning": 7.0,
        "statistical-analysis": 7.0,
    }


def test_a_weak_match_is_provisional_and_flagged_for_review(skew: Question) -> None:
    section = skew.manifest.text
    assert section is not None
    result = grade(skew, section, "The data set is imbalanced, most of the reviews are positive.")
    assert (result.score, result.verdict, result.needs_review) == (2.0, "partial", True)
    assert result.feedback.endswith("a reviewer will confirm the score.")
    assert [t.visibility for t in result.tests] == ["after_due"] * 5


def test_public_view_holds_no_rubric(skew: Question) -> None:
    dumped = skew.public().model_dump_json()
    section = skew.manifest.text
    assert section is not None
    for concept in section.concepts:
        assert concept.name not in dumped
        for word in concept.synonyms:
            assert f'"{word}"' not in dumped
    assert "solution" not in dumped and "sampling bias" not in dumped
