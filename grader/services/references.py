"""The reference solution's figures for a question version: rendered once, kept as artifacts.

Reviewers look at a candidate's figure beside the reference's. The reference is graded like
an answer, in a sandbox, the first time a reviewer needs it; its figure PNGs are stored under
the owner `reference-<question>-<version>` with an index, so later pages read them back.
"""

from __future__ import annotations

import json
import logging
import threading

from grader.bank.question import Question
from grader.config import Settings
from grader.errors import ArtifactNotFound, GraderError
from grader.kinds import BackendFor, grade_answer
from grader.store.artifacts import NAME_PATTERN, ArtifactStore

log = logging.getLogger(__name__)

INDEX = "index.json"


def owner(question_id: str, version: str) -> str:
    """The artifact owner holding this version's reference figures."""
    return f"reference-{question_id}-{version}"[:100]


class ReferenceFigures:
    """Renders each question version's reference figures once and serves them after."""

    def __init__(
        self,
        *,
        artifacts: ArtifactStore,
        backend_for: BackendFor,
        settings: Settings,
    ) -> None:
        self._artifacts = artifacts
        self._backend_for = backend_for
        self._settings = settings
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def names(self, question: Question) -> list[str] | None:
        """The reference's figure names, rendering them first if needed; None if that failed."""
        if question.manifest.kind != "code" or not question.solution:
            return []
        key = owner(question.id, question.version)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            stored = self._index(key)
            if stored is not None:
                return stored
            try:
                graded = grade_answer(
                    question,
                    question.solution,
                    backend_for=self._backend_for,
                    settings=self._settings,
                )
            except GraderError as exc:  # no engine, no image: the page says so and goes on
                log.warning(
                    "the reference of %s %s did not render: %s", question.id, question.version, exc
                )
                return None
            if graded.result.verdict in ("sandbox_error", "grader_error"):
                log.warning(
                    "the reference of %s %s did not render: %s",
                    question.id,
                    question.version,
                    "; ".join(graded.diagnostics) or graded.result.verdict,
                )
                return None
            names = sorted(
                (n for n in graded.artifacts if n.startswith("figure-")),
                key=lambda n: int(n.removeprefix("figure-").removesuffix(".png")),
            )
            for name in names:
                self._artifacts.put(key, name, graded.artifacts[name])
            self._artifacts.put(key, INDEX, json.dumps(names).encode())
            return names

    def png(self, question_id: str, version: str, name: str) -> bytes:
        """One stored reference figure, or ArtifactNotFound."""
        key = owner(question_id, version)
        if name not in (self._index(key) or []):
            raise ArtifactNotFound(f"the reference has no figure {name!r}")
        return self._artifacts.get(key, name)

    def _index(self, key: str) -> list[str] | None:
        try:
            raw = json.loads(self._artifacts.get(key, INDEX))
        except ArtifactNotFound:
            return None
        if not isinstance(raw, list):
            return None
        return [n for n in raw if isinstance(n, str) and NAME_PATTERN.match(n)]
