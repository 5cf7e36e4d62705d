"""Exports: a tenant's submissions with their current results, as `grader replay` reads them."""

from __future__ import annotations

from collections.abc import Iterator

from grader.replay import ExportedSubmission
from grader.results import GradingResult
from grader.store.db import SubmissionStore


class Exports:
    """Stream a tenant's submissions as JSON Lines, read from the store while they are sent."""

    def __init__(self, *, store: SubmissionStore) -> None:
        self._store = store

    def lines(self, *, tenant: str, question_id: str | None) -> Iterator[bytes]:
        """One line per submission, oldest first, each with its current result (or null)."""
        for row in self._store.export(tenant=tenant, question_id=question_id):
            result = GradingResult.model_validate_json(row.result_json) if row.result_json else None
            item = ExportedSubmission(
                id=row.id, question_id=row.question_id, code=row.code, result=result
            )
            yield item.line()
