"""The harness's reading of a capture and its function, line and visibility checks."""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np

from grader.authoring.figures import FigureSet, match_function, parse_capture, shows_in_render


def floats(values: list[float]) -> str:
    return base64.b64encode(np.asarray(values, dtype="<f8").tobytes()).decode()


def line(x: list[float], y: list[float], **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": "line",
        "type": "Line2D",
        "label": "",
        "visible": True,
        "alpha": None,
        "color": "#1f77b4ff",
        "linestyle": "-",
        "drawstyle": "default",
        "marker": "None",
        "data_coordinates": True,
        "x": floats(x),
        "y": floats(y),
        "n": len(x),
        "pixels": 500,
        "axline": None,
    }
    entry.update(extra)
    return entry


def capture(*artists: dict[str, Any], xlim: tuple[float, float] = (-0.5, 10.5)) -> bytes:
    figure = {
        "type": "figure",
        "index": 0,
        "number": 1,
        "suptitle": "",
        "size_inches": [6.4, 4.8],
        "png": None,
        "axes": [
            {
                "index": 0,
                "visible": True,
                "title": {"left": "", "center": "T", "right": ""},
                "xlabel": "x",
                "ylabel": "y",
                "xlim": list(xlim),
                "ylim": [0.0, 22.0],
                "xscale": "linear",
                "yscale": "linear",
                "artists": list(artists),
                "patches": {"rectangles": 0, "total": 0},
                "images": 0,
                "texts": [],
                "legend": None,
            }
        ],
    }
    return json.dumps(figure).encode() + b"\n"


def expected(x: Any) -> Any:
    return 2 * x + 1


XS = [float(v) for v in range(11)]
YS = [2 * v + 1 for v in XS]


def test_full_span_line_follows_and_covers() -> None:
    figures = FigureSet(parse_capture(capture(line(XS, YS))))
    match = figures.best_function_match(expected, (0, 10))
    assert match is not None
    assert (match.follows, match.covers, match.x_min, match.x_max) == (True, True, 0.0, 10.0)


def test_partial_span_follows_without_covering() -> None:
    artist = parse_capture(capture(line(XS[:10], YS[:10])))[0].axes[0].artists[0]
    match = match_function(artist, expected, (0, 10))
    assert (match.follows, match.covers, match.x_max) == (True, False, 9.0)


def test_one_point_off_by_more_than_tolerance_does_not_follow() -> None:
    ys = list(YS)
    ys[5] += 1e-3
    artist = parse_capture(capture(line(XS, ys)))[0].axes[0].artists[0]
    assert match_function(artist, expected, (0, 10)).follows is False


def test_values_within_relative_tolerance_follow() -> None:
    ys = [y * (1 + 5e-7) for y in YS]
    artist = parse_capture(capture(line(XS, ys)))[0].axes[0].artists[0]
    assert match_function(artist, expected, (0, 10)).covers is True


def test_nan_gaps_are_ignored() -> None:
    ys = list(YS)
    ys[3] = float("nan")
    artist = parse_capture(capture(line(XS, ys)))[0].axes[0].artists[0]
    assert match_function(artist, expected, (0, 10)).covers is True


def test_step_and_marker_only_lines_are_classified() -> None:
    step = parse_capture(capture(line(XS, YS, drawstyle="steps-pre")))[0].axes[0].artists[0]
    markers = (
        parse_capture(capture(line(XS, YS, linestyle="None", marker="o")))[0].axes[0].artists[0]
    )
    assert (step.is_line_plot, step.is_data_artist) == (False, False)
    assert (markers.is_line_plot, markers.is_data_artist) == (False, True)


def test_axline_follows_by_slope_and_intercept_and_covers_by_xlim() -> None:
    axline = line([], [], axline={"xy1": [0.0, 1.0], "xy2": None, "slope": 2.0})
    inside = parse_capture(capture(axline, xlim=(0.0, 10.0)))[0].axes[0].artists[0]
    narrow = parse_capture(capture(axline, xlim=(0.0, 5.0)))[0].axes[0].artists[0]
    assert match_function(inside, expected, (0, 10)).covers is True
    assert (
        match_function(narrow, expected, (0, 10)).follows,
        match_function(narrow, expected, (0, 10)).covers,
    ) == (True, False)


def test_best_match_prefers_a_visible_artist_among_equals() -> None:
    hidden = line(XS, YS, pixels=0)
    shown = line(XS, YS, pixels=300)
    figures = FigureSet(parse_capture(capture(hidden, shown)))
    match = figures.best_function_match(expected, (0, 10))
    assert match is not None and match.artist.pixels == 300


def test_visibility_needs_pixels_alpha_and_data_in_view() -> None:
    def artist(**extra: Any) -> Any:
        return parse_capture(capture(line(XS, YS, **extra)))[0].axes[0].artists[0]

    assert shows_in_render(artist()) is True
    assert shows_in_render(artist(pixels=0)) is False
    assert shows_in_render(artist(alpha=0.0)) is False
    assert shows_in_render(artist(visible=False)) is False
    far = parse_capture(capture(line([100.0, 200.0], [201.0, 401.0])))[0].axes[0].artists[0]
    assert shows_in_render(far) is False


def test_malformed_capture_lines_are_dropped_not_fatal() -> None:
    data = (
        b"not json\n"
        + b'{"type": "figure", "axes": "nope"}\n'
        + b"[1, 2]\n"
        + capture(line(XS, YS))
    )
    figures = parse_capture(data)
    assert [len(f.axes) for f in figures] == [0, 1]


def test_forged_png_that_is_not_an_image_is_discarded() -> None:
    raw = json.loads(capture(line(XS, YS)))
    raw["png"] = base64.b64encode(b"\x89PNG\r\n\x1a\nnot really").decode()
    (figure,) = parse_capture(json.dumps(raw).encode())
    assert figure.png is None


def test_wrong_length_data_is_ignored() -> None:
    bad = line(XS, YS)
    bad["x"] = base64.b64encode(b"12345").decode()
    artist = parse_capture(capture(bad))[0].axes[0].artists[0]
    assert artist.x.size == 0
    assert match_function(artist, expected, (0, 10)).follows is False


def test_a_forged_capture_with_huge_artist_counts_is_bounded() -> None:
    tiny = {"kind": "line", "x": "", "y": ""}
    axes = {"artists": [tiny] * 5000}
    figure = json.dumps({"type": "figure", "axes": [axes] * 10}).encode()
    figures = parse_capture(b"\n".join([figure] * 5))
    assert sum(len(ax.artists) for f in figures for ax in f.axes) == 20_000
