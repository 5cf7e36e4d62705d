"""The embedded default under load: `grader serve` on SQLite with its in-process workers, and
many clients submitting at once over loopback HTTP.

Run: .venv/bin/python benchmarks/embedded_load.py [SUBMISSIONS] [CLIENTS]   (1000 and 32)
Prints the submissions accepted and graded, lost ones, server errors, and the throughput
(accepted per second, graded per second). Answers are multiple-choice and text ones, graded
in the service without a sandbox, so the number measures the service and not Docker.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.api.server import free_port  # noqa: E402  (the benchmark runs as a script)
from tests.scaleout.cluster import (  # noqa: E402
    GRADER,
    MULTIPLE_CHOICE,
    TEXT,
    Tally,
    submit_all,
    wait_for,
)


def graded(database: Path, ids: set[str]) -> int:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT id, status FROM submissions").fetchall()
        runs = dict(
            connection.execute("SELECT submission_id, count(*) FROM runs GROUP BY submission_id")
        )
    done = {i for i, status in rows if status == "completed" and runs.get(i) == 1}
    return len(done & ids)


def run(total: int, clients: int) -> dict[str, float]:
    """Submit `total` answers from `clients` threads to an embedded service; the counts."""
    with tempfile.TemporaryDirectory() as directory:
        database = Path(directory) / "grader.db"
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("GRADER_")} | {
            "GRADER_DATABASE_URL": f"sqlite:///{database}",
            "GRADER_ARTIFACT_DIR": str(Path(directory) / "artifacts"),
            "GRADER_ALLOW_ANONYMOUS": "true",
            "GRADER_PORT": str(port),
            "GRADER_RATE_LIMIT_PER_SECOND": "0",  # the clients are one anonymous tenant
            "GRADER_MAX_QUEUE_DEPTH": str(total + 1),
        }
        with (Path(directory) / "serve.log").open("wb") as log:
            server = subprocess.Popen(
                [GRADER, "serve"], env=env, stdout=log, stderr=log, cwd=PROJECT
            )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(lambda: _up(url), 60, "the service to start")
            answers = [MULTIPLE_CHOICE if i % 2 else TEXT for i in range(total)]
            tally = Tally()
            began = time.monotonic()
            submit_all([url], answers, clients=clients, tally=tally)
            accepted_in = time.monotonic() - began
            ids = set(tally.accepted)
            with contextlib.suppress(AssertionError):
                wait_for(lambda: graded(database, ids) == len(ids), 300, "every grading")
            graded_in = time.monotonic() - began
            done = graded(database, ids)
        finally:
            server.terminate()
            server.wait(30)
    return {
        "submitted": total,
        "accepted": len(ids),
        "graded_once": done,
        "lost": len(ids) - done,
        "server_errors": sum(tally.server_errors().values()),
        "transport_errors": tally.transport_errors,
        "accepted_per_second": len(ids) / accepted_in,
        "graded_per_second": done / graded_in,
        "seconds": graded_in,
    }


def _up(url: str) -> bool:
    import httpx

    return httpx.get(f"{url}/healthz").is_success


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    report = run(total, clients)
    print(
        f"embedded: {report['submitted']:.0f} submitted by {clients} clients, "
        f"{report['accepted']:.0f} accepted, {report['graded_once']:.0f} graded once, "
        f"lost {report['lost']:.0f}, server errors {report['server_errors']:.0f}; "
        f"{report['accepted_per_second']:.0f} accepted/s, "
        f"{report['graded_per_second']:.0f} graded/s, {report['seconds']:.1f} s in all"
    )


if __name__ == "__main__":
    main()
