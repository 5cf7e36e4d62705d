"""The requirement table: its loader, and how `grader check` proves it for every kind.

Code questions are graded by a fake; multiple-choice and text questions by their real grader.
"""

from __future__ import annotations

import shutil
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from grader.bank.check import (
    BankReport,
    Checker,
    junit_xml,
    question_dirs,
)
from grader.bank.question import Question, load_question
from grader.bank.requirements import load_requirements
from grader.bank.samples import load_samples
from grader.config import PROJECT_ROOT
from grader.errors import QuestionInvalid
from grader.results import (
    Graded,
    GradingResult,
    Output,
    Resources,
    provenance_of,
)
from grader.results import (
    TestResult as CaseResult,
)
from grader.sandbox.base import SandboxBackend

BANK = PROJECT_ROOT / "questions"
TESTS = {"runs": 1.0, "line": 2.0, "data": 3.0, "visible": 1.0, "xlabel": 1.0, "ylabel": 1.0}
TESTS["title"] = 1.0

TABLE = """
[[requirement]]
id = "runs"
text = "The program runs and draws a figure."
tests = ["runs"]

[[requirement]]
id = "line"
text = "A line plot."
tests = ["line"]

[[requirement]]
id = "function"
text = "Of y = 2x + 1, for x from 0 to 10."
tests = ["data", "visible"]

[[requirement]]
id = "labels"
text = "Label the x-axis and the y-axis and give the plot a title."
tests = ["xlabel", "ylabel", "title"]
"""


def fake_grade(question: Question, answer: str) -> Graded:
    """An answer 'lose a b' loses every point of tests a and b, and earns all the others."""
    lost = answer.split()[1:] if answer.startswith("lose") else []
    tests = [
        CaseResult(
            name=name,
            score=0.0 if name in lost else points,
            max_score=points,
            status="failed" if name in lost else "passed",
            message="Fine." if name not in lost else "Lost.",
        )
        for name, points in TESTS.items()
    ]
    score = sum(t.score for t in tests)
    empty = Output(text="", truncated=False, bytes=0)
    return Graded(
        GradingResult(
            score=score,
            max_score=10.0,
            verdict="passed" if score == 10 else ("failed" if score == 0 else "partial"),
            feedback="Graded.",
            tests=tests,
            stdout=empty,
            stderr=empty,
            figures=[],
            resources=Resources(wall_ms=1, cpu_ms=1, peak_memory_bytes=None),
            provenance=provenance_of(question),
        )
    )


def sample(answer: str, score: float, violates: str | None = None) -> str:
    verdict = "passed" if score == 10 else ("failed" if score == 0 else "partial")
    extra = f'violates = "{violates}"\n' if violates else ""
    return f'[[sample]]\nanswer = "{answer}"\nscore = {score:g}\nverdict = "{verdict}"\n{extra}\n'


ALL_VIOLATED = (
    sample("lose runs", 9, "runs")
    + sample("lose line", 8, "line")
    + sample("lose data visible", 6, "function")
    + sample("lose title", 9, "labels")
)


def question_with(tmp_path: Path, table: str | None, samples: str) -> Path:
    target = tmp_path / "bank" / "matplotlib-linear-plot"
    shutil.copytree(BANK / "matplotlib-linear-plot", target)
    (target / "requirements.toml").unlink(missing_ok=True)
    if table is not None:
        (target / "requirements.toml").write_text(table)
    (target / "samples.toml").write_text(samples)
    return target


def check(directory: Path) -> BankReport:
    return Checker(fake_grade).check(question_dirs(directory))


def messages(report: BankReport) -> list[str]:
    return [f"{c.name}: {c.message}" for q in report.questions for c in q.failed]


def test_a_complete_table_with_a_violating_sample_per_requirement_passes(tmp_path: Path) -> None:
    report = check(question_with(tmp_path, TABLE, ALL_VIOLATED))
    assert messages(report) == []
    assert report.ok
    names = [c.name for c in report.questions[0].checks]
    assert names[-1] == "requirements"


def test_a_requirement_without_a_violating_sample_fails_naming_it(tmp_path: Path) -> None:
    samples = ALL_VIOLATED.replace('violates = "line"\n', "")
    report = check(question_with(tmp_path, TABLE, samples))
    assert messages(report) == [
        "requirements: requirement 'line' has no violating sample: add a sample with "
        'violates = "line" that breaks only that requirement'
    ]


def test_a_test_in_no_requirement_and_an_unknown_test_fail_naming_both(tmp_path: Path) -> None:
    table = TABLE.replace('tests = ["xlabel", "ylabel", "title"]', 'tests = ["xlabel", "titel"]')
    report = check(
        question_with(tmp_path, table, ALL_VIOLATED.replace("lose title", "lose xlabel"))
    )
    assert messages(report) == [
        "requirements: requirement 'labels' names unknown test 'titel' (the question's tests "
        "are 'data', 'line', 'runs', 'title', 'visible', 'xlabel', 'ylabel'); tests 'title', "
        "'ylabel' belong "
        "to no requirement: add them to the requirement they check in requirements.toml"
    ]


def test_a_violating_sample_that_loses_other_points_or_none_fails(tmp_path: Path) -> None:
    samples = ALL_VIOLATED.replace("lose line", "lose line title").replace(
        'answer = "lose title"', 'answer = "lose"'
    )
    samples = samples.replace("score = 8\n", "score = 7\n").replace(
        'score = 9\nverdict = "partial"\nviolates = "labels"',
        'score = 10\nverdict = "passed"\nviolates = "labels"',
    )
    report = check(question_with(tmp_path, TABLE, samples))
    assert messages(report) == [
        "sample answer 'lose line title': it violates only 'line' but also loses points on "
        "the test 'title', which checks another requirement",
        "sample answer 'lose': it violates 'labels' but loses no points on its tests "
        "'xlabel', 'ylabel', 'title': the requirement is not enforced",
        "requirements: sample answer 'lose' violates 'labels' but expects full marks (10/10)",
    ]


def test_a_sample_violating_an_unknown_requirement_fails(tmp_path: Path) -> None:
    samples = ALL_VIOLATED + sample("lose xlabel", 9, "legend")
    report = check(question_with(tmp_path, TABLE, samples))
    assert messages(report) == [
        "requirements: sample answer 'lose xlabel' violates 'legend', which is not a "
        "requirement (the requirements are runs, line, function, labels)"
    ]


def test_the_junit_report_carries_the_requirement_failure(tmp_path: Path) -> None:
    samples = ALL_VIOLATED.replace('violates = "runs"\n', "")
    report = check(question_with(tmp_path, TABLE, samples))
    root = ElementTree.fromstring(junit_xml(report))  # noqa: S314  (our own report)
    (case,) = [c for c in root.iter("testcase") if c.get("name") == "requirements"]
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message", "").startswith("requirement 'runs' has no violating sample")


def test_a_code_question_without_a_table_fails(tmp_path: Path) -> None:
    report = check(question_with(tmp_path, None, ALL_VIOLATED))
    assert messages(report) == [
        "requirements: no requirements.toml: list each requirement of the prompt with the "
        "tests that check it, and add a sample that violates each one"
    ]


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ("[[requirement]]\nid = 'a'\ntext = 'x'\ntests = []\n", "requirement.0.tests"),
        ("[[requirement]]\nid = 'A b'\ntext = 'x'\ntests = ['t']\n", "requirement.0.id"),
        ("[[requirement]]\nid = 'a'\ntext = '  '\ntests = ['t']\n", "say what the prompt"),
        ("[[requirement]]\nid = 'a'\ntext = 'x'\ntests = ['t', 't']\n", "names t more than"),
        ("[[requirement]]\nid = 'a'\ntext = 'x'\ntests = ['t']\nextra = 1\n", "extra"),
        ("requirement = []\n", "requirement: List should have at least 1 item"),
        ("[[requirement]\n", "not valid TOML"),
        (
            "[[requirement]]\nid = 'a'\ntext = 'x'\ntests = ['t']\n" * 2,
            "requirement ids must be distinct; 'a' is used more than once",
        ),
    ],
)
def test_a_malformed_table_is_refused_saying_what_is_wrong(
    tmp_path: Path, table: str, problem: str
) -> None:
    directory = question_with(tmp_path, table, ALL_VIOLATED)
    with pytest.raises(QuestionInvalid) as raised:
        load_requirements(load_question(directory))
    assert str(raised.value).startswith(f"{directory / 'requirements.toml'}: ")
    assert problem in str(raised.value)
    (failure,) = messages(check(directory))
    assert failure.startswith("manifest: ") and problem in failure


def _no_sandbox(question: Question) -> SandboxBackend:
    raise AssertionError("data questions never need a sandbox")


def _check_data_question(directory: Path) -> BankReport:
    from grader.config import Settings
    from grader.kinds import grade_answer

    settings = Settings()
    grade = Checker(lambda q, a: grade_answer(q, a, backend_for=_no_sandbox, settings=settings))
    return grade.check(question_dirs(directory))


DATA_QUESTIONS = sorted(
    d.name
    for d in question_dirs(BANK)
    if tomllib.loads((d / "question.toml").read_text())["kind"] != "code"
)


@pytest.mark.parametrize("question_id", DATA_QUESTIONS)
def test_the_banks_data_questions_prove_every_requirement(question_id: str) -> None:
    report = _check_data_question(BANK / question_id)
    assert messages(report) == []
    (requirements,) = [c for c in report.questions[0].checks if c.name == "requirements"]
    assert requirements.status == "passed"
    question = load_question(BANK / question_id)
    table, samples = load_requirements(question), load_samples(question)
    assert table is not None and samples is not None
    assert {s.spec.violates for s in samples} - {None} == set(table.ids)


def test_a_rubric_concept_left_out_of_the_table_fails(tmp_path: Path) -> None:
    target = tmp_path / "bank" / "sentiment-skew-reason"
    shutil.copytree(BANK / "sentiment-skew-reason", target)
    table = target / "requirements.toml"
    table.write_text(table.read_text().replace('tests = ["remedy"]', 'tests = ["labelling"]'))
    assert messages(_check_data_question(target)) == [
        "sample samples/violates_remedy_unsaid.txt: it violates 'remedy' but loses no points "
        "on its concept 'labelling': the requirement is not enforced; it violates only "
        "'remedy' but also loses points on the concept 'remedy', which checks another "
        "requirement",
        "requirements: concept 'remedy' belongs to no requirement: add it to the requirement it "
        "checks in requirements.toml",
    ]


def data_question_with(tmp_path: Path, source: str, table: str | None, samples: str) -> Path:
    target = tmp_path / "bank" / source
    shutil.copytree(BANK / source, target)
    (target / "requirements.toml").unlink(missing_ok=True)
    if table is not None:
        (target / "requirements.toml").write_text(table)
    (target / "samples.toml").write_text(samples)
    return target


@pytest.mark.parametrize(
    ("source", "noun"),
    [("ml-imbalance-remedies", "options"), ("sentiment-skew-reason", "concepts")],
)
def test_a_multiple_choice_or_text_question_without_a_table_fails(
    tmp_path: Path, source: str, noun: str
) -> None:
    directory = data_question_with(tmp_path, source, None, "")
    assert messages(_check_data_question(directory)) == [
        f"requirements: no requirements.toml: list each requirement of the prompt with the "
        f"{noun} that check it, and add a sample that violates each one"
    ]


MC_TABLE = """
[[requirement]]
id = "resample"
text = "Resampling helps."
tests = ["resample"]

[[requirement]]
id = "weights"
text = "Class weights help."
tests = ["class-weights"]

[[requirement]]
id = "metrics"
text = "Metrics that see the rare class help."
tests = ["metrics"]

[[requirement]]
id = "no-false-remedy"
text = "Leakage, capacity and epochs do not help."
tests = ["oversample-before-split", "deeper-model", "more-epochs"]
"""


def mc_sample(selection: str, score: float, violates: str) -> str:
    verdict = "passed" if score == 3 else ("failed" if score == 0 else "partial")
    return (
        f"[[sample]]\nanswer = '{selection}'\nscore = {score:g}\nverdict = \"{verdict}\"\n"
        f'violates = "{violates}"\n\n'
    )


MC_VIOLATED = (
    mc_sample('["class-weights", "metrics"]', 2, "resample")
    + mc_sample('["resample", "metrics"]', 2, "weights")
    + mc_sample('["resample", "class-weights"]', 2, "metrics")
    + mc_sample('["resample", "class-weights", "metrics", "more-epochs"]', 2, "no-false-remedy")
)


def test_a_multiple_choice_table_names_options_and_each_violation_decides_only_its_own(
    tmp_path: Path,
) -> None:
    report = _check_data_question(
        data_question_with(tmp_path, "ml-imbalance-remedies", MC_TABLE, MC_VIOLATED)
    )
    assert messages(report) == []
    assert [c.name for c in report.questions[0].checks][-1] == "requirements"


def test_a_multiple_choice_table_naming_the_choice_test_fails_naming_the_options(
    tmp_path: Path,
) -> None:
    table = '[[requirement]]\nid = "all"\ntext = "Choose the remedies."\ntests = ["choice"]\n'
    samples = mc_sample('["resample"]', 1, "all")
    report = _check_data_question(
        data_question_with(tmp_path, "ml-imbalance-remedies", table, samples)
    )
    assert messages(report) == [
        "sample answer '[\"resample\"]': it violates 'all' but loses no points on its option "
        "'choice': the requirement is not enforced; it violates only 'all' but also loses "
        "points on the options 'class-weights', 'metrics', which check other requirements",
        "requirements: requirement 'all' names unknown option 'choice' (the question's options "
        "are 'class-weights', 'deeper-model', 'metrics', 'more-epochs', "
        "'oversample-before-split', 'resample'); options 'class-weights', 'deeper-model', "
        "'metrics', 'more-epochs', "
        "'oversample-before-split', 'resample' belong to no requirement: add them to the "
        "requirement they check in requirements.toml",
    ]


def test_a_multiple_choice_violation_that_also_errs_on_another_requirement_fails(
    tmp_path: Path,
) -> None:
    samples = (
        mc_sample('["class-weights", "metrics"]', 2, "resample")
        + mc_sample('["resample", "metrics", "deeper-model"]', 1, "weights")
        + mc_sample('["resample", "class-weights", "metrics", "deeper-model"]', 2, "metrics")
        + mc_sample('["resample", "class-weights", "metrics", "more-epochs"]', 2, "no-false-remedy")
    )
    report = _check_data_question(
        data_question_with(tmp_path, "ml-imbalance-remedies", MC_TABLE, samples)
    )
    assert messages(report) == [
        'sample answer \'["resample", "metrics", "deeper-model"]\': it violates only '
        "'weights' but also loses points on the option 'deeper-model', which checks another "
        "requirement",
        'sample answer \'["resample", "class-weights", "metric...\': it violates '
        "'metrics' but loses no points on its option 'metrics': the requirement is not "
        "enforced; it violates only 'metrics' but also loses points on the option "
        "'deeper-model', which checks another requirement",
    ]


def test_a_single_answer_question_shares_its_correct_option_between_requirements(
    tmp_path: Path,
) -> None:
    # Choosing one wrong option also leaves the correct one out: both are the mistake.
    table = (
        '[[requirement]]\nid = "base-rate"\ntext = "Weigh by the base rate."\n'
        'tests = ["p15", "p90", "p95"]\n\n'
        '[[requirement]]\nid = "update"\ntext = "The flag raises the probability."\n'
        'tests = ["p15", "p1", "p50"]\n'
    )
    samples = (
        '[[sample]]\nanswer = "p90"\nscore = 0\nverdict = "failed"\nviolates = "base-rate"\n\n'
        '[[sample]]\nanswer = "p1"\nscore = 0\nverdict = "failed"\nviolates = "update"\n\n'
        '[[sample]]\nanswer = "p95"\nscore = 0\nverdict = "failed"\nviolates = "update"\n'
    )
    report = _check_data_question(
        data_question_with(tmp_path, "bayes-rule-screening", table, samples)
    )
    assert messages(report) == [
        "sample answer 'p95': it violates only 'update' but also loses points on the option "
        "'p95', which checks another requirement"
    ]


def test_a_text_table_naming_an_unknown_concept_fails_naming_the_concepts(
    tmp_path: Path,
) -> None:
    target = tmp_path / "bank" / "training-curves-reading"
    shutil.copytree(BANK / "training-curves-reading", target)
    table = target / "requirements.toml"
    table.write_text(table.read_text().replace('tests = ["from epoch 12"]', 'tests = ["when"]'))
    assert messages(_check_data_question(target)) == [
        "sample answer 'The model overfits: the validation lo...': it violates 'when' but "
        "loses no points on its concept 'when': the requirement is not enforced; it violates "
        "only 'when' but also loses points on the concept 'from epoch 12', which checks "
        "another requirement",
        "requirements: requirement 'when' names unknown concept 'when' (the question's concepts "
        "are 'from epoch 12', 'overfitting', 'remedy'); concept 'from epoch 12' "
        "belongs to no requirement: add it to the requirement it checks in requirements.toml",
    ]


def test_checking_the_current_directory_names_the_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = data_question_with(
        tmp_path,
        "bayes-rule-screening",
        None,
        (BANK / "bayes-rule-screening/samples.toml").read_text(),
    )
    shutil.copy(BANK / "bayes-rule-screening/requirements.toml", directory)
    monkeypatch.chdir(directory)
    report = _check_data_question(Path("."))
    assert [q.question for q in report.questions] == ["bayes-rule-screening"]
    assert messages(report) == []
