"""The reference solution's figures: graded once per question version, then read back."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from grader.bank.question import Bank, Question
from grader.config import Settings
from grader.errors import ArtifactNotFound, EngineUnavailable
from grader.sandbox.base import SandboxBackend, SandboxRun
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run
from grader.services.references import ReferenceFigures, owner
from grader.store.artifacts import MemoryArtifactStore
from tests.api.conftest import POINTS

PNGS = [b"\x89PNG\r\n\x1a\n" + bytes([n]) * 16 for n in (1, 2)]
SUMMARY = {
    "index": 0,
    "number": 1,
    "suptitle": "",
    "size_inches": [6.4, 4.8],
    "width": 640,
    "height": 480,
    "axes": [],
    "error": None,
}


def two_figures(job: dict[str, Any]) -> SandboxRun:
    tests = [
        {"name": n, "score": p, "max_score": p, "status": "passed", "message": "ok"}
        for n, p in POINTS.items()
    ]
    envelope = completed_envelope(tests)
    envelope["harness"]["result"]["figures"] = [
        {"summary": {**SUMMARY, "index": i}, "png": base64.b64encode(png).decode()}
        for i, png in enumerate(PNGS)
    ]
    return envelope_run(envelope)


@pytest.fixture
def linear(bank: Bank) -> Question:
    return bank.get("matplotlib-linear-plot")


def references(backend: SandboxBackend) -> tuple[ReferenceFigures, MemoryArtifactStore]:
    store = MemoryArtifactStore()
    return (
        ReferenceFigures(artifacts=store, backend_for=lambda q: backend, settings=Settings()),
        store,
    )


def test_the_reference_is_graded_once_and_its_figures_kept(linear: Question) -> None:
    backend = FakeBackend(two_figures)
    figures, store = references(backend)
    assert figures.names(linear) == ["figure-1.png", "figure-2.png"]
    assert figures.names(linear) == ["figure-1.png", "figure-2.png"]
    (job,) = backend.jobs
    assert job["code"] == linear.solution
    assert figures.png(linear.id, linear.version, "figure-2.png") == PNGS[1]
    assert (owner(linear.id, linear.version), "index.json") in store.items
    with pytest.raises(ArtifactNotFound, match=r"no figure 'index\.json'"):
        figures.png(linear.id, linear.version, "index.json")


def test_a_failed_render_is_none_and_is_tried_again_later(linear: Question) -> None:
    backend = FakeBackend(lambda job: envelope_run(None, "the container vanished"))
    figures, _ = references(backend)
    assert figures.names(linear) is None
    assert figures.names(linear) is None
    assert len(backend.jobs) == 2


def test_no_engine_is_none_not_an_error(linear: Question) -> None:
    def unavailable(question: Question) -> SandboxBackend:
        raise EngineUnavailable("cannot reach the Docker engine")

    figures = ReferenceFigures(
        artifacts=MemoryArtifactStore(), backend_for=unavailable, settings=Settings()
    )
    assert figures.names(linear) is None


def test_questions_that_are_not_code_have_no_reference_figures(bank: Bank) -> None:
    backend = FakeBackend(two_figures)
    figures, _ = references(backend)
    assert figures.names(bank.get("ml-imbalance-remedies")) == []
    assert backend.jobs == []
