"""The pixel check: renders of the reference and the candidate compared, with a diff image."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from matplotlib.figure import Figure

from grader.authoring import Artifacts, Fail, checks
from grader.authoring.checks.pixels import compare
from grader.authoring.figures import FigureSet, parse_capture
from grader.harness import capture

X = np.linspace(0, 10, 50)


def render(draw: Any, size: tuple[float, float] = (6.4, 4.8)) -> FigureSet:
    figure = Figure(figsize=size)
    draw(figure.add_subplot())
    return FigureSet(parse_capture(json.dumps(capture.describe_figure(figure, 0)).encode()))


def sine(ax: Any) -> None:
    ax.plot(X, np.sin(X))
    ax.set_title("sine")


def test_the_same_drawing_in_another_colour_and_size_passes_with_a_diff_image() -> None:
    artifacts = Artifacts(test="looks")
    result = checks.looks_like_reference(
        render(lambda ax: (ax.plot(X, np.sin(X), color="red"), ax.set_title("sine")), (8, 6)),
        render(sine),
        artifacts,
    )
    assert result.fraction == 1.0 and result.message.startswith("The figure looks like")
    ((test, png),) = artifacts.items.values()
    assert test == "looks" and png.startswith(b"\x89PNG\r\n\x1a\n")


def test_a_different_drawing_fails_and_names_the_diff_image() -> None:
    artifacts = Artifacts()
    with pytest.raises(Fail) as failure:
        checks.looks_like_reference(
            render(lambda ax: ax.bar(["a", "b", "c"], [3, 1, 2])),
            render(sine),
            artifacts,
            name="bars-diff.png",
        )
    assert "check-bars-diff.png shows both" in str(failure.value)
    assert list(artifacts.items) == ["bars-diff.png"]


def test_identical_renders_are_fully_similar() -> None:
    (figure,) = render(sine)
    assert figure.png is not None
    assert compare(figure.png, figure.png).similarity == 1.0


def test_missing_reference_render_is_a_grader_fault_not_the_candidates() -> None:
    with pytest.raises(RuntimeError):
        checks.looks_like_reference(render(sine), FigureSet([]), Artifacts())


def test_artifact_names_and_contents_are_validated() -> None:
    artifacts = Artifacts()
    for name, data in [("../x.png", b"\x89PNG\r\n\x1a\n"), ("Diff.png", b"\x89PNG\r\n\x1a\n")]:
        with pytest.raises(ValueError):
            artifacts.add(name, data)
    with pytest.raises(ValueError):
        artifacts.add("diff.png", b"GIF89a")
    assert artifacts.add("diff.png", b"\x89PNG\r\n\x1a\n") == "diff.png"
