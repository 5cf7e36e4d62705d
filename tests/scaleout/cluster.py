"""Real processes for the scale-out tests: Redis and PostgreSQL servers of a test's own, and
`grader serve` / `grader worker` processes on loopback, started and killed like a deployment's."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from grader.config import PROJECT_ROOT
from grader.store.db import make_engine
from grader.store.tables import RunRow, SubmissionRow
from tests.api.server import free_port

GRADER = str(Path(sys.executable).parent / "grader")
LINEAR_SOLUTION = (
    PROJECT_ROOT / "questions" / "matplotlib-linear-plot" / "solution.py"
).read_text()
THOROUGH = (
    PROJECT_ROOT / "questions" / "sentiment-skew-reason" / "samples" / "thorough.txt"
).read_text()


@dataclass(frozen=True)
class Answer:
    """An answer to submit and the score and verdict the embedded service gives it."""

    question_id: str
    code: str
    score: float
    verdict: str


MULTIPLE_CHOICE = Answer("ml-imbalance-remedies", '["resample", "metrics"]', 2.0, "partial")
TEXT = Answer("sentiment-skew-reason", THOROUGH, 7.0, "passed")
CODE = Answer("matplotlib-linear-plot", LINEAR_SOLUTION, 10.0, "passed")


def slow(seconds: float) -> Answer:
    """The linear plot's solution after a sleep: a grading that is surely under way for a while."""
    return Answer(
        CODE.question_id, f"import time\ntime.sleep({seconds})\n{CODE.code}", 10.0, "passed"
    )


def wait_for(until: Callable[[], Any], seconds: float, what: str) -> Any:
    """Poll `until` every 0.1 s until it returns something true; fail naming `what`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = until()
        except (httpx.TransportError, OSError):
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {seconds:g} s waiting for {what}")


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command


class RedisServer:
    """A redis-server of the test's own, on its own port, that can be stopped and restarted."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._directory = directory
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._directory.mkdir(parents=True, exist_ok=True)
        self._process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self._directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.ping, 10, "redis-server to answer")

    def ping(self) -> bool:
        result = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, check=False
        )
        return result.stdout.strip() == b"PONG"

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(10)


class PostgresCluster:
    """A PostgreSQL cluster of the test's own (so restarting it disturbs no other test)."""

    def __init__(self) -> None:
        bindirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        assert bindirs, "PostgreSQL is not installed (scripts/install installs it)"
        self._bin = bindirs[-1]
        self.port = free_port()
        self._data = Path(tempfile.mkdtemp(prefix="grader-scaleout-pg-"))
        if os.getuid() == 0:
            shutil.chown(self._data, "postgres", "postgres")
        self.url = f"postgresql+psycopg://grader@127.0.0.1:{self.port}/grader"

    def create(self) -> None:
        subprocess.run(
            _as_postgres(
                [
                    str(self._bin / "initdb"),
                    "-D",
                    str(self._data),
                    "-U",
                    "grader",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.start()
        subprocess.run(
            _as_postgres(
                [
                    str(self._bin / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-U",
                    "grader",
                    "grader",
                ]
            ),
            check=True,
        )

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres(
                [
                    str(self._bin / "pg_ctl"),
                    "-D",
                    str(self._data),
                    "-l",
                    str(self._data / "server.log"),
                    "-w",
                    "-t",
                    "60",
                    *args,
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> None:
        self._ctl(
            "-o",
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self._data} "
            "-c fsync=off -c max_connections=200",
            "start",
        )

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self._data, ignore_errors=True)


TEST_BRIDGE = "grtest0"


def _ensure_bridge() -> None:
    """The second engine's bridge, made once: an address of its own, apart from docker0's."""
    if Path(f"/sys/class/net/{TEST_BRIDGE}").exists():
        return
    for command in (
        ["ip", "link", "add", TEST_BRIDGE, "type", "bridge"],
        ["ip", "addr", "add", "172.31.250.1/24", "dev", TEST_BRIDGE],
        ["ip", "link", "set", TEST_BRIDGE, "up"],
    ):
        subprocess.run(command, check=True)


class DockerEngine:
    """A second Docker engine of the tests' own (its own data root, exec root and socket under
    var/), which a test may stop and start without touching the engine everyone else uses."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self.socket = directory / "docker.sock"
        self.url = f"unix://{self.socket}"
        self._pidfile = directory / "dockerd.pid"
        self._process: subprocess.Popen[bytes] | None = None

    def _docker(self, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["docker", "-H", self.url, *args], check=False, **kwargs)

    def ping(self) -> bool:
        return self._docker("info", capture_output=True).returncode == 0

    def start(self) -> None:
        if self.ping():
            return
        (self._directory / "root").mkdir(parents=True, exist_ok=True)
        _ensure_bridge()
        with (self._directory / "dockerd.log").open("ab") as log:
            self._process = subprocess.Popen(
                [
                    "dockerd",
                    "--data-root",
                    str(self._directory / "root"),
                    "--exec-root",
                    f"/tmp/grader-test-dockerd-{os.getuid()}",
                    "--pidfile",
                    str(self._pidfile),
                    "-H",
                    self.url,
                    # A bridge of its own: with --bridge=none, dockerd deletes the host's
                    # docker0, which the shared engine's image builds need.
                    f"--bridge={TEST_BRIDGE}",
                    "--iptables=false",
                    "--ip-masq=false",
                ],
                stdout=log,
                stderr=log,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        wait_for(self.ping, 60, "the second Docker engine to answer")

    def stop(self) -> None:
        """Stop the engine (SIGTERM): its containers end with it."""
        if not self._pidfile.exists():
            return
        pid = int(self._pidfile.read_text())
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        if self._process is not None and self._process.pid == pid:
            self._process.wait(60)  # reaped, so no zombie is left behind
        else:
            wait_for(lambda: not Path(f"/proc/{pid}").exists(), 60, "the engine to stop")

    def ensure_image(self, tag: str) -> None:
        """Copy a runner image from the shared engine, once (it stays in the data root)."""
        if self._docker("image", "inspect", tag, capture_output=True).returncode == 0:
            return
        save = subprocess.Popen(["docker", "save", tag], stdout=subprocess.PIPE)
        loaded = self._docker("load", stdin=save.stdout, capture_output=True)
        save.wait()
        assert loaded.returncode == 0, loaded.stderr


@dataclass
class Process:
    """One `grader serve` or `grader worker` process."""

    name: str
    popen: subprocess.Popen[bytes]
    url: str = ""

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs."""
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(10)


@dataclass
class Cluster:
    """API processes and workers on one database and one broker, as a deployment runs them."""

    database_url: str
    broker_url: str
    logs: Path
    extra: Mapping[str, str] = field(default_factory=dict)
    processes: list[Process] = field(default_factory=list)

    def env(self, name: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GRADER_")}
        env.update(
            {
                "GRADER_DATABASE_URL": self.database_url,
                "GRADER_BROKER_URL": self.broker_url,
                "GRADER_ALLOW_ANONYMOUS": "true",
                "GRADER_PROCESS_NAME": name,
                # Short leases and a quick reconciler, so a lost worker is noticed in seconds.
                "GRADER_LEASE_SECONDS": "3",
                "GRADER_RECONCILE_SECONDS": "1",
                "GRADER_REQUEUE_STALE_SECONDS": "15",
                "GRADER_RATE_LIMIT_PER_SECOND": "1000",
                "GRADER_RATE_LIMIT_BURST": "1000",
                "GRADER_MAX_QUEUE_DEPTH": "5000",
                **self.extra,
            }
        )
        return env

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        self.logs.mkdir(parents=True, exist_ok=True)
        with (self.logs / f"{name}.log").open("ab") as log:
            return subprocess.Popen(
                [GRADER, *args],
                env=env,
                cwd=PROJECT_ROOT,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )

    def api(self, name: str) -> Process:
        port = free_port()
        env = self.env(name) | {"GRADER_PORT": str(port)}
        process = Process(name, self._spawn(name, ["serve"], env), f"http://127.0.0.1:{port}")
        self.processes.append(process)
        wait_for(lambda: httpx.get(f"{process.url}/healthz").is_success, 60, f"{name} to serve")
        return process

    def worker(self, name: str, concurrency: int = 2) -> Process:
        process = Process(
            name, self._spawn(name, ["worker", "--concurrency", str(concurrency)], self.env(name))
        )
        self.processes.append(process)
        wait_for(
            lambda: b"ready." in (self.logs / f"{name}.log").read_bytes(),
            60,
            f"{name} to connect to the broker",
        )
        return process

    def stop(self) -> None:
        for process in self.processes:
            if process.popen.poll() is None:
                process.popen.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.popen.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()


@dataclass
class Tally:
    """What the clients saw: accepted submission ids, and every status answered."""

    accepted: dict[str, Answer] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def server_errors(self) -> dict[int, int]:
        return {status: n for status, n in self.statuses.items() if status >= 500}


def submit_all(
    urls: list[str],
    answers: list[Answer],
    *,
    clients: int,
    tally: Tally,
    retry_unavailable: bool = False,
) -> None:
    """Post every answer from `clients` threads, spread over the API processes; a 503 (the
    database restarting) is retried when `retry_unavailable`."""

    def post(index: int, answer: Answer) -> None:
        with httpx.Client(timeout=30) as client:
            for attempt in range(60):
                url = urls[(index + attempt) % len(urls)]
                try:
                    response = client.post(
                        f"{url}/v1/submissions",
                        json={"question_id": answer.question_id, "code": answer.code},
                    )
                except httpx.TransportError:
                    with tally.lock:
                        tally.transport_errors += 1
                    time.sleep(0.2)
                    continue
                with tally.lock:
                    tally.statuses[response.status_code] += 1
                if response.status_code == 202:
                    with tally.lock:
                        tally.accepted[response.json()["id"]] = answer
                    return
                if response.status_code == 503 and retry_unavailable:
                    time.sleep(0.5)
                    continue
                return

    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(post, i, a) for i, a in enumerate(answers)]:
            future.result()


class Stream:
    """Clients posting answers in turns to the API processes, each pausing `pause` seconds
    between posts, until stopped: traffic that goes on while a fault is injected."""

    def __init__(
        self, urls: list[str], answers: list[Answer], *, clients: int, pause: float
    ) -> None:
        self.tally = Tally()
        self._urls = urls
        self._answers = answers
        self._pause = pause
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(clients)
        ]
        self._sent = 0
        self.marks: dict[str, int] = {}

    def __enter__(self) -> Stream:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(60)

    def mark(self, label: str) -> None:
        """Remember how many were accepted by now (to count those accepted during a fault)."""
        with self.tally.lock:
            self.marks[label] = len(self.tally.accepted)

    def _run(self, index: int) -> None:
        tally = self.tally
        with httpx.Client(timeout=30) as client:
            turn = index
            while not self._stop.is_set():
                url = self._urls[turn % len(self._urls)]
                answer = self._answers[turn % len(self._answers)]
                turn += 1
                try:
                    response = client.post(
                        f"{url}/v1/submissions",
                        json={"question_id": answer.question_id, "code": answer.code},
                    )
                except httpx.TransportError:
                    with tally.lock:
                        tally.transport_errors += 1
                    self._stop.wait(self._pause)
                    continue
                with tally.lock:
                    tally.statuses[response.status_code] += 1
                    if response.status_code == 202:
                        tally.accepted[response.json()["id"]] = answer
                    elif response.status_code >= 500:
                        tally.problems.append(response.json())
                self._stop.wait(self._pause)


@dataclass(frozen=True)
class Outcome:
    """Every accepted submission's fate, read from the database."""

    finished: int
    lost: int
    duplicated: int
    wrong: list[str]
    attempts: Counter[int]
    unfinished: list[str] = field(default_factory=list)


def outcome(database_url: str, accepted: Mapping[str, Answer]) -> Outcome:
    """Lost: not completed; duplicated: more than one run; wrong: another score or verdict."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = {
                r.id: r
                for r in connection.execute(
                    select(
                        SubmissionRow.id,
                        SubmissionRow.status,
                        SubmissionRow.score,
                        SubmissionRow.verdict,
                        SubmissionRow.attempts,
                        SubmissionRow.error,
                    )
                )
            }
            runs = dict(
                connection.execute(
                    select(RunRow.submission_id, func.count()).group_by(RunRow.submission_id)
                ).all()
            )
    finally:
        engine.dispose()
    lost = [i for i in accepted if i not in rows or rows[i].status != "completed"]
    duplicated = [i for i in accepted if runs.get(i, 0) > 1]
    wrong = [
        f"{i}: {rows[i].score} {rows[i].verdict} (expected {a.score} {a.verdict})"
        for i, a in accepted.items()
        if i in rows
        and rows[i].status == "completed"
        and (rows[i].score, rows[i].verdict) != (a.score, a.verdict)
    ]
    return Outcome(
        finished=len(accepted) - len(lost),
        lost=len(lost),
        duplicated=len(duplicated),
        wrong=wrong,
        attempts=Counter(rows[i].attempts for i in accepted if i in rows),
        unfinished=[
            f"{i}: {rows[i].status} {rows[i].error}" if i in rows else f"{i}: missing"
            for i in lost[:5]
        ],
    )


def drained(database_url: str, accepted: Mapping[str, Answer], seconds: float) -> Outcome:
    """The outcome once every accepted submission is finished (or the time ran out)."""
    found: list[Outcome] = []

    def done() -> bool:
        found.append(outcome(database_url, accepted))
        return found[-1].lost == 0

    with contextlib.suppress(AssertionError):
        wait_for(done, seconds, "every accepted submission to be graded")
    return found[-1]


@dataclass
class Timer:
    began: float = field(default_factory=time.monotonic)

    def seconds(self) -> float:
        return time.monotonic() - self.began


def report(label: str, submitted: int, out: Outcome, seconds: float) -> None:
    """The numbers a run measured, for the test log (pytest -s shows them)."""
    print(
        f"\n{label}: {submitted} submitted, {out.finished} completed in {seconds:.1f} s, "
        f"lost {out.lost}, duplicated {out.duplicated}, attempts {dict(out.attempts)}",
        file=sys.stderr,
    )
