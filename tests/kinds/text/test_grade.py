"""Grading text answers: families of answers get exact scores, review flags and reasons."""

from __future__ import annotations

import pytest

from grader.bank.manifest import Manifest
from grader.bank.question import Question
from grader.kinds.text import grade
from grader.kinds.text.examples import problems
from grader.results import GradingResult


def graded(question: Question, answer: str) -> GradingResult:
    assert question.manifest.text is not None
    return grade(question, question.manifest.text, answer)


def credited(result: GradingResult) -> list[str]:
    return [t.name for t in result.tests if t.score > 0]


IMBALANCE, COLLECTION, LABELLING, EFFECT, REMEDY = (
    "class imbalance",
    "how the data was collected",
    "labelling",
    "effect on the model",
    "remedy",
)


@pytest.mark.parametrize(
    ("answer", "concepts"),
    [
        # paraphrases of the imbalance and of self-selection
        (
            "Negative texts are a small minority because unhappy customers rarely bother to "
            "write anything, while delighted ones are asked to rate the app.",
            [IMBALANCE, COLLECTION],
        ),
        # misspelt and inflected
        (
            "The dataset is imbalanced because the reveiws were colected from a webshop where "
            "mostly satisfied custmers leave ratings, so the sample is biassed.",
            [IMBALANCE, COLLECTION],
        ),
        # a legitimate bullet list keeps its credit
        (
            "- imbalance: about 80% positive, 20% negative\n"
            "- cause: reviews scraped from a fan forum, so the sample is biased\n"
            "- effect: the model predicts positive nearly always\n"
            "- fix: class weights",
            [IMBALANCE, COLLECTION, EFFECT, REMEDY],
        ),
    ],
)
def test_statements_in_any_words_are_credited_and_final(
    skew: Question, answer: str, concepts: list[str]
) -> None:
    result = graded(skew, answer)
    assert credited(result) == concepts
    assert (result.needs_review, result.confidence, result.review_reasons) == (False, 0.91, [])


def test_denied_concepts_earn_nothing_and_are_reviewed(skew: Question) -> None:
    result = graded(
        skew,
        "It is not a class imbalance and the annotators did not make labelling errors; the "
        "model simply trained for too few epochs and has not converged yet.",
    )
    assert (result.score, result.verdict, result.needs_review) == (0.0, "failed", True)
    assert result.review_reasons == [
        "the answer denies “class imbalance” (“imbalance”)",
        "the answer denies “labelling” (“labelling errors”)",
        "no statement of “how the data was collected” was found, and the rubric could not read "
        "1 clause that may say it in other words (“the model simply trained for too few epochs "
        "and has not conv”)",
    ]
    assert result.confidence == 0.27


def test_a_remedy_is_not_credited_as_a_cause(skew: Question) -> None:
    result = graded(
        skew,
        "Collect more data from sources where dissatisfied users leave reviews, for example "
        "complaint forums and support tickets.",
    )
    assert credited(result) == [REMEDY]
    assert result.needs_review is True
    assert result.review_reasons == [
        "“how the data was collected” appears only in a proposed fix (“dissatisfied users "
        "leave”), not as a cause",
        "no statement of “class imbalance” was found, and the rubric could not read 1 clause "
        "that may say it in other words (“collect more data from sources where dissatisfied "
        "users leav”)",
    ]
    assert result.confidence == 0.14


@pytest.mark.parametrize(
    "answer",
    [
        "class imbalance, selection bias, label noise, accuracy paradox, SMOTE, class weights",
        "Imbalanced. Unrepresentative. Mislabelled. Misleading accuracy. Oversampling.",
        "Skewness arises from class imbalance and sampling bias with label noise and annotator "
        "bias, causing majority class bias and the accuracy paradox, so resampling.",
    ],
)
def test_keyword_salad_earns_nothing_and_is_reviewed(skew: Question, answer: str) -> None:
    result = graded(skew, answer)
    assert (result.score, result.needs_review) == (0.0, True)
    assert result.confidence == 0.51
    assert "without explaining them" in result.review_reasons[0]


def test_salad_after_an_explanation_keeps_only_what_is_explained(skew: Question) -> None:
    result = graded(
        skew,
        "Most reviews come from a loyalty app whose members are happy customers, so positives "
        "dominate. Other terms: label noise, SMOTE, class weights.",
    )
    assert credited(result) == [IMBALANCE, COLLECTION]
    assert result.needs_review is True


def test_a_high_score_is_reviewed_when_in_doubt(skew: Question) -> None:
    result = graded(
        skew,
        "The data is imbalanced: far more positive than negative reviews, because they were "
        "scraped from a site where happy customers post. It is not label noise, whatever "
        "others say, though annotators could have mislabelled sarcasm as positive. The model "
        "then predicts positive for nearly everything; oversampling negatives would help.",
    )
    assert result.score == 7.0
    assert result.needs_review is True
    assert result.review_reasons[0].startswith("the answer both states and denies “labelling”")


def test_words_that_earn_two_concepts_are_reviewed(skew: Question) -> None:
    result = graded(
        skew,
        "It is a sampling bias: the data come from one web site where happy people post "
        "reviews more often.",
    )
    assert credited(result) == [IMBALANCE, COLLECTION]
    assert (result.needs_review, result.confidence) == (True, 0.3)
    assert result.review_reasons == [
        "“class imbalance” is credited only for words that also earn “how the data was "
        "collected” (“happy people post reviews more”)",
    ]


def test_text_copied_from_the_prompt_earns_nothing(skew: Question) -> None:
    result = graded(skew, skew.prompt)
    assert (result.score, result.needs_review) == (0.0, True)
    assert "part of the answer repeats the prompt; that part earned nothing" in (
        result.review_reasons
    )


def test_a_blank_answer_is_certain(skew: Question) -> None:
    result = graded(skew, "  \n ")
    assert (result.score, result.needs_review, result.confidence) == (0.0, False, 1.0)


def test_results_keep_the_rubric_for_after_the_due_date(skew: Question) -> None:
    result = graded(skew, skew.solution)
    assert (result.score, result.verdict, result.needs_review) == (7.0, "passed", False)
    assert result.answer_kind == "text"
    assert [t.visibility for t in result.tests] == ["after_due"] * 5
    assert {name: s.score for name, s in result.skills.items()} == {
        "machine-learning": 7.0,
        "statistical-analysis": 7.0,
    }


def test_the_public_view_holds_no_rubric(skew: Question) -> None:
    dumped = skew.public().model_dump_json()
    section = skew.manifest.text
    assert section is not None
    for concept in section.concepts:
        assert concept.name not in dumped
        assert concept.description not in dumped
        for text in [*concept.synonyms, *concept.cues, *concept.examples]:
            assert f'"{text}"' not in dumped


def test_the_banks_rubric_examples_hold(skew: Question) -> None:
    assert skew.manifest.text is not None
    assert problems(skew.manifest.text, skew.prompt) == []


def test_a_failing_example_and_counterexample_are_named(skew: Question) -> None:
    section = skew.manifest.text
    assert section is not None
    concept = section.concepts[0].model_copy(
        update={
            "examples": ["The reviews lean towards praise."],
            "counterexamples": ["Positives outnumber negatives."],
        }
    )
    broken = section.model_copy(update={"concepts": [concept, *section.concepts[1:]]})
    assert problems(broken, skew.prompt) == [
        "concept 'class imbalance': the example 'The reviews lean towards praise.' does not "
        "earn it",
        "concept 'class imbalance': the counterexample 'Positives outnumber negatives.' earns it",
    ]


def test_a_malformed_cue_is_an_error_naming_the_concept() -> None:
    with pytest.raises(
        ValueError, match="concept 'imbalance': cue 'most & ': an empty alternative or group"
    ):
        Manifest.model_validate(
            {
                "id": "t-q",
                "title": "t",
                "kind": "text",
                "language": "none",
                "points": 1,
                "text": {"concepts": [{"name": "imbalance", "points": 1, "cues": ["most & "]}]},
            }
        )
