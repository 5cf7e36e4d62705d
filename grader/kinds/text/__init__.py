"""Free-text answers scored by what they state, against a rubric of concepts.

The pipeline, one module per step, on the words and cues of `grader.textmatch`:

- `clauses`: sentences and clauses, negation scopes (NegEx) and proposed remedies;
- `vocabulary`: lists of terms and buzzword sentences, which explain nothing;
- `reading`: every mention of every concept, asserted, denied, a remedy, listed or copied;
- `review`: the confidence in the score and the reasons a person should look at it.

An answer earns a concept's points when it asserts the concept somewhere. The result carries
its `confidence` and `review_reasons`, and `needs_review` when the confidence is below the
rubric's `min_confidence`.
"""

from __future__ import annotations

from grader.bank.manifest import TextSection
from grader.bank.question import Question
from grader.kinds.data import data_result
from grader.kinds.text.reading import Reading, read
from grader.kinds.text.review import Assessment, assess
from grader.kinds.text.rubric import Rubric, rubric_for
from grader.results import GradingResult, TestResult, Verdict

__all__ = ["Assessment", "Reading", "Rubric", "grade", "read_answer"]

CERTAIN = 1.0


def read_answer(question: Question, section: TextSection, answer: str) -> Reading:
    """The reading of an answer against the question's rubric (cached per rubric)."""
    return read(rubric_for(section, question.prompt), answer[: section.max_chars])


def _message(reading: Reading, index: int, feedback: str) -> str:
    if reading.credited(index):
        return "The answer covers this point."
    return feedback or "The answer does not cover this point."


def grade(question: Question, section: TextSection, answer: str) -> GradingResult:
    """Score a text answer against the rubric; never raises for the candidate's answer."""
    rubric = rubric_for(section, question.prompt)
    reading = read(rubric, answer[: section.max_chars])
    skills = list(question.manifest.skills)
    tests = [
        TestResult(
            name=compiled.name,
            score=compiled.concept.points if reading.credited(index) else 0.0,
            max_score=compiled.concept.points,
            status="passed" if reading.credited(index) else "failed",
            message=_message(reading, index, compiled.concept.feedback),
            visibility="after_due",
            skills=skills,
        )
        for index, compiled in enumerate(rubric.concepts)
    ]
    points = question.manifest.points
    earned = round(sum(t.score for t in tests), 6)
    if reading.words == 0:
        assessment = Assessment(CERTAIN, [])
    else:
        assessment = assess(reading, rubric, section, earned, points)
    review = assessment.needs_review(section)
    verdict: Verdict = "passed" if earned >= points else "failed" if earned <= 0 else "partial"
    feedback = {
        "passed": "The answer covers every point of the rubric",
        "partial": "The answer covers some points of the rubric",
        "failed": "The answer covers no point of the rubric",
    }[verdict]
    feedback += "; a reviewer will confirm the score." if review else "."
    result = data_result(question, tests=tests, verdict=verdict, feedback=feedback)
    return result.model_copy(
        update={
            "needs_review": review,
            "confidence": round(assessment.confidence, 3),
            "review_reasons": assessment.reasons,
        }
    )
