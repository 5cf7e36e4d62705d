"""In-process workers that take queued submissions from the database and grade them."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import docker.errors
import requests

from grader import logs
from grader.bank.question import Bank, Question
from grader.config import Settings
from grader.errors import (
    EngineUnavailable,
    GraderError,
    QuestionNotFound,
    QuestionVersionNotFound,
    SandboxFailed,
)
from grader.kinds import BackendFor, grade_answer
from grader.store.artifacts import ArtifactStore
from grader.store.db import SubmissionRow, SubmissionStore
from grader.store.questions import QuestionVersionStore

log = logging.getLogger(__name__)

# What the Docker SDK raises when the engine goes away mid-grading: the service's failure,
# never the candidate's, so the grading is tried again where attempts are bounded.
OURS = (
    EngineUnavailable,
    SandboxFailed,
    requests.exceptions.ConnectionError,
    docker.errors.APIError,
)


class Notifier:
    """Wakes whoever waits for a submission to finish.

    It holds an entry only while someone waits: a submission nobody waits for leaves nothing
    behind, and the last waiter to leave removes its submission's entry, so the notifier does
    not grow with the submissions a process grades.
    """

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._waiters: dict[str, int] = {}  # submission id -> how many wait for it
        self._finished: set[str] = set()  # of those, the ones that finished

    def finished(self, submission_id: str) -> None:
        with self._condition:
            if submission_id in self._waiters:
                self._finished.add(submission_id)
                self._condition.notify_all()

    def wait(self, submission_id: str, timeout: float, is_done: Callable[[], bool]) -> bool:
        """Wait up to `timeout` seconds until the submission finishes; whether it did.

        `is_done` reads the submission's state, for one that finished before the wait began.
        """
        with self._condition:
            self._waiters[submission_id] = self._waiters.get(submission_id, 0) + 1
            try:
                return self._condition.wait_for(
                    lambda: submission_id in self._finished or is_done(), timeout=timeout
                )
            finally:
                left = self._waiters.pop(submission_id) - 1
                if left:
                    self._waiters[submission_id] = left
                else:
                    self._finished.discard(submission_id)

    def waiting(self) -> int:
        """How many waits are under way now."""
        with self._condition:
            return sum(self._waiters.values())


class WorkerPool:
    """N threads grading queued submissions, woken when work arrives."""

    def __init__(
        self,
        *,
        settings: Settings,
        store: SubmissionStore,
        artifacts: ArtifactStore,
        bank: Bank,
        versions: QuestionVersionStore,
        backend_for: BackendFor,
        notifier: Notifier,
        on_finished: Callable[[str], None] = lambda _: None,
        on_graded: Callable[[str | None, float], None] = lambda verdict, seconds: None,
        retry: Callable[[SubmissionRow, str], bool] = lambda row, reason: False,
    ) -> None:
        """`retry` is asked, when a grading failed on the service's side (the sandbox could
        not run), whether the submission went back to the queue for another attempt; when it
        did, this grading writes nothing."""
        self._settings = settings
        self._store = store
        self._artifacts = artifacts
        self._bank = bank
        self._versions = versions
        self._backend_for = backend_for
        self._notifier = notifier
        self._on_finished = on_finished
        self._on_graded = on_graded
        self._retry = retry
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for index in range(self._settings.workers):
            thread = threading.Thread(target=self._loop, name=f"grader-worker-{index}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout)

    def poke(self) -> None:
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                row = self._store.claim_next()
            except Exception:
                log.exception("could not claim a submission")
                row = None
            if row is None:
                self._wake.wait(timeout=1.0)
                self._wake.clear()
                continue
            self.process(row)

    def question_for(self, row: SubmissionRow) -> Question:
        """The question at the version the submission was queued for: the bank's, or a snapshot."""
        try:
            current = self._bank.get(row.question_id)
        except QuestionNotFound:
            current = None  # gone from the bank; a stored version may still be graded
        if current is not None and current.version == row.question_version:
            return current
        pinned = self._versions.get(row.question_id, row.question_version)
        if pinned is None:
            raise QuestionVersionNotFound(
                f"version {row.question_version!r} of question {row.question_id!r} is not "
                "stored; regrade the submission against the current version"
            )
        return pinned

    def process(self, row: SubmissionRow) -> None:
        """Grade one claimed submission and write its result, unless the claim was lost."""
        with logs.bound(submission=row.id):
            self._process(row)

    def _process(self, row: SubmissionRow) -> None:
        token = row.claim_token
        began = time.monotonic()
        verdict: str | None = None
        try:
            question = self.question_for(row)
            # Multiple-choice and text answers are data: graded without asking for a sandbox.
            graded = grade_answer(
                question, row.code, backend_for=self._backend_for, settings=self._settings
            )
            if graded.result.verdict == "sandbox_error":
                reason = "; ".join(graded.diagnostics) or "the sandbox failed"
                if self._retry(row, f"the sandbox failed: {reason}"):
                    log.warning("submission %s goes back to the queue: %s", row.id, reason)
                    return
            for name, data in graded.artifacts.items():
                self._artifacts.put(row.id, name, data)
            written = self._store.complete(
                row.id,
                claim_token=token,
                result_json=graded.result.model_dump_json(),
                verdict=graded.result.verdict,
                score=graded.result.score,
                provenance_json=graded.result.provenance.model_dump_json(),
                diagnostics=graded.diagnostics,
                needs_review=graded.result.needs_review,
            )
            verdict = graded.result.verdict
            if not written:
                log.warning("submission %s was finished by another worker; result dropped", row.id)
                return
            log.info(
                "graded submission %s: %s %s/%s",
                row.id,
                graded.result.verdict,
                graded.result.score,
                graded.result.max_score,
            )
        except OURS as exc:
            if self._retry(row, str(exc)):
                log.warning("submission %s goes back to the queue: %s", row.id, exc)
                return
            log.error("submission %s failed: %s", row.id, exc)
            written = self._store.fail(row.id, str(exc), claim_token=token)
        except GraderError as exc:
            log.error("submission %s failed: %s", row.id, exc)
            written = self._store.fail(row.id, str(exc), claim_token=token)
        except Exception as exc:
            log.exception("submission %s failed", row.id)
            written = self._store.fail(
                row.id, f"internal error: {type(exc).__name__}", claim_token=token
            )
        finally:
            self._notifier.finished(row.id)
            self._on_graded(verdict, time.monotonic() - began)
        if written:
            self._on_finished(row.id)
