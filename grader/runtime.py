"""The engine-facing parts a process needs: a Docker client and a backend per runner image."""

from __future__ import annotations

import threading
from collections.abc import Callable

import docker

from grader.bank.question import Question
from grader.config import Settings
from grader.images import DEFAULT_BASE, build_image, find_image, runner_images
from grader.sandbox.base import SandboxBackend
from grader.sandbox.docker import DockerBackend, connect
from grader.sandbox.uids import UidPool


class Runtime:
    """Connects to the engine on first use and builds a missing runner image once."""

    def __init__(self, settings: Settings, log: Callable[[str], None] = lambda _: None) -> None:
        self._settings = settings
        self._log = log
        self._client: docker.DockerClient | None = None
        self._backends: dict[str, DockerBackend] = {}
        self._lock = threading.Lock()

    @property
    def client(self) -> docker.DockerClient:
        if self._client is None:
            self._client = connect(self._settings.docker_url)
        return self._client

    def build_images(self, base: str | None = None) -> list[str]:
        return [
            build_image(
                self.client,
                image,
                wheel_cache=self._settings.wheel_cache_dir,
                base=base or DEFAULT_BASE,
                say=self._log,
            )
            for image in runner_images(self._settings.runner_images_dir)
        ]

    def backend(self, runner: str) -> DockerBackend:
        with self._lock:
            if runner not in self._backends:
                image = find_image(self._settings.runner_images_dir, runner)
                tag = build_image(
                    self.client, image, wheel_cache=self._settings.wheel_cache_dir, say=self._log
                )
                self._backends[runner] = DockerBackend(
                    self.client,
                    tag,
                    runtime=self._settings.sandbox_runtime,
                    uids=UidPool(self._settings.sandbox_uid_dir),
                )
            return self._backends[runner]

    def ping(self) -> bool:
        """Whether the engine answers now; readiness is yes or no, so this never raises."""
        try:
            return bool(self.client.ping())
        except Exception:  # noqa: BLE001  (an unreachable engine is a no, whatever the cause)
            return False

    def backend_for(self, question: Question) -> SandboxBackend:
        return self.backend(question.manifest.runner)

    def remove_leftovers(self) -> int:
        uids = UidPool(self._settings.sandbox_uid_dir)
        return DockerBackend(self.client, "", uids=uids).remove_leftovers()
