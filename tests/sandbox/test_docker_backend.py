"""The Docker backend's container settings and its clean-up of leftovers."""

from __future__ import annotations

import socket
from typing import get_args

import docker
import pytest

from grader.bank.manifest import Limits, Runner
from grader.bank.question import Question
from grader.config import Settings
from grader.grading import effective_limits
from grader.runtime import Runtime
from grader.sandbox.docker import LABEL, OWNER_LABEL, DockerBackend
from grader.sandbox.uids import UidPool

pytestmark = pytest.mark.docker


@pytest.mark.parametrize("image", get_args(Runner))
def test_prepared_sandbox_is_locked_down(runtime: Runtime, linear: Question, image: str) -> None:
    backend = runtime.backend(image)
    assert backend.image.startswith(f"grader-runner-{image}:")
    limits = effective_limits(linear.manifest.limits, Settings())
    sandbox = backend.prepare(limits)
    try:
        attrs = docker.from_env().containers.get(sandbox._container.id).attrs
    finally:
        sandbox.close()
    host = attrs["HostConfig"]
    assert host["NetworkMode"] == "none"
    assert host["ReadonlyRootfs"] is True
    assert host["CapDrop"] == ["ALL"]
    assert sorted(host["CapAdd"]) == ["KILL", "SETGID", "SETUID"]
    assert host["SecurityOpt"] == ["no-new-privileges"]
    assert host["Memory"] == host["MemorySwap"] == 512 * 1024 * 1024 + 160 * 1024 * 1024
    assert host["NanoCpus"] == 1_000_000_000
    assert host["PidsLimit"] == 64 + 64
    assert host["Privileged"] is False
    assert set(host["Tmpfs"]) == {"/work", "/tmp", "/run/harness"}
    # The sandbox's own uids, leased from the host-wide pool for as long as it lives.
    candidate, harness = sandbox._uids.candidate, sandbox._uids.harness
    assert candidate >= 100_000 and harness == candidate + 1 and candidate % 2 == 0
    assert "size=64m" in host["Tmpfs"]["/work"] and f"uid={candidate}," in host["Tmpfs"]["/work"]
    assert f"uid={harness}," in host["Tmpfs"]["/run/harness"]
    env = attrs["Config"]["Env"]
    assert not [e for e in env if e.startswith(("GRADER", "DATABASE", "API"))]
    with pytest.raises(docker.errors.NotFound):
        docker.from_env().containers.get(sandbox._container.id)


def test_leftovers_of_a_dead_service_are_removed_and_live_ones_kept(runtime: Runtime) -> None:
    client = docker.from_env()
    backend = runtime.backend("python")
    dead = client.containers.create(
        backend.image, labels={LABEL: "1", OWNER_LABEL: f"{socket.gethostname()}:999999999:1"}
    )
    mine = backend.prepare(effective_limits(Limits(), Settings()))
    try:
        uids = UidPool(Settings().sandbox_uid_dir)
        removed = DockerBackend(client, backend.image, uids=uids).remove_leftovers()
        # The engine is shared with the tests beside this one: a service they killed (the
        # scale-out and durability tests SIGKILL workers mid-grading) may have left its own
        # containers, which are leftovers of a dead service too. This test's are checked exactly.
        assert removed >= 1
        with pytest.raises(docker.errors.NotFound):
            client.containers.get(str(dead.id))
        assert client.containers.get(mine._container.id).status in ("created", "running")
    finally:
        mine.close()
