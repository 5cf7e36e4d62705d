"""Multiple-choice answers: which option ids were chosen, scored by the question's policy.

An answer is a JSON list of option ids (`["a", "c"]`), a JSON object `{"selected": [...]}`, or
ids separated by commas, semicolons, spaces, "and", "&" or "+" (`a, c`, `(a) and (c).`): the
brackets, quotes and full stops around an id are not part of it. Ids are stable, so a platform
may show the options in any order. Policies:

- `all_or_nothing`: full points when exactly the correct options are chosen, else none.
- `per_option`: the fraction of the correct options chosen, less the fraction of the wrong
  options chosen, times the points, never below zero. Choosing every option (or none) earns
  nothing, however many options are correct: the answer shows no knowledge.

Under either policy, a question with one correct option asks for one choice: choosing several
earns nothing. An id the question does not have makes the answer unreadable (nothing earned,
and the message names it) rather than being guessed at, and so does "a or c", which hedges.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from grader.bank.manifest import MultipleChoiceSection
from grader.bank.question import Question
from grader.kinds.data import data_result
from grader.results import GradingResult, TestResult, Verdict

MAX_ANSWER_CHARS = 4096
_SEPARATORS = re.compile(r"[\s,;&+]+")
_CONNECTIVES = frozenset({"and"})
HEDGE = "or"  # "a or c" hedges between options: it chooses neither
# What may surround an id in prose ("(a)", "'b'", "c."); ids never start or end with these.
_AROUND = "()[]{}\"'.!?"


def parse_selection(answer: str) -> list[str] | None:
    """The chosen ids in the order given, without repeats; None when unreadable."""
    text = answer.strip()
    if len(text) > MAX_ANSWER_CHARS:
        return None
    raw: Any
    if text.startswith(("[", "{")):
        try:
            raw = json.loads(text)
        except ValueError:
            return None
        if isinstance(raw, dict):
            raw = raw.get("selected")
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            return None
    else:
        raw = [part for part in _SEPARATORS.split(text) if part.lower() not in _CONNECTIVES]
    chosen: list[str] = []
    for item in raw:
        key = item.strip().strip(_AROUND).lower()
        if key and key not in chosen:
            chosen.append(key)
    return chosen


def score(section: MultipleChoiceSection, chosen: list[str], points: float) -> tuple[float, str]:
    """Points earned by this selection, and a message that names no correct option."""
    ids = [o.id for o in section.options]
    if HEDGE in chosen and HEDGE not in ids:
        return 0.0, (
            "The answer offers options as alternatives ('or'); name only the options you choose."
        )
    unknown = [c for c in chosen if c not in ids]
    if unknown:
        names = ", ".join(repr(u) for u in unknown)
        return 0.0, f"The answer names options the question does not have: {names}."
    if not chosen:
        return 0.0, "No option was chosen."
    correct = {o.id for o in section.options if o.correct}
    wrong_options = len(ids) - len(correct)
    picked_right = len(correct.intersection(chosen))
    picked_wrong = len(chosen) - picked_right
    if set(chosen) == correct:
        return points, "The choice is correct."
    if len(correct) == 1:
        if len(chosen) > 1:
            return 0.0, f"The question asks for one option; {len(chosen)} were chosen."
        return 0.0, "The chosen option is not the correct one."
    if section.policy == "all_or_nothing":
        earned = 0.0
    else:
        fraction = picked_right / len(correct)
        if wrong_options:
            fraction -= picked_wrong / wrong_options
        earned = points * max(0.0, fraction)
    message = (
        f"The answer chose {picked_right} of the {len(correct)} correct options and "
        f"{picked_wrong} wrong option{'s' if picked_wrong != 1 else ''}."
    )
    return earned, message


def grade(question: Question, section: MultipleChoiceSection, answer: str) -> GradingResult:
    """Score a multiple-choice answer."""
    points = question.manifest.points
    skills = list(question.manifest.skills)
    chosen = parse_selection(answer)
    if chosen is None:
        earned, message = 0.0, "The answer could not be read as a list of option ids."
    else:
        earned, message = score(section, chosen, points)
    earned = round(earned, 6)
    status: Literal["passed", "partial", "failed"] = (
        "passed" if earned >= points else "failed" if earned <= 0 else "partial"
    )
    test = TestResult(
        name="choice",
        score=earned,
        max_score=points,
        status=status,
        message=message,
        visibility="visible",
        skills=skills,
    )
    verdict: Verdict = status
    feedback = {
        "passed": "The answer is correct.",
        "partial": "The answer is partly correct.",
        "failed": "The answer is not correct.",
    }[status]
    return data_result(question, tests=[test], verdict=verdict, feedback=feedback)


def mistakes(section: MultipleChoiceSection, chosen: list[str] | None) -> list[str]:
    """The options a selection decides wrongly: correct ones left out, wrong ones chosen.

    An unreadable selection, or one naming an option the question does not have, earns nothing
    on any option, so every option is a mistake. These are the items a requirement of a
    multiple-choice question names (`grader check`); the result's one test, `choice`, keeps
    them to itself so that it never says which options are correct.
    """
    ids = [o.id for o in section.options]
    if chosen is None or any(c not in ids for c in chosen):
        return ids
    return [o.id for o in section.options if o.correct != (o.id in chosen)]


def reference_answer(section: MultipleChoiceSection) -> str:
    """The answer that earns full marks."""
    return json.dumps([o.id for o in section.options if o.correct])
