"""The harness's side of function calls: proxies of the candidate's functions and values.

The candidate's process stays alive after its program ran and answers JSON requests on a
pipe (the runner's `serve`). A proxy call sends the arguments (hidden inputs reach the
candidate only now, when used), waits at most its timeout for the answer, and decodes it with
the runner's `wire`, which validates every field. Whatever goes wrong on the candidate's
side (an exception, a timeout, a value that cannot be sent, a dead process) raises a `Fail`
subclass, so the test fails with a message for the candidate rather than crash.
"""

from __future__ import annotations

import json
import os
import select
import time
from typing import Any

from grader.authoring.kit import CallFailed, CallTimedOut, CandidateError
from grader.runner import protocol, wire


class Channel:
    """One request at a time over the two pipes, each answer matched by its request id."""

    def __init__(self, request_fd: int, response_fd: int) -> None:
        self._request_fd = request_fd
        self._response_fd = response_fd
        self._buffer = bytearray()
        self._next_id = 0
        self.dead: str | None = None

    def request(self, message: dict[str, Any], timeout: float) -> dict[str, Any]:
        if self.dead is not None:
            raise CallFailed(self.dead)
        self._next_id += 1
        request_id = self._next_id
        data = json.dumps({"id": request_id, **message}, allow_nan=False).encode() + b"\n"
        deadline = time.monotonic() + timeout
        self._send(data, deadline, timeout)
        while True:
            line = self._read_line(deadline, timeout)
            try:
                reply = wire.loads_bounded(line)
            except wire.WireError:
                self.dead = "The program's process sent an unreadable answer."
                raise CallFailed(self.dead) from None
            if isinstance(reply, dict) and reply.get("id") == request_id:
                return reply
            # An answer to an earlier request that timed out: skip it.

    def _send(self, data: bytes, deadline: float, timeout: float) -> None:
        view = memoryview(data)
        while view:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.dead = f"The program did not take a call within {timeout:g} s."
                raise CallTimedOut(self.dead)
            _, writable, _ = select.select([], [self._request_fd], [], remaining)
            if not writable:
                continue
            try:
                view = view[os.write(self._request_fd, view[:65536]) :]
            except OSError:
                self.dead = "The program had ended, so its functions could not be called."
                raise CallFailed(self.dead) from None

    def _read_line(self, deadline: float, timeout: float) -> bytes:
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                # The process may still be busy with this call: later calls would queue behind
                # it, so the channel is given up and every later call fails the same way.
                self.dead = f"A call into the program did not return within {timeout:g} s."
                raise CallTimedOut(self.dead)
            readable, _, _ = select.select([self._response_fd], [], [], remaining)
            if not readable:
                continue
            chunk = os.read(self._response_fd, 1 << 16)
            if not chunk:
                self.dead = "The program had ended, so its functions could not be called."
                raise CallFailed(self.dead)
            self._buffer += chunk
            if len(self._buffer) > protocol.MAX_CALL_BYTES:
                self.dead = "A call into the program returned more data than allowed."
                raise CallFailed(self.dead)
        line, _, rest = bytes(self._buffer).partition(b"\n")
        self._buffer[:] = rest
        return line


def _outcome(reply: dict[str, Any], what: str, resolve: wire.Resolve) -> Any:
    if reply.get("ok") is True:
        try:
            return wire.decode(reply.get("value"), resolve)
        except (wire.WireError, RecursionError, ValueError, TypeError) as exc:
            raise CallFailed(f"{what} returned a value that could not be read ({exc}).") from None
    exception = reply.get("exception")
    if isinstance(exception, dict):
        mro = exception.get("mro")
        raise CandidateError(
            str(exception.get("type", "Exception"))[:100],
            str(exception.get("message", ""))[:500],
            [str(n)[:100] for n in mro[:16]] if isinstance(mro, list) else [],
            what,
        )
    if "missing" in reply:
        raise CallFailed(f"The answer does not define {str(reply['missing'])[:100]}.")
    if "not_callable" in reply:
        raise CallFailed(f"{what}: {str(reply['not_callable'])[:100]} is not a function.")
    if "too_large" in reply:
        raise CallFailed(f"{what} returned more data than allowed.")
    if "unsendable" in reply:
        raise CallFailed(f"{what} returned a value that cannot be checked ({reply['unsendable']}).")
    raise CallFailed(f"{what} failed.")


class RemoteObject:
    """An object that stays in the candidate's process; its methods can be called."""

    def __init__(self, candidate: Candidate, handle: int, type_name: str) -> None:
        self._candidate = candidate
        self._handle = handle
        self.type_name = type_name

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)

        def method(*args: Any, **kwargs: Any) -> Any:
            return self._candidate._request(
                {
                    "op": "method",
                    "handle": {"id": self._handle},
                    "name": name,
                    "args": wire.encode(list(args), self._candidate._handle_of),
                    "kwargs": wire.encode(kwargs, self._candidate._handle_of),
                },
                f"{self.type_name}.{name}()",
            )

        return method

    def __repr__(self) -> str:
        return f"<candidate's {self.type_name}>"


class Candidate:
    """The candidate's `__main__` after its program ran: `candidate.f(x)`, `value(name)`."""

    def __init__(self, channel: Channel | None, timeout: float) -> None:
        self._channel = channel
        self.timeout = timeout

    def _handle_of(self, value: Any) -> dict[str, Any]:
        if isinstance(value, RemoteObject):
            return {"__handle__": {"id": value._handle}}
        raise wire.WireError(f"a {type(value).__name__} cannot be sent to the program")

    def _resolve(self, body: dict[str, Any]) -> RemoteObject:
        handle = body.get("id")
        if not isinstance(handle, int):
            raise wire.WireError("bad handle")
        return RemoteObject(self, handle, str(body.get("type", "object"))[:100])

    def _request(self, message: dict[str, Any], what: str) -> Any:
        if self._channel is None:
            raise RuntimeError("this question does not serve calls: set serve_calls in [code]")
        return _outcome(self._channel.request(message, self.timeout), what, self._resolve)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call the candidate's global function `name`."""
        return self._request(
            {
                "op": "call",
                "name": name,
                "args": wire.encode(list(args), self._handle_of),
                "kwargs": wire.encode(kwargs, self._handle_of),
            },
            f"{name}()",
        )

    def value(self, name: str) -> Any:
        """The value of the candidate's global `name`, serialised."""
        return self._request({"op": "get", "name": name}, name)

    def names(self) -> list[str]:
        """The global names the program defined."""
        names = self._request({"op": "names"}, "the program's names")
        return [str(n) for n in names] if isinstance(names, list) else []

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)

        def function(*args: Any, **kwargs: Any) -> Any:
            return self.call(name, *args, **kwargs)

        return function


class Reference:
    """The reference solution, loaded in the harness's own process on first use.

    Its module runs with `__name__ == "reference"`, so a `__main__` block does not run.
    `random` and NumPy are seeded before loading it and before each call, with the seed the
    candidate's process uses, so randomness is the same on both sides.
    """

    def __init__(self, source: str, seed: int) -> None:
        self._source = source
        self._seed = seed
        self._namespace: dict[str, Any] | None = None

    def _loaded(self) -> dict[str, Any]:
        if self._namespace is None:
            from grader.runner.serve import reseed

            namespace: dict[str, Any] = {"__name__": "reference", "__file__": "<reference>"}
            reseed(self._seed)
            exec(compile(self._source, "<reference>", "exec"), namespace)  # noqa: S102  (trusted)
            self._namespace = namespace
        return self._namespace

    def value(self, name: str) -> Any:
        """A global of the reference solution."""
        return self._loaded()[name]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        target = self._loaded()[name]
        if not callable(target):
            return target

        def function(*args: Any, **kwargs: Any) -> Any:
            from grader.runner.serve import reseed

            reseed(self._seed)
            return target(*args, **kwargs)

        return function
