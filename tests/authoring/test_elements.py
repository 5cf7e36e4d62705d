"""Forged or malformed element descriptions are dropped or bounded, never trusted."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np

from grader.authoring.figures.parsing import (
    parse_bars,
    parse_image,
    parse_legend,
    parse_polygon,
    parse_texts,
    parse_ticks,
)
from grader.runner import protocol


def floats(values: Any) -> str:
    return base64.b64encode(np.asarray(values, dtype="<f8").tobytes()).decode()


def test_bars_with_mismatched_lengths_keep_the_common_finite_prefix() -> None:
    bars, groups = parse_bars(
        {
            "x": floats([0, 1, 2]),
            "y": floats([0, 0, 0]),
            "width": floats([1, 1]),
            "height": floats([3, float("nan")]),
            "container": [0, "zero", 5],
            "color": [7, "#ff0000ff"],
            "containers": [{"orientation": "sideways", "label": ["x"]}, "junk"],
        }
    )
    assert [(b.x, b.height, b.container, b.color) for b in bars] == [(0.0, 3.0, 0, None)]
    assert [(g.orientation, g.label, len(g.bars)) for g in groups] == [
        ("vertical", "", 1),
        ("vertical", "", 0),
    ]


def test_bars_of_the_wrong_type_are_empty() -> None:
    assert parse_bars("bars") == ([], [])
    assert parse_bars({"x": "!!not base64!!"}) == ([], [])


def test_image_values_must_match_the_sampled_size() -> None:
    good = {"shape": [2, 2], "rows": 2, "cols": 2, "values": floats([1, 2, 3, 4])}
    image = parse_image(good)
    assert image is not None and image.values is not None and image.complete
    short = parse_image({**good, "values": floats([1, 2, 3])})
    assert short is not None and short.values is None
    side = protocol.MAX_IMAGE_SIDE + 1
    huge = parse_image({**good, "rows": side, "cols": side})
    assert huge is not None and huge.values is None
    assert parse_image({**good, "shape": [-1, True]}) is not None
    assert parse_image([1, 2]) is None


def test_polygon_ticks_texts_and_legends_reject_bad_fields() -> None:
    assert parse_polygon({"x": floats([]), "y": floats([])}) is None
    polygon = parse_polygon({"x": floats([0, 1, 2]), "y": floats([0, 1]), "fill": "yes"})
    assert polygon is not None and polygon.x.size == 2 and polygon.fill is True
    ticks = parse_ticks([{"position": 1, "label": "a"}, {"position": "x"}, 3])
    assert [(t.position, t.label) for t in ticks] == [(1.0, "a")]
    assert len(parse_ticks([{"position": 0}] * (protocol.MAX_TICKS + 5))) == protocol.MAX_TICKS
    texts = parse_texts([{"text": "a" * 5000, "xy": [1, float("inf")]}, None])
    assert [(len(t.text), t.xy) for t in texts] == [(2000, None)]
    assert parse_legend("legend") is None
    assert [e.label for e in parse_legend([{"label": 3}, {"label": "ok"}]) or []] == ["", "ok"]
