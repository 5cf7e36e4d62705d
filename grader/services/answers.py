"""Typed answers: exactly one of `code`, `choices` or `text`, checked against the question.

A code question takes `code`, a multiple-choice question `choices` (option ids) and a text
question `text`. The older form, every answer's text in `code`, is still accepted for every
kind (deprecated): it is graded as before, without these checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from grader.bank.question import Question
from grader.errors import AnswerInvalid

FIELD_OF_KIND = {"code": "code", "multiple_choice": "choices", "text": "text"}


@dataclass(frozen=True)
class TypedAnswer:
    """The answer fields of a request, at most one of them set (the model checks exactly one)."""

    code: str | None = None
    choices: list[str] | None = None
    text: str | None = None


def answer_text(question: Question, answer: TypedAnswer) -> str:
    """The answer as the text the grader stores and grades; AnswerInvalid when it does not fit."""
    kind = question.manifest.kind
    if answer.code is not None:
        return answer.code  # the answer of a code question, or the deprecated form of any kind
    expected = FIELD_OF_KIND[kind]
    if answer.choices is not None:
        if kind != "multiple_choice":
            raise AnswerInvalid(
                f"choices: question {question.id!r} is a {kind.replace('_', '-')} question; "
                f"send its answer in {expected!r}",
                field="choices",
            )
        return json.dumps(_checked_choices(question, answer.choices))
    if answer.text is not None:
        if kind != "text":
            raise AnswerInvalid(
                f"text: question {question.id!r} is a {kind.replace('_', '-')} question; "
                f"send its answer in {expected!r}",
                field="text",
            )
        return answer.text
    raise AnswerInvalid(f"give the answer in {expected!r}", field=expected)


def _checked_choices(question: Question, choices: list[str]) -> list[str]:
    section = question.manifest.multiple_choice
    assert section is not None  # a multiple-choice manifest always carries its section
    if not choices:
        raise AnswerInvalid(
            f"choices: the list is empty; choose at least one option of {question.id!r}",
            field="choices",
        )
    ids = [option.id for option in section.options]
    seen: set[str] = set()
    for choice in choices:
        if choice not in ids:
            raise AnswerInvalid(
                f"choices: {choice!r} is not an option of {question.id!r}; "
                f"its options are {', '.join(ids)}",
                field="choices",
            )
        if choice in seen:
            raise AnswerInvalid(
                f"choices: {choice!r} is chosen twice; name each option once", field="choices"
            )
        seen.add(choice)
    return choices
