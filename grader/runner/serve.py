"""The candidate's side of function calls: answer the harness's requests after the program ran.

Runs in the candidate's process, so everything here can be forged by the candidate; the
harness validates every answer. Requests are JSON lines: `call` a global function, `get` a
global value, call a `method` of an object kept from an earlier answer, or list `names`.
"""

from __future__ import annotations

import json
import os
import random
import sys
from typing import Any

from grader.runner import protocol, wire

MAX_HANDLES = 1024


def reseed(seed: int) -> None:
    """Seed `random` and NumPy's global generator, as the harness does for the reference."""
    random.seed(seed)
    if "numpy" in sys.modules:
        import numpy as np

        np.random.seed(seed)


class Server:
    """Answers calls into one namespace, keeping returned objects as numbered handles."""

    def __init__(self, namespace: dict[str, Any], seed: int) -> None:
        self.namespace = namespace
        self.seed = seed
        self.handles: list[Any] = []

    def _handle(self, value: Any) -> dict[str, Any]:
        if len(self.handles) >= MAX_HANDLES:
            raise wire.WireError("too many objects kept")
        self.handles.append(value)
        return {"__handle__": {"id": len(self.handles) - 1, "type": type(value).__name__}}

    def _resolve(self, body: dict[str, Any]) -> Any:
        index = body.get("id")
        if not isinstance(index, int) or not 0 <= index < len(self.handles):
            raise wire.WireError("unknown handle")
        return self.handles[index]

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op")
        name = str(request.get("name", ""))
        if op == "names":
            return {
                "ok": True,
                "value": sorted(k for k in self.namespace if not k.startswith("__")),
            }
        if op == "get":
            if name not in self.namespace:
                return {"ok": False, "missing": name}
            return {"ok": True, "value": wire.encode(self.namespace[name], self._handle)}
        if op == "method":
            target = self._resolve(request.get("handle") or {})
            if not hasattr(target, name):
                return {"ok": False, "missing": name}
            func = getattr(target, name)
        elif op == "call":
            if name not in self.namespace:
                return {"ok": False, "missing": name}
            func = self.namespace[name]
        else:
            return {"ok": False, "protocol": f"unknown op {op!r}"}
        if not callable(func):
            return {"ok": False, "not_callable": name}
        args = wire.decode(request.get("args", []), self._resolve)
        kwargs = wire.decode(request.get("kwargs", {}), self._resolve)
        reseed(self.seed)
        try:
            value = func(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001  (the candidate's exception is the answer)
            return {
                "ok": False,
                "exception": {
                    "type": type(exc).__name__,
                    "mro": [c.__name__ for c in type(exc).__mro__][:16],
                    "message": str(exc)[:500],
                },
            }
        return {"ok": True, "value": wire.encode(value, self._handle)}


def _read_line(fd: int, buffer: bytearray) -> bytes | None:
    while b"\n" not in buffer:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return None
        buffer += chunk
        if len(buffer) > protocol.MAX_CALL_BYTES:
            return None
    line, _, rest = bytes(buffer).partition(b"\n")
    buffer[:] = rest
    return line


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def serve(namespace: dict[str, Any], seed: int) -> None:
    """Answer requests until the harness closes its end."""
    server = Server(namespace, seed)
    buffer = bytearray()
    while True:
        line = _read_line(protocol.CALL_REQUEST_FD, buffer)
        if line is None:
            return
        request_id: Any = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            reply = server.answer(request)
            data = json.dumps({"id": request_id, **reply}, allow_nan=False).encode()
            if len(data) > protocol.MAX_CALL_BYTES:
                data = json.dumps({"id": request_id, "ok": False, "too_large": len(data)}).encode()
        except Exception as exc:  # noqa: BLE001  (unsendable values are reported, not fatal)
            message = f"{type(exc).__name__}: {exc}"[:500]
            data = json.dumps({"id": request_id, "ok": False, "unsendable": message}).encode()
        try:
            _write_all(protocol.CALL_RESPONSE_FD, data + b"\n")
        except OSError:
            return
