"""Snapshots of question versions: the files of each version the service has accepted work for."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from grader.bank.question import Question, files_version, question_files, question_from_files
from grader.errors import QuestionInvalid
from grader.store.db import Sessions, utcnow
from grader.store.tables import QuestionVersionRow

log = logging.getLogger(__name__)


class QuestionVersionStore:
    """Keeps every (question id, version) seen, and rebuilds a `Question` from one."""

    def __init__(self, engine: Engine) -> None:
        self.sessions = Sessions(engine)
        self._known: set[tuple[str, str]] = set()  # saves a query per submission

    def remember(self, question: Question) -> None:
        """Store the question's files under its version, unless that version is stored."""
        key = (question.id, question.version)
        if key in self._known or self.has(*key):
            self._known.add(key)
            return
        files = question_files(question.directory)
        if files_version(files) != question.version:
            # The directory changed since the question was loaded: these files are another
            # version, which is stored when it is loaded in turn.
            log.warning("question %s changed on disk while being stored; not stored", key)
            return
        encoded = {name: base64.b64encode(data).decode("ascii") for name, data in files.items()}
        row = QuestionVersionRow(
            question_id=question.id,
            version=question.version,
            files_json=json.dumps(encoded, sort_keys=True),
            created_at=utcnow(),
        )
        try:
            with self.sessions.begin() as session:
                session.add(row)
        except IntegrityError:
            pass  # another process stored the same version first: same files
        self._known.add(key)

    def has(self, question_id: str, version: str) -> bool:
        with self.sessions.read() as session:
            return session.get(QuestionVersionRow, (question_id, version)) is not None

    def get(self, question_id: str, version: str) -> Question | None:
        """The question as it was at this version; None when the version was never stored."""
        with self.sessions.read() as session:
            row = session.get(QuestionVersionRow, (question_id, version))
        if row is None:
            return None
        encoded: dict[str, str] = json.loads(row.files_json)
        files = {name: base64.b64decode(data) for name, data in encoded.items()}
        question = question_from_files(files, origin=f"snapshot:{question_id}@{version}")
        if question.version != version:
            raise QuestionInvalid(
                f"the stored files of question {question_id!r} version {version!r} hash to "
                f"{question.version!r}; the snapshot is damaged"
            )
        return question

    def versions(self, question_id: str) -> Sequence[str]:
        """The stored versions of a question, oldest first."""
        with self.sessions.read() as session:
            return session.scalars(
                select(QuestionVersionRow.version)
                .where(QuestionVersionRow.question_id == question_id)
                .order_by(QuestionVersionRow.created_at, QuestionVersionRow.version)
            ).all()
