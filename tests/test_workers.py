"""Workers grade a submission against the question version it was queued for; the notifier
wakes those who wait for one and keeps nothing once they leave."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from grader.bank.question import Bank, Question
from grader.config import Settings
from grader.sandbox.fake import FakeBackend
from grader.store.artifacts import MemoryArtifactStore
from grader.store.db import SubmissionStore, make_engine
from grader.store.questions import QuestionVersionStore
from grader.workers import Notifier, WorkerPool
from tests.api.conftest import full_marks


class Rig:
    """A worker pool on SQLite over a copy of the linear-plot question that tests may edit."""

    def __init__(self, tmp_path: Path, linear: Question) -> None:
        self.bank_dir = tmp_path / "bank"
        self.directory = self.bank_dir / linear.id
        shutil.copytree(
            linear.directory, self.directory, ignore=shutil.ignore_patterns("__pycache__")
        )
        settings = Settings(database_url=f"sqlite:///{tmp_path / 'g.db'}", bank_dir=self.bank_dir)
        engine = make_engine(settings.database_url)
        self.store = SubmissionStore(engine)
        self.store.create_schema()
        self.versions = QuestionVersionStore(engine)
        self.bank = Bank(self.bank_dir)
        self.backend = FakeBackend(full_marks)
        self.pool = WorkerPool(
            settings=settings,
            store=self.store,
            artifacts=MemoryArtifactStore(),
            bank=self.bank,
            versions=self.versions,
            backend_for=lambda q: self.backend,
            notifier=Notifier(),
        )

    def grade(self, question_id: str, version: str) -> str:
        row, _ = self.store.add(
            tenant="acme", question_id=question_id, question_version=version, code="x", metadata={}
        )
        claimed = self.store.claim_next()
        assert claimed is not None and claimed.id == row.id
        self.pool.process(claimed)
        return row.id


@pytest.fixture
def rig(tmp_path: Path, linear: Question) -> Rig:
    return Rig(tmp_path, linear)


def test_a_submission_queued_before_the_bank_changed_is_graded_as_it_was(
    rig: Rig, linear: Question
) -> None:
    before = rig.bank.get(linear.id)
    rig.versions.remember(before)
    tests = rig.directory / "tests.py"
    tests.write_text(tests.read_text() + "\n# fixed\n")
    submission = rig.grade(linear.id, before.version)
    assert rig.backend.jobs[0]["tests"] == before.tests
    (run,) = rig.store.runs(submission)
    assert run.question_version == before.version
    assert rig.store.get(submission).status == "completed"


def test_a_stored_version_is_graded_after_its_question_left_the_bank(
    rig: Rig, linear: Question
) -> None:
    before = rig.bank.get(linear.id)
    rig.versions.remember(before)
    shutil.rmtree(rig.directory)
    submission = rig.grade(linear.id, before.version)
    assert rig.store.get(submission).status == "completed"
    assert rig.backend.jobs[0]["tests"] == before.tests


def test_a_version_that_was_never_stored_fails_with_a_reason(rig: Rig, linear: Question) -> None:
    submission = rig.grade(linear.id, "0123abcd")
    row = rig.store.get(submission)
    assert (row.status, row.error) == (
        "failed",
        f"version '0123abcd' of question {linear.id!r} is not stored; "
        "regrade the submission against the current version",
    )
    assert rig.backend.jobs == []


def eventually(condition: Callable[[], bool]) -> None:
    """Wait for another thread to bring `condition` about (generously: the machine may be busy)."""
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.005)


def test_a_finish_nobody_waits_for_leaves_nothing_behind() -> None:
    notifier = Notifier()
    for index in range(1000):
        notifier.finished(f"s{index}")
    assert notifier.waiting() == 0
    # A later wait learns of an earlier finish from the submission's state, not from memory.
    assert notifier.wait("s1", 0, lambda: False) is False
    assert notifier.wait("s1", 0, lambda: True) is True


def test_every_waiter_is_woken_and_the_last_to_leave_removes_the_entry() -> None:
    notifier = Notifier()
    woken: list[bool] = []

    def wait() -> None:
        woken.append(notifier.wait("s", 60, lambda: False))

    threads = [threading.Thread(target=wait) for _ in range(2)]
    for thread in threads:
        thread.start()
    eventually(lambda: notifier.waiting() == 2)
    notifier.finished("s")
    for thread in threads:
        thread.join(60)
    assert woken == [True, True]
    assert notifier.waiting() == 0
    assert notifier.wait("s", 0, lambda: False) is False


def test_a_wait_that_times_out_removes_its_entry() -> None:
    notifier = Notifier()
    assert notifier.wait("s", 0.01, lambda: False) is False
    assert notifier.waiting() == 0
    notifier.finished("s")
    assert notifier.wait("s", 0, lambda: False) is False
