"""The Docker backend: one fresh, locked-down, network-less container per job.

A job costs four engine round trips: create, start, attach (the job goes in and the report
comes back on that one connection) and remove.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
import uuid
from typing import Any

import docker
import docker.errors
import requests.exceptions

from grader.errors import EngineUnavailable, SandboxFailed
from grader.runner import protocol
from grader.sandbox.base import SandboxLimits, SandboxRun
from grader.sandbox.uids import UidLease, UidPool

LABEL = "io.grader.sandbox"
OWNER_LABEL = "io.grader.owner"
# Memory for the supervisor and harness on top of what the question grants the candidate.
SUPERVISOR_HEADROOM_BYTES = 160 * 1024 * 1024
# Time for container start, the supervisor's reading of the job and writing of its report, and
# teardown, on top of the job's own limits.
ENGINE_MARGIN_SECONDS = 35.0
# The supervisor forgives a run's wait for a CPU up to its limit again (runner.cpu_wait): the
# candidate's run, the reference's render and the harness can each take twice their limit.
FORGIVEN_FACTOR = 2.0
MAX_ENVELOPE_BYTES = 128 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024

ENGINE_HELP = (
    "start one with `dockerd >/var/log/dockerd.log 2>&1 &` (install it with "
    "`apt-get install -y docker.io`), or set GRADER_DOCKER_URL"
)


def current_owner() -> str:
    """This process, as a label value: host name, pid and the pid's start time."""
    try:
        with open(f"/proc/{os.getpid()}/stat") as handle:
            started = handle.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        started = "0"
    return f"{socket.gethostname()}:{os.getpid()}:{started}"


def _owner_alive(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    pid_text, _, started = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        with open(f"/proc/{pid_text}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[19] == started
    except (OSError, IndexError):
        return False


def connect(base_url: str | None) -> docker.DockerClient:
    """A client for the engine, or EngineUnavailable saying how to start one."""
    try:
        client = docker.DockerClient(base_url=base_url) if base_url else docker.from_env()
        client.ping()
    except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
        raise EngineUnavailable(f"cannot reach the Docker engine ({exc}); {ENGINE_HELP}") from None
    return client


def read_stdout(raw: socket.socket, until: float, keep: int) -> bytes | None:
    """The stdout frames of an attached container's multiplexed stream, until it ends.

    Keeps the last `keep` bytes (the envelope is the last line); None when the monotonic time
    `until` passes first. Frames are 8-byte headers (stream, 0, 0, 0, big-endian size), then
    the bytes; stderr frames are skipped.
    """
    pending = bytearray()
    out = bytearray()
    while True:
        remaining = until - time.monotonic()
        if remaining <= 0:
            return None
        raw.settimeout(remaining)
        try:
            chunk = raw.recv(CHUNK_BYTES)
        except TimeoutError:
            return None
        if not chunk:
            return bytes(out)
        pending += chunk
        while len(pending) >= 8:
            size = int.from_bytes(pending[4:8], "big")
            if len(pending) < 8 + size:
                break
            if pending[0] == 1:
                out += pending[8 : 8 + size]
                if len(out) > keep:
                    del out[: len(out) - keep]
            del pending[: 8 + size]


class DockerSandbox:
    """A started container whose supervisor waits on stdin for one job."""

    def __init__(
        self,
        client: docker.DockerClient,
        container: Any,
        image: str,
        limits: SandboxLimits,
        uids: UidLease,
        image_id: str,
    ):
        self._client = client
        self._container = container
        self._image = image
        self._image_id = image_id
        self._limits = limits
        self._uids = uids
        self._closed = False

    def execute(self, job: bytes) -> SandboxRun:
        """Send the job and read the report from the same attached stream.

        Attach, stream and remove: the envelope comes back on the connection that carried the
        job, so no wait, inspect or log read is needed when the supervisor reports; only a
        sandbox that ended without a report is inspected, for how it ended.
        """
        started = time.monotonic()
        image_id = self._image_id
        limits = self._limits
        deadline = (
            FORGIVEN_FACTOR * (2 * limits.wall_seconds + limits.harness_seconds)
            + ENGINE_MARGIN_SECONDS
        )
        try:
            job = protocol.with_uids(job, self._uids.candidate, self._uids.harness)
        except ValueError as exc:
            return self._failed(
                f"the job is not one the supervisor reads: {exc}", started, image_id
            )
        try:
            attached = self._container.attach_socket(params={"stdin": 1, "stdout": 1, "stream": 1})
        except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
            return self._failed(f"could not attach to the sandbox: {exc}", started, image_id)
        raw = getattr(attached, "_sock", attached)
        try:
            raw.sendall(job)
            with contextlib.suppress(OSError):
                raw.shutdown(socket.SHUT_WR)  # end-of-file on the supervisor's stdin
        except OSError as exc:
            attached.close()
            return self._failed(f"could not send the job to the sandbox: {exc}", started, image_id)
        try:
            stdout = read_stdout(raw, started + deadline, MAX_ENVELOPE_BYTES)
        except OSError as exc:
            return self._failed(f"could not read the sandbox's report: {exc}", started, image_id)
        finally:
            attached.close()
        if stdout is None:
            with contextlib.suppress(docker.errors.DockerException):
                self._container.kill()
            return self._failed(
                f"the sandbox did not finish within {deadline:g} s and was killed",
                started,
                image_id,
            )
        envelope = protocol.read_envelope(stdout)
        if envelope is not None:
            wall_ms = int((time.monotonic() - started) * 1000)
            return SandboxRun(envelope, None, False, self._image, image_id, wall_ms)
        return self._ended_without_report(started, image_id)

    def _ended_without_report(self, started: float, image_id: str) -> SandboxRun:
        """How a sandbox that wrote no report ended, as the engine saw it (the OOM killer?)."""
        try:
            self._container.wait(timeout=ENGINE_MARGIN_SECONDS)
            self._container.reload()
            state = self._container.attrs.get("State", {})
        except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
            return self._failed(f"could not read how the sandbox ended: {exc}", started, image_id)
        wall_ms = int((time.monotonic() - started) * 1000)
        return SandboxRun(
            None,
            f"the sandbox's supervisor ended (status {state.get('ExitCode')}) without a report",
            bool(state.get("OOMKilled", False)),
            self._image,
            image_id,
            wall_ms,
        )

    def _failed(self, message: str, started: float, image_id: str) -> SandboxRun:
        wall_ms = int((time.monotonic() - started) * 1000)
        return SandboxRun(None, message, False, self._image, image_id, wall_ms)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(docker.errors.NotFound):
            try:
                self._container.remove(force=True)
            except docker.errors.APIError as exc:
                if exc.status_code != 409:  # removal already in progress
                    raise  # the uids stay leased: processes may still run under them
        self._uids.release()


class DockerBackend:
    """Prepares one container per job from a runner image."""

    def __init__(
        self, client: docker.DockerClient, image: str, *, uids: UidPool, runtime: str | None = None
    ):
        self._client = client
        self.image = image
        self._runtime = runtime
        self._uids = uids
        self._owner = current_owner()
        self._known_image_id: str | None = None

    def prepare(self, limits: SandboxLimits) -> DockerSandbox:
        uids = self._uids.lease()
        try:
            return self._prepare(limits, uids)
        except BaseException:
            uids.release()
            raise

    def _prepare(self, limits: SandboxLimits, uids: UidLease) -> DockerSandbox:
        memory = limits.memory_bytes + SUPERVISOR_HEADROOM_BYTES
        workdir = max(1, limits.workdir_bytes // (1024 * 1024))
        tmpfs_common = "rw,nosuid,nodev,noexec,nr_inodes=16384"
        api = self._client.api
        try:
            host_config = api.create_host_config(
                network_mode="none",
                mem_limit=memory,
                memswap_limit=memory,
                mem_swappiness=0,
                nano_cpus=int(limits.cpus * 1e9),
                pids_limit=limits.processes + 64,
                read_only=True,
                tmpfs={
                    protocol.CANDIDATE_DIR: f"{tmpfs_common},size={workdir}m,mode=0700,"
                    f"uid={uids.candidate},gid={uids.candidate}",
                    "/tmp": f"{tmpfs_common},size={workdir}m,mode=1777",  # noqa: S108
                    protocol.HARNESS_DIR: f"{tmpfs_common},size=64m,mode=0700,"
                    f"uid={uids.harness},gid={uids.harness}",
                },
                shm_size=16 * 1024 * 1024,
                cap_drop=["ALL"],
                cap_add=["SETUID", "SETGID", "KILL"],
                security_opt=["no-new-privileges"],
                # The report comes back on the attached stream: nothing to log.
                log_config=docker.types.LogConfig(type="none"),
                ulimits=[docker.types.Ulimit(name="core", soft=0, hard=0)],
                runtime=self._runtime,
            )
            created = api.create_container(
                self.image,
                name=f"grader-{uuid.uuid4().hex[:12]}",
                # Not detached with stdin open is how docker-py sets StdinOnce: the
                # supervisor sees end-of-file once the job has been written.
                detach=False,
                stdin_open=True,
                user="0:0",
                environment={},
                hostname="sandbox",
                network_disabled=True,
                labels={LABEL: "1", OWNER_LABEL: self._owner},
                host_config=host_config,
            )
            # The model without an inspect: the id is all later calls need.
            container = self._client.containers.prepare_model({"Id": created["Id"]})
            image_id = self._image_id()
        except docker.errors.ImageNotFound:
            raise SandboxFailed(
                f"the runner image {self.image} is missing; build it with `grader images build`"
            ) from None
        except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
            raise SandboxFailed(f"could not create a sandbox: {exc}") from None
        try:
            container.start()
        except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
            with contextlib.suppress(docker.errors.DockerException):
                container.remove(force=True)
            raise SandboxFailed(f"could not start a sandbox: {exc}") from None
        return DockerSandbox(self._client, container, self.image, limits, uids, image_id)

    def _image_id(self) -> str:
        """The runner image's id, asked of the engine once: its tag names its content."""
        if self._known_image_id is None:
            self._known_image_id = str(self._client.images.get(self.image).id)
        return self._known_image_id

    def remove_leftovers(self) -> int:
        removed = 0
        try:
            containers = self._client.containers.list(all=True, filters={"label": LABEL})
        except (docker.errors.DockerException, requests.exceptions.RequestException):
            return 0
        for container in containers:
            owner = str(container.labels.get(OWNER_LABEL, ""))
            if owner == self._owner or _owner_alive(owner):
                continue
            with contextlib.suppress(docker.errors.DockerException):
                container.remove(force=True)
                removed += 1
        return removed
