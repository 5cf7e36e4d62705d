"""The skill map: generated from the profile and the manifests, current, covering the profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.bank.question import Bank
from grader.bank.skill_map import coverage, gaps, load_profile, render
from grader.cli import main
from grader.errors import GraderError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PAGE = PROJECT_ROOT / "docs" / "bank.md"

PROFILE = """
format = 1
role = "Tester"

[[skill]]
id = "stats"
description = "Statistics."
seed = "statistics and probability"

[[skill]]
id = "lonely"
description = "A skill one question covers."
seed = "data structures"
"""


def _question(root: Path, qid: str, kind: str, skills: list[str]) -> None:
    directory = root / qid
    directory.mkdir(parents=True)
    listed = ", ".join(f'"{s}"' for s in skills)
    body = {
        "multiple_choice": (
            '[multiple_choice]\n[[multiple_choice.options]]\nid = "a"\ntext = "A"\ncorrect = true\n'
            '[[multiple_choice.options]]\nid = "b"\ntext = "B"\n'
        ),
        "text": ('[text]\n[[text.concepts]]\nname = "c"\npoints = 1\ncues = ["word"]\n'),
    }[kind]
    (directory / "question.toml").write_text(
        f'format = 1\nid = "{qid}"\ntitle = "Q {qid}"\nkind = "{kind}"\nlanguage = "none"\n'
        f"points = 1\nskills = [{listed}]\n{body}"
    )
    (directory / "prompt.md").write_text("Answer.\n")


@pytest.fixture
def small_bank(tmp_path: Path) -> Bank:
    (tmp_path / "profile.toml").write_text(PROFILE)
    _question(tmp_path, "b-text", "text", ["stats"])
    _question(tmp_path, "a-choice", "multiple_choice", ["stats", "lonely", "narrow"])
    return Bank(tmp_path)


def test_docs_bank_md_is_the_generators_current_output(bank: Bank) -> None:
    assert PAGE.read_text(encoding="utf-8") == render(bank, load_profile(bank.root)), (
        "docs/bank.md is stale: run grader bank map --output docs/bank.md"
    )


def test_every_profile_skill_has_two_questions_of_different_kinds(bank: Bank) -> None:
    profile = load_profile(bank.root)
    assert gaps(bank, profile) == []
    for c in coverage(bank, profile):
        assert len(c.questions) >= 2 and len(c.kinds) >= 2, c.skill.id


def test_the_profile_holds_the_seeds_skills(bank: Bank) -> None:
    assert [s.id for s in load_profile(bank.root).skill] == [
        "machine-learning",
        "deep-learning",
        "image-classification",
        "data-structures",
        "statistics-probability",
        "statistical-analysis",
        "large-data",
        "data-visualisation",
        "python",
    ]


def test_the_map_lists_each_skills_questions_and_kinds(small_bank: Bank) -> None:
    page = render(small_bank, load_profile(small_bank.root))
    assert "| stats | 2 | 0 | 1 | 1 |" in page
    assert "| lonely | 1 | 0 | 1 | 0 |" in page
    assert (
        "| `a-choice` | multiple choice | 1 | Q a-choice |\n| `b-text` | text | 1 | Q b-text |"
        in page
    )
    assert "> statistics and probability" in page
    assert "besides the profile's: `narrow`." in page


def test_gaps_name_skills_without_two_kinds(small_bank: Bank) -> None:
    assert gaps(small_bank, load_profile(small_bank.root)) == [
        "lonely: 1 question(s) of kinds multiple choice; "
        "it needs at least two questions of different kinds"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (PROFILE.replace('id = "lonely"', 'id = "stats"'), "lists the skill stats more than once"),
        (PROFILE.replace('seed = "data structures"', ""), "skill.1.seed: Field required"),
        (PROFILE.replace("format = 1", "format = 3"), "format: Input should be 1"),
        ("[[skill", "is not valid TOML"),
    ],
)
def test_a_bad_profile_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "profile.toml").write_text(text)
    with pytest.raises(GraderError) as error:
        load_profile(tmp_path)
    assert message in str(error.value)


def test_a_bank_without_a_profile_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GraderError, match="cannot read the skill profile"):
        load_profile(tmp_path)


def test_cli_bank_map_writes_and_checks(
    small_bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.md"
    bank_dir = str(small_bank.root)
    assert main(["bank", "map", "--bank", bank_dir, "--check", str(out)]) == 1
    assert "is not the current skill map" in capsys.readouterr().out
    assert main(["bank", "map", "--bank", bank_dir, "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"wrote the skill map of {bank_dir} to {out}" in err
    assert "warning: lonely: 1 question(s)" in err
    assert out.read_text() == render(small_bank, load_profile(small_bank.root))
    assert main(["bank", "map", "--bank", bank_dir, "--check", str(out)]) == 0
    assert main(["bank", "map", "--bank", bank_dir]) == 0
    assert capsys.readouterr().out == out.read_text()
