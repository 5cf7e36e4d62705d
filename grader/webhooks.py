"""Signed webhook delivery: after a result is committed, POST it, retrying with back-off.

Each delivery is a POST of the submission's JSON with two headers:
`X-Grader-Timestamp` (Unix seconds) and `X-Grader-Signature: sha256=<hex>`, the HMAC-SHA256
of "{timestamp}.{raw body}" under the tenant's webhook secret. Connection errors, time-outs
and any non-2xx answer are retried with exponential back-off until a total time runs out.
Every attempt is recorded. Delivery runs on background threads and never blocks grading.
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
import ipaddress
import itertools
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx

from grader.errors import CallbackRefused
from grader.store.deliveries import DeliveryStore

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Grader-Signature"
TIMESTAMP_HEADER = "X-Grader-Timestamp"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value for this body at this time."""
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str, tolerance: int = 300) -> bool:
    """A receiver's check: the signature matches and the timestamp is recent."""
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    if abs(time.time() - sent) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, sent, body), signature)


Resolver = Callable[[str], Iterable[str]]


def _resolve(host: str) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None)]


def _private(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    return not ip.is_global


def refusal(
    url: str, *, allow_private: bool = False, resolve: Resolver | None = None
) -> str | None:
    """Why the service will not POST to `url` (a loopback, private or link-local address), or
    None; `allow_private` lifts the rule (development). Without `resolve`, only literal
    addresses and localhost are checked."""
    if allow_private:
        return None
    host = httpx.URL(url).host
    if host == "localhost" or host.endswith(".localhost") or _private(host):
        return f"{host} is a loopback, private or link-local address"
    if resolve is not None:
        try:
            addresses = list(resolve(host))
        except OSError as exc:
            return f"cannot resolve {host}: {exc}"
        private = [a for a in addresses if _private(a)]
        if private:
            return f"{host} resolves to {private[0]}, a loopback, private or link-local address"
    return None


def pinned(url: str, resolve: Resolver) -> tuple[str | None, httpx.URL, dict[str, Any]]:
    """Resolve `url`'s host once and check it; returns why it is refused (or None), the URL to
    connect to (the checked address in place of the name) and the request's extensions.

    Connecting to the address that was checked is what makes the check hold: a name that
    resolves to a public address for the check and to a private one for the connection (DNS
    rebinding) cannot redirect the POST. The Host header and the TLS server name stay the
    name's, so virtual hosts and certificates work as before.
    """
    target = httpx.URL(url)
    host = target.host
    literal = refusal(url)
    if literal is not None:
        return literal, target, {}
    if _is_address(host):
        return None, target, {}
    try:
        addresses = list(resolve(host))
    except OSError as exc:
        return f"cannot resolve {host}: {exc}", target, {}
    private = [a for a in addresses if _private(a)]
    if private:
        return (
            f"{host} resolves to {private[0]}, a loopback, private or link-local address",
            target,
            {},
        )
    if not addresses:
        return f"cannot resolve {host}: no address", target, {}
    return None, target.copy_with(host=addresses[0]), {"sni_hostname": host}


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def check_callback_url(url: str, *, allow_private: bool, field: str) -> str:
    """`url` when webhooks may go there; else CallbackRefused, naming `field` and the reason."""
    refused = refusal(url, allow_private=allow_private)
    if refused is not None:
        raise CallbackRefused(f"{field}: {refused}; webhooks go to public addresses only")
    return url


@dataclass(frozen=True)
class Target:
    """Where and what to deliver for one submission."""

    url: str
    secret: str
    body: bytes


@dataclass(frozen=True)
class RetryPolicy:
    """Per-attempt time-out, the first back-off (doubling up to a maximum), the total time."""

    timeout: float
    backoff: float
    backoff_max: float
    total: float

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (from 1)."""
        return float(min(self.backoff * 2 ** (attempt - 1), self.backoff_max))


@dataclass(order=True, frozen=True)
class _Job:
    due: float
    seq: int
    submission_id: str
    attempt: int
    started: float
    target: Target | None


class WebhookDispatcher:
    """Schedules delivery attempts on one thread and runs them on a few more."""

    def __init__(
        self,
        *,
        policy: RetryPolicy,
        deliveries: DeliveryStore,
        target_for: Callable[[str], Target | None],
        on_failure: Callable[[str], None] = lambda _: None,
        transport: httpx.BaseTransport | None = None,
        senders: int = 4,
        allow_private: bool = False,
        resolve: Resolver = _resolve,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._policy = policy
        self._deliveries = deliveries
        self._target_for = target_for
        self._on_failure = on_failure
        self._client = httpx.Client(timeout=policy.timeout, transport=transport)
        self._senders = senders
        self._allow_private = allow_private
        self._resolve = resolve
        self._clock = clock  # schedules attempts; tests pass one they move forward
        self._pool: ThreadPoolExecutor | None = None
        self._heap: list[_Job] = []
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._in_flight = 0

    def start(self) -> None:
        self._pool = ThreadPoolExecutor(self._senders, thread_name_prefix="grader-webhook")
        self._thread = threading.Thread(target=self._loop, name="grader-webhooks", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._client.close()

    def enqueue(self, submission_id: str) -> None:
        """Deliver this submission's webhook soon, if it has a target; returns at once."""
        now = self._clock()
        self._push(_Job(now, next(self._seq), submission_id, 1, now, None))

    def idle(self) -> bool:
        """Nothing scheduled and nothing being sent (for tests and shutdown)."""
        with self._cond:
            return not self._heap and self._in_flight == 0

    def _push(self, job: _Job) -> None:
        with self._cond:
            heapq.heappush(self._heap, job)
            self._cond.notify_all()

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and (not self._heap or self._heap[0].due > self._clock()):
                    wait = self._heap[0].due - self._clock() if self._heap else None
                    self._cond.wait(wait)
                if self._stopping:
                    return
                job = heapq.heappop(self._heap)
                self._in_flight += 1
            assert self._pool is not None
            try:
                self._pool.submit(self._attempt, job)
            except RuntimeError:  # the pool was shut down: the service is stopping
                return

    def _attempt(self, job: _Job) -> None:
        try:
            self._send(job)
        except Exception:
            log.exception("webhook delivery for submission %s failed", job.submission_id)
        finally:
            with self._cond:
                self._in_flight -= 1
                self._cond.notify_all()

    def _send(self, job: _Job) -> None:
        target = job.target or self._target_for(job.submission_id)
        if target is None:
            return
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(target.secret, timestamp, target.body),
            "User-Agent": "grader-webhooks/1",
        }
        began = time.monotonic()
        status: int | None = None
        error: str | None = None
        refused: str | None = None
        address = httpx.URL(target.url)
        extensions: dict[str, Any] = {}
        if not self._allow_private:
            refused, address, extensions = pinned(target.url, self._resolve)
            headers["Host"] = httpx.URL(target.url).netloc.decode("ascii")
        if refused is not None:
            error = f"refused: {refused}"
        else:
            try:
                response = self._client.post(
                    address, content=target.body, headers=headers, extensions=extensions
                )
                status = response.status_code
                if not response.is_success:
                    error = f"the receiver answered {status}"
            except httpx.TimeoutException:
                error = f"no answer within {self._policy.timeout:g} s"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
        delivered = error is None
        self._deliveries.record(
            submission_id=job.submission_id,
            attempt=job.attempt,
            url=target.url,
            status_code=status,
            error=error,
            delivered=delivered,
            duration_ms=int((time.monotonic() - began) * 1000),
        )
        if delivered:
            return
        self._on_failure(job.submission_id)
        delay = self._policy.delay(job.attempt)
        now = self._clock()
        if refused is not None or now + delay - job.started > self._policy.total:
            log.warning(
                "gave up delivering the webhook of submission %s after %d attempts: %s",
                job.submission_id,
                job.attempt,
                error,
            )
            return
        self._push(
            _Job(
                now + delay,
                next(self._seq),
                job.submission_id,
                job.attempt + 1,
                job.started,
                target,
            )
        )
