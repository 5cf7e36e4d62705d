"""A test-only entry point: the real app under uvicorn, grading with the fake sandbox backend.

    python -m tests.api.fake_service --database URL --artifacts DIR --port N --mode grade|block

`block` holds every sandbox forever, so submissions stay `running` until the process dies.
"""

from __future__ import annotations

import argparse
import threading
from typing import Any

import uvicorn

from grader.api.app import create_app
from grader.config import PROJECT_ROOT, Settings
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend
from tests.api.conftest import full_marks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", choices=("grade", "block"), required=True)
    args = parser.parse_args()
    never = threading.Event()

    def blocked(job: dict[str, Any]) -> SandboxRun:
        never.wait()
        raise AssertionError("unreachable")

    backend = FakeBackend(full_marks if args.mode == "grade" else blocked)
    settings = Settings(
        database_url=args.database,
        artifact_dir=args.artifacts,
        bank_dir=PROJECT_ROOT / "questions",
        allow_anonymous=True,
        workers=1,
    )
    app = create_app(settings, backend_for=lambda q: backend, engine_ping=lambda: True)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
