"""JSON logs: every record of a request or a grading carries its id."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import httpx
import pytest

from grader import logs
from grader.bank.question import Question


class Lines(logging.Handler):
    """Formats each record as it is emitted, while its context is still bound."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logs.JsonFormatter())
        self.lines: list[dict[str, object]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def lines() -> Iterator[Lines]:
    handler = Lines()
    logger = logging.getLogger("grader")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_formatter_writes_one_json_object_with_the_bound_ids() -> None:
    record = logging.LogRecord("grader.x", logging.WARNING, __file__, 1, "graded %s", ("a",), None)
    with logs.bound(request="r-1", submission="s-1"):
        entry = json.loads(logs.JsonFormatter().format(record))
    assert {k: entry[k] for k in ("level", "logger", "message", "request_id", "submission_id")} == {
        "level": "warning",
        "logger": "grader.x",
        "message": "graded a",
        "request_id": "r-1",
        "submission_id": "s-1",
    }
    assert "request_id" not in json.loads(logs.JsonFormatter().format(record))


def test_requests_get_an_id_in_the_response_and_in_their_log_lines(
    client: httpx.Client, lines: Lines
) -> None:
    response = client.get("/v1/questions", headers={"X-Request-ID": "lms-42"})
    assert response.headers["x-request-id"] == "lms-42"
    assert {"request_id": "lms-42", "message": "GET /v1/questions 200"}.items() <= {
        k: v for line in lines.lines if line.get("request_id") == "lms-42" for k, v in line.items()
    }.items()
    forged = client.get("/v1/questions", headers={"X-Request-ID": 'x", "level": "error'})
    assert len(forged.headers["x-request-id"]) == 32


def test_grading_log_lines_carry_the_submission_id(
    client: httpx.Client, linear: Question, lines: Lines
) -> None:
    body = client.post(
        "/v1/submissions", params={"wait": "true"}, json={"question_id": linear.id, "code": "x"}
    ).json()
    graded = [line for line in lines.lines if str(line["message"]).startswith("graded submission")]
    assert [line["submission_id"] for line in graded] == [body["id"]]
