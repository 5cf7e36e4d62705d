"""The Celery app of the grader and the task queue the API processes send submission ids to."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable

from celery import Celery

from grader.config import Settings

log = logging.getLogger(__name__)

GRADE_TASK = "grader.grade"
QUEUE = "grader"


def process_name(settings: Settings, role: str) -> str:
    """How this process names itself in metrics and logs: the setting, or role@host:pid."""
    return settings.process_name or f"{role}@{socket.gethostname()}:{os.getpid()}"


def visibility_timeout(settings: Settings) -> int:
    """Seconds before Redis hands an unacknowledged task to another worker: longer than the
    longest grading (candidate and harness phases at their server maxima) with a wide margin,
    so a slow grading is never run twice because of the broker; the leases catch dead workers
    much sooner."""
    longest = settings.max_wall_seconds + settings.harness_seconds
    return int(max(3600.0, 4 * longest))


def make_celery(settings: Settings, *, publisher: bool = False) -> Celery:
    """The Celery app: late acknowledgement, a task lost with its worker goes back to the
    queue, one task prefetched per worker thread, JSON messages carrying ids only.

    A `publisher` (an API process) tries the broker once per send instead of retrying for
    seconds: while Redis is down a submission is answered at once and waits in the database
    for the reconciler."""
    if not settings.broker_url:
        raise ValueError("GRADER_BROKER_URL is not set")
    app = Celery("grader", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=QUEUE,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        worker_hijack_root_logger=False,
        worker_send_task_events=True,  # Flower and `celery events` see the tasks
        task_send_sent_event=True,
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": visibility_timeout(settings),
            "socket_connect_timeout": 2,
            "socket_timeout": 5,
            **({"max_retries": 0, "connect_retries_timeout": 1} if publisher else {}),
        },
    )
    return app


class TaskQueue:
    """Sends one grading task per submission id; never raises (the reconciler catches up)."""

    def __init__(self, app: Celery, *, on_sent: Callable[[list[str]], None]) -> None:
        self._app = app
        self._on_sent = on_sent

    def send(self, submission_ids: list[str], *, countdown: float = 0.0) -> list[str]:
        """Send a task for each id (to run `countdown` seconds from now); returns the ids that
        could not be sent (broker down)."""
        sent: list[str] = []
        unsent: list[str] = []
        for submission_id in submission_ids:
            try:
                self._app.send_task(GRADE_TASK, args=[submission_id], queue=QUEUE, retry=False)
                sent.append(submission_id)
            except Exception as exc:  # noqa: BLE001  (the broker is down: the row waits in the DB)
                log.warning("could not queue submission %s on the broker: %s", submission_id, exc)
                unsent = submission_ids[len(sent) :]
                break
        if sent:
            try:
                self._on_sent(sent)
            except Exception as exc:  # noqa: BLE001  (the reconciler will send them again)
                log.warning("could not record queued tasks: %s", exc)
        return unsent

    def close(self) -> None:
        self._app.close()
