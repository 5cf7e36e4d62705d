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


@pytest.mark.parametrize("value", [10**400, -(10**400), [1, 2**1100], {"k": 10**309}])
def test_integers_too_large_for_a_float_are_rejected(value: Any) -> None:
    with pytest.raises(wire.WireError, match="an integer too large for a float"):
        wire.decode(value)


def test_integers_within_the_float_range_cross_exactly() -> None:
    assert wire.decode(2**1000 + 1) == 2**1000 + 1
    assert round_trip(-(2**63)) == -(2**63)


def test_a_line_of_too_many_json_values_is_rejected_before_decoding() -> None:
    import tracemalloc

    flood = b"[" + b"{}," * wire.MAX_LINE_VALUES + b"{}]"
    tracemalloc.start()
    with pytest.raises(wire.WireError, match="holds 2000002 JSON values, more than 1000000"):
        wire.loads_bounded(flood)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1024 * 1024


@pytest.mark.parametrize(
    ("line", "error"),
    [(b"[" * 100_000, "RecursionError"), (b"{nope", "JSONDecodeError"), (b"\xff", "Unicode")],
)
def test_unreadable_lines_are_wire_errors(line: bytes, error: str) -> None:
    with pytest.raises(wire.WireError, match=f"not JSON \\({error}"):
        wire.loads_bounded(line)


def test_a_line_within_the_bound_decodes() -> None:
    assert wire.loads_bounded(b'{"id": 1, "value": [1, 2.5, "x"]}') == {
        "id": 1,
        "value": [1, 2.5, "x"],
    }
