"""The visibility render of a figure of any size: bounded, and a correct line still shows."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from grader.runner import protocol
from grader.runner.capture import (
    MAX_RENDER_SIDE,
    MIN_RENDER_DPI,
    MIN_RENDER_SIDE,
    describe_figure,
    render_size,
)

SIZES = [
    (6.4, 4.8),
    (1000.0, 1000.0),
    (0.01, 0.01),
    (2000.0, 0.01),
    (0.2, 30.0),
    (1e300, 1e300),
    (math.inf, 1.0),
    (math.nan, 2.0),
]


def test_an_ordinary_figure_keeps_its_size_and_dpi() -> None:
    assert render_size(6.4, 4.8) == (6.4, 4.8, protocol.RENDER_DPI)


def test_a_huge_figure_is_rendered_at_the_minimum_dpi_shrunk_to_the_pixel_cap() -> None:
    width, height, dpi = render_size(1000.0, 1000.0)
    assert dpi == MIN_RENDER_DPI
    assert (round(width * dpi), round(height * dpi)) == (2000, 2000)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_render_is_bounded_on_each_side_and_in_pixels(width: float, height: float) -> None:
    w, h, dpi = render_size(width, height)
    assert MIN_RENDER_SIDE - 1e-6 <= w * dpi <= MAX_RENDER_SIDE + 1e-6
    assert MIN_RENDER_SIDE - 1e-6 <= h * dpi <= MAX_RENDER_SIDE + 1e-6
    assert w * h * dpi * dpi <= protocol.MAX_RENDER_PIXELS * (1 + 1e-9)


@pytest.mark.parametrize(("width", "height"), SIZES[:5])
def test_a_correct_line_shows_in_the_render_whatever_the_figure_size(
    width: float, height: float
) -> None:
    figure, axes = plt.subplots(figsize=(width, height))
    x = np.linspace(0, 10, 101)
    axes.plot(x, 2 * x + 1)
    axes.set_title("y = 2x + 1")
    described = describe_figure(figure, 0)
    plt.close(figure)
    assert described["error"] is None
    assert described["png"] is not None
    assert described["axes"][0]["artists"][0]["pixels"] > 0
    assert described["size_inches"] == [width, height]
