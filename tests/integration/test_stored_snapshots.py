"""Question versions stored before the authoring API moved still regrade to the same scores.

Each version's tests.py is the one the service stored then (under tests/snapshots/), which
imports `grader.harness.kit`, `grader.harness.figures`, `grader.harness.checks` or
`grader.harness.calls`. The version is stored as the service stores it, a submission of the
reference solution is graded against today's bank, then regraded pinned to the stored version,
in real Docker sandboxes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from grader.bank.question import Bank, Question, load_question
from grader.config import PROJECT_ROOT, Settings
from grader.runtime import Runtime
from grader.store.artifacts import MemoryArtifactStore
from grader.store.db import SubmissionStore, make_engine
from grader.store.questions import QuestionVersionStore
from grader.workers import Notifier, WorkerPool

pytestmark = pytest.mark.docker

SNAPSHOTS = PROJECT_ROOT / "tests" / "snapshots"
STORED = sorted(p.name for p in SNAPSHOTS.iterdir() if (p / "tests.py").is_file())


def stored_before_the_move(question: Question, tmp_path: Path) -> Question:
    """The question as it was with its stored tests.py: same manifest, prompt and solution."""
    directory = tmp_path / "stored" / question.id
    shutil.copytree(question.directory, directory, ignore=shutil.ignore_patterns("__pycache__"))
    stored_tests = (SNAPSHOTS / question.id / "tests.py").read_bytes()
    (directory / question.manifest.files.tests).write_bytes(stored_tests)
    return load_question(directory)


def outcome(result_json: str) -> tuple[Any, ...]:
    """The verdict, score and each test's name, score and status of one run (the bank may
    reword a message; a stored version keeps its own words)."""
    result = json.loads(result_json)
    tests = [(t["name"], t["score"], t["status"]) for t in result["tests"]]
    return result["verdict"], result["score"], tests


@pytest.mark.parametrize("question_id", STORED)
def test_a_version_stored_before_the_move_regrades_to_the_same_score(
    question_id: str, bank: Bank, runtime: Runtime, tmp_path: Path
) -> None:
    question = bank.get(question_id)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'grader.db'}",
        artifact_dir=tmp_path / "artifacts",
        bank_dir=bank.root,
    )
    engine = make_engine(settings.database_url)
    store = SubmissionStore(engine)
    store.create_schema()
    versions = QuestionVersionStore(engine)
    before = stored_before_the_move(question, tmp_path)
    versions.remember(before)
    assert before.version != question.version
    assert "from grader.harness" in before.tests and "grader.harness" not in question.tests
    pool = WorkerPool(
        settings=settings,
        store=store,
        artifacts=MemoryArtifactStore(),
        bank=bank,
        versions=versions,
        backend_for=runtime.backend_for,
        notifier=Notifier(),
    )

    def grade_next() -> None:
        claimed = store.claim_next()
        assert claimed is not None
        pool.process(claimed)

    row, _ = store.add(
        tenant="acme",
        question_id=question.id,
        question_version=question.version,
        code=question.solution,
        metadata={},
    )
    grade_next()
    store.regrade(row.id, tenant="acme", question_version=before.version)
    grade_next()

    now, then = store.runs(row.id)
    assert (now.question_version, then.question_version) == (question.version, before.version)
    assert (now.verdict, now.score) == ("passed", question.manifest.points)
    assert outcome(then.result_json) == outcome(now.result_json)
    assert store.get(row.id).status == "completed"
