"""Values crossing between harness and candidate: round trips and rejected forgeries."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from grader.runner import wire


def round_trip(value: Any) -> Any:
    import json

    return wire.decode(json.loads(json.dumps(wire.encode(value), allow_nan=False)))


def test_plain_values_tuples_sets_and_odd_floats_round_trip() -> None:
    value = {"a": [1, 2.5, None, True], "t": (1, "x"), "s": {3, 4}, "b": b"\x00\xff"}
    assert round_trip(value) == value
    nan, inf = round_trip([math.nan, -math.inf])
    assert math.isnan(nan) and inf == -math.inf
    assert round_trip({1: "one", (2, 3): "pair"}) == {1: "one", (2, 3): "pair"}


def test_arrays_keep_dtype_shape_and_values() -> None:
    array = np.arange(12, dtype=np.float32).reshape(3, 4) / 7
    back = round_trip(array)
    assert back.dtype == np.float32 and back.shape == (3, 4)
    assert np.array_equal(back, array)
    strings = round_trip(np.array(["a", "b"], dtype=object))
    assert strings.tolist() == ["a", "b"]


def test_dataframes_and_series_round_trip_with_index_and_names() -> None:
    frame = pd.DataFrame(
        {"team": ["a", "b"], "mean": [1.5, 2.0], "n": [3, 4]},
        index=pd.Index(["x", "y"], name="key"),
    )
    pd.testing.assert_frame_equal(round_trip(frame), frame)
    grouped = frame.set_index(["team", "n"])["mean"]
    pd.testing.assert_series_equal(round_trip(grouped), grouped)


def test_objects_become_handles_only_when_allowed() -> None:
    class Model:
        pass

    with pytest.raises(wire.WireError, match="a Model cannot be sent"):
        wire.encode(Model())
    kept: list[Any] = []

    def handle(value: Any) -> dict[str, Any]:
        kept.append(value)
        return {"__handle__": {"id": len(kept) - 1, "type": "Model"}}

    assert wire.encode([Model()], handle) == [{"__handle__": {"id": 0, "type": "Model"}}]


@pytest.mark.parametrize(
    "forged",
    [
        {"__ndarray__": {"dtype": "<f8", "shape": [2], "data": "AAAA"}},
        {"__ndarray__": {"dtype": "|O", "shape": [1], "data": "AAAAAAAAAAA="}},
        {"__ndarray__": {"dtype": "<f8", "shape": [-1], "data": ""}},
        {"__float__": "1e999"},
        {"__handle__": {"id": 0}},
        {"__dataframe__": {"columns": {"names": [None], "values": ["a"]}, "index": {}}},
    ],
)
def test_malformed_values_are_rejected(forged: dict[str, Any]) -> None:
    with pytest.raises(wire.WireError):
        wire.decode(forged)


def test_deep_nesting_is_rejected() -> None:
    deep: Any = 1
    for _ in range(wire.MAX_DEPTH + 2):
        deep = [deep]
    with pytest.raises(wire.WireError, match="nested too deeply"):
        wire.decode(deep)
