"""Blank text, clean text, finite numbers and tolerances that never match non-finite values."""

from __future__ import annotations

import numpy as np
import pytest

from grader.authoring import checks
from grader.authoring.figures import FigureSet, match_function, parse_capture
from grader.authoring.figures.values import all_within, clean_text, finite_number, is_blank
from grader.authoring.kit import Fail
from tests.authoring.test_figures import capture, line


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\u200b",
        "\u200b\u200c\u200d\u2060\ufeff",
        "\u200e\u200f",
        "\u3000\u00a0",
        "\u2028\u2029",
        "\x00\x1b",
        "\u3164",
        "\u2800",
        "\u0301",
        "\ue000",
        "\t\n",
    ],
)
def test_text_of_only_invisible_characters_is_blank(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", ["x", "\u200bx", " y ", "Ж", "\u2014", "1", "\u200b.\u200b"])
def test_text_with_one_visible_character_is_not_blank(text: str) -> None:
    assert not is_blank(text)


def test_clean_text_replaces_lone_surrogates_and_drops_controls() -> None:
    assert clean_text("a\ud800b\udc80\x00\x1b[2J\x7f\x85\n\tc") == "a\ufffdb\ufffd[2J\n\tc"
    clean_text("\ud800" * 10).encode("utf-8")
    assert clean_text("plain") == "plain"


def test_finite_number_refuses_non_finite_values_and_ints_too_large_for_a_float() -> None:
    read = [finite_number(v) for v in [1, 2.5, float("inf"), float("nan"), 10**400, True, "1"]]
    assert read == [1.0, 2.5, None, None, None, None, None]
    assert finite_number(2**1023) == float(2**1023)


def test_a_non_finite_expected_value_never_matches() -> None:
    actual = np.array([0.0, 1.0, np.inf, np.nan])
    expected = np.array([np.inf, np.nan, np.inf, np.nan])
    assert not all_within(actual[:1], expected[:1], 1e-6, 1e-6)
    assert not all_within(actual, expected, 1e-6, 1e-6)
    assert all_within(np.array([1.0]), np.array([1.0 + 1e-9]), 1e-6, 1e-6)
    assert not all_within(np.array([1.0, 2.0]), np.array([1.0]), 1e-6, 1e-6)


def test_a_wrong_line_where_the_expected_value_overflows_does_not_follow() -> None:
    (figure,) = parse_capture(capture(line([-1.7e308, 1.7e308], [0.0, 0.0])))
    found = match_function(figure.axes[0].artists[0], lambda x: 2 * x + 1, (0.0, 10.0))
    assert (found.follows, found.covers) == (False, False)


def test_points_outside_the_range_are_not_compared_but_the_nearest_beyond_each_end_is() -> None:
    x = list(np.linspace(-5, 15, 201))
    y = [2 * v + 1 if 0 <= v <= 10 else -99.0 for v in x]
    (figure,) = parse_capture(capture(line(x, y)))
    artist = figure.axes[0].artists[0]
    assert not match_function(artist, lambda v: 2 * v + 1, (0.0, 10.0)).follows
    y_ok = [2 * v + 1 if -0.2 <= v <= 10.2 else -99.0 for v in x]
    (figure,) = parse_capture(capture(line(x, y_ok)))
    found = match_function(figure.axes[0].artists[0], lambda v: 2 * v + 1, (0.0, 10.0))
    assert (found.follows, found.covers) == (True, True)


def test_a_line_only_outside_the_range_does_not_follow() -> None:
    x = list(np.linspace(20, 30, 11))
    (figure,) = parse_capture(capture(line(x, [2 * v + 1 for v in x])))
    found = match_function(figure.axes[0].artists[0], lambda v: 2 * v + 1, (0.0, 10.0))
    assert (found.follows, found.x_min) == (False, None)


def test_zero_width_labels_titles_and_legends_do_not_count() -> None:
    (figure,) = parse_capture(capture(line([0, 10], [1, 21], label="\u200b")))
    axes = figure.axes[0]
    axes.xlabel, axes.titles["center"], axes.legend = "\u200b\u2060", "\ufeff \u3000", ["\u200d"]
    figures = FigureSet([figure])
    for check in (checks.xlabel, checks.title):
        with pytest.raises(Fail, match="The plot has no"):
            check(figures)
    with pytest.raises(Fail, match="at least 1 labelled entries, not 0"):
        checks.legend(figures)
    assert axes.title == ""
