"""JSON logs: one object a line, carrying the request and submission a record belongs to."""

from __future__ import annotations

import contextvars
import json
import logging
import logging.config
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
submission_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "submission_id", default=None
)

# A caller's X-Request-ID is kept only when it is short and plain, so it cannot forge log lines.
_CALLER_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def new_request_id(offered: str | None) -> str:
    """The caller's request id when it is safe to log, else a fresh one."""
    if offered is not None and _CALLER_ID.match(offered):
        return offered
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object with time, level, logger, message and the ids."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, var in (("request_id", request_id), ("submission_id", submission_id)):
            value = getattr(record, name, None) or var.get()
            if value:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


@contextmanager
def bound(*, request: str | None = None, submission: str | None = None) -> Iterator[None]:
    """Attach a request or submission id to every record logged inside the block."""
    tokens: list[tuple[contextvars.ContextVar[str | None], contextvars.Token[str | None]]] = []
    if request is not None:
        tokens.append((request_id, request_id.set(request)))
    if submission is not None:
        tokens.append((submission_id, submission_id.set(submission)))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def configure(level: int = logging.INFO) -> dict[str, Any]:
    """Send the grader's and uvicorn's logs to stderr as JSON; returns uvicorn's log config."""
    config: dict[str, Any] = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "grader": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            # Every request is logged by the app, with its id; uvicorn's own line would repeat it.
            "uvicorn.access": {
                "handlers": ["stderr"],
                "level": logging.WARNING,
                "propagate": False,
            },
        },
    }
    logging.config.dictConfig(config)
    return config
