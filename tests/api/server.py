"""Serve the app to tests: in this process without a socket, or under uvicorn on loopback.

Most API tests call the app in process (`in_process`): the same ASGI app, lifespan and worker
threads, without a port or a server start per test. Tests where the socket is the point (a
real HTTP round trip, a process killed mid-request) use `serving`.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager

import httpx
import uvicorn
from anyio.from_thread import BlockingPortal, start_blocking_portal
from fastapi import FastAPI

Connect = Callable[..., httpx.Client]
BASE_URL = "http://testserver"
CLIENT = ("127.0.0.1", 50000)  # the peer address the app sees


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Serve `app` until the block ends; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


class _PortalTransport(httpx.BaseTransport):
    """Sends each request to an ASGI app on the event loop a portal runs.

    httpx.ASGITransport only serves async clients; the tests use sync ones, as the service's
    callers do.
    """

    def __init__(self, app: FastAPI, portal: BlockingPortal) -> None:
        # As a server would: an unhandled error becomes the app's 500 answer, not an exception.
        self._asgi = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=CLIENT)
        self._portal = portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self._portal.call(self._send, request)

    async def _send(self, request: httpx.Request) -> httpx.Response:
        response = await self._asgi.handle_async_request(request)
        body = await response.aread()
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=httpx.ByteStream(body),
            extensions=response.extensions,
        )


@contextmanager
def in_process(app: FastAPI) -> Iterator[Connect]:
    """Run `app` with its lifespan until the block ends; yields connect(headers) -> client."""
    with (
        start_blocking_portal() as portal,
        portal.wrap_async_context_manager(app.router.lifespan_context(app)),
        ExitStack() as clients,
    ):
        transport = _PortalTransport(app, portal)

        def connect(headers: Mapping[str, str] | None = None) -> httpx.Client:
            """A client of the running app, closed when the block ends."""
            client = httpx.Client(transport=transport, base_url=BASE_URL, headers=headers)
            clients.callback(client.close)  # closing twice is harmless; `with` may close it
            return client

        yield connect
