"""Judge0 CE 1.13.1's wire format: fields, statuses, languages, base64 and the config info."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from grader.errors import Judge0NeedsBase64, Judge0RequestInvalid

# The version /about reports. The official SDK maps language aliases by it: with "1.13.1",
# LanguageAlias.PYTHON (and PYTHON3) is language 71.
VERSION = "1.13.1"

PYTHON3 = 71

# Judge0's status table (GET /statuses); ids are part of the API.
STATUSES: dict[int, str] = {
    1: "In Queue",
    2: "Processing",
    3: "Accepted",
    4: "Wrong Answer",
    5: "Time Limit Exceeded",
    6: "Compilation Error",
    7: "Runtime Error (SIGSEGV)",
    8: "Runtime Error (SIGXFSZ)",
    9: "Runtime Error (SIGFPE)",
    10: "Runtime Error (SIGABRT)",
    11: "Runtime Error (NZEC)",
    12: "Runtime Error (Other)",
    13: "Internal Error",
    14: "Exec Format Error",
}
IN_QUEUE, PROCESSING, ACCEPTED, WRONG_ANSWER, TIME_LIMIT_EXCEEDED = 1, 2, 3, 4, 5
SIGSEGV, SIGXFSZ, SIGFPE, SIGABRT, NZEC, OTHER, INTERNAL_ERROR = 7, 8, 9, 10, 11, 12, 13

# Fields whose values travel base64-encoded when base64_encoded=true.
ENCODED_REQUEST_FIELDS = ("source_code", "stdin", "expected_output")
ENCODED_RESPONSE_FIELDS = ("source_code", "stdin", "expected_output", "stdout", "stderr")
# Judge0 also encodes `message` (the SDK leaves it as it comes).
ENCODED_FIELDS = (*ENCODED_RESPONSE_FIELDS, "compile_output", "message")

# Every field GET /submissions/{token} can return (fields=* returns them all), in Judge0's order.
ALL_FIELDS = (
    "source_code",
    "language_id",
    "stdin",
    "expected_output",
    "stdout",
    "status_id",
    "created_at",
    "finished_at",
    "time",
    "memory",
    "stderr",
    "token",
    "number_of_runs",
    "cpu_time_limit",
    "cpu_extra_time",
    "wall_time_limit",
    "memory_limit",
    "stack_limit",
    "max_processes_and_or_threads",
    "enable_per_process_and_thread_time_limit",
    "enable_per_process_and_thread_memory_limit",
    "max_file_size",
    "compile_output",
    "exit_code",
    "exit_signal",
    "message",
    "wall_time",
    "compiler_options",
    "command_line_arguments",
    "redirect_stderr_to_stdout",
    "callback_url",
    "additional_files",
    "enable_network",
    "status",
    "language",
)
DEFAULT_FIELDS = (
    "token",
    "time",
    "memory",
    "stdout",
    "stderr",
    "compile_output",
    "message",
    "status",
)

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # what the SDK parses (Rails writes milliseconds)


class SubmissionCreate(BaseModel):
    """A submission as Judge0 accepts it; unknown fields are ignored, as Judge0 does."""

    model_config = ConfigDict(extra="ignore")

    source_code: str | None = None
    language_id: int | None = None
    stdin: str | None = None
    expected_output: str | None = None
    cpu_time_limit: float | None = None
    cpu_extra_time: float | None = None
    wall_time_limit: float | None = None
    memory_limit: float | None = None
    stack_limit: int | None = None
    max_processes_and_or_threads: int | None = None
    enable_per_process_and_thread_time_limit: bool | None = None
    enable_per_process_and_thread_memory_limit: bool | None = None
    max_file_size: int | None = None
    redirect_stderr_to_stdout: bool | None = None
    enable_network: bool | None = None
    number_of_runs: int | None = None
    compiler_options: str | None = None
    command_line_arguments: str | None = None
    additional_files: str | None = None
    callback_url: str | None = None


class Judge0BatchCreate(BaseModel):
    """POST /judge0/submissions/batch: the submissions to create, at most the batch size."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "submissions": [
                        {"source_code": "print(input())", "language_id": 71, "stdin": "a"},
                        {"source_code": "print(input())", "language_id": 71, "stdin": "b"},
                    ]
                }
            ]
        }
    )

    submissions: list[dict[str, Any]] = Field(min_length=1)


EXAMPLE_TOKEN = "d85cd024-1548-4165-96c7-7bc88673f194"  # noqa: S105  (a submission id, not a secret)
# Examples for the OpenAPI description, in Judge0's shapes.
EXAMPLE_RESULT: dict[str, Any] = {
    "token": EXAMPLE_TOKEN,
    "time": "0.021",
    "memory": 9216,
    "stdout": "5\n",
    "stderr": None,
    "compile_output": None,
    "message": None,
    "status": {"id": 3, "description": "Accepted"},
}
EXAMPLE_SUBMISSION_CREATE: dict[str, Any] = {
    "source_code": "a, b = map(int, input().split())\nprint(a + b)",
    "language_id": 71,
    "stdin": "2 3",
    "expected_output": "5",
}


def decode_field(name: str, value: str | None, encoded: bool) -> str | None:
    """A request field's text: base64-decoded when the request said so."""
    if value is None or not encoded:
        return value
    try:
        raw = base64.b64decode(value.replace("\n", "").replace("\r", ""), validate=True)
    except (binascii.Error, ValueError):
        raise Judge0RequestInvalid(f"{name} is not valid base64", field=name) from None
    return raw.decode("utf-8", errors="surrogateescape")


def encode_field(value: str | None, encoded: bool) -> str | None:
    """A response field as sent: base64 of its bytes when asked, else the text itself."""
    if value is None:
        return None
    data = value.encode("utf-8", errors="surrogateescape")
    if encoded:
        return base64.b64encode(data).decode("ascii")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Judge0NeedsBase64(
            "some fields of this submission are not valid UTF-8; ask again with base64_encoded=true"
        ) from None


def parse_fields(fields: str | None) -> tuple[str, ...]:
    """The fields a GET asked for: `*` for all, a comma list, or Judge0's defaults."""
    if fields is None or not fields.strip():
        return DEFAULT_FIELDS
    if fields.strip() == "*":
        return ALL_FIELDS
    asked = tuple(part.strip() for part in fields.split(",") if part.strip())
    unknown = [name for name in asked if name not in ALL_FIELDS]
    if unknown:
        raise Judge0RequestInvalid(
            f"invalid fields: {', '.join(unknown)}; choose from {', '.join(ALL_FIELDS)} or *",
            field="fields",
        )
    return asked


def timestamp(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def status_object(status_id: int) -> dict[str, Any]:
    return {"id": status_id, "description": STATUSES[status_id]}


def languages() -> list[dict[str, Any]]:
    """GET /languages: the languages the runner image runs (its Python is Debian 12's 3.11)."""
    return [{"id": PYTHON3, "name": "Python (3.11)"}]


def language(language_id: int) -> dict[str, Any] | None:
    """GET /languages/{id}: the detail Judge0 gives for one language."""
    if language_id != PYTHON3:
        return None
    return {
        "id": PYTHON3,
        "name": "Python (3.11)",
        "is_archived": False,
        "source_file": "answer.py",
        "compile_cmd": None,
        "run_cmd": "/usr/bin/python3 answer.py",
    }


def about() -> dict[str, Any]:
    return {
        "version": VERSION,
        "homepage": None,
        "source_code": None,
        "maintainer": "the operators of this grading service",
    }
