"""Values as JSON-safe structures, for calls between the harness and the candidate's process.

Both sides use this module: the candidate encodes what its functions return, the harness
encodes the arguments it passes. Only data crosses, never code or pickles: numbers, strings,
lists, dicts, tuples, sets, bytes, NumPy arrays of plain dtypes, pandas Series and DataFrames.
Anything else the candidate returns stays in its process and crosses as a handle whose
methods the harness can call (a fitted model's `predict`, for example). The decoder validates
every field, because the candidate can write anything to its end of the pipe.
"""

from __future__ import annotations

import base64
import importlib
import json
import math
import sys
from collections.abc import Callable
from typing import Any

MAX_DEPTH = 32
# JSON values (commas, brackets, braces) one call's answer may hold: decoding it then
# allocates a bounded multiple of this, whatever the candidate wrote.
MAX_LINE_VALUES = 1_000_000
MAX_ARRAY_BYTES = 64 * 1024 * 1024
MAX_NDIM = 8
PLAIN_DTYPE_KINDS = "biufc"
TAGS = (
    "__float__",
    "__tuple__",
    "__set__",
    "__dict__",
    "__bytes__",
    "__ndarray__",
    "__series__",
    "__dataframe__",
    "__handle__",
)


class WireError(ValueError):
    """A value cannot be encoded, or an encoded value is malformed."""


Handles = Callable[[Any], dict[str, Any]]


def _pandas() -> Any:
    # Imported on first use: most answers never touch pandas, and it ships no type information.
    return importlib.import_module("pandas")


def encode(value: Any, handles: Handles | None = None, depth: int = 0) -> Any:
    """A JSON-safe form of `value`; objects become handles when `handles` is given."""
    if depth > MAX_DEPTH:
        raise WireError("the value is nested too deeply")
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"__float__": repr(value)}
    if isinstance(value, list):
        return [encode(v, handles, depth + 1) for v in value]
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v, handles, depth + 1) for v in value]}
    if isinstance(value, set | frozenset):
        items = [encode(v, handles, depth + 1) for v in value]
        return {"__set__": sorted(items, key=repr)}
    if isinstance(value, dict):
        if all(isinstance(k, str) and k not in TAGS for k in value):
            return {k: encode(v, handles, depth + 1) for k, v in value.items()}
        return {
            "__dict__": [
                [encode(k, handles, depth + 1), encode(v, handles, depth + 1)]
                for k, v in value.items()
            ]
        }
    if isinstance(value, bytes | bytearray):
        return {"__bytes__": base64.b64encode(bytes(value)).decode("ascii")}
    module = type(value).__module__.split(".")[0]
    if module == "numpy":
        return _encode_numpy(value, handles, depth)
    if module == "pandas":
        encoded = _encode_pandas(value, handles, depth)
        if encoded is not None:
            return encoded
    if handles is not None:
        return handles(value)
    raise WireError(f"a {type(value).__name__} cannot be sent")


def _encode_numpy(value: Any, handles: Handles | None, depth: int) -> Any:
    import numpy as np

    if isinstance(value, np.generic):
        return encode(value.item(), handles, depth)
    if isinstance(value, np.ndarray):
        if value.dtype.kind in PLAIN_DTYPE_KINDS:
            data = np.ascontiguousarray(value, dtype=value.dtype.newbyteorder("<"))
            return {
                "__ndarray__": {
                    "dtype": data.dtype.str,
                    "shape": list(data.shape),
                    "data": base64.b64encode(data.tobytes()).decode("ascii"),
                }
            }
        return {
            "__ndarray__": {
                "dtype": "object",
                "shape": list(value.shape),
                "items": [encode(v, handles, depth + 1) for v in value.ravel().tolist()],
            }
        }
    raise WireError(f"a {type(value).__name__} cannot be sent")


def _encode_pandas(value: Any, handles: Handles | None, depth: int) -> Any:
    pd = _pandas()

    if isinstance(value, pd.Series):
        return {
            "__series__": {
                "name": encode(value.name, handles, depth + 1),
                "index": _encode_index(value.index, handles, depth),
                "values": encode(value.to_numpy(), handles, depth + 1),
            }
        }
    if isinstance(value, pd.DataFrame):
        return {
            "__dataframe__": {
                "columns": _encode_index(value.columns, handles, depth),
                "index": _encode_index(value.index, handles, depth),
                "data": [
                    encode(value.iloc[:, i].to_numpy(), handles, depth + 1)
                    for i in range(value.shape[1])
                ],
            }
        }
    return None


def _encode_index(index: Any, handles: Handles | None, depth: int) -> Any:
    return {
        "names": [encode(n, handles, depth + 1) for n in index.names],
        "values": [encode(v, handles, depth + 1) for v in index.tolist()],
    }


def count_values(line: bytes) -> int:
    """An upper bound on the JSON values in `line`, counted without decoding it."""
    return line.count(b",") + line.count(b"[") + line.count(b"{")


def loads_bounded(line: bytes, max_values: int = MAX_LINE_VALUES) -> Any:
    """The JSON value of one line; WireError, before decoding, when it holds more than
    `max_values` values, and when it is not JSON or nests deeper than the decoder goes."""
    values = count_values(line)
    if values > max_values:
        raise WireError(f"the answer holds {values} JSON values, more than {max_values}")
    try:
        return json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"the answer is not JSON ({type(exc).__name__})") from None


Resolve = Callable[[dict[str, Any]], Any]


def decode(data: Any, resolve: Resolve | None = None, depth: int = 0) -> Any:
    """The value an encoded structure stands for; WireError when it is malformed."""
    if depth > MAX_DEPTH:
        raise WireError("the value is nested too deeply")
    if isinstance(data, int) and not isinstance(data, bool) and abs(data) > sys.float_info.max:
        # Every check compares numbers as floats; one beyond their range would crash it.
        raise WireError("an integer too large for a float")
    if data is None or isinstance(data, bool | str | int | float):
        return data
    if isinstance(data, list):
        return [decode(v, resolve, depth + 1) for v in data]
    if not isinstance(data, dict):
        raise WireError(f"unexpected {type(data).__name__}")
    if len(data) == 1:
        ((tag, body),) = data.items()
        if tag in TAGS:
            return _decode_tagged(tag, body, resolve, depth)
    return {str(k): decode(v, resolve, depth + 1) for k, v in data.items()}


def _decode_tagged(tag: str, body: Any, resolve: Resolve | None, depth: int) -> Any:
    if tag == "__float__":
        if body not in ("nan", "inf", "-inf"):
            raise WireError("bad float")
        return float(body)
    if tag in ("__tuple__", "__set__"):
        if not isinstance(body, list):
            raise WireError(f"bad {tag}")
        items = [decode(v, resolve, depth + 1) for v in body]
        if tag == "__tuple__":
            return tuple(items)
        try:
            return set(items)
        except TypeError:
            raise WireError("a set of unhashable items") from None
    if tag == "__dict__":
        if not isinstance(body, list) or not all(isinstance(p, list) and len(p) == 2 for p in body):
            raise WireError("bad __dict__")
        try:
            return {decode(k, resolve, depth + 1): decode(v, resolve, depth + 1) for k, v in body}
        except TypeError:
            raise WireError("a dict with unhashable keys") from None
    if tag == "__bytes__":
        return _b64(body)
    if tag == "__ndarray__":
        return _decode_array(body, resolve, depth)
    if tag in ("__series__", "__dataframe__"):
        return _decode_pandas(tag, body, resolve, depth)
    if resolve is None or not isinstance(body, dict):
        raise WireError("a handle where none can be")
    return resolve(body)


def _b64(text: Any) -> bytes:
    if not isinstance(text, str) or len(text) > MAX_ARRAY_BYTES * 4 // 3 + 4:
        raise WireError("bad base64")
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise WireError("bad base64") from None


def _decode_array(body: Any, resolve: Resolve | None, depth: int) -> Any:
    import numpy as np

    if not isinstance(body, dict):
        raise WireError("bad array")
    shape = body.get("shape")
    if (
        not isinstance(shape, list)
        or len(shape) > MAX_NDIM
        or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape)
    ):
        raise WireError("bad array shape")
    count = math.prod(shape)
    if body.get("dtype") == "object":
        items = body.get("items")
        if not isinstance(items, list) or len(items) != count:
            raise WireError("bad object array")
        array = np.empty(count, dtype=object)
        for i, item in enumerate(items):
            array[i] = decode(item, resolve, depth + 1)
        return array.reshape(shape)
    try:
        dtype = np.dtype(str(body.get("dtype")))
    except TypeError:
        raise WireError("bad array dtype") from None
    if dtype.kind not in PLAIN_DTYPE_KINDS or dtype.hasobject:
        raise WireError("bad array dtype")
    raw = _b64(body.get("data"))
    if len(raw) != count * dtype.itemsize:
        raise WireError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))


def _decode_index(body: Any, resolve: Resolve | None, depth: int) -> Any:
    pd = _pandas()

    if not isinstance(body, dict) or not isinstance(body.get("values"), list):
        raise WireError("bad index")
    names = decode(body.get("names"), resolve, depth + 1)
    values = decode(body["values"], resolve, depth + 1)
    if not isinstance(names, list):
        raise WireError("bad index names")
    if len(names) > 1:
        if not all(isinstance(v, tuple) and len(v) == len(names) for v in values):
            raise WireError("bad multi-index")
        return pd.MultiIndex.from_tuples(values, names=names)
    return pd.Index(values, name=names[0] if names else None, tupleize_cols=False)


def _decode_pandas(tag: str, body: Any, resolve: Resolve | None, depth: int) -> Any:
    pd = _pandas()

    if not isinstance(body, dict):
        raise WireError(f"bad {tag}")
    index = _decode_index(body.get("index"), resolve, depth)
    if tag == "__series__":
        values = decode(body.get("values"), resolve, depth + 1)
        if getattr(values, "shape", None) != (len(index),):
            raise WireError("series values do not match the index")
        return pd.Series(values, index=index, name=decode(body.get("name"), resolve, depth + 1))
    columns = _decode_index(body.get("columns"), resolve, depth)
    data = body.get("data")
    if not isinstance(data, list) or len(data) != len(columns):
        raise WireError("dataframe columns do not match the data")
    arrays = [decode(col, resolve, depth + 1) for col in data]
    if not all(getattr(a, "shape", None) == (len(index),) for a in arrays):
        raise WireError("dataframe column lengths do not match the index")
    frame = pd.DataFrame({i: a for i, a in enumerate(arrays)}, index=index)
    frame.columns = columns
    return frame
