"""Loading questions: validation messages, content versions, the public view."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from grader.bank.question import Bank, Question, load_question
from grader.errors import QuestionInvalid, QuestionNotFound


def copy_question(linear: Question, tmp_path: Path) -> Path:
    target = tmp_path / linear.id
    shutil.copytree(linear.directory, target)
    return target


def test_linear_plot_question_loads_with_its_prompt(linear: Question) -> None:
    assert linear.manifest.points == 10
    assert linear.prompt.strip() == (
        "Write a Python program that uses Matplotlib to draw a line plot of the linear function "
        "y = 2x + 1 for x from 0 to 10. Label the x-axis and the y-axis and give the plot a title."
    )
    assert len(linear.version) == 16


def test_public_view_holds_nothing_hidden(linear: Question) -> None:
    public = linear.public().model_dump_json()
    for hidden in (linear.tests, linear.solution):
        for line in hidden.splitlines():
            shared = line.strip() in linear.starter or line.strip() in linear.prompt
            if len(line.strip()) > 20 and not shared:
                assert line.strip() not in public


COMMON = ["id", "version", "title", "kind", "points", "skills", "prompt"]


@pytest.mark.parametrize(
    ("question_id", "fields"),
    [
        ("matplotlib-linear-plot", [*COMMON, "language", "starter", "limits"]),
        ("ml-imbalance-remedies", [*COMMON, "options", "multiple"]),
        ("sentiment-skew-reason", COMMON),
    ],
)
def test_each_kind_shows_only_the_fields_that_apply_to_it(
    bank: Bank, question_id: str, fields: list[str]
) -> None:
    assert list(bank.get(question_id).public().model_dump()) == fields


def test_version_changes_with_any_file(linear: Question, tmp_path: Path) -> None:
    directory = copy_question(linear, tmp_path)
    before = load_question(directory).version
    assert before == linear.version
    (directory / "tests.py").write_text(linear.tests + "\n# changed\n")
    assert load_question(directory).version != before


def test_invalid_manifest_names_the_file_and_field(linear: Question, tmp_path: Path) -> None:
    directory = copy_question(linear, tmp_path)
    manifest = directory / "question.toml"
    manifest.write_text(
        manifest.read_text()
        .replace("points = 10", "points = -1")
        .replace("wall_seconds = 10", "wall_second = 10")
    )
    with pytest.raises(QuestionInvalid) as error:
        load_question(directory)
    message = str(error.value)
    assert message.startswith(f"{manifest}: ")
    assert "points: Input should be greater than 0" in message
    assert "limits.wall_second: Extra inputs are not permitted" in message


def test_a_section_of_another_kind_is_named(linear: Question, tmp_path: Path) -> None:
    directory = copy_question(linear, tmp_path)
    manifest = directory / "question.toml"
    manifest.write_text(
        manifest.read_text() + '\n[[text.concepts]]\nname = "x"\npoints = 10\nsynonyms = ["x"]\n'
    )
    with pytest.raises(QuestionInvalid) as error:
        load_question(directory)
    assert str(error.value).startswith(f"{manifest}: ")
    assert "[text] belongs to kind 'text', not 'code'" in str(error.value)


def test_a_question_chooses_its_runner_image(linear: Question, tmp_path: Path) -> None:
    directory = copy_question(linear, tmp_path)
    manifest = directory / "question.toml"
    manifest.write_text(manifest.read_text().replace('runner = "python"', 'runner = "torch"'))
    assert load_question(directory).manifest.runner == "torch"
    manifest.write_text(manifest.read_text().replace('runner = "torch"', 'runner = "jax"'))
    with pytest.raises(QuestionInvalid) as error:
        load_question(directory)
    assert "runner: Input should be 'python' or 'torch'" in str(error.value)


def test_missing_file_is_named(linear: Question, tmp_path: Path) -> None:
    directory = copy_question(linear, tmp_path)
    (directory / "tests.py").unlink()
    with pytest.raises(
        QuestionInvalid, match=re.escape("files.tests names 'tests.py', which does not")
    ):
        load_question(directory)


def test_unknown_ids_and_paths_are_not_found(bank: Bank) -> None:
    for reference in ("no-such-question", "../questions", "/etc"):
        with pytest.raises(QuestionNotFound):
            bank.resolve(reference)


def test_resolve_accepts_an_id_or_a_directory(bank: Bank, linear: Question) -> None:
    assert bank.resolve("matplotlib-linear-plot").version == linear.version
    assert bank.resolve(str(linear.directory)).version == linear.version
