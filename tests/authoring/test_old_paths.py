"""The module paths question tests imported before `grader.authoring` give the same objects.

Stored versions of questions keep their tests.py, which may import `grader.harness.kit`,
`grader.harness.figures`, `grader.harness.checks` and the other modules the authoring API had
before; every public name those modules had must still resolve, to the very object the new
package holds, or a pinned regrade of such a version breaks.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from grader.authoring import Fail, Score
from grader.authoring.kit import take_registered
from grader.bank.question import Bank
from grader.config import PROJECT_ROOT

SNAPSHOTS = PROJECT_ROOT / "tests" / "snapshots"

# Every public name each module had, as on the last revision before grader.authoring,
# separated by white space.
OLD_NAMES: dict[str, str] = {
    "kit": """
        ARTIFACT_NAME Artifacts CallFailed CandidateError Case compare_output Context
        expect_raises Fail FigureSet MAX_ARTIFACT_BYTES MAX_ARTIFACTS Run Score take_registered
        test TestSpec Visibility WrittenFile
    """,
    "calls": """
        CallFailed Candidate CandidateError Channel Reference RemoteObject
    """,
    "figures": """
        Artist Axes AxLine Bar BarGroup Colorbar Figure FigureSet FloatArray FunctionMatch Image
        LegendEntry match_function number parse_bars parse_capture parse_colorbar parse_figure
        parse_image parse_legend parse_polygon parse_texts parse_ticks Polygon shows_in_render
        text TextItem Tick
    """,
    "elements": """
        Bar BarGroup Colorbar count FloatArray floats Image LegendEntry number parse_bars
        parse_colorbar parse_image parse_legend parse_polygon parse_text parse_texts parse_ticks
        Polygon text TextItem Tick
    """,
    "checks": """
        Artist Axes axes_of bar_charts BarGroup bars BarsFound boxplot colorbar colour curve
        Fail fill_between find_axes find_boxplot find_image find_scatter find_straight_line
        FloatArray has_bars has_image has_lines has_scatter histogram histogram_bins histograms
        Image image legend limits looks_like_reference match_function scale scatter Score
        shows_in_render step straight_line subplots suptitle text Tick tick_labels title visible
        Where xlabel ylabel
    """,
    "decorations": """
        Axes axes_of colorbar colour colours_match describe Fail legend limits scale Score
        suptitle Text text tick_labels title Where xlabel ylabel
    """,
    "distributions": """
        Axes axes_of boxplot Fail find_boxplot FloatArray histogram histogram_bins
        HistogramFound histograms Polygon Score Where
    """,
    "colours": """
        colours_match describe FAMILIES HUE_DEGREES MIN_SATURATION MIN_VALUE RGB to_rgb
    """,
    "locate": """
        as_array Axes axes_of close Fail FigureSet find_axes FloatArray has_bars has_image
        has_lines has_scatter mentions Score subplots Text wanted_text Where
    """,
    "pixels": """
        Artifacts BLOCK compare Comparison Fail Figure FigureSet INK_THRESHOLD
        looks_like_reference Mask MAX_PANEL_WIDTH Pixels REACH Score
    """,
}

# Where each name lives now: the first of these modules that has it holds the same object.
NEW_HOMES: dict[str, tuple[str, ...]] = {
    "kit": ("grader.authoring.kit",),
    "calls": ("grader.authoring.calls",),
    "figures": ("grader.authoring.figures", "grader.authoring.figures.parsing"),
    "elements": ("grader.authoring.figures.model", "grader.authoring.figures.parsing"),
    "checks": (
        "grader.authoring.checks",
        "grader.authoring.figures",
        "grader.authoring.checks.bar_plots",
        "grader.authoring.checks.locate",
        "grader.authoring.kit",
    ),
    "decorations": ("grader.authoring.checks.decorations",),
    "distributions": ("grader.authoring.checks.distributions",),
    "colours": ("grader.authoring.checks.colours",),
    "locate": ("grader.authoring.checks.locate",),
    "pixels": ("grader.authoring.checks.pixels",),
}


def new_home(module: str, name: str) -> Any:
    for home in NEW_HOMES[module]:
        found = importlib.import_module(home)
        if hasattr(found, name):
            return getattr(found, name)
    raise AssertionError(f"{name} of grader.harness.{module} has no home in grader.authoring")


@pytest.mark.parametrize("module", sorted(OLD_NAMES))
def test_every_public_name_of_an_old_module_is_the_new_packages_object(module: str) -> None:
    old = importlib.import_module(f"grader.harness.{module}")
    names = OLD_NAMES[module].split()
    assert sorted(old.__all__) == sorted(names)
    for name in names:
        assert getattr(old, name) is new_home(module, name), f"grader.harness.{module}.{name}"


def test_the_old_checks_text_is_the_text_check_and_the_old_figures_text_the_field_reader() -> None:
    from grader.authoring.checks.decorations import text as text_check
    from grader.authoring.figures.parsing import text as field_reader
    from grader.harness import checks, elements, figures

    assert checks.text is text_check
    assert figures.text is field_reader
    assert elements.text is field_reader


def test_a_test_registered_through_the_old_kit_is_one_the_runner_takes() -> None:
    from grader.harness import kit

    take_registered()

    @kit.test(points=2, name="old")
    def old() -> kit.Score:
        raise kit.Fail("no")

    (spec,) = take_registered()
    assert (spec.name, spec.points, spec.func) == ("old", 2.0, old)
    with pytest.raises(Fail, match="no"):
        spec.func()
    assert kit.Score is Score


def registered(source: str) -> list[tuple[Any, ...]]:
    """The tests a tests.py registers, as the harness loads it."""
    take_registered()
    namespace = {"__name__": "question_tests", "__file__": "<hidden tests>"}
    exec(compile(source, "<hidden tests>", "exec"), namespace)  # noqa: S102  (our own question files)
    return [
        (s.name, s.points, s.visibility, s.feedback, s.seconds, s.skills) for s in take_registered()
    ]


STORED = sorted(p.name for p in SNAPSHOTS.iterdir() if (p / "tests.py").is_file())


def test_the_stored_snapshots_are_the_three_questions_that_import_each_old_path() -> None:
    assert STORED == ["matplotlib-linear-plot", "scatter-regression-line", "softmax-stable"]
    sources = "".join((SNAPSHOTS / q / "tests.py").read_text() for q in STORED)
    for line in (
        "from grader.harness.kit import",
        "from grader.harness.figures import",
        "from grader.harness import checks",
        "from grader.harness.calls import",
    ):
        assert line in sources


@pytest.mark.parametrize("question_id", STORED)
def test_a_stored_tests_py_registers_the_same_tests_as_the_bank_does(
    question_id: str, bank: Bank
) -> None:
    stored = (SNAPSHOTS / question_id / "tests.py").read_text()
    current = bank.get(question_id).tests
    assert "grader.harness" not in current
    tests = registered(stored)
    assert tests == registered(current)
    assert sum(points for _, points, *_ in tests) == bank.get(question_id).manifest.points
