"""Judge0 submissions: accept, queue, run on a few worker threads, keep, and render results.

Results are kept in memory for `keep_seconds` after they finish (Judge0 keeps them in its
database); a restart forgets them, so a client polls within that time.
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from grader.config import Settings
from grader.errors import Judge0RequestInvalid, Judge0SubmissionNotFound, QueueFull
from grader.judge0 import wire
from grader.judge0.limits import MAX_BATCH, Applied, Maxima, applied, check_supported
from grader.judge0.outcome import Finished, internal_error
from grader.judge0.program import run_program
from grader.sandbox.base import SandboxBackend

log = logging.getLogger(__name__)

BackendSource = Callable[[], SandboxBackend]
Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class Judge0Submission:
    """One submission: what was asked, where it is, and its result once finished."""

    token: str
    tenant: str
    source_code: str
    stdin: str | None
    expected_output: str | None
    limits: Applied
    created_at: datetime
    status_id: int = wire.IN_QUEUE
    result: Finished | None = None
    finished_at: datetime | None = None
    done: threading.Event = field(default_factory=threading.Event, repr=False)


class Judge0Service:
    """Runs Judge0 submissions for every tenant; a tenant sees only its own tokens."""

    def __init__(
        self,
        *,
        settings: Settings,
        backend: BackendSource,
        workers: int,
        max_queue: int,
        keep_seconds: float,
        clock: Clock = _now,
    ) -> None:
        self.maxima = Maxima.from_settings(settings)
        self.max_queue = max_queue
        self._settings = settings
        self._backend = backend
        self._workers = workers
        self._keep_seconds = keep_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._submissions: dict[str, Judge0Submission] = {}
        self._queue: queue.Queue[Judge0Submission | None] = queue.Queue()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for number in range(self._workers):
            thread = threading.Thread(target=self._work, name=f"judge0-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(timeout=self._settings.max_wall_seconds + 30)
        self._threads.clear()

    # Accepting.

    def prepare(self, raw: dict[str, Any], *, encoded: bool) -> Judge0Submission:
        """Validate one submission's fields; nothing is stored yet."""
        try:
            request = wire.SubmissionCreate.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "submission"
            raise Judge0RequestInvalid(f"{where}: {first['msg']}", field=where) from None
        source = wire.decode_field("source_code", request.source_code, encoded)
        request = request.model_copy(
            update={
                "source_code": source,
                "stdin": wire.decode_field("stdin", request.stdin, encoded),
                "expected_output": wire.decode_field(
                    "expected_output", request.expected_output, encoded
                ),
            }
        )
        check_supported(request)
        if len((request.source_code or "").encode("utf-8", "surrogateescape")) > (
            self._settings.max_code_bytes
        ):
            raise Judge0RequestInvalid(
                f"source_code is larger than {self._settings.max_code_bytes} bytes",
                field="source_code",
            )
        return Judge0Submission(
            token=str(uuid.uuid4()),
            tenant="",
            source_code=request.source_code or "",
            stdin=request.stdin,
            expected_output=request.expected_output,
            limits=applied(request, self.maxima),
            created_at=self._clock(),
        )

    def create(self, *, tenant: str, submissions: list[Judge0Submission]) -> None:
        """Queue prepared submissions for `tenant`, all or none."""
        with self._lock:
            self._sweep()
            waiting = sum(1 for s in self._submissions.values() if s.result is None)
            if waiting + len(submissions) > self.max_queue:
                raise QueueFull(
                    f"{waiting} Judge0 submissions are waiting, the most this server queues is "
                    f"{self.max_queue}; retry shortly",
                    retry_after=1,
                )
            for submission in submissions:
                submission.tenant = tenant
                self._submissions[submission.token] = submission
        for submission in submissions:
            self._queue.put(submission)

    def prepare_batch(
        self, items: list[dict[str, Any]], *, encoded: bool
    ) -> list[Judge0Submission | Judge0RequestInvalid]:
        """Each item prepared, or the error that names what is wrong with it."""
        if len(items) > MAX_BATCH:
            raise Judge0RequestInvalid(
                f"a batch holds at most {MAX_BATCH} submissions, not {len(items)}",
                field="submissions",
            )
        prepared: list[Judge0Submission | Judge0RequestInvalid] = []
        for item in items:
            try:
                prepared.append(self.prepare(item, encoded=encoded))
            except Judge0RequestInvalid as exc:
                prepared.append(exc)
        return prepared

    # Reading.

    def get(self, *, tenant: str, token: str) -> Judge0Submission:
        with self._lock:
            found = self._submissions.get(token)
        if found is None or found.tenant != tenant:
            raise Judge0SubmissionNotFound(
                f"no Judge0 submission with token {token!r}; results are kept for "
                f"{self._keep_seconds:g} s after they finish"
            )
        return found

    def get_many(self, *, tenant: str, tokens: Iterable[str]) -> list[Judge0Submission | None]:
        with self._lock:
            found = [self._submissions.get(token) for token in tokens]
        return [s if s is not None and s.tenant == tenant else None for s in found]

    def wait(self, submission: Judge0Submission, seconds: float) -> None:
        """Block until the submission finishes, or `seconds` pass."""
        submission.done.wait(seconds)

    def wait_seconds(self, submission: Judge0Submission) -> float:
        """How long a `wait=true` request may block: the run's limit plus the sandbox's margin."""
        limit = submission.limits.wall_time_limit + self._settings.harness_seconds + 30
        return min(limit, self._settings.max_wait_seconds)

    # Running.

    def _work(self) -> None:
        while True:
            submission = self._queue.get()
            if submission is None:
                return
            submission.status_id = wire.PROCESSING
            try:
                result = run_program(
                    self._backend(),
                    source_code=submission.source_code,
                    stdin=submission.stdin,
                    expected_output=submission.expected_output,
                    limits=submission.limits.sandbox(self._settings),
                )
            except Exception:  # a worker must outlive any one submission; logged with its trace
                log.exception("judge0 submission %s failed", submission.token)
                result = internal_error("The service failed; the program was not judged.")
            with self._lock:
                submission.result = result
                submission.status_id = result.status_id
                submission.finished_at = self._clock()
            submission.done.set()

    def _sweep(self) -> None:
        """Forget results older than the keeping time (called with the lock held)."""
        now = self._clock()
        old = [
            token
            for token, s in self._submissions.items()
            if s.finished_at is not None
            and (now - s.finished_at).total_seconds() > self._keep_seconds
        ]
        for token in old:
            del self._submissions[token]


def _decimal(value: float | None) -> str | None:
    return None if value is None else f"{value:.3f}"


def render(submission: Judge0Submission, fields: Iterable[str], *, encoded: bool) -> dict[str, Any]:
    """The submission as Judge0 serialises it, with only the asked fields."""
    result = submission.result
    limits = submission.limits
    values: dict[str, Any] = {
        "source_code": submission.source_code,
        "language_id": wire.PYTHON3,
        "stdin": submission.stdin,
        "expected_output": submission.expected_output,
        "stdout": result.stdout if result else None,
        "status_id": submission.status_id,
        "created_at": wire.timestamp(submission.created_at),
        "finished_at": wire.timestamp(submission.finished_at),
        "time": _decimal(result.time) if result else None,
        "memory": result.memory if result else None,
        "stderr": result.stderr if result else None,
        "token": submission.token,
        "number_of_runs": 1,
        "cpu_time_limit": _decimal(limits.cpu_time_limit),
        "cpu_extra_time": _decimal(limits.cpu_extra_time),
        "wall_time_limit": _decimal(limits.wall_time_limit),
        "memory_limit": limits.memory_limit,
        "stack_limit": limits.stack_limit,
        "max_processes_and_or_threads": limits.max_processes_and_or_threads,
        "enable_per_process_and_thread_time_limit": False,
        "enable_per_process_and_thread_memory_limit": False,
        "max_file_size": limits.max_file_size,
        "compile_output": None,
        "exit_code": result.exit_code if result else None,
        "exit_signal": result.exit_signal if result else None,
        "message": result.message if result else None,
        "wall_time": _decimal(result.wall_time) if result else None,
        "compiler_options": None,
        "command_line_arguments": None,
        "redirect_stderr_to_stdout": False,
        "callback_url": None,
        "additional_files": None,
        "enable_network": False,
        "status": wire.status_object(submission.status_id),
        "language": {"id": wire.PYTHON3, "name": wire.languages()[0]["name"]},
    }
    body: dict[str, Any] = {}
    for name in fields:
        value = values[name]
        if name in wire.ENCODED_FIELDS:
            value = wire.encode_field(value, encoded)
        body[name] = value
    return body
