"""`grader check` on the real bank and on broken copies of questions, in real sandboxes."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from grader.bank.check import BankReport, Checker, question_dirs
from grader.bank.question import Question
from grader.cli import main
from grader.config import PROJECT_ROOT, Settings
from grader.kinds import grade_answer
from grader.runtime import Runtime
from grader.sandbox.base import SandboxBackend
from tests.sandboxes import Gradings

BANK = PROJECT_ROOT / "questions"


def copy(question_id: str, tmp_path: Path, keep_samples: int | None = None) -> Path:
    target = tmp_path / "bank" / question_id
    shutil.copytree(BANK / question_id, target)
    if keep_samples is not None:
        text = (target / "samples.toml").read_text()
        blocks = text.split("[[sample]]")
        (target / "samples.toml").write_text("[[sample]]".join(blocks[: keep_samples + 1]))
    return target


def check(runtime: Runtime, directory: Path) -> BankReport:
    settings = Settings()
    checker = Checker(
        lambda q, a: grade_answer(q, a, backend_for=runtime.backend_for, settings=settings)
    )
    return checker.check(question_dirs(directory))


def failures(report: BankReport) -> list[str]:
    return [f"{c.question}: {c.name}: {c.message}" for q in report.questions for c in q.failed]


def test_a_wrong_expected_sample_score_fails_naming_question_and_sample(tmp_path: Path) -> None:
    directory = copy("ml-imbalance-remedies", tmp_path)
    samples = directory / "samples.toml"
    samples.write_text(samples.read_text().replace("score = 2\n", "score = 1\n", 1))
    code = main(["check", str(tmp_path / "bank")])
    assert code == 1
    report = Checker(lambda q, a: grade_answer(q, a, backend_for=_no_sandbox, settings=Settings()))
    (failure,) = failures(report.check(question_dirs(tmp_path / "bank")))
    assert failure.startswith('ml-imbalance-remedies: sample answer \'{"selected":')
    assert "got 2/3 partial, expected 1/3 partial" in failure


def _no_sandbox(question: Question) -> SandboxBackend:
    raise AssertionError("data questions never need a sandbox")


def test_an_invalid_manifest_fails_naming_the_file_and_field(tmp_path: Path) -> None:
    directory = copy("sentiment-skew-reason", tmp_path)
    manifest = directory / "question.toml"
    manifest.write_text(manifest.read_text().replace("min_confidence = 0.8", "min_confidence = 2"))
    report = Checker(lambda q, a: grade_answer(q, a, backend_for=_no_sandbox, settings=Settings()))
    (failure,) = failures(report.check(question_dirs(tmp_path / "bank")))
    assert failure.startswith(f"sentiment-skew-reason: manifest: {manifest}: ")
    assert "text.min_confidence: Input should be less than or equal to 1" in failure


def test_a_rubric_example_that_does_not_hold_fails(tmp_path: Path) -> None:
    directory = copy("sentiment-skew-reason", tmp_path)
    manifest = directory / "question.toml"
    manifest.write_text(
        manifest.read_text().replace(
            '"There is a class imbalence.",', '"There is a class imbalence.", "It is fine.",'
        )
    )
    report = Checker(lambda q, a: grade_answer(q, a, backend_for=_no_sandbox, settings=Settings()))
    (failure,) = failures(report.check(question_dirs(tmp_path / "bank")))
    assert failure == (
        "sentiment-skew-reason: rubric examples: concept 'class imbalance': the example "
        "'It is fine.' does not earn it"
    )


def test_a_leaky_public_view_fails(tmp_path: Path) -> None:
    directory = copy("sentiment-skew-reason", tmp_path)
    prompt = directory / "prompt.md"
    solution_line = (directory / "solution.md").read_text().splitlines()[1]
    (directory / "question.toml").write_text(
        (directory / "question.toml").read_text().replace('title = "', f'title = "{solution_line} ')
    )
    assert prompt.is_file()
    report = Checker(lambda q, a: grade_answer(q, a, backend_for=_no_sandbox, settings=Settings()))
    (failure,) = failures(report.check(question_dirs(tmp_path / "bank")))
    assert failure.startswith("sentiment-skew-reason: public view: the public view contains")


@pytest.mark.docker
def test_a_crashing_hidden_test_fails_naming_the_test(runtime: Runtime, tmp_path: Path) -> None:
    directory = copy("debug-mean-normalise", tmp_path, keep_samples=1)
    tests = directory / "tests.py"
    tests.write_text(
        tests.read_text().replace(
            "got = candidate.mean_normalise([5, 5, 5])", 'got = {}["missing"]'
        )
    )
    found = failures(check(runtime, directory))
    assert len(found) == 3
    assert found[0].startswith(
        "debug-mean-normalise: reference: the reference got 8/10 grader_error, not full marks "
        "(test 'equal_values_give_zeros' raised KeyError: 'missing')"
    )
    assert found[1].startswith(
        "debug-mean-normalise: sample samples/fixed_minimal.py: "
        "got 8/10 grader_error, expected 10/10 passed"
    )
    assert found[2] == (
        "debug-mean-normalise: requirements: requirements 'formula', 'order', 'list', "
        "'sequences', 'equal-values', 'empty' have no violating sample: add a sample with "
        'violates = "formula" that breaks only that requirement'
    )


@pytest.mark.docker
def test_a_failing_reference_fails_and_says_which_tests(runtime: Runtime, tmp_path: Path) -> None:
    directory = copy("debug-mean-normalise", tmp_path, keep_samples=0)
    solution = directory / "solution.py"
    solution.write_text(solution.read_text().replace("return [0.0 for _ in values]", "return []"))
    failure, requirements = failures(check(runtime, directory))
    assert failure == (
        "debug-mean-normalise: reference: the reference got 8/10 partial, not full marks "
        "[tests not passed: equal_values_give_zeros 0/2]"
    )
    assert requirements.startswith("debug-mean-normalise: requirements: requirements 'formula'")


@pytest.mark.docker
def test_check_passes_on_the_bank_and_writes_junit_xml(
    gradings: Gradings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junit = tmp_path / "report" / "bank.xml"
    # Each answer is still graded twice (the check's determinism proof); the first grading
    # is shared with the sample tests of tests/integration.
    grade = gradings.shared_then_fresh()
    assert main(["check", str(BANK), "--junit-xml", str(junit)], grade=grade) == 0
    out = capsys.readouterr().out
    # Warnings (a reference run over half a limit on a loaded machine) do not fail the check.
    assert ", 0 failed, " in out.splitlines()[-1]
    suites = ElementTree.parse(junit).getroot()  # noqa: S314  (our own report, just written)
    names = sorted(s.get("name") or "" for s in suites)
    assert names == sorted(d.name for d in question_dirs(BANK))
    assert all(s.get("failures") == "0" for s in suites)
    cases = {c.get("name") for c in suites.iter("testcase")}
    assert {"manifest", "public view", "reference", "requirements"} <= cases
