"""Snapshots of question versions, on every supported database."""

from __future__ import annotations

from grader.bank.question import Bank
from grader.config import Settings
from grader.store.db import SubmissionStore, make_engine
from grader.store.questions import QuestionVersionStore


def test_a_stored_version_rebuilds_the_same_question(settings: Settings, bank: Bank) -> None:
    engine = make_engine(settings.database_url)
    SubmissionStore(engine).create_schema()
    store = QuestionVersionStore(engine)
    for question in bank.all():
        store.remember(question)
        store.remember(question)  # a second time is a no-op
        again = QuestionVersionStore(engine).get(question.id, question.version)
        assert again is not None
        assert (again.manifest, again.prompt, again.starter, again.solution, again.tests) == (
            question.manifest,
            question.prompt,
            question.starter,
            question.solution,
            question.tests,
        )
        assert again.version == question.version
        assert QuestionVersionStore(engine).versions(question.id) == [question.version]


def test_an_unknown_version_is_none(settings: Settings, bank: Bank) -> None:
    engine = make_engine(settings.database_url)
    SubmissionStore(engine).create_schema()
    store = QuestionVersionStore(engine)
    assert store.get("matplotlib-linear-plot", "0000") is None
    assert not store.has("matplotlib-linear-plot", "0000")
    assert store.versions("matplotlib-linear-plot") == []
