"""Free-text answers scored against a rubric of concepts; the score is provisional.

Each concept is found by any of its synonyms (whole words, case-insensitive, with the
endings -s, -es, -d, -ed, -ing and -ly allowed) or regular expressions. The answer earns the
points of every concept it mentions. Keyword matching cannot tell a good explanation from a list of
words, nor see a concept said in other words, so the result is flagged `needs_review` when
the match is weak: less than the rubric's `review_below` fraction of the points, a missing
required concept, or fewer words than `min_words`.
"""

from __future__ import annotations

import re
import unicodedata

from grader.bank.manifest import Concept, TextSection
from grader.bank.question import Question
from grader.kinds.data import data_result
from grader.results import GradingResult, TestResult, Verdict


def normalise(text: str) -> str:
    """Lower case, plain letters, single spaces: what synonyms are matched against."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = re.sub(r"[^\w%.-]+", " ", folded)
    return re.sub(r"\s+", " ", folded).strip()


ENDINGS = r"(?:s|es|d|ed|ing|ly)?"


def _word(word: str) -> str:
    # "oversample" also matches "oversampled" and "oversampling".
    stem = re.escape(word[:-1]) + "e?" if word.endswith("e") else re.escape(word)
    return stem + ENDINGS


def _synonym_pattern(synonym: str) -> re.Pattern[str]:
    body = r"\s".join(_word(w) for w in normalise(synonym).split(" "))
    return re.compile(rf"(?<!\w){body}(?!\w)")


def mentions(concept: Concept, answer: str) -> str | None:
    """The words of the answer that show the concept, or None."""
    plain = normalise(answer)
    for synonym in concept.synonyms:
        found = _synonym_pattern(synonym).search(plain)
        if found:
            return found.group(0)
    for pattern in concept.patterns:
        found = re.search(pattern, answer, flags=re.IGNORECASE)
        if found:
            return found.group(0)
    return None


def grade(question: Question, section: TextSection, answer: str) -> GradingResult:
    """Score a text answer against the rubric."""
    text = answer[: section.max_chars]
    tests: list[TestResult] = []
    missing_required = False
    for concept in section.concepts:
        found = mentions(concept, text)
        if found is None and concept.required:
            missing_required = True
        message = (
            "The answer covers this point."
            if found is not None
            else (concept.feedback or "The answer does not cover this point.")
        )
        tests.append(
            TestResult(
                name=concept.name,
                score=concept.points if found is not None else 0.0,
                max_score=concept.points,
                status="passed" if found is not None else "failed",
                message=message,
                visibility="after_due",
                skills=list(question.manifest.skills),
            )
        )
    points = question.manifest.points
    earned = round(sum(t.score for t in tests), 6)
    words = len(normalise(text).split())
    weak = earned < section.review_below * points or missing_required or words < section.min_words
    verdict: Verdict = "passed" if earned >= points else "failed" if earned <= 0 else "partial"
    feedback = {
        "passed": "The answer covers every point of the rubric",
        "partial": "The answer covers some points of the rubric",
        "failed": "The answer covers no point of the rubric",
    }[verdict]
    feedback += "; a reviewer will confirm the score." if weak else "."
    return data_result(question, tests=tests, verdict=verdict, feedback=feedback, needs_review=weak)
