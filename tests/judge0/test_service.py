"""The Judge0 service over a fake sandbox: jobs it sends, queueing, tenancy and rendering."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from grader.config import Settings
from grader.errors import (
    Judge0NeedsBase64,
    Judge0RequestInvalid,
    Judge0SubmissionNotFound,
    QueueFull,
)
from grader.judge0 import wire
from grader.judge0.service import Judge0Service, render
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run


def echo(job: dict[str, Any]) -> SandboxRun:
    """A program that prints its stdin back."""
    text = job["stdin"]
    return envelope_run(completed_envelope([], stdout=text, stdout_bytes=len(text.encode())))


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend(echo)


@pytest.fixture
def service(backend: FakeBackend) -> Iterator[Judge0Service]:
    judge0 = Judge0Service(
        settings=Settings(), backend=lambda: backend, workers=1, max_queue=5, keep_seconds=60
    )
    judge0.start()
    yield judge0
    judge0.stop()


def submit(service: Judge0Service, tenant: str = "acme", **fields: Any) -> Any:
    body = {"source_code": "print(input())", "language_id": 71, **fields}
    submission = service.prepare(body, encoded=False)
    service.create(tenant=tenant, submissions=[submission])
    service.wait(submission, 10)
    return submission


def test_a_submission_runs_once_with_its_stdin_and_no_tests(
    service: Judge0Service, backend: FakeBackend
) -> None:
    submission = submit(service, stdin="hello\n", expected_output="hello")
    assert submission.status_id == wire.ACCEPTED
    (job,) = backend.jobs
    assert (job["code"], job["stdin"], job["harness"], job["tests"]) == (
        "print(input())",
        "hello\n",
        False,
        "",
    )
    assert job["stdin_cases"] == [] and job["serve_calls"] is False
    assert job["limits"]["cpu_seconds"] == 5.0 and job["limits"]["wall_seconds"] == 10.0
    assert job["limits"]["keep_output_bytes"] == job["limits"]["output_bytes"] == 1024 * 1024
    assert all(sandbox.closed for sandbox in backend.sandboxes)


def test_base64_fields_are_decoded_on_the_way_in_and_encoded_on_the_way_out(
    service: Judge0Service,
) -> None:
    body = {"source_code": b64("print(input())"), "language_id": 71, "stdin": b64("héllo\n")}
    submission = service.prepare(body, encoded=True)
    service.create(tenant="acme", submissions=[submission])
    service.wait(submission, 10)
    assert (submission.source_code, submission.stdin) == ("print(input())", "héllo\n")
    shown = render(submission, ("stdout", "stdin", "message", "status"), encoded=True)
    assert shown == {
        "stdout": b64("héllo\n"),
        "stdin": b64("héllo\n"),
        "message": None,
        "status": {"id": 3, "description": "Accepted"},
    }
    assert render(submission, ("stdout",), encoded=False) == {"stdout": "héllo\n"}


def test_text_that_is_not_utf8_can_only_be_read_base64_encoded(service: Judge0Service) -> None:
    raw = base64.b64encode(b"\xff\xfe").decode()
    submission = submit(service, stdin=None)
    submission.stdin = service.prepare(
        {"source_code": b64("x"), "language_id": 71, "stdin": raw}, encoded=True
    ).stdin
    assert render(submission, ("stdin",), encoded=True) == {"stdin": raw}
    with pytest.raises(Judge0NeedsBase64, match="ask again with base64_encoded=true"):
        render(submission, ("stdin",), encoded=False)


def test_invalid_base64_is_refused_naming_the_field(service: Judge0Service) -> None:
    with pytest.raises(Judge0RequestInvalid, match="stdin is not valid base64") as caught:
        service.prepare({"source_code": b64("x"), "language_id": 71, "stdin": "%%"}, encoded=True)
    assert caught.value.field == "stdin"


def test_a_field_of_the_wrong_type_is_refused_naming_it(service: Judge0Service) -> None:
    with pytest.raises(Judge0RequestInvalid, match=r"^cpu_time_limit: ") as caught:
        service.prepare(
            {"source_code": "x", "language_id": 71, "cpu_time_limit": "fast"}, encoded=False
        )
    assert caught.value.field == "cpu_time_limit"


def test_another_tenants_token_is_not_found(service: Judge0Service) -> None:
    submission = submit(service, tenant="acme")
    assert service.get(tenant="acme", token=submission.token) is submission
    with pytest.raises(Judge0SubmissionNotFound, match=submission.token):
        service.get(tenant="other", token=submission.token)
    assert service.get_many(tenant="other", tokens=[submission.token, "nope"]) == [None, None]


def test_fields_render_only_what_was_asked_and_all_for_a_star(service: Judge0Service) -> None:
    submission = submit(service, stdin="1\n", expected_output="2")
    assert list(render(submission, wire.parse_fields(None), encoded=False)) == list(
        wire.DEFAULT_FIELDS
    )
    everything = render(submission, wire.parse_fields("*"), encoded=False)
    assert list(everything) == list(wire.ALL_FIELDS)
    assert everything["status"] == {"id": 4, "description": "Wrong Answer"}
    assert everything["time"] == "0.090" and everything["wall_time"] == "0.100"
    assert everything["memory"] == 48828
    assert everything["cpu_time_limit"] == "5.000" and everything["memory_limit"] == 128_000
    datetime.strptime(everything["created_at"], wire.TIMESTAMP_FORMAT)
    datetime.strptime(everything["finished_at"], wire.TIMESTAMP_FORMAT)
    with pytest.raises(Judge0RequestInvalid, match="invalid fields: colour"):
        wire.parse_fields("stdout,colour")


def test_a_full_queue_refuses_new_submissions_with_a_retry(backend: FakeBackend) -> None:
    release = threading.Event()

    def held(job: dict[str, Any]) -> SandboxRun:
        release.wait(10)
        return echo(job)

    judge0 = Judge0Service(
        settings=Settings(),
        backend=lambda: FakeBackend(held),
        workers=1,
        max_queue=2,
        keep_seconds=60,
    )
    judge0.start()
    try:
        body = {"source_code": "x", "language_id": 71}
        first = [judge0.prepare(body, encoded=False) for _ in range(2)]
        judge0.create(tenant="acme", submissions=first)
        with pytest.raises(QueueFull, match="the most this server queues is 2") as caught:
            judge0.create(tenant="acme", submissions=[judge0.prepare(body, encoded=False)])
        assert caught.value.retry_after == 1
        assert {s.status_id for s in first} <= {wire.IN_QUEUE, wire.PROCESSING}
    finally:
        release.set()
        judge0.stop()


def test_results_are_forgotten_after_the_keeping_time(backend: FakeBackend) -> None:
    now = [datetime(2026, 1, 1, 12, 0, 0)]
    judge0 = Judge0Service(
        settings=Settings(),
        backend=lambda: backend,
        workers=1,
        max_queue=5,
        keep_seconds=60,
        clock=lambda: now[0],
    )
    judge0.start()
    try:
        old = submit(judge0)
        now[0] += timedelta(seconds=61)
        submit(judge0)  # creating sweeps
        with pytest.raises(Judge0SubmissionNotFound, match="kept for 60 s"):
            judge0.get(tenant="acme", token=old.token)
    finally:
        judge0.stop()


def test_a_sandbox_that_cannot_start_is_an_internal_error() -> None:
    from grader.errors import SandboxFailed

    class Broken(FakeBackend):
        def prepare(self, limits: Any) -> Any:
            raise SandboxFailed("no engine")

    judge0 = Judge0Service(
        settings=Settings(),
        backend=lambda: Broken(echo),
        workers=1,
        max_queue=5,
        keep_seconds=60,
    )
    judge0.start()
    try:
        submission = submit(judge0)
        assert submission.status_id == wire.INTERNAL_ERROR
        assert submission.result is not None
        assert submission.result.message == (
            "The sandbox is not available; the program was not run. Try again."
        )
    finally:
        judge0.stop()


def test_a_batch_prepares_each_item_or_names_its_error(service: Judge0Service) -> None:
    items: list[dict[str, Any]] = [
        {"source_code": "x", "language_id": 71},
        {"source_code": "x", "language_id": 4},
    ]
    prepared = service.prepare_batch(items, encoded=False)
    assert not isinstance(prepared[0], Exception)
    assert isinstance(prepared[1], Judge0RequestInvalid) and prepared[1].field == "language_id"
    with pytest.raises(Judge0RequestInvalid, match="at most 20 submissions, not 21"):
        service.prepare_batch(items[:1] * 21, encoded=False)
