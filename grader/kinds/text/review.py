"""How sure the grader is of a text answer's score, and why a person should look at it.

Each signal that the automatic reading can be wrong has a confidence: the share of answers
showing it (as their weakest signal) whose automatic score equalled a careful human's, on the
development half of the question's corpus (tests/kinds/text_corpus). The answer's confidence is
that of its weakest signal, or `NO_SIGNAL` when none is seen. The score is final only when the
confidence reaches the rubric's `min_confidence`; otherwise the result `needs_review` with the
provisional score and the reasons. A high score is treated like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.bank.manifest import TextSection
from grader.kinds.text.reading import Reading
from grader.kinds.text.rubric import Rubric

NO_SIGNAL = 0.95
NOT_ENGLISH = 0.2
VOCABULARY = 0.3
SHORT = 0.5
CONTRADICTED = 0.4
DENIED = 0.6
REMEDY_ONLY = 0.6
COPIED = 0.6
MISSING_REQUIRED = 0.6
LITTLE_EARNED = 0.6
ENGLISH_SHARE = 0.7


@dataclass(frozen=True)
class Assessment:
    """The confidence in a score and the reasons a reviewer should read the answer."""

    confidence: float
    reasons: list[str]

    def needs_review(self, section: TextSection) -> bool:
        return self.confidence < section.min_confidence


def _quote(text: str) -> str:
    return f"“{text[:60]}”"


def assess(
    reading: Reading, rubric: Rubric, section: TextSection, earned: float, points: float
) -> Assessment:
    """Every signal of doubt in this reading, weakest first, and the resulting confidence."""
    signals: list[tuple[float, str]] = []
    if reading.english_share < ENGLISH_SHARE:
        signals.append(
            (
                NOT_ENGLISH,
                f"much of the answer is not English ({1 - reading.english_share:.0%} of its "
                "words); the rubric reads English only",
            )
        )
    found = reading.vocabulary
    if found.found:
        shapes = []
        if found.lists:
            shapes.append(f"{found.lists} list{'s' if found.lists > 1 else ''} of terms")
        if found.buzzword_sentences:
            count = found.buzzword_sentences
            shapes.append(f"{count} sentence{'s' if count > 1 else ''} made of rubric terms")
        signals.append(
            (
                VOCABULARY,
                f"the answer names rubric terms without explaining them ({', '.join(shapes)}); "
                "those terms earned nothing",
            )
        )
    if reading.words < section.min_words:
        signals.append((SHORT, f"the answer is short ({reading.words} words)"))
    if reading.copied_sentences:
        signals.append((COPIED, "part of the answer repeats the prompt; that part earned nothing"))
    for index, compiled in enumerate(rubric.concepts):
        asserted = reading.of(index, "asserted")
        denied = reading.of(index, "denied")
        remedy = reading.of(index, "remedy")
        if denied and asserted:
            signals.append(
                (
                    CONTRADICTED,
                    f"the answer both states and denies “{compiled.name}” "
                    f"({_quote(asserted[0].text)}, {_quote(denied[0].text)})",
                )
            )
        elif denied:
            signals.append(
                (DENIED, f"the answer denies “{compiled.name}” ({_quote(denied[0].text)})")
            )
        if remedy and not asserted:
            signals.append(
                (
                    REMEDY_ONLY,
                    f"“{compiled.name}” appears only in a proposed fix "
                    f"({_quote(remedy[0].text)}), not as a cause",
                )
            )
        if compiled.concept.required and not asserted and not denied and reading.unread:
            signals.append(
                (
                    MISSING_REQUIRED,
                    f"no statement of “{compiled.name}” was found, and the rubric could not "
                    f"read {len(reading.unread)} clause{'s' if len(reading.unread) > 1 else ''}"
                    f" that may say it in other words ({_quote(reading.unread[0])})",
                )
            )
    if earned < section.review_below * points:
        signals.append(
            (
                LITTLE_EARNED,
                f"the answer earned {earned:g} of {points:g} points, less than "
                f"{section.review_below:.0%}",
            )
        )
    signals.sort(key=lambda s: s[0])
    confidence = signals[0][0] if signals else NO_SIGNAL
    return Assessment(confidence, [reason for _, reason in signals])
