"""The plot questions of the bank graded end to end: every sample scores exactly as declared."""

from __future__ import annotations

import tomllib

import pytest

from grader.bank.question import Bank, Question
from grader.config import Settings
from grader.grading import grade
from grader.runtime import Runtime

pytestmark = pytest.mark.docker

PLOT_QUESTIONS = (
    "scatter-regression-line",
    "class-balance-bar",
    "hist-box-subplots",
    "confusion-matrix-heatmap",
)


def samples() -> list[tuple[str, str, float, str]]:
    from grader.config import PROJECT_ROOT

    found = []
    for question in PLOT_QUESTIONS:
        path = PROJECT_ROOT / "questions" / question / "samples.toml"
        if not path.is_file():
            continue
        for sample in tomllib.loads(path.read_text())["sample"]:
            found.append((question, sample["file"], float(sample["score"]), sample["verdict"]))
    return found


def test_every_plot_question_has_samples_in_every_category() -> None:
    by_question: dict[str, set[str]] = {}
    for question, _, _, verdict in samples():
        by_question.setdefault(question, set()).add(verdict)
    for question in PLOT_QUESTIONS:
        verdicts = by_question.get(question, set())
        assert {"passed", "partial", "runtime_error"} <= verdicts, question


@pytest.mark.parametrize("question_id", PLOT_QUESTIONS)
def test_reference_solution_scores_full_marks(
    runtime: Runtime, bank: Bank, question_id: str
) -> None:
    question = bank.get(question_id)
    graded = grade(
        question, question.solution, backend=runtime.backend_for(question), settings=Settings()
    )
    assert (graded.result.score, graded.result.verdict) == (question.manifest.points, "passed")
    assert graded.diagnostics == []


@pytest.mark.parametrize(
    ("question_id", "path", "score", "verdict"),
    samples(),
    ids=[f"{s[0]}:{s[1].removeprefix('samples/')}" for s in samples()],
)
def test_sample_answers_score_exactly(
    runtime: Runtime, bank: Bank, question_id: str, path: str, score: float, verdict: str
) -> None:
    question: Question = bank.get(question_id)
    graded = grade(
        question,
        (question.directory / path).read_text(),
        backend=runtime.backend_for(question),
        settings=Settings(),
    )
    messages = {t.name: (t.score, t.message) for t in graded.result.tests}
    assert (graded.result.score, graded.result.verdict) == (score, verdict), messages
    assert graded.diagnostics == []
